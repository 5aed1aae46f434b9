package rewrite

import (
	"fmt"
	"strconv"
	"strings"
)

// checkPrivilegedPort reports EXPOSE below 1024 in a stage that runs (or
// will run, after fix) as non-root: Docker allows the bind, Kubernetes by
// default does not.
func (p *plan) checkPrivilegedPort() {
	if !p.harden && isRootUser(endUser(p.target)) {
		return
	}
	for _, n := range p.target.Body {
		if cmdOf(n) != "expose" {
			continue
		}
		for _, a := range args(n) {
			port, _, _ := strings.Cut(a, "/")
			port, _, _ = strings.Cut(port, "-")
			if v, err := strconv.Atoi(port); err == nil && v > 0 && v < 1024 {
				p.add(RulePrivilegedPort, n.StartLine, n.EndLine, false, fmt.Sprintf(
					"EXPOSE %s: a non-root process cannot bind ports below 1024 on Kubernetes by default; listen on 8080 (or another port above 1023) instead", a))
			}
		}
	}
}
