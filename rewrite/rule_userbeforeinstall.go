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
	// lastInstall[u] is the last root-needing RUN that ran under USER u.
	lastInstall := map[*parser.Node]*parser.Node{}
	var order []*parser.Node
	var cur *parser.Node // the USER instruction in effect, nil = inherited
	users := usersAt(t, nil)
	for i, n := range t.Body {
		switch cmdOf(n) {
		case "user":
			cur = n
		case "run":
			if cur != nil && !isRootUser(users[i]) && installs(runScript(n)) {
				if lastInstall[cur] == nil {
					order = append(order, cur)
				}
				lastInstall[cur] = n
			}
		}
	}
	accts := p.accounts()
	for _, u := range order {
		p.moved[u] = lastInstall[u]
		value := userOf(u)
		if a, ok := findAccount(accts, value); ok && a.Numeric() {
			value = a.USER()
		}
		at := lastInstall[u]
		line := p.doc.Indent(u.StartLine) + p.doc.Keyword(u) + " " + value
		del := Edit{Start: p.doc.Start(u.StartLine), End: p.doc.Start(u.EndLine + 1)}
		p.add(RuleUserBeforeInstall, u.StartLine, u.EndLine, true, fmt.Sprintf(
			"USER %s comes before the package install on line %d, which needs root; moved below it", userOf(u), at.StartLine),
			del, p.doc.insertLinesAfter(at.EndLine, line))
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
