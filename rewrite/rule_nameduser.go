package rewrite

import (
	"fmt"
	"strings"
)

var numericUserRE = lazyRE(`^[0-9]+(:[0-9]+)?$`)

// checkNamedUser reports a final non-root USER given by name: Kubernetes
// runAsNonRoot cannot verify a name ("image has non-numeric user").
func (p *plan) checkNamedUser() {
	for i := len(p.target.Body) - 1; i >= 0; i-- {
		n := p.target.Body[i]
		if cmdOf(n) != "user" {
			continue
		}
		u := userOf(n)
		if p.moved[n] != nil {
			if a, ok := findAccount(p.accounts(), u); ok && a.Numeric() {
				return // fix writes the move as USER UID:GID
			}
		}
		if isRootUser(u) || numericUserRE().MatchString(u) || strings.Contains(u, "$") {
			return
		}
		use := "the numeric UID:GID"
		name, _, _ := strings.Cut(u, ":")
		if a, ok := findAccount(p.accounts(), u); ok && a.Numeric() {
			use = "USER " + a.USER()
		} else {
			for _, k := range p.target.Base.Facts.Users {
				if k.Name == name { // base images' users have GID = UID
					use = fmt.Sprintf("USER %d:%d", k.UID, k.UID)
				}
			}
		}
		p.add(RuleNamedUser, n.StartLine, n.EndLine, false, fmt.Sprintf(
			"USER %s is a name: Kubernetes runAsNonRoot cannot verify it; use %s", u, use))
		return
	}
}
