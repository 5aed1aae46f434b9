package rewrite

import (
	"fmt"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"path"
	"strings"
)

// Directories never chowned to the app even when a WORKDIR points there.
var systemDirs = map[string]bool{
	"/": true, "/bin": true, "/boot": true, "/dev": true, "/etc": true, "/home": true,
	"/lib": true, "/lib64": true, "/opt": true, "/proc": true, "/root": true, "/run": true,
	"/sbin": true, "/srv": true, "/sys": true, "/tmp": true, "/usr": true, "/usr/bin": true,
	"/usr/lib": true, "/usr/local": true, "/usr/local/bin": true, "/usr/sbin": true,
	"/usr/share": true, "/usr/src": true, "/var": true, "/var/lib": true, "/var/tmp": true,
	"/var/log": true, "/var/cache": true, "/var/run": true,
}

// writableDirs are the target stage's WORKDIR and VOLUME paths: a root app
// could write there, the hardened one needs them owned.
func (p *plan) writableDirs() []string {
	var dirs []string
	seen := map[string]bool{}
	env := map[string]string{} // ENV (inherited) and ARG defaults, for $VAR paths
	for _, s := range p.target.Chain()[:len(p.target.Chain())-1] {
		for _, n := range s.Body {
			if cmdOf(n) == "env" {
				setEnv(env, n)
			}
		}
	}
	addDir := func(d string) {
		if strings.Contains(d, "$") {
			from := p.target.From
			p.add(RuleWritablePath, from.StartLine, from.EndLine, false, fmt.Sprintf(
				"%s could not be resolved, so it stays root-owned: create it owned by %s in a RUN before USER", d, p.account.USER()))
			return
		}
		if d == "" || strings.ContainsAny(d, "\\ ") || !path.IsAbs(d) {
			return
		}
		d = path.Clean(d)
		if !systemDirs[d] && !seen[d] {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	wd := ""
	for _, n := range p.target.Body {
		switch cmdOf(n) {
		case "env", "arg":
			setEnv(env, n)
		case "workdir":
			a := args(n)
			if len(a) == 0 {
				continue
			}
			w := expandArgs(a[0], env)
			if !path.IsAbs(w) {
				if wd == "" {
					continue // relative to an inherited WORKDIR we cannot see
				}
				w = path.Join(wd, w)
			}
			wd = w
			addDir(w)
		case "volume":
			for _, v := range args(n) {
				addDir(expandArgs(v, env))
			}
		}
	}
	return dirs
}

var logPathRE = lazyRE(`(/var/log/[A-Za-z0-9._/-]+|/var/run\b[A-Za-z0-9._/-]*|/run/[A-Za-z0-9._/-]+)`)

// checkWritablePaths warns about paths the hardened app probably writes but
// does not own: WORKDIR/VOLUME on a base that cannot RUN chown, log and pid
// paths, and directories RUN creates that CMD/ENTRYPOINT/ENV mention.
func (p *plan) checkWritablePaths() {
	if !p.harden {
		return
	}
	t := p.target
	hasRun := false // a stage that runs RUN has a shell, whatever its family
	for _, s := range t.Chain() {
		for _, n := range s.Body {
			hasRun = hasRun || cmdOf(n) == "run"
		}
	}
	owned := map[string]bool{}
	for _, d := range p.dirs {
		owned[d] = true
	}
	made := map[string]int{}    // directories that RUN creates → index of that RUN
	exists := map[string]bool{} // made by WORKDIR or RUN so far
	copied := map[string]int{}  // COPY/ADD --chown destinations it creates → index
	chowned := map[int]bool{}   // lines of COPY/ADD that fix gives --chown
	for _, f := range p.findings {
		if f.Rule == RuleCopyChown && len(f.Edits) > 0 {
			chowned[f.Line] = true
		}
	}
	wd := ""
	for i, n := range t.Body {
		switch cmdOf(n) {
		case "workdir":
			if a := args(n); len(a) > 0 && !strings.Contains(a[0], "$") {
				wd = path.Join("/", wd, a[0])
				if path.IsAbs(a[0]) {
					wd = path.Clean(a[0])
				}
				exists[wd] = true
			}
		case "copy", "add":
			a := args(n)
			if len(a) < 2 || !hasFlag(n, "chown") && !chowned[n.StartLine] || strings.Contains(a[len(a)-1], "$") {
				continue
			}
			dst := path.Clean(a[len(a)-1])
			if !path.IsAbs(dst) {
				dst = path.Join("/", wd, dst)
			}
			if !exists[dst] {
				copied[dst] = i // COPY --chown creates it owned (an existing one keeps its owner)
				exists[dst] = true
			}
		case "run":
			for _, c := range simpleCommands(runScript(n)) {
				switch prog(c) {
				case "chown":
					for _, a := range c[1:] {
						owned[path.Clean(a)] = true
					}
				case "mkdir":
					for _, a := range c[1:] {
						if d := path.Clean(a); !exists[d] && path.IsAbs(a) && !systemDirs[d] {
							made[d], exists[d] = i, true
						}
					}
				}
			}
		}
	}
	var rootOwned []string // WORKDIR/VOLUME paths no COPY --chown created
	for _, d := range p.dirs {
		if _, ok := copied[d]; !ok {
			rootOwned = append(rootOwned, d)
		}
	}
	if len(rootOwned) > 0 && !p.base.Family.CanCreateUser() {
		from, why := t.From, fmt.Sprintf("base %q has no shell to chown them; create them owned by %s in a builder stage and COPY --chown them in, or write to /tmp", p.base.Image, p.account.USER())
		if hasRun {
			why = fmt.Sprintf("on base %q (family %s) fix adds no RUN to chown them; chown them to %s in a RUN before USER, or pass --family", p.base.Image, p.base.Family, p.account.USER())
		}
		p.add(RuleWritablePath, from.StartLine, from.EndLine, false, fmt.Sprintf(
			"WORKDIR/VOLUME paths %s stay root-owned: %s", strings.Join(rootOwned, " "), why))
	}
	// A COPY --chown destination is owned, and so is a directory below it
	// that a RUN made before the COPY filled it; one made after is root's.
	for d, at := range made {
		for c := d; c != "/" && c != "."; c = path.Dir(c) { // d and its parents: linear
			if ci, ok := copied[c]; ok && (c == d || at < ci) {
				owned[d] = true
				break
			}
		}
	}
	warned := map[string]bool{}
	for _, n := range t.Body {
		c := cmdOf(n)
		if c != "cmd" && c != "entrypoint" && c != "env" {
			continue
		}
		text := strings.Join(args(n), " ")
		found := logPathRE().FindAllString(text, -1)
		found = append(found, mentioned(text, made)...)
		for _, f := range found {
			f = path.Clean(f)
			if owned[f] || warned[f] {
				continue
			}
			warned[f] = true
			p.add(RuleWritablePath, n.StartLine, n.EndLine, false, fmt.Sprintf(
				"the app may write to %s, which stays root-owned: create it owned by %s in a RUN before USER (for logs, write to stdout instead)", f, p.account.USER()))
		}
	}
}

// setEnv records an ENV's or ARG's values (ARG only when it has a default).
func setEnv(env map[string]string, n *parser.Node) {
	a := args(n)
	if cmdOf(n) == "env" {
		for i := 0; i+1 < len(a); i += 2 {
			env[a[i]] = strings.Trim(a[i+1], `"'`)
		}
		return
	}
	for _, kv := range a {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = strings.Trim(v, `"'`)
		}
	}
}

// mentioned returns the directories of made that text names, or names a
// path below: each absolute path in text is looked up with its parents.
func mentioned(text string, made map[string]int) []string {
	var found []string
	for i := strings.IndexByte(text, '/'); i >= 0; {
		end := i + strings.IndexAny(text[i:]+" ", " \t\"',;]=:)")
		tok := text[i:end]
		for j := 1; j <= len(tok); j++ {
			if _, ok := made[path.Clean(tok[:j])]; ok && (j == len(tok) || tok[j] == '/') {
				found = append(found, tok[:j])
			}
		}
		next := strings.IndexByte(text[end:], '/')
		if next < 0 {
			break
		}
		i = end + next
	}
	return found
}
