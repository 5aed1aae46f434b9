package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

var sudoRE = lazyRE(`(?:^|[\s;&|(])sudo\s`)

// sudo reports sudo in RUN: builds run as root or should switch with USER;
// sudo in an image is an escalation path at run time.
func (c *check) sudo() {
	for _, s := range c.Stages {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) != "run" {
				continue
			}
			if script := dockerfile.RunScript(n); strings.Contains(script, "sudo") && sudoRE().MatchString(script) {
				c.add(Sudo, n, false, Sudo.Format)
			}
		}
	}
}
