package images

// An Entry is what the table knows about the images matching one pattern.
//
// Repo patterns: see repoMatch. Tag patterns: "|"-separated path.Match
// globs, "" matches any tag. Lookup takes the family from the first entry
// that matches and names one, and the users from the first entry that
// matches and has Facts: tag conventions (alpine, slim, chiseled, windows)
// decide the family of any image, while what an image ships comes from its
// own entry. So the entries that read tags come before those that name
// images, and an entry about one tag of an image before the image's own.
type Entry struct {
	Repo, Tag string
	Family    Family // "" = says nothing about the family
	Variant   string // template detail: "busybox", "microdnf", "distroless"…
	// Install is the package manager that must install shadow-utils before
	// groupadd/useradd exist ("" = they are there).
	Install string
	// MaxID is the largest UID/GID the image's adduser accepts (0 = any).
	MaxID  int
	Facts  *Facts // nil = says nothing about users
	Source string // where the facts come from
}

// Facts are what an image ships with, where it matters for hardening.
type Facts struct {
	// User is the image's configured default user ("" = root).
	User string
	// Users are accounts the image already has: creating one with the same
	// name or UID fails the build.
	Users []User
	// StepDown: the image starts as root and drops privileges itself
	// (gosu/su-exec in its entrypoint, or a master process that switches to
	// a worker user); a USER instruction breaks it.
	StepDown bool
}

// User is an account an image ships.
type User struct {
	Name string
	UID  int
}

var nonroot = []User{{"nonroot", 65532}, {"nobody", 65534}}

const hub = "the image's Dockerfile (docker-library)"

// Table is every image dockerharden knows, in lookup order.
var Table = []Entry{
	// Windows: --chown is not supported there.
	{Repo: "mcr.microsoft.com/windows/**", Family: Windows},
	{Repo: "**", Tag: "*nanoserver*|*windowsservercore*|*servercore*|ltsc20*", Family: Windows},

	// No shell or no user tools: numeric USER and --chown only.
	{Repo: "scratch", Family: ShellLess, Variant: "scratch"},
	{Repo: "gcr.io/distroless/**", Tag: "*nonroot*", Facts: &Facts{User: "65532", Users: nonroot}, Source: "GoogleContainerTools/distroless README (:nonroot tags)"},
	{Repo: "gcr.io/distroless/**", Family: ShellLess, Variant: "distroless", Facts: &Facts{Users: nonroot}, Source: "GoogleContainerTools/distroless base passwd"},
	{Repo: "mcr.microsoft.com/dotnet/**", Tag: "*chiseled*", Facts: &Facts{User: "1654", Users: []User{{"app", 1654}}}, Source: "dotnet/dotnet-docker: chiseled images set USER app (1654)"},
	{Repo: "**", Tag: "*chiseled*|*distroless*", Family: ShellLess, Variant: "distroless"},
	{Repo: "cgr.dev/chainguard/wolfi-base", Family: Alpine, Variant: "wolfi", Facts: &Facts{Users: nonroot}, Source: "Chainguard images docs"},
	{Repo: "cgr.dev/**", Tag: "*-dev|dev", Family: Alpine, Variant: "wolfi"},
	{Repo: "cgr.dev/**", Family: ShellLess, Variant: "chainguard", Facts: &Facts{User: "65532", Users: nonroot}, Source: "Chainguard images docs: run as nonroot 65532"},
	{Repo: "*/ubi*-micro", Family: ShellLess, Variant: "ubi-micro"},

	// busybox and Alpine (busybox adduser/addgroup).
	{Repo: "busybox", Family: Alpine, Variant: "busybox", MaxID: 60000, Facts: &Facts{Users: []User{{"nobody", 65534}}}, Source: "busybox adduser: UIDs above 60000 refused"},
	{Repo: "**", Tag: "*alpine*", Family: Alpine},
	{Repo: "alpine", Family: Alpine},

	// RHEL and relatives (shadow-utils; minimal images install it first).
	{Repo: "*/ubi*-minimal", Family: RHEL, Variant: "microdnf", Install: "microdnf"},
	{Repo: "**", Tag: "*ubi*-minimal*|*ubi*minimal*", Family: RHEL, Variant: "microdnf", Install: "microdnf"},
	{Repo: "redhat/ubi*", Family: RHEL},
	{Repo: "registry.access.redhat.com/**", Family: RHEL},
	{Repo: "registry.redhat.io/**", Family: RHEL},
	{Repo: "**", Tag: "*amazonlinux*|*al2023*|*-al2", Family: RHEL, Variant: "yum", Install: "yum"},
	{Repo: "**", Tag: "*ubi*|*oraclelinux*", Family: RHEL},
	{Repo: "fedora", Family: RHEL},
	{Repo: "fedora/**", Family: RHEL},
	{Repo: "quay.io/fedora/**", Family: RHEL},
	{Repo: "centos", Family: RHEL},
	{Repo: "quay.io/centos/**", Family: RHEL},
	{Repo: "rockylinux", Family: RHEL},
	{Repo: "rockylinux/**", Family: RHEL},
	{Repo: "almalinux", Family: RHEL},
	{Repo: "almalinux/**", Family: RHEL},
	{Repo: "oraclelinux", Family: RHEL},
	{Repo: "amazonlinux", Family: RHEL, Variant: "yum", Install: "yum"},
	{Repo: "public.ecr.aws/amazonlinux/**", Family: RHEL, Variant: "yum", Install: "yum"},
	{Repo: "mcr.microsoft.com/azurelinux/**", Family: RHEL, Variant: "tdnf", Install: "tdnf"},
	{Repo: "mcr.microsoft.com/cbl-mariner/**", Family: RHEL, Variant: "tdnf", Install: "tdnf"},
	{Repo: "**", Tag: "*azurelinux*|*cbl-mariner*", Family: RHEL, Variant: "tdnf", Install: "tdnf"},

	// Debian and Ubuntu, by name or by a release/variant tag.
	{Repo: "debian", Family: Debian},
	{Repo: "ubuntu", Family: Debian, Facts: &Facts{Users: []User{{"ubuntu", 1000}}}, Source: "ubuntu 23.04+ ships user ubuntu (1000)"},
	{Repo: "**", Tag: "*bookworm*|*bullseye*|*buster*|*trixie*|*forky*|*jammy*|*noble*|*focal*|*resolute*|*slim*|*debian*|*ubuntu*", Family: Debian},
	{Repo: "mysql", Family: RHEL, Facts: &Facts{StepDown: true, Users: []User{{"mysql", 999}}}, Source: hub + ": oraclelinux base, gosu entrypoint"},

	// Official images whose default variant is Debian (or Ubuntu).
	{Repo: "python", Family: Debian},
	{Repo: "node", Family: Debian, Facts: &Facts{Users: []User{{"node", 1000}}}, Source: hub + ": user node (1000)"},
	{Repo: "golang", Family: Debian},
	{Repo: "ruby", Family: Debian},
	{Repo: "php", Family: Debian, Facts: &Facts{Users: []User{{"www-data", 33}}}, Source: "Debian's www-data (33)"},
	{Repo: "perl", Family: Debian},
	{Repo: "rust", Family: Debian},
	{Repo: "nginx", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"nginx", 101}}}, Source: hub + ": master runs as root, workers as nginx (101)"},
	{Repo: "httpd", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"www-data", 33}}}, Source: hub + ": master runs as root, workers as www-data"},
	{Repo: "postgres", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"postgres", 999}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "redis", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"redis", 999}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "mariadb", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"mysql", 999}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "mongo", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"mongodb", 999}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "rabbitmq", Family: Debian, Facts: &Facts{StepDown: true, Users: []User{{"rabbitmq", 999}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "memcached", Family: Debian, Facts: &Facts{User: "memcache", Users: []User{{"memcache", 11211}}}, Source: hub + ": USER memcache"},
	{Repo: "haproxy", Family: Debian, Facts: &Facts{User: "haproxy", Users: []User{{"haproxy", 99}}}, Source: hub + ": USER haproxy"},
	{Repo: "openjdk", Family: Debian},
	{Repo: "eclipse-temurin", Family: Debian, Facts: &Facts{Users: []User{{"ubuntu", 1000}}}, Source: "Ubuntu base: user ubuntu (1000)"},
	{Repo: "amazoncorretto", Family: RHEL, Variant: "yum", Install: "yum"},
	{Repo: "maven", Family: Debian},
	{Repo: "gradle", Family: Debian},
	{Repo: "tomcat", Family: Debian},
	{Repo: "buildpack-deps", Family: Debian},
	{Repo: "elixir", Family: Debian},
	{Repo: "erlang", Family: Debian},
	{Repo: "wordpress", Family: Debian},
	{Repo: "jenkins/jenkins", Family: Debian, Facts: &Facts{User: "jenkins", Users: []User{{"jenkins", 1000}}}, Source: "jenkinsci/docker: USER jenkins"},
	{Repo: "mcr.microsoft.com/dotnet/**", Family: Debian, Facts: &Facts{Users: []User{{"app", 1654}}}, Source: "dotnet/dotnet-docker: .NET 8+ images ship user app (1654)"},
	{Repo: "mcr.microsoft.com/devcontainers/**", Family: Debian},

	// Images known only for their users.
	{Repo: "couchdb", Facts: &Facts{StepDown: true}, Source: hub + ": gosu entrypoint"},
	{Repo: "nginxinc/nginx-unprivileged", Facts: &Facts{User: "101", Users: []User{{"nginx", 101}}}, Source: "nginxinc/docker-nginx-unprivileged: USER 101"},
	{Repo: "jupyter/**", Facts: &Facts{User: "jovyan", Users: []User{{"jovyan", 1000}}}, Source: "jupyter/docker-stacks: USER jovyan"},
	{Repo: "quay.io/jupyter/**", Facts: &Facts{User: "jovyan", Users: []User{{"jovyan", 1000}}}, Source: "jupyter/docker-stacks: USER jovyan"},
	{Repo: "prom/**", Facts: &Facts{User: "nobody"}, Source: "prometheus Dockerfiles: USER nobody"},
}

// SystemNames are accounts that exist in (almost) every Linux base image.
var SystemNames = map[string]bool{
	"root": true, "daemon": true, "bin": true, "sys": true, "adm": true, "sync": true,
	"games": true, "man": true, "lp": true, "mail": true, "news": true, "uucp": true,
	"proxy": true, "www-data": true, "backup": true, "list": true, "irc": true,
	"nobody": true, "nogroup": true, "wheel": true, "users": true, "staff": true,
	"shadow": true, "utmp": true, "tty": true, "disk": true, "operator": true,
	"ftp": true, "halt": true, "shutdown": true,
}
