package rewrite

import (
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// chownPolicy is Options.Chown with its default.
func (d *Decision) chownPolicy() string {
	if d.opts.Chown == "" {
		return ChownApp
	}
	return d.opts.Chown
}

// destination is a COPY/ADD's destination, resolved against WORKDIR.
func (d *Decision) destination(n *parser.Node) (string, bool) {
	p, ok := d.paths.dests[n]
	return p, ok
}

// addURLMode makes files that ADD fetches from a URL readable (DH022):
// ADD creates them 0600 and root-owned, which only root could read. Those
// that copyChown gives the app are its own already.
func (c *check) addURLMode() {
	if c.Outcome != Harden {
		return
	}
	d := c.doc
	for _, n := range c.Target.Body {
		if dockerfile.Cmd(n) != "add" || dockerfile.HasFlag(n, "chmod") || c.chowned[n] {
			continue
		}
		a := dockerfile.Args(n)
		if len(a) < 2 {
			continue
		}
		url := false
		for _, src := range a[:len(a)-1] {
			url = url || strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
		}
		if !url {
			continue
		}
		at := d.KeywordAt(n) + len(d.Keyword(n))
		c.add(AddURLUnreadable, n, true, AddURLUnreadable.message("--chmod=644"),
			dockerfile.Edit{Start: at, End: at, New: " --chmod=644"})
	}
}

// copyChown gives the files copied into the app's own directories an owner
// (DH002): code and configuration copied to OS locations (/usr/local/bin,
// /etc, /) stay root-owned, so a compromised app cannot rewrite them. With
// --chown=all every COPY/ADD gets it, with none no COPY/ADD does. A
// COPY --link never gets one (the RUN before USER chowns its destination),
// and an existing --chown is never touched.
func (c *check) copyChown() {
	if c.Outcome != Harden || c.chownPolicy() == ChownNone {
		return
	}
	d, t, a := c.doc, c.Target, c.Account
	after := !a.Numeric() && a.Node != nil // named owners resolve only once the user exists
	for _, n := range t.Body {
		if n == a.Node {
			after = false
		}
		cmd := dockerfile.Cmd(n)
		if cmd != "copy" && cmd != "add" || dockerfile.HasFlag(n, "chown") || dockerfile.HasFlag(n, "link") {
			continue
		}
		if !a.Numeric() && after {
			continue
		}
		if c.chownPolicy() == ChownApp {
			dst, ok := c.destination(n)
			if !ok || !c.paths.inAppDir(dst) || osPath(dst) || c.copiesProgram(n, dst) {
				continue
			}
		}
		kw := d.Keyword(n)
		at := d.KeywordAt(n) + len(kw)
		flag := "--chown=" + c.owner()
		c.chowned[n] = true
		c.add(CopyWithoutChown, n, true, CopyWithoutChown.message(strings.ToUpper(kw), flag),
			dockerfile.Edit{Start: at, End: at, New: " " + flag})
	}
}

// copiesProgram reports whether COPY/ADD n copies one file, the program
// that ENTRYPOINT/CMD starts, to dst: that binary or script is code and
// stays root's even in the app's directory (root-owned 0755 still runs).
func (c *check) copiesProgram(n *parser.Node, dst string) bool {
	a := dockerfile.Args(n)
	if len(a) != 2 || strings.ContainsAny(a[0], "*?[") || c.paths.finalWD == "" {
		return false
	}
	argv := unwrap(c.effectiveCommand().argv)
	if len(argv) == 0 || argv[0] == "" {
		return false
	}
	prog, ok := cleanAbs(argv[0], c.paths.finalWD)
	if !ok || !strings.Contains(argv[0], "/") {
		return false // a bare name is looked up in PATH, not in the app's directory
	}
	return prog == dst || prog == path.Join(dst, path.Base(a[0]))
}
