package rewrite

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
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
func (d *Decision) writableDirs() []string {
	var dirs []string
	seen := map[string]bool{}
	env := map[string]string{} // ENV (inherited) and ARG defaults, for $VAR paths
	for _, s := range d.Target.Chain()[:len(d.Target.Chain())-1] {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) == "env" {
				setEnv(env, n)
			}
		}
	}
	addDir := func(dir string) {
		if strings.Contains(dir, "$") {
			d.reason(WritablePath, d.Target.From, false, WritablePath.message(fmt.Sprintf(
				"%s could not be resolved, so it stays root-owned: create it owned by %s in a RUN before USER", dir, d.Account.USER())))
			return
		}
		if dir == "" || strings.ContainsAny(dir, "\\ ") || !path.IsAbs(dir) {
			return
		}
		dir = path.Clean(dir)
		if !systemDirs[dir] && !seen[dir] {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
	}
	wd := ""
	for _, n := range d.Target.Body {
		switch dockerfile.Cmd(n) {
		case "env", "arg":
			setEnv(env, n)
		case "workdir":
			a := dockerfile.Args(n)
			if len(a) == 0 {
				continue
			}
			w := dockerfile.Expand(a[0], env)
			if !path.IsAbs(w) {
				if wd == "" {
					continue // relative to an inherited WORKDIR we cannot see
				}
				w = path.Join(wd, w)
			}
			wd = w
			addDir(w)
		case "volume":
			for _, v := range dockerfile.Args(n) {
				addDir(dockerfile.Expand(v, env))
			}
		}
	}
	return dirs
}

var logPathRE = lazyRE(`(/var/log/[A-Za-z0-9._/-]+|/var/run\b[A-Za-z0-9._/-]*|/run/[A-Za-z0-9._/-]+)`)

// writablePaths warns about paths the hardened app probably writes but
// does not own: WORKDIR/VOLUME on a base that cannot RUN chown, log and pid
// paths, and directories RUN creates that CMD/ENTRYPOINT/ENV mention.
func (c *check) writablePaths() {
	if c.Outcome != Harden {
		return
	}
	t := c.Target
	if len(c.Writable) > 0 && !c.Base.Family.CanCreateUser() {
		c.add(WritablePath, t.From, false, fmt.Sprintf(
			"WORKDIR/VOLUME paths %s stay root-owned: base %q has no shell to chown them; create them owned by %s in a builder stage and COPY --chown them in, or write to /tmp",
			strings.Join(c.Writable, " "), c.Base.Ref, c.Account.USER()))
	}
	owned := map[string]bool{}
	for _, d := range c.Writable {
		owned[d] = true
	}
	made := map[string]bool{} // directories that RUN creates
	for _, n := range t.Body {
		if dockerfile.Cmd(n) != "run" {
			continue
		}
		for _, cmd := range dockerfile.Commands(dockerfile.RunScript(n)) {
			switch dockerfile.Prog(cmd) {
			case "chown":
				for _, a := range cmd[1:] {
					owned[path.Clean(a)] = true
				}
			case "mkdir":
				for _, a := range cmd[1:] {
					if path.IsAbs(a) && !systemDirs[path.Clean(a)] {
						made[path.Clean(a)] = true
					}
				}
			}
		}
	}
	warned := map[string]bool{}
	for _, n := range t.Body {
		if cmd := dockerfile.Cmd(n); cmd != "cmd" && cmd != "entrypoint" && cmd != "env" {
			continue
		}
		text := strings.Join(dockerfile.Args(n), " ")
		found := logPathRE().FindAllString(text, -1)
		found = append(found, mentioned(text, made)...)
		for _, f := range found {
			f = path.Clean(f)
			if owned[f] || warned[f] {
				continue
			}
			warned[f] = true
			c.add(WritablePath, n, false, fmt.Sprintf(
				"the app may write to %s, which stays root-owned: create it owned by %s in a RUN before USER (for logs, write to stdout instead)", f, c.Account.USER()))
		}
	}
}

// setEnv records an ENV's or ARG's values (ARG only when it has a default).
func setEnv(env map[string]string, n *parser.Node) {
	a := dockerfile.Args(n)
	if dockerfile.Cmd(n) == "env" {
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
func mentioned(text string, made map[string]bool) []string {
	var found []string
	for i := strings.IndexByte(text, '/'); i >= 0; {
		end := i + strings.IndexAny(text[i:]+" ", " \t\"',;]=:)")
		tok := text[i:end]
		for j := 1; j <= len(tok); j++ {
			if (j == len(tok) || tok[j] == '/') && made[path.Clean(tok[:j])] {
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
