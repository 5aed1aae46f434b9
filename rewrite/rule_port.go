package rewrite

import (
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// privilegedPort reports EXPOSE below 1024 in a stage that runs (or will
// run, after fix) as non-root: Docker allows the bind, Kubernetes by
// default does not.
func (c *check) privilegedPort() {
	if c.Outcome != Harden && isRootUser(c.endUser(c.Target)) {
		return
	}
	for _, n := range c.Target.Body {
		if dockerfile.Cmd(n) != "expose" {
			continue
		}
		for _, a := range dockerfile.Args(n) {
			port, _, _ := strings.Cut(a, "/")
			port, _, _ = strings.Cut(port, "-")
			if v, err := strconv.Atoi(port); err == nil && v > 0 && v < 1024 {
				c.add(PrivilegedPort, n, false, PrivilegedPort.message(a))
			}
		}
	}
}
