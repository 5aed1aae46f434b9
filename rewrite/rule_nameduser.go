package rewrite

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

var numericUserRE = lazyRE(`^[0-9]+(:[0-9]+)?$`)

// namedUser reports a final non-root USER given by name: Kubernetes
// runAsNonRoot cannot verify a name ("image has non-numeric user").
func (c *check) namedUser() {
	for i := len(c.Target.Body) - 1; i >= 0; i-- {
		n := c.Target.Body[i]
		if dockerfile.Cmd(n) != "user" {
			continue
		}
		u := dockerfile.UserOf(n)
		if c.moved[n] != nil {
			if a, ok := findAccount(c.accounts(), u); ok && a.Numeric() {
				return // fix writes the move as USER UID:GID
			}
		}
		if isRootUser(u) || numericUserRE().MatchString(u) || strings.Contains(u, "$") {
			return
		}
		use := "the numeric UID:GID"
		name, _, _ := strings.Cut(u, ":")
		if a, ok := findAccount(c.accounts(), u); ok && a.Numeric() {
			use = "USER " + a.USER()
		} else if k, ok := c.bases[c.Target].HasUser(name); ok {
			use = fmt.Sprintf("USER %d:%d", k.UID, k.GID)
		}
		c.add(NamedUser, n, false, NamedUser.message(u, use))
		return
	}
}
