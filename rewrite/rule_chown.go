package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// copyChown gives every COPY/ADD of the hardened stage an owner: files are
// created as root otherwise, and the app could not write what it ships.
// An existing --chown is never touched.
func (c *check) copyChown() {
	if c.Outcome != Harden {
		return
	}
	d, t, a := c.doc, c.Target, c.Account
	after := !a.Numeric() && a.Node != nil // named owners resolve only once the user exists
	for _, n := range t.Body {
		if n == a.Node {
			after = false
		}
		cmd := dockerfile.Cmd(n)
		if cmd != "copy" && cmd != "add" || dockerfile.HasFlag(n, "chown") {
			continue
		}
		if !a.Numeric() && (after || dockerfile.HasFlag(n, "link")) {
			// COPY --link resolves owners without a passwd file: names fail.
			continue
		}
		kw := d.Keyword(n)
		at := d.KeywordAt(n) + len(kw)
		flag := "--chown=" + a.USER()
		c.add(CopyWithoutChown, n, true, CopyWithoutChown.message(strings.ToUpper(kw), flag),
			dockerfile.Edit{Start: at, End: at, New: " " + flag})
	}
}
