package profile

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/images"
)

// Formats are the formats Render writes.
var Formats = []string{"docker", "compose", "kubernetes", "json"}

// Platforms are the Kubernetes flavours the kubernetes format targets.
var Platforms = []string{"kubernetes", "openshift"}

// Options configure Render.
type Options struct {
	Format   string // one of Formats
	Image    string // image reference; "" = the placeholder IMAGE
	Name     string // container, service and Deployment name; "" = app
	Platform string // one of Platforms; "" = kubernetes
	File     string // the Dockerfile's name, for headers and JSON
}

// dnsLabel reports whether s is an RFC 1123 label,
// ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$, written out because compiling that
// counted repetition costs more than a small file's whole run.
func dnsLabel(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// Validate checks options before any output is written.
func (o Options) Validate() error {
	ok := false
	for _, f := range Formats {
		ok = ok || o.Format == f
	}
	if !ok {
		return fmt.Errorf("--format %q: must be one of %s", o.Format, strings.Join(Formats, ", "))
	}
	if o.Name != "" && !dnsLabel(o.Name) {
		return fmt.Errorf("--name %q: must be a DNS label (lower-case letters, digits and '-', at most 63), as Kubernetes and compose need", o.Name)
	}
	if o.Platform != "" && o.Platform != "kubernetes" && o.Platform != "openshift" {
		return fmt.Errorf("--platform %q: must be one of %s", o.Platform, strings.Join(Platforms, ", "))
	}
	if strings.ContainsAny(o.Image, " \t\n\"'\\$`") {
		return fmt.Errorf("--image %q: not an image reference", o.Image)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Image == "" {
		o.Image = "IMAGE"
	}
	if o.Name == "" {
		o.Name = "app"
	}
	if o.Platform == "" {
		o.Platform = "kubernetes"
	}
	if o.File == "" {
		o.File = "Dockerfile"
	}
	return o
}

// Mount kinds for Docker and compose.
const (
	Tmpfs       = "tmpfs"        // empty, in memory, mode 1777 where the image lacks the path
	AnonVolume  = "volume"       // -v /path: a fresh copy of the image's directory per container
	NamedVolume = "named-volume" // -v NAME:/path: data that outlives the container
)

// Mount is one writable mount for Docker and compose.
type Mount struct {
	Path   string
	Kind   string
	Volume string // named volume
	Reason string
}

// PodVolume is one emptyDir for Kubernetes.
type PodVolume struct {
	Name string
	Path string
	// Init: an initContainer copies the image's directory into it first.
	Init   bool
	Reason string
}

// Plan is everything the renderers print, decided once from a Profile so
// that the four formats never disagree. Each Setting carries its reason.
type Plan struct {
	Profile  *Profile
	Options  Options
	Hardened bool // Outcome NonRoot: the full lockdown applies
	Mounts   []Mount
	Pod      []PodVolume
	// Stay are writable paths left on the read-only root in Kubernetes.
	Stay []PodVolume
	// InitCopy: at least one PodVolume needs the init container.
	InitCopy bool
	// LowPorts: ports below 1024 need net.ipv4.ip_unprivileged_port_start=0.
	LowPorts bool
	Settings []Setting
	Warnings []string // shown in every format
	Notes    []string // json only: worth knowing, rarely a problem
}

// Setting is one run-time setting in every format, with why.
type Setting struct {
	Name       string `json:"name"`
	Value      string `json:"value"`
	Docker     string `json:"docker,omitempty"`
	Compose    string `json:"compose,omitempty"`
	Kubernetes string `json:"kubernetes,omitempty"`
	Reason     string `json:"reason"`
}

// NewPlan decides every setting for p.
func NewPlan(p *Profile, o Options) *Plan {
	o = o.withDefaults()
	pl := &Plan{Profile: p, Options: o, Hardened: p.Outcome == NonRoot && p.Family != images.Windows}
	add := func(s Setting) { pl.Settings = append(pl.Settings, s) }
	shell := hasShell(p.Family)
	openshift := o.Platform == "openshift"

	if p.Family == images.Windows {
		pl.Warnings = append(pl.Warnings, "Windows containers: --user, --read-only, --cap-drop, seccomp and no-new-privileges are Linux settings and do not apply; use USER ContainerUser and Hyper-V isolation instead")
	} else if !pl.Hardened {
		var why []string
		for _, r := range p.Reasons {
			if r.Rule != "" {
				why = append(why, fmt.Sprintf("%s (line %d): %s", r.Rule, r.Line, r.Message))
			} else {
				why = append(why, r.Message)
			}
		}
		pl.Warnings = append(pl.Warnings, "fix leaves this image running as root, so --user, --read-only and --cap-drop=ALL are left out (they would break it): "+strings.Join(why, "; "))
	}

	// User.
	switch {
	case pl.Hardened && p.User != nil:
		k8s := fmt.Sprintf("runAsNonRoot: true, runAsUser: %d", p.User.UID)
		if p.User.GID >= 0 {
			k8s += fmt.Sprintf(", runAsGroup: %d, fsGroup: %d", p.User.GID, p.User.GID)
		}
		if openshift {
			k8s = "runAsNonRoot: true (runAsUser/runAsGroup/fsGroup left to the restricted SCC)"
		}
		add(Setting{
			"user", p.User.String(), "--user " + p.User.String(), `user: "` + p.User.String() + `"`, k8s,
			"the image's USER after fix; stated again at run time so the process is non-root even if the image changes, and numeric so Kubernetes runAsNonRoot can verify it",
		})
	case pl.Hardened:
		pl.Warnings = append(pl.Warnings, "the image's USER is not a numeric UID dockerharden can resolve: --user, runAsUser and fsGroup are left out, and Kubernetes runAsNonRoot refuses to start a named user; use USER UID:GID (DH004)")
		add(Setting{
			"user", "", "", "", "runAsNonRoot: true",
			"the image's USER is not numeric: --user is left out; Kubernetes runAsNonRoot rejects a named user until the Dockerfile uses USER UID:GID",
		})
	}
	if pl.Hardened && p.User != nil && p.User.GID < 0 {
		pl.Warnings = append(pl.Warnings, fmt.Sprintf("the image's USER has no group: the process runs with the primary group from /etc/passwd, or GID 0 when UID %d has no entry; use USER %d:GID", p.User.UID, p.User.UID))
	}
	if openshift && pl.Hardened {
		pl.Warnings = append(pl.Warnings, "OpenShift's restricted SCC runs the pod as a random UID in group 0: runAsUser, runAsGroup and fsGroup are left out, and the image works only if the directories it writes are group 0 and group-writable (chown UID:0 and chmod g=u in the Dockerfile: dockerharden fix --platform openshift writes that)")
	}

	// Read-only root and its mounts.
	if pl.Hardened {
		add(Setting{
			"read-only", "true", "--read-only", "read_only: true", "readOnlyRootFilesystem: true",
			"a compromised process cannot change the image's programs, libraries or configuration; every directory it must write gets its own mount below",
		})
		add(Setting{
			"tmpfs", "/tmp", "--tmpfs /tmp", "tmpfs: [/tmp]", "emptyDir at /tmp",
			"programs and libraries write temporary files; Docker adds no /tmp under --read-only (podman does), and the image's /tmp (mode 1777) lends its mode to the tmpfs",
		})
		podNames := map[string]bool{"tmp": true}
		for _, path := range p.Paths {
			m := Mount{Path: path.Path}
			why := strings.Join(path.Why, ", ")
			switch {
			case !path.Exists:
				m.Kind = Tmpfs
				m.Reason = fmt.Sprintf("%s (%s) does not exist in the image: a tmpfs is created with mode 1777", path.Path, why)
			case path.Volume:
				m.Kind, m.Volume = NamedVolume, o.Name+"-"+slug(path.Path)
				m.Reason = fmt.Sprintf("%s is a VOLUME: data that outlives the container; a new named volume starts as a copy of the image's directory, owned by the user (a volume that a root-run container already filled keeps root-owned files: docker run --rm -v %s:/d alpine chown -R %s /d)", path.Path, m.Volume, userOr(p, "UID:GID"))
			default:
				m.Kind = AnonVolume
				m.Reason = fmt.Sprintf("%s (%s) is the user's and it may write there; a tmpfs over a directory the image has would be root-owned and hide its files, an anonymous volume starts as a copy of the image's directory, with its owner", path.Path, why)
			}
			if path.Exists && !path.Owned {
				pl.Warnings = append(pl.Warnings, fmt.Sprintf("%s stays root-owned in the image (no RUN chowns it; DH013): a volume there starts root-owned, so the program cannot write it under Docker; make it the user's with a RUN chown before USER (without a shell: create it in a builder stage and COPY --chown it in)", path.Path))
			}
			pl.Mounts = append(pl.Mounts, m)
			add(Setting{"mount", path.Path, dockerMountFlag(m), composeMount(m), "emptyDir at " + path.Path, m.Reason})

			v := PodVolume{Name: uniqueName(slug(path.Path), podNames), Path: path.Path}
			switch {
			case !path.Content:
				v.Reason = fmt.Sprintf("%s (%s): the root filesystem is read-only, so it gets an emptyDir, empty as the image's directory is", path.Path, why)
				if path.Volume {
					v.Reason += "; Kubernetes ignores VOLUME"
				}
			case shell:
				v.Init = true
				pl.InitCopy = true
				v.Reason = fmt.Sprintf("%s holds image content (%s) and an emptyDir starts empty: an initContainer copies the image's directory into it first", path.Path, path.Evidence)
			default:
				v.Reason = fmt.Sprintf("%s holds image content (%s), which an emptyDir would hide, and the image has no shell to copy it: it stays on the read-only root; if the program writes there, copy the directory in a builder stage to a path you mount, or set readOnlyRootFilesystem: false", path.Path, path.Evidence)
				pl.Warnings = append(pl.Warnings, v.Reason)
				pl.Stay = append(pl.Stay, v)
				continue
			}
			if path.Volume {
				v.Reason += "; an emptyDir lives as long as the pod: use a PersistentVolumeClaim for data that must survive it"
			}
			pl.Pod = append(pl.Pod, v)
		}
		if p.Home == "" {
			pl.Notes = append(pl.Notes, "the image has no home directory of its own ($HOME is unset or /root): tools that write ~ (npm, pip, git) fail under --read-only; set ENV HOME to a directory the user owns")
		}
	}

	// Capabilities and privileges.
	if pl.Hardened {
		add(Setting{
			"cap-drop", "ALL", "--cap-drop=ALL", "cap_drop: [ALL]", "capabilities.drop: [ALL]",
			"a non-root process has no use for capabilities: Docker and Kubernetes give it no ambient capabilities, so --cap-add would not reach it anyway; cap_add is never needed",
		})
	}
	if p.Family == images.Windows {
		pl.addPorts()
		return pl
	}
	add(Setting{
		"no-new-privileges", "true", "--security-opt=no-new-privileges", "security_opt: [no-new-privileges:true]", "allowPrivilegeEscalation: false",
		"setuid binaries (su, sudo) and file capabilities cannot raise the process's privileges",
	})
	for _, s := range p.Setcap {
		pl.Warnings = append(pl.Warnings, fmt.Sprintf("the Dockerfile runs %q: file capabilities are never granted under no-new-privileges (nor to a non-root process without them in its bounding set); for ports below 1024 use the sysctl instead, for other capabilities run the program differently", s))
	}
	add(Setting{
		"seccomp", "default", "(default profile)", "(default profile)", "seccompProfile: {type: RuntimeDefault}",
		"the runtime's default seccomp profile blocks rarely used, risky system calls; Docker and podman apply it by default, Kubernetes only when asked; AppArmor/SELinux default profiles are applied by the runtimes and left as they are",
	})

	pl.addPorts()
	return pl
}

func (pl *Plan) addPorts() {
	p, add := pl.Profile, func(s Setting) { pl.Settings = append(pl.Settings, s) }
	for _, port := range p.Ports {
		pl.LowPorts = pl.LowPorts || port.Privileged()
		add(Setting{
			"port", fmt.Sprintf("%d/%s", port.Port, port.Protocol), "-p " + publish(port), `ports: ["` + publish(port) + `"]`,
			fmt.Sprintf("containerPort: %d", port.Port), "the program listens there (" + strings.Join(port.From, ", ") + ")",
		})
	}
	if pl.LowPorts && pl.Hardened {
		add(Setting{
			"sysctl", "net.ipv4.ip_unprivileged_port_start=0", "--sysctl net.ipv4.ip_unprivileged_port_start=0",
			`sysctls: {net.ipv4.ip_unprivileged_port_start: "0"}`, "sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: \"0\"}]",
			"a non-root process may bind ports below 1024 only when this namespaced sysctl allows it (Docker 20.10+ sets it by default, Kubernetes does not; a safe sysctl since Kubernetes 1.22, not with host networking); --cap-add=NET_BIND_SERVICE would not reach a non-root process; or listen on 8080",
		})
	}
}

func userOr(p *Profile, def string) string {
	if p.User != nil {
		return p.User.String()
	}
	return def
}

func publish(p Port) string {
	s := fmt.Sprintf("%d:%d", p.Port, p.Port)
	if p.Protocol != "tcp" {
		s += "/" + p.Protocol
	}
	return s
}

func dockerMountFlag(m Mount) string {
	switch m.Kind {
	case Tmpfs:
		return "--tmpfs " + m.Path
	case NamedVolume:
		return "-v " + m.Volume + ":" + m.Path
	}
	return "-v " + m.Path
}

func composeMount(m Mount) string {
	switch m.Kind {
	case Tmpfs:
		return "tmpfs: [" + m.Path + "]"
	case NamedVolume:
		return "volumes: [" + m.Volume + ":" + m.Path + "]"
	}
	return "volumes: [" + m.Path + "]"
}

// slug makes a DNS label from a path: /var/lib/app → var-lib-app.
func slug(p string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(p) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 50 {
		s = strings.Trim(s[len(s)-50:], "-")
	}
	if s == "" {
		s = "data"
	}
	return s
}

func uniqueName(s string, seen map[string]bool) string {
	n := s
	for i := 2; seen[n]; i++ {
		n = fmt.Sprintf("%s-%d", s, i)
	}
	seen[n] = true
	return n
}

// hasShell is whether an initContainer can run sh and cp in the image.
func hasShell(f images.Family) bool { return f.CanCreateUser() }
