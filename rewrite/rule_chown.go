package rewrite

import (
	"fmt"
	"strings"
)

// checkCopyChown gives every COPY/ADD of the hardened stage an owner: files
// are created as root otherwise, and the app could not write what it ships.
// An existing --chown is never touched.
func (p *plan) checkCopyChown() {
	if !p.harden {
		return
	}
	d, t, a := p.doc, p.target, p.account
	after := !a.Numeric() && a.Node != nil // named owners resolve only once the user exists
	for _, n := range t.Body {
		if n == a.Node {
			after = false
		}
		c := cmdOf(n)
		if c != "copy" && c != "add" || hasFlag(n, "chown") {
			continue
		}
		if !a.Numeric() && (after || hasFlag(n, "link")) {
			// COPY --link resolves owners without a passwd file: names fail.
			continue
		}
		kw := d.Keyword(n)
		at := d.keywordAt(n) + len(kw)
		flag := "--chown=" + a.USER()
		p.add(RuleCopyChown, n.StartLine, n.EndLine, true, fmt.Sprintf(
			"%s without --chown creates root-owned files; fix adds %s", strings.ToUpper(kw), flag),
			Edit{Start: at, End: at, New: " " + flag})
	}
}
