package rewrite

// familyRow maps an image (repository pattern, tag pattern) to a family.
// Repo patterns: see repoMatch. Tag patterns: "|"-separated path.Match
// globs, "" matches any tag. Order matters: the first match wins, so tag
// rules that override an image's default (alpine, windows, chiseled) come
// before the rows that name images.
type familyRow struct {
	Repo, Tag string
	Family    Family
	Variant   string
}

var familyTable = []familyRow{
	// Windows: --chown is not supported there.
	{"mcr.microsoft.com/windows/**", "", Windows, ""},
	{"**", "*nanoserver*|*windowsservercore*|*servercore*|ltsc20*", Windows, ""},

	// No shell or no user tools: numeric USER and --chown only.
	{"scratch", "", ShellLess, "scratch"},
	{"gcr.io/distroless/**", "", ShellLess, "distroless"},
	{"**", "*chiseled*|*distroless*", ShellLess, "distroless"},
	{"cgr.dev/chainguard/wolfi-base", "", Alpine, "wolfi"},
	{"cgr.dev/**", "*-dev|dev", Alpine, "wolfi"},
	{"cgr.dev/**", "", ShellLess, "chainguard"},
	{"*/ubi*-micro", "", ShellLess, "ubi-micro"},

	// busybox and Alpine (busybox adduser/addgroup).
	{"busybox", "", Alpine, "busybox"},
	{"**", "*alpine*", Alpine, ""},
	{"alpine", "", Alpine, ""},

	// RHEL and relatives (shadow-utils; minimal images install it first).
	{"*/ubi*-minimal", "", RHEL, "microdnf"},
	{"**", "*ubi*-minimal*|*ubi*minimal*", RHEL, "microdnf"},
	{"redhat/ubi*", "", RHEL, ""},
	{"registry.access.redhat.com/**", "", RHEL, ""},
	{"registry.redhat.io/**", "", RHEL, ""},
	{"**", "*amazonlinux*|*al2023*|*-al2", RHEL, "yum"},
	{"**", "*ubi*|*oraclelinux*", RHEL, ""},
	{"fedora", "", RHEL, ""},
	{"fedora/**", "", RHEL, ""},
	{"quay.io/fedora/**", "", RHEL, ""},
	{"centos", "", RHEL, ""},
	{"quay.io/centos/**", "", RHEL, ""},
	{"rockylinux", "", RHEL, ""},
	{"rockylinux/**", "", RHEL, ""},
	{"almalinux", "", RHEL, ""},
	{"almalinux/**", "", RHEL, ""},
	{"oraclelinux", "", RHEL, ""},
	{"amazonlinux", "", RHEL, "yum"},
	{"public.ecr.aws/amazonlinux/**", "", RHEL, "yum"},
	{"mcr.microsoft.com/azurelinux/**", "", RHEL, "tdnf"},
	{"mcr.microsoft.com/cbl-mariner/**", "", RHEL, "tdnf"},
	{"**", "*azurelinux*|*cbl-mariner*", RHEL, "tdnf"},

	// Debian and Ubuntu, by name or by a release/variant tag.
	{"debian", "", Debian, ""},
	{"ubuntu", "", Debian, ""},
	{"**", "*bookworm*|*bullseye*|*buster*|*trixie*|*forky*|*jammy*|*noble*|*focal*|*resolute*|*slim*|*debian*|*ubuntu*", Debian, ""},
	{"mysql", "", RHEL, ""}, // the default mysql image is oraclelinux
	// Official images whose default variant is Debian (or Ubuntu).
	{"python", "", Debian, ""},
	{"node", "", Debian, ""},
	{"golang", "", Debian, ""},
	{"ruby", "", Debian, ""},
	{"php", "", Debian, ""},
	{"perl", "", Debian, ""},
	{"rust", "", Debian, ""},
	{"nginx", "", Debian, ""},
	{"httpd", "", Debian, ""},
	{"postgres", "", Debian, ""},
	{"redis", "", Debian, ""},
	{"mariadb", "", Debian, ""},
	{"mongo", "", Debian, ""},
	{"rabbitmq", "", Debian, ""},
	{"memcached", "", Debian, ""},
	{"haproxy", "", Debian, ""},
	{"openjdk", "", Debian, ""},
	{"eclipse-temurin", "", Debian, ""},
	{"amazoncorretto", "", RHEL, "yum"},
	{"maven", "", Debian, ""},
	{"gradle", "", Debian, ""},
	{"tomcat", "", Debian, ""},
	{"buildpack-deps", "", Debian, ""},
	{"elixir", "", Debian, ""},
	{"erlang", "", Debian, ""},
	{"wordpress", "", Debian, ""},
	{"jenkins/jenkins", "", Debian, ""},
	{"mcr.microsoft.com/dotnet/**", "", Debian, ""},
	{"mcr.microsoft.com/devcontainers/**", "", Debian, ""},
}

// imageFacts are what an image ships with, where it matters for hardening.
type imageFacts struct {
	// User is the image's configured default user ("" = root).
	User string
	// Users are accounts the image already has: creating one with the same
	// name or UID fails the build.
	Users []knownUser
	// StepDown: the image's entrypoint starts as root and drops privileges
	// itself (gosu/su-exec); a USER instruction breaks it.
	StepDown bool
}

type knownUser struct {
	Name string
	UID  int
}

type factsRow struct {
	Repo, Tag string
	imageFacts
}

var nonroot = []knownUser{{"nonroot", 65532}, {"nobody", 65534}}

var factsTable = []factsRow{
	{"gcr.io/distroless/**", "*nonroot*", imageFacts{User: "65532", Users: nonroot}},
	{"gcr.io/distroless/**", "", imageFacts{Users: nonroot}},
	{"cgr.dev/chainguard/wolfi-base", "", imageFacts{Users: nonroot}},
	{"cgr.dev/**", "", imageFacts{User: "65532", Users: nonroot}},
	{"mcr.microsoft.com/dotnet/**", "*chiseled*", imageFacts{User: "1654", Users: []knownUser{{"app", 1654}}}},
	{"mcr.microsoft.com/dotnet/**", "", imageFacts{Users: []knownUser{{"app", 1654}}}},
	{"node", "", imageFacts{Users: []knownUser{{"node", 1000}}}},
	{"ubuntu", "", imageFacts{Users: []knownUser{{"ubuntu", 1000}}}},
	{"eclipse-temurin", "", imageFacts{Users: []knownUser{{"ubuntu", 1000}}}},
	// nginx and httpd masters start as root, bind :80 and drop to their
	// worker user themselves: a USER breaks them (nginx-unprivileged exists).
	{"nginx", "", imageFacts{StepDown: true, Users: []knownUser{{"nginx", 101}}}},
	{"nginxinc/nginx-unprivileged", "", imageFacts{User: "101", Users: []knownUser{{"nginx", 101}}}},
	{"postgres", "", imageFacts{StepDown: true, Users: []knownUser{{"postgres", 999}}}},
	{"redis", "", imageFacts{StepDown: true, Users: []knownUser{{"redis", 999}}}},
	{"mysql", "", imageFacts{StepDown: true, Users: []knownUser{{"mysql", 999}}}},
	{"mariadb", "", imageFacts{StepDown: true, Users: []knownUser{{"mysql", 999}}}},
	{"mongo", "", imageFacts{StepDown: true, Users: []knownUser{{"mongodb", 999}}}},
	{"rabbitmq", "", imageFacts{StepDown: true, Users: []knownUser{{"rabbitmq", 999}}}},
	{"couchdb", "", imageFacts{StepDown: true}},
	{"memcached", "", imageFacts{User: "memcache", Users: []knownUser{{"memcache", 11211}}}},
	{"haproxy", "", imageFacts{User: "haproxy", Users: []knownUser{{"haproxy", 99}}}},
	{"jenkins/jenkins", "", imageFacts{User: "jenkins", Users: []knownUser{{"jenkins", 1000}}}},
	{"jupyter/**", "", imageFacts{User: "jovyan", Users: []knownUser{{"jovyan", 1000}}}},
	{"quay.io/jupyter/**", "", imageFacts{User: "jovyan", Users: []knownUser{{"jovyan", 1000}}}},
	{"prom/**", "", imageFacts{User: "nobody"}},
	{"php", "", imageFacts{Users: []knownUser{{"www-data", 33}}}},
	{"httpd", "", imageFacts{StepDown: true, Users: []knownUser{{"www-data", 33}}}},
	{"busybox", "", imageFacts{Users: []knownUser{{"nobody", 65534}}}},
}

// systemNames exist in (almost) every Linux base image.
var systemNames = map[string]bool{
	"root": true, "daemon": true, "bin": true, "sys": true, "adm": true, "sync": true,
	"games": true, "man": true, "lp": true, "mail": true, "news": true, "uucp": true,
	"proxy": true, "www-data": true, "backup": true, "list": true, "irc": true,
	"nobody": true, "nogroup": true, "wheel": true, "users": true, "staff": true,
	"shadow": true, "utmp": true, "tty": true, "disk": true, "operator": true,
	"ftp": true, "halt": true, "shutdown": true,
}
