package rewrite

import (
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// checkUserBeforeInstall moves a non-root USER that precedes a package
// install (or useradd) below it: as written, that file cannot build.
func (p *plan) checkUserBeforeInstall() {
	if p.declined {
		return
	}
	t := p.target
	// Move each offending USER below the last install that runs under it,
	// then look again: the move can put a later install under an earlier
	// USER. Each round moves a USER further down, so this terminates.
	for changed := true; changed; {
		changed = false
		after := map[*parser.Node]*parser.Node{} // RUN → USER moved below it
		for _, n := range t.Body {
			if run := p.moved[n]; run != nil {
				after[run] = n
			}
		}
		var cur *parser.Node // the USER instruction in effect; nil = inherited
		users := usersAt(t, p.moved)
		for i, n := range t.Body {
			switch {
			case cmdOf(n) == "user" && p.moved[n] == nil:
				cur = n
			case cmdOf(n) == "run" && cur != nil && !isRootUser(users[i]) && installs(runScript(n)) && !p.doc.dangling(n) &&
				!p.suppressed(RuleUserBeforeInstall, cur.StartLine):
				if p.moved[cur] != n {
					p.moved[cur], changed = n, true
				}
			}
			if u := after[n]; u != nil {
				cur = u
			}
		}
	}
	// Several USERs moved below the same RUN: only the last one matters.
	last := map[*parser.Node]*parser.Node{}
	for _, n := range t.Body {
		if run := p.moved[n]; run != nil {
			last[run] = n
		}
	}
	accts := p.accounts()
	for _, u := range t.Body {
		at := p.moved[u]
		if at == nil {
			continue
		}
		edits := []Edit{{Start: p.doc.Start(u.StartLine), End: p.doc.Start(u.EndLine + 1)}}
		value := userOf(u)
		if last[at] == u {
			if a, ok := findAccount(accts, value); ok && a.Numeric() {
				value = a.USER()
			}
			line := p.doc.Indent(u.StartLine) + p.doc.Keyword(u) + " " + value
			edits = append(edits, p.doc.insertLinesAfter(at.EndLine, line))
		}
		p.add(RuleUserBeforeInstall, u.StartLine, u.EndLine, true, fmt.Sprintf(
			"USER %s comes before the package install on line %d, which needs root; fix moves it below", userOf(u), at.StartLine),
			edits...)
	}
}

// accounts lists the non-root users created in the target stage and the
// stages it is built on, oldest first, with group IDs resolved.
func (p *plan) accounts() []Account {
	var all []Account
	groups := map[string]string{}
	for _, s := range p.target.Chain() {
		for _, n := range s.Body {
			if cmdOf(n) != "run" {
				continue
			}
			us, gs := accounts(n)
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
	return all
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
