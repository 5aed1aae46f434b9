package rewrite

import (
	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// findMoves decides where each non-root USER that precedes a package
// install (or useradd) goes: below the last such RUN. As written, that
// file cannot build.
func (d *Decision) findMoves() {
	t := d.Target
	// Move each offending USER below the last install that runs under it,
	// then look again: the move can put a later install under an earlier
	// USER. Each round moves a USER further down, so this terminates.
	for changed := true; changed; {
		changed = false
		after := map[*parser.Node]*parser.Node{} // RUN → USER moved below it
		for _, n := range t.Body {
			if run := d.moved[n]; run != nil {
				after[run] = n
			}
		}
		var cur *parser.Node // the USER instruction in effect; nil = inherited
		users := d.usersAt(t)
		for i, n := range t.Body {
			switch {
			case dockerfile.Cmd(n) == "user" && d.moved[n] == nil:
				cur = n
			case dockerfile.Cmd(n) == "run" && cur != nil && !isRootUser(users[i]) && installs(dockerfile.RunScript(n)) && !d.doc.Dangling(n) &&
				!d.suppressed(UserBeforeInstall, cur.StartLine):
				if d.moved[cur] != n {
					d.moved[cur], changed = n, true
				}
			}
			if u := after[n]; u != nil {
				cur = u
			}
		}
	}
}

// userMoves reports each moved USER (DH003) with the edits that move it.
func (c *check) userMoves() {
	t := c.Target
	// Several USERs moved below the same RUN: only the last one matters.
	last := map[*parser.Node]*parser.Node{}
	for _, n := range t.Body {
		if run := c.moved[n]; run != nil {
			last[run] = n
		}
	}
	accts := c.accounts()
	for _, u := range t.Body {
		at := c.moved[u]
		if at == nil {
			continue
		}
		edits := []dockerfile.Edit{{Start: c.doc.Start(u.StartLine), End: c.doc.Start(u.EndLine + 1)}}
		value := dockerfile.UserOf(u)
		if last[at] == u {
			if a, ok := findAccount(accts, value); ok && a.Numeric() {
				value = a.USER()
			}
			line := c.doc.Indent(u.StartLine) + c.doc.Keyword(u) + " " + value
			edits = append(edits, c.doc.InsertAfter(at.EndLine, line))
		}
		c.add(UserBeforeInstall, u, true, UserBeforeInstall.message(dockerfile.UserOf(u), at.StartLine), edits...)
	}
}
