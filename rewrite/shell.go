package rewrite

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// runScript is the shell text of a RUN: its command and heredoc bodies.
func runScript(n *parser.Node) string {
	var b strings.Builder
	b.WriteString(strings.Join(args(n), " "))
	for _, h := range n.Heredocs {
		b.WriteString("\n")
		b.WriteString(h.Content)
	}
	return b.String()
}

// simpleCommands splits shell text into simple commands (words of each
// command between && || ; | & newlines and brackets), quotes removed. It is
// a scanner for recognising commands, not a shell parser: good enough to
// find "apt-get install" or "useradd -u 1000 app", and it never fails.
func simpleCommands(s string) [][]string {
	var cmds [][]string
	var words []string
	var w strings.Builder
	inWord := false
	flushWord := func() {
		if inWord {
			words = append(words, w.String())
			w.Reset()
			inWord = false
		}
	}
	flushCmd := func() {
		flushWord()
		if len(words) > 0 {
			cmds = append(cmds, words)
			words = nil
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				j = len(s) - i - 1
			}
			w.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '\\' && i+1 < len(s):
			if s[i+1] != '\n' {
				w.WriteByte(s[i+1])
				inWord = true
			}
			i++
		case c == ' ' || c == '\t' || c == '\r':
			flushWord()
		case strings.IndexByte("\n;&|(){}`", c) >= 0:
			flushCmd()
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	flushCmd()
	for i, cmd := range cmds {
		cmds[i] = stripWrappers(cmd)
	}
	return cmds
}

// stripWrappers drops leading VAR=value assignments and wrappers such as
// sudo or exec, so that cmd[0] is the program that runs.
func stripWrappers(cmd []string) []string {
	for len(cmd) > 0 {
		w := cmd[0]
		switch {
		case strings.Contains(w, "=") && !strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "="):
			cmd = cmd[1:]
		case w == "sudo" || w == "exec" || w == "env" || w == "command" || w == "nice" || w == "time" || w == "eatmydata" || w == "then" || w == "do" || w == "else" || w == "!" || w == "if" || w == "while":
			cmd = cmd[1:]
		default:
			return cmd
		}
	}
	return cmd
}

func prog(cmd []string) string {
	if len(cmd) == 0 {
		return ""
	}
	return cmd[0][strings.LastIndexByte(cmd[0], '/')+1:]
}

func hasWord(cmd []string, words ...string) bool {
	for _, a := range cmd[1:] {
		for _, w := range words {
			if a == w {
				return true
			}
		}
	}
	return false
}

// needsRoot reports whether a simple command only works as root: a package
// install, or account management.
func needsRoot(cmd []string) bool {
	switch prog(cmd) {
	case "apt-get", "apt", "aptitude":
		return hasWord(cmd, "install", "upgrade", "dist-upgrade", "remove", "purge", "update")
	case "apk":
		return hasWord(cmd, "add", "upgrade", "del", "update")
	case "dnf", "yum", "microdnf", "tdnf", "zypper":
		return hasWord(cmd, "install", "in", "upgrade", "update", "remove", "erase", "makecache")
	case "dpkg":
		return hasWord(cmd, "-i", "--install")
	case "rpm":
		return hasWord(cmd, "-i", "-U", "-ivh", "-Uvh", "--install", "--upgrade")
	case "useradd", "groupadd", "adduser", "addgroup", "usermod", "groupmod", "userdel", "groupdel":
		return true
	}
	return false
}

// installs reports whether a RUN script runs a command that needs root.
func installs(script string) bool {
	for _, c := range simpleCommands(script) {
		if needsRoot(c) {
			return true
		}
	}
	return false
}

// Account is a user created by the Dockerfile.
type Account struct {
	Name  string
	UID   string // numeric, "" when the command picks one
	GID   string // numeric, "" when unknown
	Group string // primary group name, "" when unknown
	Node  *parser.Node
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

// accountNameRE is what useradd and adduser accept as a name; anything
// else (a variable, a scanner artefact) is not reused.
var accountNameRE = lazyRE(`^[A-Za-z_][A-Za-z0-9_.-]*\$?$`)

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
func accounts(n *parser.Node) (users []Account, groups map[string]string) {
	groups = map[string]string{}
	for _, c := range simpleCommands(runScript(n)) {
		switch prog(c) {
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
				} else if prog(c) == "addgroup" {
					// busybox "addgroup user group" adds a member; not a new group
					name = ""
					break
				}
			}
			if name != "" {
				groups[name] = numeric(gid)
			}
		case "useradd", "adduser":
			busybox := prog(c) == "adduser"
			a := Account{Node: n}
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
				} else if strings.HasPrefix(c[i], "-") {
					if takesValue(c[i], busybox) {
						i++
					}
				} else if a.Name == "" {
					a.Name = c[i]
				}
			}
			if accountNameRE().MatchString(a.Name) && a.UID != "0" && !isRootUser(a.Name) {
				users = append(users, a)
			}
		}
	}
	return users, groups
}

// useradd: -g is the primary group; busybox adduser: -G is the group and
// -g is GECOS.
func gidShort(busybox bool) string {
	if busybox {
		return ""
	}
	return "-g"
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

func isNum(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil && s != ""
}

func numeric(s string) string {
	if isNum(s) {
		return s
	}
	return ""
}

// stepDownRE finds privilege-dropping launchers in ENTRYPOINT/CMD/RUN text.
var stepDownRE = lazyRE(`(?:^|[\s/;&|"'\[,(])(?:((?:gosu|su-exec|setpriv|runuser)(?:$|[\s"',\]);&|]))|(chroot\s+--userspec)|(su(?:\s+[^\s;&|]+)*?\s+-c(?:$|[\s"',\]])))`)

// stepDown returns the launcher a text mentions, or "".
func stepDown(text string) string {
	if !strings.Contains(text, "su") && !strings.Contains(text, "setpriv") && !strings.Contains(text, "runuser") && !strings.Contains(text, "chroot") {
		return "" // gosu, su-exec and su all contain "su"
	}
	m := stepDownRE().FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	for _, g := range m[1:] {
		if g != "" {
			return strings.TrimRight(strings.Fields(g)[0], `"',]);&|`)
		}
	}
	return ""
}
