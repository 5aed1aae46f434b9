package rewrite

import (
	"path"
	"slices"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Account is the user a hardened stage runs as: one the Dockerfile creates,
// one the base image ships, or the configured user.
type Account struct {
	Name  string
	UID   string       // numeric, "" when the command picks one
	GID   string       // numeric, "" when unknown
	Group string       // primary group name, "" when unknown
	Home  string       // home directory, "" when unknown or none
	Node  *parser.Node // the RUN that creates it; nil for a base image's or ours
}

// USER is the value a USER instruction (and --chown, and chown) should use
// for this account: numeric when the IDs are known (Kubernetes runAsNonRoot
// needs that).
func (a Account) USER() string {
	switch {
	case a.UID != "" && a.GID != "":
		return a.UID + ":" + a.GID
	case a.UID != "":
		return a.UID
	}
	return a.Name
}

// Numeric reports whether USER() is numeric.
func (a Account) Numeric() bool { return a.UID != "" }

// accountName reports whether s is what useradd and adduser accept as a
// name (^[A-Za-z_][A-Za-z0-9_.-]*\$?$); anything else (a variable, a
// scanner artefact) is not reused.
func accountName(s string) bool {
	s = strings.TrimSuffix(s, "$")
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case (c >= '0' && c <= '9' || c == '.' || c == '-') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// optArg reads an option's value from "-u 5", "-u5", "--uid 5", "--uid=5".
func optArg(cmd []string, i int, short, long string) (string, int, bool) {
	a := cmd[i]
	switch {
	case short != "" && a == short, long != "" && a == long:
		if i+1 < len(cmd) {
			return cmd[i+1], i + 1, true
		}
	case long != "" && strings.HasPrefix(a, long+"="):
		return a[len(long)+1:], i, true
	case short != "" && len(a) > len(short) && strings.HasPrefix(a, short) && !strings.HasPrefix(a, "--"):
		return a[len(short):], i, true
	}
	return "", i, false
}

// accounts lists the users and groups that a RUN creates.
func accounts(doc *dockerfile.Document, n *parser.Node) (users []Account, groups map[string]string) {
	groups = map[string]string{}
	for _, c := range doc.RunCommands(n) {
		switch dockerfile.Prog(c) {
		case "groupadd", "addgroup":
			gid, name := "", ""
			for i := 1; i < len(c); i++ {
				if v, j, ok := optArg(c, i, "-g", "--gid"); ok {
					gid, i = v, j
				} else if strings.HasPrefix(c[i], "-") {
					if c[i] == "-K" || c[i] == "--key" || c[i] == "-p" || c[i] == "--password" || c[i] == "-R" || c[i] == "--root" {
						i++
					}
				} else if name == "" {
					name = c[i]
				} else if dockerfile.Prog(c) == "addgroup" {
					// busybox "addgroup user group" adds a member; not a new group
					name = ""
					break
				}
			}
			if name != "" {
				groups[name] = numeric(gid)
			}
		case "useradd", "adduser":
			busybox := dockerfile.Prog(c) == "adduser"
			if busybox {
				c = splitShortFlags(c)
			}
			a := Account{Node: n}
			makeHome := busybox // busybox adduser makes a home unless -H
			for i := 1; i < len(c); i++ {
				if v, j, ok := optArg(c, i, "-u", "--uid"); ok {
					a.UID, i = numeric(v), j
				} else if v, j, ok := optArg(c, i, gidShort(busybox), "--gid"); ok {
					if isNum(v) {
						a.GID = v
					} else {
						a.Group = v
					}
					i = j
				} else if v, j, ok := optArg(c, i, groupShort(busybox), "--ingroup"); ok {
					a.Group, i = v, j
				} else if v, j, ok := optArg(c, i, homeShort(busybox), "--home-dir"); ok && strings.HasPrefix(v, "/") {
					a.Home, i = v, j
				} else if v, j, ok := optArg(c, i, "", "--home"); ok && strings.HasPrefix(v, "/") {
					a.Home, i = v, j
				} else if c[i] == "-m" || c[i] == "--create-home" {
					makeHome = true
				} else if c[i] == "-H" || c[i] == "-M" || c[i] == "--no-create-home" {
					makeHome = false
				} else if strings.HasPrefix(c[i], "-") {
					if takesValue(c[i], busybox) {
						i++
					}
				} else if a.Name == "" {
					a.Name = c[i]
				}
			}
			switch {
			case !makeHome:
				a.Home = "" // named but not created: nothing of the user's there
			case a.Home == "":
				a.Home = "/home/" + a.Name
			}
			if accountName(a.Name) && a.UID != "0" && !isRootUser(a.Name) {
				users = append(users, a)
			}
		}
	}
	return users, groups
}

// splitShortFlags spells busybox's combined short options out: "-Dh DIR"
// is "-D -h DIR".
func splitShortFlags(c []string) []string {
	out := []string{c[0]}
	for _, a := range c[1:] {
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && !strings.Contains(a, "=") {
			for _, r := range a[1:] {
				out = append(out, "-"+string(r))
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// useradd: -g is the primary group; busybox adduser: -G is the group and
// -g is GECOS.
func gidShort(busybox bool) string {
	if busybox {
		return ""
	}
	return "-g"
}

// homeShort: -d for useradd, -h for busybox adduser.
func homeShort(busybox bool) string {
	if busybox {
		return "-h"
	}
	return "-d"
}

func groupShort(busybox bool) string {
	if busybox {
		return "-G"
	}
	return ""
}

func takesValue(opt string, busybox bool) bool {
	if strings.Contains(opt, "=") {
		return false
	}
	if busybox {
		switch opt {
		case "-h", "-g", "-s", "-k", "--home", "--gecos", "--shell", "--firstuid", "--lastuid", "--add_extra_groups", "--comment":
			return true
		}
		return false
	}
	switch opt {
	case "-b", "-c", "-d", "-e", "-f", "-G", "-k", "-K", "-p", "-R", "-P", "-s", "-Z",
		"--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--groups",
		"--skel", "--key", "--password", "--root", "--prefix", "--shell", "--selinux-user":
		return true
	}
	return false
}

// isNum reports whether s is a plain decimal ID: digits only.
func isNum(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func numeric(s string) string {
	if isNum(s) {
		return s
	}
	return ""
}

// accounts lists the non-root users created in the target stage and the
// stages it is built on, oldest first, with group IDs resolved.
func (d *Decision) accounts() []Account {
	if d.accts == nil { // once: most rules ask
		d.accts = d.readAccounts()
	}
	return slices.Clone(*d.accts)
}

func (d *Decision) readAccounts() *[]Account {
	var all []Account
	groups := map[string]string{}
	var stages []*dockerfile.Stage
	// A passwd file copied from another stage brings the accounts that
	// stage created (a scratch image that copies /etc/passwd in).
	for _, n := range d.Target.Body {
		if dockerfile.Cmd(n) != "copy" {
			continue
		}
		a := dockerfile.Args(n)
		for _, src := range a[:max(len(a)-1, 0)] {
			if path.Clean(src) == "/etc/passwd" {
				if from := d.stageNamed(flagValue(n, "from")); from != nil && from != d.Target {
					stages = append(stages, from.Chain()...)
				}
			}
		}
	}
	stages = append(stages, d.Target.Chain()...)
	for _, s := range stages {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			us, gs := accounts(d.doc, n)
			for k, v := range gs {
				groups[k] = v
			}
			all = append(all, us...)
		}
	}
	for i, a := range all {
		if a.GID == "" && a.Group != "" {
			all[i].GID = groups[a.Group]
		}
		if a.GID == "" && a.Group == "" && groups[a.Name] != "" {
			// useradd without -g after "groupadd NAME": same-named group
			all[i].GID = groups[a.Name]
		}
	}
	return &all
}

// findAccount finds a created account by USER value (name or UID).
func findAccount(accts []Account, user string) (Account, bool) {
	name, _, _ := strings.Cut(user, ":")
	for i := len(accts) - 1; i >= 0; i-- {
		if accts[i].Name == name || accts[i].UID != "" && accts[i].UID == name {
			return accts[i], true
		}
	}
	return Account{}, false
}
