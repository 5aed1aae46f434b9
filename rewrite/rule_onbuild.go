package rewrite

import "strings"

// checkOnbuild warns that ONBUILD triggers of a hardened stage run in child
// images as the new user: an ONBUILD RUN apt-get … there would fail.
// Trigger bodies are never edited.
func (p *plan) checkOnbuild() {
	if !p.harden {
		return
	}
	for _, n := range p.target.Body {
		if cmdOf(n) != "onbuild" || n.Next == nil || len(n.Next.Children) == 0 {
			continue
		}
		sub := cmdOf(n.Next.Children[0])
		if sub == "run" {
			p.add(RuleOnbuildAsUser, n.StartLine, n.EndLine, false,
				"ONBUILD "+strings.ToUpper(sub)+" will run as "+p.account.USER()+" in child images; add USER root before it there if it needs root")
		}
	}
}
