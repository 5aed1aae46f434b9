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
		p.add(RuleStepDown, line, end, false, why)
	}
	const own = ": a USER would break the step-down; left alone (drop the step-down and add USER yourself)"
	for _, s := range p.target.Chain() {
		for _, n := range s.Body {
			if p.declined {
				return
			}
			switch cmdOf(n) {
			case "entrypoint", "cmd":
				if l := stepDown(strings.Join(args(n), " ")); l != "" {
					report(n.StartLine, n.EndLine, fmt.Sprintf("%s steps down from root with %s", strings.ToUpper(n.Value), l)+own)
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
					report(n.StartLine, n.EndLine, fmt.Sprintf("the image installs %s, a root step-down launcher", m[1])+own)
				}
			}
		}
	}
	if b := p.target.Base; b.Facts.StepDown && !p.declined {
		from := p.target.Root().From
		way := "keep that, or run the container with --user"
		switch {
		case b.Repo == "nginx":
			way = "use nginxinc/nginx-unprivileged instead (it listens on 8080)"
		case len(b.Facts.Users) > 0:
			u := b.Facts.Users[0]
			way = fmt.Sprintf("keep that, or run the container with --user %d:%d (its %s user)", u.UID, u.UID, u.Name)
		}
		report(from.StartLine, from.EndLine, fmt.Sprintf("base image %q starts as root and drops privileges itself: left alone; %s", b.Image, way))
	}
}
