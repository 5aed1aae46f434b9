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
	Variant   string // detail: "busybox", "ubi-minimal", "distroless"…
	// PkgMgr is the image's package manager ("" = none or unknown).
	PkgMgr string
	// NoUserAdd: the image has a shell but no groupadd/useradd or adduser
	// (ubi-micro, ubi-minimal, amazonlinux, azurelinux): accounts are
	// appended to /etc/passwd and /etc/group instead of installing tools.
	NoUserAdd bool
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
	// AppUser names the user in Users that applications conventionally
	// run as (node's node, distroless's nonroot): reused instead of
	// creating one.
	AppUser string
	// StepDown: the image starts as root and drops privileges itself
	// (gosu/su-exec in its entrypoint, or a master process that switches to
	// a worker user); a USER instruction breaks it.
	StepDown bool
	// WayOut says how to run such an image without root, for the finding.
	WayOut string
	// Writes are directories the image's own program writes at run time
	// (tomcat's logs, work, temp, webapps): a non-root app needs them.
	Writes []string
	// Env is what the image sets that the rules read: a listening port
	// (ASP.NET Core before .NET 8: ASPNETCORE_URLS=http://+:80).
	Env map[string]string
	// Volumes are the image's VOLUMEs: a child's RUN chown there is kept by
	// BuildKit but discarded by buildah and the classic builder.
	Volumes []string
	// Listen are the ports the image's program listens on by default,
	// from its own configuration (caddy's Caddyfile: :80), which lives in
	// ConfigDir: a file that copies its own config there says otherwise.
	Listen    []int
	ConfigDir string
}

// User is an account an image ships. GID 0 means "same as UID".
type User struct {
	Name string
	UID  int
	GID  int
	Home string
}

var aspnet80 = map[string]string{"ASPNETCORE_URLS": "http://+:80"}

var nonroot = []User{{"nonroot", 65532, 65532, "/home/nonroot"}, {"nobody", 65534, 65534, "/nonexistent"}}

const (
	hub = "the image's Dockerfile (docker-library)"
	// The ways out of root-by-design images, for the findings.
	gosuWayOut   = "run the container with --user (the entrypoint skips its step-down when not root; see the image's docs on arbitrary --user)"
	apacheWayOut = "Apache starts as root to bind port 80 and switches to www-data itself: keep it, or use the -fpm variant behind an unprivileged web server"
	nginxWayOut  = "use nginxinc/nginx-unprivileged (same layout, listens on 8080, runs as 101): fix --swap-base does that"
)

// Table is every image dockerharden knows, in lookup order.
var Table = []Entry{
	// Windows: --chown is not supported there.
	{Repo: "mcr.microsoft.com/windows/**", Family: Windows},
	{Repo: "mcr.microsoft.com/dotnet/framework/**", Family: Windows},
	{Repo: "**", Tag: "*nanoserver*|*windowsservercore*|*servercore*|ltsc20*", Family: Windows},

	// No shell: numeric USER and --chown only.
	{Repo: "scratch", Family: ShellLess, Variant: "scratch"},
	{Repo: "gcr.io/distroless/**", Tag: "*nonroot*", Facts: &Facts{User: "65532", Users: nonroot, AppUser: "nonroot"}, Source: "GoogleContainerTools/distroless README (:nonroot tags)"},
	{Repo: "gcr.io/distroless/**", Family: ShellLess, Variant: "distroless", Facts: &Facts{Users: nonroot, AppUser: "nonroot"}, Source: "GoogleContainerTools/distroless base passwd"},
	{Repo: "mcr.microsoft.com/dotnet/**", Tag: "*chiseled*|*distroless*", Facts: &Facts{User: "1654", Users: []User{{"app", 1654, 1654, "/home/app"}}, AppUser: "app"}, Source: "dotnet/dotnet-docker: chiseled and distroless images set USER app (1654)"},
	{Repo: "**", Tag: "*chiseled*|*distroless*", Family: ShellLess, Variant: "distroless"},
	{Repo: "cgr.dev/chainguard/wolfi-base", Family: Alpine, Variant: "wolfi", PkgMgr: "apk", Facts: &Facts{Users: nonroot, AppUser: "nonroot"}, Source: "Chainguard images docs"},
	{Repo: "cgr.dev/**", Tag: "*-dev|dev", Family: Alpine, Variant: "wolfi", PkgMgr: "apk"},
	{Repo: "cgr.dev/**", Family: ShellLess, Variant: "chainguard", Facts: &Facts{User: "65532", Users: nonroot, AppUser: "nonroot"}, Source: "Chainguard images docs: run as nonroot 65532"},

	// A shell but no user tools: accounts are appended to /etc/passwd.
	{Repo: "*/ubi*-micro", Family: RHEL, Variant: "ubi-micro", NoUserAdd: true, Source: "Red Hat: ubi-micro has no package manager and no shadow-utils"},

	// busybox and Alpine (busybox adduser/addgroup).
	{Repo: "busybox", Family: Alpine, Variant: "busybox", MaxID: 60000, Facts: &Facts{Users: []User{{"nobody", 65534, 65534, "/home"}}}, Source: "busybox adduser: UIDs above 60000 refused"},
	{Repo: "**", Tag: "*alpine*", Family: Alpine, PkgMgr: "apk"},
	{Repo: "alpine", Family: Alpine, PkgMgr: "apk"},

	// RHEL and relatives (shadow-utils; the minimal images lack it).
	{Repo: "*/ubi*-minimal", Family: RHEL, Variant: "ubi-minimal", PkgMgr: "microdnf", NoUserAdd: true, Source: "ubi-minimal ships without shadow-utils (wildfly/wildfly-container#187)"},
	{Repo: "**", Tag: "*ubi*-minimal*|*ubi*minimal*", Family: RHEL, Variant: "ubi-minimal", PkgMgr: "microdnf", NoUserAdd: true, Source: "ubi-minimal ships without shadow-utils"},
	{Repo: "oraclelinux", Tag: "*slim*", Family: RHEL, PkgMgr: "microdnf", Source: "oraclelinux slim images use microdnf and ship shadow-utils (docker-library/mysql runs useradd on them)"},
	{Repo: "almalinux", Tag: "*minimal*", Family: RHEL, Variant: "minimal", PkgMgr: "microdnf", NoUserAdd: true, Source: "almalinux minimal images use microdnf"},
	{Repo: "rockylinux", Tag: "*minimal*", Family: RHEL, Variant: "minimal", PkgMgr: "microdnf", NoUserAdd: true, Source: "rockylinux minimal images use microdnf"},
	{Repo: "redhat/ubi*", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "registry.access.redhat.com/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "registry.redhat.io/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "**", Tag: "*amazonlinux*|*al2023*|*-al2", Family: RHEL, Variant: "amazonlinux", PkgMgr: "yum", NoUserAdd: true, Source: "amazonlinux images lack shadow-utils (amazonlinux/container-images#28)"},
	{Repo: "**", Tag: "*ubi*|*oraclelinux*", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "fedora", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "fedora/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "quay.io/fedora/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "centos", Family: RHEL, PkgMgr: "yum"},
	{Repo: "quay.io/centos/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "rockylinux", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "rockylinux/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "almalinux", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "almalinux/**", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "oraclelinux", Family: RHEL, PkgMgr: "dnf"},
	{Repo: "amazonlinux", Family: RHEL, Variant: "amazonlinux", PkgMgr: "yum", NoUserAdd: true, Source: "amazonlinux images lack shadow-utils (amazonlinux/container-images#28)"},
	{Repo: "public.ecr.aws/amazonlinux/**", Family: RHEL, Variant: "amazonlinux", PkgMgr: "yum", NoUserAdd: true, Source: "amazonlinux images lack shadow-utils"},
	{Repo: "mcr.microsoft.com/azurelinux/**", Family: RHEL, Variant: "azurelinux", PkgMgr: "tdnf", NoUserAdd: true, Source: "dotnet/dotnet-docker azurelinux3.0: installs shadow-utils temporarily"},
	{Repo: "mcr.microsoft.com/cbl-mariner/**", Family: RHEL, Variant: "azurelinux", PkgMgr: "tdnf", NoUserAdd: true, Source: "as azurelinux"},
	{Repo: "**", Tag: "*azurelinux*|*cbl-mariner*", Family: RHEL, Variant: "azurelinux", PkgMgr: "tdnf", NoUserAdd: true, Source: "as azurelinux"},

	// Debian and Ubuntu, by name or by a release/variant tag.
	{Repo: "debian", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "ubuntu", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Users: []User{{"ubuntu", 1000, 1000, "/home/ubuntu"}}}, Source: "ubuntu 23.04+ ships user ubuntu (1000)"},
	{Repo: "**", Tag: "*bookworm*|*bullseye*|*buster*|*trixie*|*forky*|*jammy*|*noble*|*focal*|*resolute*|*slim*|*debian*|*ubuntu*", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "mysql", Family: RHEL, PkgMgr: "microdnf", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"mysql", 999, 999, "/var/lib/mysql"}}}, Source: hub + ": oraclelinux base, gosu entrypoint"},

	// Root by design, by tag: Apache variants bind :80 as root.
	{Repo: "php", Tag: "*apache*", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": apache2-foreground, master root, workers www-data"},
	{Repo: "wordpress", Tag: "*fpm*|cli*|*-cli*", Facts: &Facts{Users: []User{{"www-data", 33, 33, "/var/www"}}, AppUser: "www-data"}, Source: hub + ": php-fpm, www-data"},
	{Repo: "wordpress", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": default variant is apache"},
	{Repo: "drupal", Tag: "*fpm*", Facts: &Facts{Users: []User{{"www-data", 33, 33, "/var/www"}}, AppUser: "www-data"}, Source: hub + ": php-fpm, www-data"},
	{Repo: "drupal", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": default variant is apache"},
	{Repo: "joomla", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": apache"},
	{Repo: "nextcloud", Tag: "*fpm*", Facts: &Facts{Users: []User{{"www-data", 33, 33, "/var/www"}}, AppUser: "www-data"}, Source: hub + ": php-fpm, www-data"},
	{Repo: "nextcloud", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": default variant is apache"},

	// .NET before 8 ships no app user; its ASP.NET Core images listen on 80.
	{Repo: "mcr.microsoft.com/dotnet/aspnet", Tag: "1.*|2.*|3.*|5.*|6.*|7.*", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Env: aspnet80}, Source: "dotnet/docs#35959: before .NET 8 the images set ASPNETCORE_URLS=http://+:80"},
	{Repo: "mcr.microsoft.com/dotnet/core/aspnet", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Env: aspnet80}, Source: "dotnet/docs#35959: before .NET 8 the images set ASPNETCORE_URLS=http://+:80"},
	{Repo: "mcr.microsoft.com/dotnet/**", Tag: "1.*|2.*|3.*|5.*|6.*|7.*", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{}, Source: "dotnet/dotnet-docker: the app user (1654) arrived with .NET 8"},

	// Official images whose default variant is Debian (or Ubuntu).
	{Repo: "python", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "node", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Users: []User{{"node", 1000, 1000, "/home/node"}}, AppUser: "node"}, Source: hub + ": user node (1000), the docs recommend USER node"},
	{Repo: "golang", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "ruby", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "php", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Users: []User{{"www-data", 33, 33, "/var/www"}}, AppUser: "www-data"}, Source: hub + ": php-fpm pools run as www-data (33)"},
	{Repo: "perl", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "rust", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "nginx", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: nginxWayOut, Users: []User{{"nginx", 101, 101, "/nonexistent"}}}, Source: hub + ": master runs as root, workers as nginx (101)"},
	{Repo: "httpd", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: apacheWayOut, Users: []User{{"www-data", 33, 33, "/var/www"}}}, Source: hub + ": master runs as root, workers as www-data"},
	{Repo: "postgres", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"postgres", 999, 999, "/var/lib/postgresql"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "redis", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"redis", 999, 999, "/home/redis"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "mariadb", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"mysql", 999, 999, "/var/lib/mysql"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "mongo", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"mongodb", 999, 999, "/data/db"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "rabbitmq", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"rabbitmq", 999, 999, "/var/lib/rabbitmq"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "memcached", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{User: "memcache", Users: []User{{"memcache", 11211, 11211, "/home/memcache"}}}, Source: hub + ": USER memcache"},
	{Repo: "haproxy", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{User: "haproxy", Users: []User{{"haproxy", 99, 99, "/var/lib/haproxy"}}}, Source: hub + ": USER haproxy"},
	{Repo: "openjdk", Family: RHEL, PkgMgr: "microdnf", Source: "docker-library/openjdk: the default tags are oraclelinux slim (microdnf, shadow-utils present)"},
	{Repo: "eclipse-temurin", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Users: []User{{"ubuntu", 1000, 1000, "/home/ubuntu"}}}, Source: "Ubuntu base: user ubuntu (1000)"},
	{Repo: "amazoncorretto", Family: RHEL, Variant: "amazonlinux", PkgMgr: "yum", NoUserAdd: true, Source: "amazonlinux base"},
	{Repo: "maven", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "gradle", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "tomcat", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Writes: []string{"/usr/local/tomcat/logs", "/usr/local/tomcat/temp", "/usr/local/tomcat/work", "/usr/local/tomcat/webapps"}}, Source: "docker-library/tomcat: catalina writes logs, temp and work and unpacks WARs in webapps under CATALINA_HOME"},
	{Repo: "buildpack-deps", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "elixir", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "erlang", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "wordpress", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "drupal", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "jenkins/jenkins", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{User: "jenkins", Users: []User{{"jenkins", 1000, 1000, "/var/jenkins_home"}}}, Source: "jenkinsci/docker: USER jenkins"},
	{Repo: "mcr.microsoft.com/dotnet/**", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Users: []User{{"app", 1654, 1654, "/home/app"}}, AppUser: "app"}, Source: "dotnet/dotnet-docker: .NET 8+ images ship user app (1654)"},
	{Repo: "mcr.microsoft.com/devcontainers/**", Family: Debian, PkgMgr: "apt-get"},

	{Repo: "haskell", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "julia", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "swift", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "dart", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "clojure", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "r-base", Family: Debian, PkgMgr: "apt-get"},
	{Repo: "caddy", Family: Alpine, PkgMgr: "apk", Facts: &Facts{Listen: []int{80}, ConfigDir: "/etc/caddy"}, Source: "caddyserver/caddy-docker 2.11/alpine: XDG_CONFIG_HOME=/config and XDG_DATA_HOME=/data with /config/caddy and /data/caddy mode 1777 (no VOLUME since 2.5), so any user writes them; the default Caddyfile listens on :80, which setcap cap_net_bind_service lets a non-root caddy bind (not a caddy binary copied over it, nor with --cap-drop=ALL)"},
	{Repo: "traefik", Family: Alpine, PkgMgr: "apk", Source: "traefik-library-image: alpine base"},
	{Repo: "photon", Family: RHEL, Variant: "photon", PkgMgr: "tdnf", NoUserAdd: true, Source: "VMware Photon OS uses tdnf"},
	{Repo: "nats", Family: ShellLess, Variant: "scratch", Source: "nats-docker: the default tags are FROM scratch"},
	{Repo: "tiangolo/uwsgi-nginx*", Facts: &Facts{StepDown: true, WayOut: "it runs nginx and uWSGI under supervisord as root and writes /etc/nginx at start; serve the app with gunicorn or uwsgi alone on a port above 1023"}, Source: "tiangolo/uwsgi-nginx-docker: supervisord, nginx master, entrypoint writes /etc/nginx/conf.d"},
	{Repo: "rethinkdb", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{Writes: []string{"/data"}, Volumes: []string{"/data"}}, Source: "docker-library/rethinkdb: WORKDIR and VOLUME /data"},
	{Repo: "gcr.io/dataflow-templates-base/**", Facts: &Facts{StepDown: true, WayOut: "the template launcher writes /var/log/dataflow and its pip cache as root; keep root (python-docs-samples#13213)"}, Source: "GoogleCloudPlatform/python-docs-samples#13213: the Flex Template launcher fails as non-root"},
	{Repo: "minio/minio", Family: RHEL, Variant: "ubi-micro", NoUserAdd: true, Facts: &Facts{Writes: []string{"/data"}, Volumes: []string{"/data"}}, Source: "minio Dockerfile.release: ubi-micro base, VOLUME /data"},
	{Repo: "quay.io/minio/minio", Family: RHEL, Variant: "ubi-micro", NoUserAdd: true, Facts: &Facts{Writes: []string{"/data"}, Volumes: []string{"/data"}}, Source: "minio Dockerfile.release: ubi-micro base, VOLUME /data"},

	// Images whose entrypoint starts as root and drops privileges.
	{Repo: "cassandra", Family: Debian, PkgMgr: "apt-get", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"cassandra", 999, 999, "/home/cassandra"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "zookeeper", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"zookeeper", 1000, 1000, "/home/zookeeper"}}}, Source: hub + ": gosu entrypoint"},
	{Repo: "neo4j", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"neo4j", 7474, 7474, "/var/lib/neo4j"}}}, Source: "neo4j/docker-neo4j-publish: tini + su-exec entrypoint"},
	{Repo: "influxdb", Tag: "3*", Facts: &Facts{User: "influxdb3", Users: []User{{"influxdb3", 1500, 1500, "/home/influxdb3"}}}, Source: "influxdata-docker influxdb/3.x: USER influxdb3"},
	{Repo: "influxdb", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"influxdb", 1000, 1000, "/home/influxdb"}}}, Source: "influxdata-docker influxdb/2.x: setpriv entrypoint"},
	{Repo: "telegraf", Facts: &Facts{StepDown: true, WayOut: gosuWayOut}, Source: "influxdata-docker telegraf: setpriv entrypoint"},
	{Repo: "ghost", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"node", 1000, 1000, "/home/node"}}}, Source: "docker-library-ghost: gosu node entrypoint"},
	{Repo: "redmine", Facts: &Facts{StepDown: true, WayOut: gosuWayOut, Users: []User{{"redmine", 999, 999, "/home/redmine"}}}, Source: hub + ": gosu entrypoint; --user works"},
	{Repo: "hashicorp/consul", Facts: &Facts{StepDown: true, WayOut: gosuWayOut}, Source: "hashicorp/docker-consul: su-exec entrypoint"},
	{Repo: "hashicorp/vault", Facts: &Facts{StepDown: true, WayOut: "set SKIP_SETCAP and run with --user, or keep root for mlock"}, Source: "hashicorp/docker-vault: su-exec and setcap at start"},
	{Repo: "docker", Tag: "*rootless*", Facts: &Facts{User: "rootless", Users: []User{{"rootless", 1000, 1000, "/home/rootless"}}}, Source: "docker-library/docker: dind-rootless runs as rootless"},
	{Repo: "docker", Tag: "*dind*", Family: Alpine, PkgMgr: "apk", Facts: &Facts{StepDown: true, WayOut: "dockerd needs root; use docker:dind-rootless"}, Source: "docker-library/docker: dockerd needs root"},

	// Images that already run as non-root, or are known only for their users.
	{Repo: "docker.elastic.co/**", Facts: &Facts{User: "1000"}, Source: "elastic/dockerfiles: elasticsearch, kibana, logstash run as 1000"},
	{Repo: "elasticsearch", Facts: &Facts{User: "1000"}, Source: "elastic/dockerfiles: USER 1000:0"},
	{Repo: "kibana", Facts: &Facts{User: "1000"}, Source: "elastic/dockerfiles: USER 1000"},
	{Repo: "logstash", Facts: &Facts{User: "1000"}, Source: "elastic/dockerfiles: USER 1000"},
	{Repo: "quay.io/keycloak/keycloak", Facts: &Facts{User: "1000"}, Source: "keycloak Containerfile: USER 1000"},
	{Repo: "varnish", Facts: &Facts{User: "varnish", Users: []User{{"varnish", 1000, 1000, "/nonexistent"}}}, Source: "varnish-docker: USER varnish"},
	{Repo: "solr", Facts: &Facts{User: "8983", Users: []User{{"solr", 8983, 8983, "/var/solr"}}}, Source: "apache/solr-docker: USER $SOLR_UID (8983)"},
	{Repo: "sonarqube", Facts: &Facts{User: "sonarqube", Users: []User{{"sonarqube", 1000, 0, "/opt/sonarqube"}}}, Source: "SonarSource/docker-sonarqube: USER sonarqube"},
	{Repo: "groovy", Facts: &Facts{User: "1000:1000", Users: []User{{"groovy", 1000, 1000, "/home/groovy"}}}, Source: "groovy/docker-groovy: USER 1000:1000"},
	{Repo: "couchdb", Facts: &Facts{StepDown: true, WayOut: gosuWayOut}, Source: hub + ": gosu entrypoint"},
	{Repo: "nginxinc/nginx-unprivileged", Facts: &Facts{User: "101", Users: []User{{"nginx", 101, 101, "/nonexistent"}}}, Source: "nginxinc/docker-nginx-unprivileged: USER 101"},
	{Repo: "jupyter/**", Facts: &Facts{User: "1000", Users: []User{{"jovyan", 1000, 100, "/home/jovyan"}}}, Source: "jupyter/docker-stacks: USER ${NB_UID} (1000), group 100; frozen on Docker Hub since 2023"},
	{Repo: "quay.io/jupyter/**", Facts: &Facts{User: "1000", Users: []User{{"jovyan", 1000, 100, "/home/jovyan"}}}, Source: "jupyter/docker-stacks: USER ${NB_UID} (1000), group 100"},
	{Repo: "prom/**", Facts: &Facts{User: "nobody"}, Source: "prometheus Dockerfiles: USER nobody"},
	{Repo: "selenium/**", Facts: &Facts{User: "1200", Users: []User{{"seluser", 1200, 1201, "/home/seluser"}}}, Source: "SeleniumHQ/docker-selenium: USER 1200"},
	{Repo: "gitpod/workspace-*", Facts: &Facts{User: "gitpod", Users: []User{{"gitpod", 33333, 33333, "/home/gitpod"}}}, Source: "gitpod-io/workspace-images: USER gitpod"},
	{Repo: "bitnami/**", Facts: &Facts{User: "1001"}, Source: "bitnami/containers: most images set USER 1001"},
	{Repo: "grafana/grafana*", Facts: &Facts{User: "472"}, Source: "grafana Dockerfile: USER 472"},
	{Repo: "grafana/k6", Family: Alpine, PkgMgr: "apk", Facts: &Facts{User: "k6", Users: []User{{"k6", 12345, 12345, "/home/k6"}}, AppUser: "k6"}, Source: "grafana/k6 Dockerfile: adduser -D -u 12345 -g 12345 k6, USER k6, WORKDIR /home/k6"},
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
