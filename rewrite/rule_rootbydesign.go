package rewrite

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// rootPrograms need root by nature, or start as root and drop privileges
// themselves; each with the way out the finding names.
var rootPrograms = map[string]string{
	"sshd":                  "sshd needs root to switch to the logged-in user; run the app without sshd and use docker exec",
	"cron":                  "cron runs jobs as their owners and refuses job files owned by others; use a non-root scheduler such as supercronic",
	"crond":                 "cron runs jobs as their owners and refuses job files owned by others; use a non-root scheduler such as supercronic",
	"supervisord":           "supervisord starts its programs as the users they name; run one process per container, or configure supervisord and its programs to run unprivileged yourself",
	"systemd":               "an init system needs root",
	"init":                  "an init system needs root",
	"s6-svscan":             "s6-overlay's /init needs root unless configured for non-root (S6_READ_ONLY_ROOT, USER in the image)",
	"runsvdir":              "runit needs root",
	"dockerd":               "dockerd needs root; use the rootless variant (docker:dind-rootless)",
	"dockerd-entrypoint.sh": "dockerd needs root; use the rootless variant (docker:dind-rootless)",
	"containerd":            "containerd needs root",
	"openvpn":               "a VPN needs to configure the network as root",
	"wg-quick":              "a VPN needs to configure the network as root",
	"tailscaled":            "tailscaled needs root for kernel networking; use userspace networking",
	"iptables":              "iptables needs root",
	"rsyslogd":              "rsyslogd binds privileged ports and drops privileges itself",
	"postfix":               "postfix starts as root and drops privileges itself",
	"dovecot":               "dovecot starts as root and drops privileges itself",
	"nginx":                 "the nginx master starts as root, binds port 80 and switches workers to the user in nginx.conf; use nginxinc/nginx-unprivileged, or listen on 8080 and move pid and temp paths to /tmp",
	"httpd":                 "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"httpd-foreground":      "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"apache2":               "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"apache2-foreground":    "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"apachectl":             "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"apache2ctl":            "Apache starts as root, binds port 80 and switches to its worker user; configure Listen 8080 and run it as that user yourself",
	"named":                 "named binds port 53 and drops privileges itself",
	"dnsmasq":               "dnsmasq binds port 53 and drops privileges itself",
	"squid":                 "squid starts as root and drops privileges itself",
	"vsftpd":                "an FTP server needs root to switch users",
	"smbd":                  "Samba needs root to switch users",
	// Programs whose usual set-up needs root's ports or the Docker socket.
	"traefik":             "Traefik's default entry points bind ports 80 and 443 and its Docker provider reads the Docker socket; move the entry points to 8080/8443, use the file or Kubernetes provider, then add USER yourself",
	"woodpecker-agent":    "a CI agent with the Docker backend drives the host's Docker socket; run it with --group-add <the socket's GID>, or use its Kubernetes or local backend, then add USER yourself",
	"drone-runner-docker": "a CI runner with the Docker backend drives the host's Docker socket; run it with --group-add <the socket's GID>, then add USER yourself",
	"gitlab-runner":       "gitlab-runner's Docker executor drives the host's Docker socket and it writes /etc/gitlab-runner; use its Kubernetes executor or run with --group-add <the socket's GID>",
	"watchtower":          "watchtower drives the host's Docker socket; run it with --group-add <the socket's GID>",
	"docker-gen":          "docker-gen reads the host's Docker socket; run it with --group-add <the socket's GID>",
	"portainer":           "Portainer drives the host's Docker socket; run it with --group-add <the socket's GID>",
	"cadvisor":            "cAdvisor reads /sys, /var/lib/docker and the Docker socket, which need root",
	// Commands that change the system itself.
	"ldconfig":               "ldconfig rewrites /etc/ld.so.cache, which only root can write; run it at build time, before USER",
	"sysctl":                 "sysctl writes kernel settings, which needs root",
	"modprobe":               "loading kernel modules needs root",
	"mount":                  "mount needs root",
	"update-ca-certificates": "update-ca-certificates rewrites the system's CA bundle, which only root can write; run it at build time, before USER",
	"ip":                     "ip configures the network, which needs root",
	// Programs whose start-up writes inside their own root-owned install.
	"/opt/apache/beam/boot": "Apache Beam's SDK boot launcher creates /opt/apache/beam-venv and installs the pipeline's packages at start; Dataflow runs its workers as root",
}

// dockerGroup reports whether commands create a group named docker or add
// a user to it: the way images prepare to use the host's Docker socket.
func dockerGroup(cmds [][]string) bool {
	for _, c := range cmds {
		if len(c) == 0 {
			continue
		}
		last := c[len(c)-1]
		switch dockerfile.Prog(c) {
		case "groupadd", "addgroup":
			if last == "docker" {
				return true
			}
		case "usermod", "gpasswd":
			for i, a := range c {
				if (a == "-aG" || a == "-G" || a == "--groups" || a == "-a") && i+1 < len(c) && strings.Contains(","+c[i+1]+",", ",docker,") {
					return true
				}
			}
		case "adduser", "useradd":
			for i, a := range c {
				if (a == "--ingroup" || a == "-G" || a == "-g" || a == "--groups") && i+1 < len(c) && c[i+1] == "docker" {
					return true
				}
			}
		}
	}
	return false
}

// declineRootByDesign declines images whose program needs root (DH018):
// its ENTRYPOINT/CMD, after init shims and sh -c, runs one of rootPrograms,
// or is s6-overlay's /init or /sbin/init.
func (d *Decision) declineRootByDesign() bool {
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if c := dockerfile.Cmd(n); (c == "copy" || c == "add") && len(dockerfile.Args(n)) > 1 {
				a := dockerfile.Args(n)
				if dst := path.Clean(a[len(a)-1]); under(dst, "/root/.ssh") || under(dst, "/etc/ssh") {
					if d.declineFor(RootByDesign, n, RootByDesign.message(
						fmt.Sprintf("%s puts SSH keys in %s, so the image is an SSH server", strings.ToUpper(n.Value), dst),
						rootPrograms["sshd"])) {
						return true
					}
				}
			}
			if dockerfile.Cmd(n) == "run" && dockerGroup(d.doc.RunCommands(n)) {
				if d.declineFor(RootByDesign, n, RootByDesign.message(
					"RUN creates a docker group or adds a user to it, so the image drives the host's Docker socket",
					"run it with --user UID:GID --group-add <the socket's GID> once you know that group, or use rootless Docker")) {
					return true
				}
			}
			if strings.Contains(strings.Join(dockerfile.Args(n), " "), "docker.sock") {
				if d.declineFor(RootByDesign, n, RootByDesign.message(
					fmt.Sprintf("%s uses the Docker socket, which only root and the host's docker group can open", strings.ToUpper(n.Value)),
					"run it with --user UID:GID --group-add <the socket's GID> once you know that group, or use rootless Docker")) {
					return true
				}
			}
		}
	}
	c := d.effectiveCommand()
	if len(c.argv) == 0 {
		return false
	}
	n := c.cmd
	if c.entry != nil && (c.cmd == nil || len(unwrap(words(c.entry))) > 0) {
		n = c.entry // the program is in ENTRYPOINT, not only an init shim
	}
	candidates := [][]string{unwrap(c.argv)}
	if c.entry != nil && c.cmd != nil {
		candidates = append(candidates, unwrap(words(c.cmd)))
	}
	for i, argv := range candidates {
		if len(argv) == 0 {
			continue
		}
		at := n
		if i == 1 {
			at = c.cmd
		}
		if d.declineCwdWriter(argv, at) || d.declineUnpreparable(argv, at) {
			return true
		}
		prog := base(argv[0])
		why, ok := rootPrograms[prog]
		if prog == "nginx" && d.swap != nil {
			ok = false // nginx-unprivileged runs its master as 101
		}
		if argv[0] == "/init" {
			prog, why, ok = "/init", rootPrograms["s6-svscan"], true
		}
		if w, full := rootPrograms[argv[0]]; full { // a program known by its path
			prog, why, ok = argv[0], w, true
		}
		if !ok || d.suppressed(RootByDesign, n.StartLine) {
			continue
		}
		if i == 1 {
			n = c.cmd
		}
		if d.declineFor(RootByDesign, n, RootByDesign.message(fmt.Sprintf("%s runs %s, which needs root", strings.ToUpper(n.Value), prog), why)) {
			return true
		}
	}
	return false
}

// declineDaemonPackage declines (DH018) a stage that installs a daemon
// needing root (openssh-server, supervisor, samba, cron): when nothing
// else told what the image runs, the package says it.
func (d *Decision) declineDaemonPackage() bool {
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			for _, c := range d.doc.RunCommands(n) {
				if pkg := installedDaemon(c); pkg != "" {
					prog := daemonPackages[pkg]
					if d.declineFor(RootByDesign, n, RootByDesign.message(
						fmt.Sprintf("RUN installs %s, so the image runs %s", pkg, prog), rootPrograms[prog])) {
						return true
					}
				}
			}
		}
	}
	return false
}
