package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// onbuild warns that ONBUILD triggers of a hardened stage run in child
// images as the new user: an ONBUILD RUN apt-get … there would fail.
// Trigger bodies are never edited.
func (c *check) onbuild() {
	if c.Outcome != Harden {
		return
	}
	for _, n := range c.Target.Body {
		if dockerfile.Cmd(n) != "onbuild" || n.Next == nil || len(n.Next.Children) == 0 {
			continue
		}
		if sub := dockerfile.Cmd(n.Next.Children[0]); sub == "run" {
			c.add(OnbuildAsUser, n, false, OnbuildAsUser.message(strings.ToUpper(sub), c.Account.USER()))
		}
	}
}
