package rewrite

import (
	"fmt"
	"strings"
)

var gosuRE = lazyRE(`(?:^|[^A-Za-z0-9_-])(gosu|su-exec)(?:$|[^A-Za-z0-9_-])`)

// checkStepDown declines images whose entrypoint starts as root and drops
// privileges itself (the official postgres/redis/mysql pattern): gosu run
// as non-root fails with "operation not permitted", so a USER breaks them.
func (p *plan) checkStepDown() {
	if p.declined {
		return
	}
	report := func(line, end int, why string) {
		if p.suppressed(RuleStepDown, line) {
			return // the author says hardening is fine here
		}
		p.declined = true
		p.add(RuleStepDown, line, end, false, why+": the container must start as root to step down, so a USER instruction would break it; left alone (drop the step-down and add USER yourself, or run with --user)")
	}
	for _, s := range p.target.Chain() {
		for _, n := range s.Body {
			if p.declined {
				return
			}
			switch cmdOf(n) {
			case "entrypoint", "cmd":
				if l := stepDown(strings.Join(args(n), " ")); l != "" {
					report(n.StartLine, n.EndLine, fmt.Sprintf("%s steps down from root with %s", strings.ToUpper(n.Value), l))
				}
			case "run", "copy", "add":
				text := strings.Join(args(n), " ")
				if cmdOf(n) == "run" {
					text = runScript(n)
				}
				if !strings.Contains(text, "gosu") && !strings.Contains(text, "su-exec") {
					continue
				}
				if m := gosuRE().FindStringSubmatch(text); m != nil {
					report(n.StartLine, n.EndLine, fmt.Sprintf("the image installs %s, a root step-down launcher", m[1]))
				}
			}
		}
	}
	if b := p.target.Base; b.Facts.StepDown && !p.declined {
		from := p.target.Root().From
		report(from.StartLine, from.EndLine, fmt.Sprintf("base image %q starts as root and drops privileges itself (gosu in its entrypoint, or a master process that switches to a worker user)", b.Image))
	}
}
