package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// isRootUser reports whether a USER value (or an image's default user)
// means root. Values with variables are not judged root: they are left to
// the author.
func isRootUser(u string) bool {
	u = strings.TrimSpace(u)
	name, _, _ := strings.Cut(u, ":")
	return name == "" || name == "root" || name == "0"
}

// startUser is the user a stage's first instruction runs as: the parent
// stage's final user, or the base image's default.
func (d *Decision) startUser(s *dockerfile.Stage) string {
	if s.Parent != nil {
		return d.endUser(s.Parent)
	}
	return d.bases[s].User
}

// endUser is the user the stage ends as.
func (d *Decision) endUser(s *dockerfile.Stage) string {
	u := d.startUser(s)
	for _, n := range s.Body {
		if dockerfile.Cmd(n) == "user" {
			u = dockerfile.UserOf(n)
		}
	}
	return u
}

// usersAt returns, for each body instruction, the user it runs as, with
// the USER instructions in moved placed after the RUN they map to.
func (d *Decision) usersAt(s *dockerfile.Stage) []string {
	moved := d.moved
	after := map[*parser.Node]string{}
	for _, n := range s.Body { // body order: the last USER moved below a RUN wins
		if run := moved[n]; run != nil {
			after[run] = dockerfile.UserOf(n)
		}
	}
	u := d.startUser(s)
	out := make([]string, len(s.Body))
	for i, n := range s.Body {
		out[i] = u
		if d.wrapped[n] != nil {
			out[i] = "root" // run as root in place, between USER root and the original USER
		}
		if dockerfile.Cmd(n) == "user" && moved[n] == nil {
			u = dockerfile.UserOf(n)
		}
		if v, ok := after[n]; ok {
			u = v
		}
	}
	return out
}
