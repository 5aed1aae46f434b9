package profile

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dockerharden/dockerharden/images"
)

// Render writes p in o.Format.
func Render(w io.Writer, p *Profile, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	pl := NewPlan(p, o)
	var s string
	switch o.Format {
	case "docker":
		s = pl.docker()
	case "compose":
		s = pl.compose()
	case "kubernetes":
		s = pl.kubernetes()
	case "json":
		b, err := json.MarshalIndent(pl.jsonDoc(), "", "  ")
		if err != nil {
			return err
		}
		s = string(b) + "\n"
	}
	_, err := io.WriteString(w, s)
	return err
}

// header is the comment that opens the docker, compose and kubernetes
// outputs: where it comes from and the warnings, one per line.
func (pl *Plan) header(b *strings.Builder) {
	fmt.Fprintf(b, "# dockerharden runtime: how to run the image built from %s once hardened\n", oneLine(pl.Options.File))
	fmt.Fprintf(b, "# (every setting's reason: dockerharden runtime --format json)\n")
	for _, w := range pl.Warnings {
		fmt.Fprintf(b, "# warning: %s\n", oneLine(w))
	}
}

func oneLine(s string) string { return strings.NewReplacer("\n", " ", "\r", " ").Replace(s) }

var shellSafe = lazyRE(`^[A-Za-z0-9_./:=@%+,-]+$`)

func shq(s string) string {
	if shellSafe().MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (pl *Plan) docker() string {
	var b strings.Builder
	pl.header(&b)
	p, o := pl.Profile, pl.Options
	var args []string
	if o.Name != "app" {
		args = append(args, "--name "+shq(o.Name))
	}
	if pl.Hardened {
		if p.User != nil {
			args = append(args, "--user "+p.User.String())
		}
		args = append(args, "--read-only", "--tmpfs /tmp")
		for _, m := range pl.Mounts {
			args = append(args, dockerMountFlag(m))
		}
		args = append(args, "--cap-drop=ALL")
	}
	if p.Family != images.Windows {
		args = append(args, "--security-opt=no-new-privileges")
	}
	if pl.Hardened && pl.LowPorts {
		args = append(args, "--sysctl net.ipv4.ip_unprivileged_port_start=0")
	}
	for _, port := range p.Ports {
		args = append(args, "-p "+publish(port))
	}
	args = append(args, shq(o.Image))
	b.WriteString("docker run")
	for _, a := range args {
		b.WriteString(" \\\n  " + a)
	}
	b.WriteString("\n")
	return b.String()
}

// q quotes a YAML scalar (JSON strings are YAML).
func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (pl *Plan) compose() string {
	var b strings.Builder
	pl.header(&b)
	p, o := pl.Profile, pl.Options
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	w("services:")
	w("  %s:", o.Name)
	w("    image: %s", q(o.Image))
	var named []string
	if pl.Hardened {
		if p.User != nil {
			w("    user: %s", q(p.User.String()))
		}
		w("    read_only: true")
		w("    tmpfs:")
		w("      - /tmp")
		for _, m := range pl.Mounts {
			if m.Kind == Tmpfs {
				w("      - %s", q(m.Path))
			}
		}
		var vols []string
		for _, m := range pl.Mounts {
			switch m.Kind {
			case AnonVolume:
				vols = append(vols, m.Path)
			case NamedVolume:
				vols = append(vols, m.Volume+":"+m.Path)
				named = append(named, m.Volume)
			}
		}
		if len(vols) > 0 {
			w("    volumes:")
			for _, v := range vols {
				w("      - %s", q(v))
			}
		}
		w("    cap_drop:")
		w("      - ALL")
	}
	if p.Family != images.Windows {
		w("    security_opt:")
		w("      - no-new-privileges:true")
	}
	if pl.Hardened && pl.LowPorts {
		w("    sysctls:")
		w("      net.ipv4.ip_unprivileged_port_start: \"0\"")
	}
	if len(p.Ports) > 0 {
		w("    ports:")
		for _, port := range p.Ports {
			w("      - %s", q(publish(port)))
		}
	}
	if len(named) > 0 {
		w("volumes:")
		for _, v := range named {
			w("  %s: {}", v)
		}
	}
	return b.String()
}

func (pl *Plan) kubernetes() string {
	var b strings.Builder
	pl.header(&b)
	p, o := pl.Profile, pl.Options
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	openshift := o.Platform == "openshift"
	w("apiVersion: apps/v1")
	w("kind: Deployment")
	w("metadata:")
	w("  name: %s", o.Name)
	w("  labels:")
	w("    app.kubernetes.io/name: %s", o.Name)
	w("spec:")
	w("  replicas: 1")
	w("  selector:")
	w("    matchLabels:")
	w("      app.kubernetes.io/name: %s", o.Name)
	w("  template:")
	w("    metadata:")
	w("      labels:")
	w("        app.kubernetes.io/name: %s", o.Name)
	w("    spec:")
	w("      securityContext:")
	if pl.Hardened {
		w("        runAsNonRoot: true")
		if p.User != nil && !openshift {
			w("        runAsUser: %d", p.User.UID)
			if p.User.GID >= 0 {
				w("        runAsGroup: %d", p.User.GID)
				w("        fsGroup: %d", p.User.GID)
			}
		}
	}
	w("        seccompProfile:")
	w("          type: RuntimeDefault")
	if pl.Hardened && pl.LowPorts {
		w("        sysctls:")
		w("          - name: net.ipv4.ip_unprivileged_port_start")
		w("            value: \"0\"")
	}
	containerSC := func(indent string) {
		w(indent + "securityContext:")
		w(indent + "  allowPrivilegeEscalation: false")
		if pl.Hardened {
			w(indent + "  readOnlyRootFilesystem: true")
			w(indent + "  capabilities:")
			w(indent + "    drop:")
			w(indent + "      - ALL")
		}
	}
	if pl.InitCopy {
		var cmds []string
		for _, v := range pl.Pod {
			if v.Init {
				cmds = append(cmds, fmt.Sprintf("cp -RP %s/. /dockerharden-init/%s/", shq(v.Path), v.Name))
			}
		}
		w("      initContainers:")
		w("        - name: copy-image-content")
		w("          image: %s", q(o.Image))
		w("          command:")
		w("            - /bin/sh")
		w("            - -c")
		w("            - %s", q(strings.Join(cmds, " && ")))
		containerSC("          ")
		w("          volumeMounts:")
		for _, v := range pl.Pod {
			if v.Init {
				w("            - name: %s", v.Name)
				w("              mountPath: %s", q("/dockerharden-init/"+v.Name))
			}
		}
	}
	w("      containers:")
	w("        - name: %s", o.Name)
	w("          image: %s", q(o.Image))
	if len(p.Ports) > 0 {
		w("          ports:")
		for _, port := range p.Ports {
			w("            - containerPort: %d", port.Port)
			w("              protocol: %s", strings.ToUpper(port.Protocol))
		}
	}
	containerSC("          ")
	if pl.Hardened {
		w("          volumeMounts:")
		w("            - name: tmp")
		w("              mountPath: /tmp")
		for _, v := range pl.Pod {
			w("            - name: %s", v.Name)
			w("              mountPath: %s", q(v.Path))
		}
		w("      volumes:")
		w("        - name: tmp")
		w("          emptyDir: {}")
		for _, v := range pl.Pod {
			w("        # %s", oneLine(v.Reason))
			w("        - name: %s", v.Name)
			w("          emptyDir: {}")
		}
	}
	return b.String()
}

// JSON is the json format's document; the README documents it.
type JSON struct {
	Version  int        `json:"version"`
	File     string     `json:"file"`
	Stage    string     `json:"stage"`
	Base     string     `json:"base"`
	Family   string     `json:"family"`
	Outcome  Outcome    `json:"outcome"`
	Reasons  []Reason   `json:"reasons"`
	User     *jsonUser  `json:"user"`
	Home     *string    `json:"home"`
	Paths    []jsonPath `json:"paths"`
	Ports    []jsonPort `json:"ports"`
	Setcap   []string   `json:"setcap"`
	Settings []Setting  `json:"settings"`
	Warnings []string   `json:"warnings"`
	Notes    []string   `json:"notes"`
}

type jsonUser struct {
	UID  int    `json:"uid"`
	GID  *int   `json:"gid"`
	Name string `json:"name,omitempty"`
}

type jsonPath struct {
	Path     string   `json:"path"`
	Why      []string `json:"why"`
	Volume   bool     `json:"volume"`
	Exists   bool     `json:"exists"`
	Content  bool     `json:"content"`
	Evidence string   `json:"evidence,omitempty"`
	Owned    bool     `json:"owned"`
	Docker   string   `json:"docker"`
	// DockerReason and KubernetesReason say why (Docker and compose
	// mount alike).
	DockerReason     string `json:"docker_reason,omitempty"`
	Kubernetes       string `json:"kubernetes"`
	KubernetesReason string `json:"kubernetes_reason,omitempty"`
}

type jsonPort struct {
	Port     int      `json:"port"`
	Protocol string   `json:"protocol"`
	From     []string `json:"from"`
}

func (pl *Plan) jsonDoc() JSON {
	p := pl.Profile
	j := JSON{
		Version: Version, File: pl.Options.File, Stage: p.Stage, Base: p.Base, Family: string(p.Family),
		Outcome: p.Outcome, Reasons: p.Reasons, Setcap: p.Setcap, Settings: pl.Settings,
		Warnings: pl.Warnings, Notes: append(append([]string{}, p.Notes...), pl.Notes...),
		Paths: []jsonPath{}, Ports: []jsonPort{},
	}
	if j.Reasons == nil {
		j.Reasons = []Reason{}
	}
	for _, s := range []*[]string{&j.Setcap, &j.Warnings, &j.Notes} {
		if *s == nil {
			*s = []string{}
		}
	}
	if u := p.User; u != nil {
		j.User = &jsonUser{UID: u.UID, Name: u.Name}
		if u.GID >= 0 {
			gid := u.GID
			j.User.GID = &gid
		}
	}
	if p.Home != "" {
		h := p.Home
		j.Home = &h
	}
	for _, path := range p.Paths {
		jp := jsonPath{Path: path.Path, Why: path.Why, Volume: path.Volume, Exists: path.Exists, Content: path.Content, Evidence: path.Evidence, Owned: path.Owned}
		for _, m := range pl.Mounts {
			if m.Path == path.Path {
				jp.Docker, jp.DockerReason = m.Kind, m.Reason
			}
		}
		jp.Kubernetes = "stays on the read-only root"
		for _, v := range pl.Pod {
			if v.Path == path.Path {
				jp.Kubernetes, jp.KubernetesReason = "emptyDir", v.Reason
				if v.Init {
					jp.Kubernetes = "emptyDir filled by an initContainer"
				}
			}
		}
		for _, v := range pl.Stay {
			if v.Path == path.Path {
				jp.KubernetesReason = v.Reason
			}
		}
		if !pl.Hardened {
			jp.Docker, jp.Kubernetes = "none (runs as root)", "none (runs as root)"
		}
		j.Paths = append(j.Paths, jp)
	}
	for _, port := range p.Ports {
		j.Ports = append(j.Ports, jsonPort(port))
	}
	return j
}

// MarshalJSON keeps Reason's keys lower-case in the json format.
func (r Reason) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Rule    string `json:"rule,omitempty"`
		Line    int    `json:"line,omitempty"`
		Message string `json:"message"`
	}{r.Rule, r.Line, r.Message})
}
