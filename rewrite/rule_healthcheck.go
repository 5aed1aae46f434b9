package rewrite

import "github.com/dockerharden/dockerharden/dockerfile"

// healthcheck reports a final stage without HEALTHCHECK (also not
// inherited from a stage it is built on). Health checks are app-specific,
// so this is report-only.
func (c *check) healthcheck() {
	for _, s := range c.Target.Chain() {
		for _, n := range s.Body {
			if dockerfile.Cmd(n) == "healthcheck" {
				return
			}
		}
	}
	c.add(NoHealthcheck, c.Target.From, false, NoHealthcheck.Format)
}
