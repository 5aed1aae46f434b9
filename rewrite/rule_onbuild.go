package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// declineOnbuild declines a stage with ONBUILD triggers (DH015): it is a
// parent image, and its triggers run in every child image as this stage's
// final user, so a non-root USER would break an ONBUILD RUN apt-get ….
// Trigger bodies are never edited.
func (d *Decision) declineOnbuild() bool {
	for _, n := range d.Target.Body {
		if dockerfile.Cmd(n) != "onbuild" || n.Next == nil || len(n.Next.Children) == 0 || dockerfile.Cmd(n.Next.Children[0]) != "run" {
			continue // COPY and ADD triggers ignore USER
		}
		if d.suppressed(OnbuildAsUser, n.StartLine) {
			continue
		}
		if d.declineFor(OnbuildAsUser, n, OnbuildAsUser.message(strings.ToUpper(dockerfile.Cmd(n.Next.Children[0])))) {
			return true
		}
	}
	return false
}
