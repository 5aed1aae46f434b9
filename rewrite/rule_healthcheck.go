package rewrite

// checkHealthcheck reports a final stage without HEALTHCHECK (also not
// inherited from a stage it is built on). Health checks are app-specific,
// so this is report-only.
func (p *plan) checkHealthcheck() {
	for _, s := range p.target.Chain() {
		for _, n := range s.Body {
			if cmdOf(n) == "healthcheck" {
				return
			}
		}
	}
	f := p.target.From
	p.add(RuleNoHealthcheck, f.StartLine, f.EndLine, false,
		"no HEALTHCHECK in the final stage (optional; orchestrators such as Kubernetes use their own probes)")
}
