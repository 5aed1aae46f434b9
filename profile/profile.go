// Package profile derives how to run a hardened image safely: the user,
// the paths it writes, the ports it listens on and the capabilities it
// expects, read from the Dockerfile as `fix` leaves it. Render turns a
// Profile into a `docker run` command, a compose file, a Kubernetes
// Deployment or JSON with a reason for every setting.
package profile

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Version is the version of the JSON schema (README, "Run it safely").
const Version = 1

// Outcome is who the image runs as once fix has been applied.
type Outcome string

// The outcomes.
const (
	// NonRoot: fix hardened the stage, or it already ran as non-root.
	NonRoot Outcome = "non-root"
	// Root: fix leaves the stage running as root; Reasons say why.
	Root Outcome = "root"
)

// Profile is what an image needs at run time, as `fix` leaves it. The
// original file and its hardened output give the same Profile: it is
// derived from the hardened output, and carries no line numbers except
// in Reasons, which only a file that fix leaves unchanged has.
type Profile struct {
	Stage   string        // target stage name, "" when unnamed
	Base    string        // the target's base image, as written (ARGs applied)
	Family  images.Family // the base image's family
	Outcome Outcome
	// User is who the program runs as; nil when it runs as root or its
	// USER is a name dockerharden cannot resolve to numeric IDs.
	User *User
	// Home is $HOME when the program has a home of its own: ENV HOME when
	// the file sets it (not /root), else the home directory that a RUN
	// creates for the user (useradd -m): Docker and Kubernetes set HOME
	// from /etc/passwd. When fix learns to create /home/app, it shows up
	// here without changes: the profile reads the hardened file.
	Home  string
	Paths []Path // directories the program may write, sorted
	Ports []Port // ports it listens on, sorted
	// Setcap are the RUN commands that give files capabilities: under
	// no-new-privileges (and without ambient capabilities) a non-root
	// process never gets them.
	Setcap []string
	// Reasons explain Outcome Root: the findings fix declined with.
	Reasons []Reason
	// Notes are limits of the analysis worth telling the reader.
	Notes []string
}

// User is a numeric user; GID is -1 when unknown (the runtime then takes
// the primary group from the image's /etc/passwd, or 0).
type User struct {
	UID, GID int
	Name     string // as the Dockerfile spells it, when it is a name
}

// String is the value for --user and compose's user.
func (u User) String() string {
	if u.GID < 0 {
		return strconv.Itoa(u.UID)
	}
	return fmt.Sprintf("%d:%d", u.UID, u.GID)
}

// Path is a directory the program may write.
type Path struct {
	Path string
	// Why it is writable: "WORKDIR", "VOLUME", "HOME", "RUN mkdir+chown".
	Why []string
	// Volume: declared with VOLUME (data meant to outlive the container).
	Volume bool
	// Exists: the image has the directory (WORKDIR, VOLUME, mkdir, COPY);
	// false only for a $HOME nothing creates.
	Exists bool
	// Content: the image ships files there (approximate: a COPY/ADD into
	// it, or a RUN that names a path below it or runs in it with a command
	// that may write). Evidence is the first such instruction, without
	// flags, as written.
	Content  bool
	Evidence string
	// Owned: a RUN chowns it (fix's own setup RUN does for WORKDIR and
	// VOLUME). On a base without a shell nothing can, and it stays root's.
	Owned bool
}

// Port is a port the program listens on.
type Port struct {
	Port     int
	Protocol string   // "tcp" or "udp"
	From     []string // "EXPOSE 80", "ENV PORT=80"
}

// Privileged reports a port below 1024, which a non-root process can only
// bind when net.ipv4.ip_unprivileged_port_start allows it.
func (p Port) Privileged() bool { return p.Port < 1024 }

// Reason is a finding fix declined with.
type Reason struct {
	Rule    string // "DH010"
	Line    int
	Message string
}

// For derives the profile of the image that res's Dockerfile builds once
// hardened: it reads res.Output (the hardened file, or the input when fix
// changes nothing) and the decision fix made.
func For(res *rewrite.Result) (*Profile, error) {
	doc, err := dockerfile.Parse("Dockerfile", res.Output)
	if err != nil {
		return nil, err
	}
	stages, err := dockerfile.Stages(doc)
	if err != nil {
		return nil, err
	}
	d := res.Decision
	target := stages[len(stages)-1]
	var base images.Image
	if d != nil {
		if d.Target.Index >= len(stages) { // fix never adds or removes stages
			return nil, fmt.Errorf("internal error: target stage %d not in the hardened file", d.Target.Index)
		}
		target, base = stages[d.Target.Index], d.Base
	} else {
		base = images.Lookup(target.Root().Image)
	}
	a := &analysis{target: target, env: map[string]string{}, baseUser: base.User}
	a.walk()
	p := &Profile{Stage: target.Name, Base: base.Ref, Family: base.Family}

	user := base.User
	if a.user != "" {
		user = a.user
	}
	if isRoot(user) {
		p.Outcome = Root
		switch {
		case d == nil:
			p.Reasons = []Reason{{Message: "the file opts out of dockerharden (# dockerharden ignore-file, or excluded by .dockerharden.yaml)"}}
		case d.Outcome == rewrite.Decline:
			for _, f := range d.Reasons {
				p.Reasons = append(p.Reasons, Reason{Rule: f.Rule.ID, Line: f.Line, Message: f.Message})
			}
		default:
			p.Reasons = []Reason{{Message: "a # dockerharden ignore pragma or the config keeps this stage as root"}}
		}
	} else {
		p.Outcome = NonRoot
		p.User = resolveUser(d, user)
		if u := p.User; u != nil && u.GID < 0 {
			// A UID the base image ships (distroless nonroot 65532) has
			// the same-numbered primary group in its /etc/passwd.
			for _, bu := range base.Users {
				if bu.UID == u.UID {
					u.GID = bu.UID
				}
			}
		}
	}
	home, set := a.env["HOME"]
	if !set && p.Outcome == NonRoot {
		// Docker and Kubernetes set HOME from /etc/passwd: the home that
		// useradd -m made for the user.
		home = a.homeOf(user)
	}
	if home != "" && path.IsAbs(home) && path.Clean(home) != "/root" && !strings.Contains(home, "$") {
		p.Home = path.Clean(home)
	}
	p.Paths = a.paths(p.Home)
	p.Ports = a.ports
	p.Setcap = a.setcap
	if len(p.Paths) > 0 {
		p.Notes = append(p.Notes, "which directories hold image content is approximated from COPY/ADD destinations and RUN commands; content that the base image ships is not seen")
	}
	return p, nil
}

func isRoot(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "" || name == "root" || name == "0"
}

// resolveUser turns a USER value into numeric IDs: as written when
// numeric, else through the accounts the file creates or the base ships.
func resolveUser(d *rewrite.Decision, user string) *User {
	if strings.Contains(user, "$") {
		return nil
	}
	name, group, hasGroup := strings.Cut(user, ":")
	if uid, err := strconv.Atoi(name); err == nil {
		u := &User{UID: uid, GID: -1}
		if gid, err := strconv.Atoi(group); err == nil && hasGroup {
			u.GID = gid
		}
		return u
	}
	if d == nil {
		return nil
	}
	acct, ok := d.LookupUser(user)
	if !ok || !acct.Numeric() {
		return nil
	}
	u := &User{UID: atoi(acct.UID), GID: -1, Name: name}
	if acct.GID != "" {
		u.GID = atoi(acct.GID)
	}
	if gid, err := strconv.Atoi(group); err == nil && hasGroup {
		u.GID = gid
	}
	return u
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// analysis walks the target stage's chain of the hardened file once.
type analysis struct {
	target *dockerfile.Stage
	env    map[string]string // ENV and ARG defaults, in effect at the end
	user   string            // the last USER, "" when none
	// baseUser is the base image's default user ("" = root).
	baseUser string

	writable map[string]*Path
	order    []string
	made     map[string]bool // absolute directories RUN creates
	owned    map[string]bool // paths RUN chowns
	contents []content
	ports    []Port
	setcap   []string
}

// content is one place the image puts files: a COPY/ADD destination, a
// path a RUN names, or a RUN's working directory when it may write there.
type content struct {
	path  string
	under bool // only paths strictly below path count (mkdir /x, chown /x)
	// cwd: a command run in path, which may write anywhere below it
	// (npm ci fills ./node_modules): directories below count too.
	cwd      bool
	evidence string
}

func (a *analysis) add(dir, why string, volume bool) {
	if dir == "" || strings.Contains(dir, "$") || strings.ContainsAny(dir, "\\ ") || !path.IsAbs(dir) {
		return
	}
	dir = path.Clean(dir)
	if rewrite.SystemDir(dir) {
		return
	}
	p := a.writable[dir]
	if p == nil {
		p = &Path{Path: dir, Exists: true}
		a.writable[dir] = p
		a.order = append(a.order, dir)
	}
	if !contains(p.Why, why) {
		p.Why = append(p.Why, why)
	}
	p.Volume = p.Volume || volume
}

func (a *analysis) walk() {
	a.writable, a.made, a.owned = map[string]*Path{}, map[string]bool{}, map[string]bool{}
	ports := map[string]*Port{}
	addPort := func(n int, proto, from string) {
		if n <= 0 || n > 65535 {
			return
		}
		key := fmt.Sprintf("%05d/%s", n, proto)
		p := ports[key]
		if p == nil {
			p = &Port{Port: n, Protocol: proto}
			ports[key] = p
		}
		if !contains(p.From, from) {
			p.From = append(p.From, from)
		}
	}
	wd := "/"
	cur := a.baseUser // the user each instruction runs as
	for _, s := range a.target.Chain() {
		inTarget := s == a.target
		for _, n := range s.Body {
			args := dockerfile.Args(n)
			switch dockerfile.Cmd(n) {
			case "env":
				// buildkit gives ENV as (key, value, separator) triples
				for i := 0; i+1 < len(args); i += 3 {
					v := strings.Trim(args[i+1], `"'`)
					a.env[args[i]] = v
					for _, port := range envPorts(args[i], v) {
						addPort(port, "tcp", "ENV "+args[i]+"="+v)
					}
				}
			case "arg":
				for _, kv := range args {
					if k, v, ok := strings.Cut(kv, "="); ok {
						if _, set := a.env[k]; !set {
							a.env[k] = strings.Trim(v, `"'`)
						}
					}
				}
			case "user":
				a.user = dockerfile.Expand(dockerfile.UserOf(n), a.env)
				cur = a.user
			case "workdir":
				if len(args) == 0 {
					continue
				}
				w := dockerfile.Expand(args[0], a.env)
				if !path.IsAbs(w) {
					w = path.Join(wd, w)
				}
				wd = path.Clean(w)
				if !isRoot(cur) && !a.made[wd] {
					// BuildKit and buildah create a missing WORKDIR owned
					// by the current user (approximate: it may exist).
					a.owned[wd] = true
				}
				if inTarget {
					a.add(wd, "WORKDIR", false)
				}
			case "volume":
				for _, v := range args {
					a.add(dockerfile.Expand(v, a.env), "VOLUME", true)
				}
			case "expose":
				for _, e := range args {
					e = dockerfile.Expand(e, a.env)
					num, proto, _ := strings.Cut(e, "/")
					proto = strings.ToLower(proto)
					if proto == "" {
						proto = "tcp"
					}
					lo, hi, isRange := strings.Cut(num, "-")
					from, err1 := strconv.Atoi(lo)
					to, err2 := strconv.Atoi(hi)
					if !isRange {
						to, err2 = from, err1
					}
					if err1 != nil || err2 != nil || to < from || to-from > 32 {
						continue
					}
					for port := from; port <= to; port++ {
						addPort(port, proto, "EXPOSE "+e)
					}
				}
			case "copy", "add":
				if len(args) == 0 {
					continue
				}
				dest := dockerfile.Expand(args[len(args)-1], a.env)
				if !path.IsAbs(dest) {
					dest = path.Join(wd, dest)
				}
				a.contents = append(a.contents, content{path: path.Clean(dest), evidence: instruction(n, args)})
			case "run":
				a.run(n, wd, args)
			}
		}
	}
	for _, p := range ports {
		a.ports = append(a.ports, *p)
	}
	sort.Slice(a.ports, func(i, j int) bool {
		if a.ports[i].Port != a.ports[j].Port {
			return a.ports[i].Port < a.ports[j].Port
		}
		return a.ports[i].Protocol < a.ports[j].Protocol
	})
	// Directories the file creates and hands to a user are the app's too.
	var made []string
	for dir := range a.made {
		if a.owned[dir] {
			made = append(made, dir)
		}
	}
	sort.Strings(made)
	for _, dir := range made {
		if a.writable[dir] == nil { // fix's own setup RUN repeats WORKDIR/VOLUME
			a.add(dir, "RUN mkdir+chown", false)
		}
	}
	// The working directory the program starts in, set by a stage the
	// target is built FROM and handed to a user by a RUN of the target.
	if wd != "/" && a.writable[wd] == nil && a.owned[wd] {
		a.add(wd, "WORKDIR (inherited)", false)
	}
}

// quiet commands never leave files in their working directory.
var quiet = map[string]bool{
	"mkdir": true, "chown": true, "chmod": true, "chgrp": true, "ls": true, "true": true,
	"test": true, "[": true, "cd": true, "set": true, "id": true, "whoami": true, "echo": true,
	"useradd": true, "groupadd": true, "adduser": true, "addgroup": true, "usermod": true,
	"apt-get": true, "apt": true, "apk": true, "dnf": true, "yum": true, "microdnf": true,
	"tdnf": true, "zypper": true, "rm": true, "ln": true, "setcap": true, "update-ca-certificates": true,
}

var redirectRE = lazyRE(`>>?\s*([^\s;&|<>]+)`)

func (a *analysis) run(n *parser.Node, wd string, args []string) {
	script := dockerfile.RunScript(n)
	ev := instruction(n, args)
	cwd := wd
	for _, cmd := range dockerfile.Commands(script) {
		prog := dockerfile.Prog(cmd)
		var operands []string
		for _, w := range cmd[1:] {
			if !strings.HasPrefix(w, "-") {
				operands = append(operands, w)
			}
		}
		switch prog {
		case "cd":
			if len(operands) > 0 && !strings.Contains(operands[0], "$") {
				cwd = path.Join(cwd, operands[0])
				if path.IsAbs(operands[0]) {
					cwd = path.Clean(operands[0])
				}
			}
		case "mkdir":
			for _, o := range operands {
				if path.IsAbs(o) {
					a.made[path.Clean(o)] = true
				}
			}
		case "chown", "chgrp":
			if len(operands) > 1 {
				for _, o := range operands[1:] {
					a.owned[path.Clean(o)] = true
				}
			}
		case "setcap":
			a.setcap = append(a.setcap, strings.Join(cmd, " "))
		}
		if !quiet[prog] {
			a.contents = append(a.contents, content{path: cwd, cwd: true, evidence: ev})
		}
		for _, o := range operands {
			if path.IsAbs(o) {
				// mkdir /x and chown /x leave /x empty; anything below
				// it, or a writing command's operand, is content.
				a.contents = append(a.contents, content{path: path.Clean(o), under: quiet[prog], evidence: ev})
			}
		}
	}
	for _, m := range redirectRE().FindAllStringSubmatch(script, -1) {
		if t := m[1]; path.IsAbs(t) && t != "/dev/null" {
			a.contents = append(a.contents, content{path: path.Clean(t), evidence: ev})
		}
	}
}

// paths returns the writable directories with what the image puts there.
func (a *analysis) paths(home string) []Path {
	if home != "" {
		a.add(home, "HOME", false)
		if a.createsHome(home) {
			a.owned[home] = true // useradd -m makes it the user's
		}
		if p := a.writable[home]; p != nil && len(p.Why) == 1 {
			p.Exists = a.made[home] || a.owned[home]
		}
	}
	var out []Path
	for _, dir := range a.order {
		p := *a.writable[dir]
		for _, c := range a.contents {
			at := c.path == dir || strings.HasPrefix(c.path, dir+"/") || c.cwd && strings.HasPrefix(dir, c.path+"/")
			if c.under {
				at = strings.HasPrefix(c.path, dir+"/")
			}
			if at && a.deeper(dir, c.path) {
				continue // below a writable path of its own, with its own mount
			}
			if at {
				p.Content, p.Evidence = true, c.evidence
				break
			}
		}
		p.Exists = p.Exists || p.Content
		p.Owned = a.owned[dir]
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// deeper reports whether p is at or below a writable path strictly below dir.
func (a *analysis) deeper(dir, p string) bool {
	for _, w := range a.order {
		if strings.HasPrefix(w, dir+"/") && (p == w || strings.HasPrefix(p, w+"/")) {
			return true
		}
	}
	return false
}

// createsHome reports whether a RUN creates home as some account's home.
func (a *analysis) createsHome(home string) bool {
	for _, h := range a.homes() {
		if h.home == home {
			return true
		}
	}
	return false
}

// homeOf is the home directory that a RUN creates for user (a USER value:
// name or UID), "" when none does.
func (a *analysis) homeOf(user string) string {
	name, _, _ := strings.Cut(user, ":")
	home := ""
	for _, h := range a.homes() {
		if h.name == name || h.uid != "" && h.uid == name {
			home = h.home
		}
	}
	return home
}

type createdHome struct{ name, uid, home string }

// valueOpts are the options of useradd and adduser (busybox and Debian)
// that take a value, other than the home and UID ones homes reads.
var valueOpts = map[string]map[string]bool{
	"useradd": set("-g", "-G", "-s", "-c", "-k", "-K", "-p", "-e", "-f", "-b", "-R", "-P", "-Z",
		"--gid", "--groups", "--shell", "--comment", "--skel", "--key", "--password",
		"--expiredate", "--inactive", "--base-dir", "--root", "--prefix", "--selinux-user"),
	"adduser": set("-G", "-s", "-g", "-k", "--gecos", "--shell", "--ingroup", "--gid",
		"--firstuid", "--lastuid", "--comment", "--add_extra_groups"),
}

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[w] = true
	}
	return m
}

// homes lists the accounts that RUN creates together with their home
// directory: useradd -m/--create-home (home -d/--home-dir, else
// /home/NAME), busybox or Debian adduser unless -H/--no-create-home or a
// --system account without --home.
func (a *analysis) homes() []createdHome {
	var out []createdHome
	for _, s := range a.target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			for _, cmd := range dockerfile.Commands(dockerfile.RunScript(n)) {
				prog := dockerfile.Prog(cmd)
				if prog != "useradd" && prog != "adduser" {
					continue
				}
				var h createdHome
				create := prog == "adduser"
				system := false
				for i := 1; i < len(cmd); i++ {
					arg := cmd[i]
					key, val, hasVal := strings.Cut(arg, "=")
					next := func() string {
						if hasVal {
							return val
						}
						if i+1 < len(cmd) {
							i++
							return cmd[i]
						}
						return ""
					}
					switch {
					case key == "-m" || key == "--create-home":
						create = true
					case key == "-M" || key == "--no-create-home" || prog == "adduser" && key == "-H":
						create = false
					case key == "--system" || prog == "adduser" && key == "-S":
						system = true
					case key == "-d" || key == "--home-dir" || key == "--home" || prog == "adduser" && key == "-h":
						h.home = next()
					case key == "-u" || key == "--uid":
						h.uid = next()
					case strings.HasPrefix(arg, "--") && hasVal:
					case valueOpts[prog][key]:
						next()
					case strings.HasPrefix(arg, "-"):
					case h.name == "":
						h.name = arg
					}
				}
				if prog == "adduser" && system && h.home == "" && !dockerfile.HasWord(cmd, "-h", "--home") {
					create = false
				}
				if h.home == "" {
					h.home = "/home/" + h.name
				}
				if create && h.name != "" && path.IsAbs(h.home) && !strings.Contains(h.home, "$") {
					h.home = path.Clean(h.home)
					out = append(out, h)
				}
			}
		}
	}
	return out
}

// instruction is n as "KEYWORD args" without flags, so that --chown added
// by fix does not change it.
func instruction(n *parser.Node, args []string) string {
	s := strings.ToUpper(dockerfile.Cmd(n)) + " " + strings.Join(args, " ")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}

var (
	portKeyRE = lazyRE(`(?i)(^|_)PORTS?$`)
	urlKeyRE  = lazyRE(`(?i)(URLS?|ADDR|ADDRESS|LISTEN|BIND)$`)
	urlPortRE = lazyRE(`^(?:[a-z][a-z0-9+.-]*://)?[^/\s]*:([0-9]{1,5})(?:/.*)?$`)
)

// envPorts reads listening ports from ENV: PORT=80, HTTP_PORTS=8080;8081,
// ASPNETCORE_URLS=http://+:80, LISTEN_ADDR=:8080.
func envPorts(key, value string) []int {
	var out []int
	switch {
	case portKeyRE().MatchString(key):
		for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	case urlKeyRE().MatchString(key):
		for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			if m := urlPortRE().FindStringSubmatch(f); m != nil {
				n, _ := strconv.Atoi(m[1])
				out = append(out, n)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
