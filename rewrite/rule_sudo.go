package rewrite

import (
	"strings"
)

var sudoRE = lazyRE(`(?:^|[\s;&|(])sudo\s`)

// checkSudo reports sudo in RUN: builds run as root or should switch with
// USER; sudo in an image is an escalation path at run time.
func (p *plan) checkSudo() {
	for _, s := range p.stages {
		for _, n := range s.Body {
			if cmdOf(n) != "run" {
				continue
			}
			if script := runScript(n); strings.Contains(script, "sudo") && sudoRE().MatchString(script) {
				p.add(RuleSudo, n.StartLine, n.EndLine, false,
					"sudo in RUN: steps that need root should run before USER, without sudo")
			}
		}
	}
}
