package rewrite

import (
	"fmt"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// findMoves decides what to do with each non-root USER that precedes a
// package install (or useradd), which as written cannot build: move it
// below the last such RUN, or, when a RUN or WORKDIR between them must keep
// running as that user, run just the install as root (USER root … then the
// original USER again).
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
			case dockerfile.Cmd(n) == "run" && cur != nil && !isRootUser(users[i]) && installs(d.doc.RunCommands(n)) && !d.doc.Dangling(n) &&
				!d.suppressed(UserBeforeInstall, cur.StartLine):
				switch {
				case d.userSensitiveBetween(cur, n):
					d.wrapped[n], changed = cur, true
				case d.moved[cur] != n:
					d.moved[cur], changed = n, true
				}
			}
			if u := after[n]; u != nil {
				cur = u
			}
		}
	}
}

// userSensitiveBetween reports whether a RUN or WORKDIR lies between the
// USER u (where it is, or where it has been moved) and the RUN r: moving u
// below r would make them run as root.
func (d *Decision) userSensitiveBetween(u, r *parser.Node) bool {
	at := u
	if m := d.moved[u]; m != nil {
		at = m
	}
	between := false
	for _, n := range d.Target.Body {
		switch {
		case n == at:
			between = true
		case n == r:
			return false
		case between && (dockerfile.Cmd(n) == "run" || dockerfile.Cmd(n) == "workdir"):
			return true
		}
	}
	return false
}

// userMoves reports each moved USER (DH003) with the edits that move it,
// and each install run as root in place.
func (c *check) userMoves() {
	for _, r := range c.Target.Body {
		u := c.wrapped[r]
		if u == nil {
			continue
		}
		d := c.doc
		indent := d.Indent(r.StartLine)
		original := string(d.Src[d.KeywordAt(u):d.LineEnd(u.EndLine)])
		edits := []dockerfile.Edit{
			d.InsertBefore(d.CommentStart(r), indent+d.Keyword(u)+" root"),
			d.InsertAfter(r.EndLine, indent+original),
		}
		c.add(UserBeforeInstall, u, true, UserBeforeInstall.message(dockerfile.UserOf(u), r.StartLine,
			fmt.Sprintf("fix runs that install as root (%s root, then %s again), since the steps between must keep their user", d.Keyword(u), original)), edits...)
	}
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
		c.add(UserBeforeInstall, u, true, UserBeforeInstall.message(dockerfile.UserOf(u), at.StartLine, "fix moves it below"), edits...)
	}
}
