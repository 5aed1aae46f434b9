package rewrite

import "fmt"

// checkWindows declines Windows bases: --chown is unsupported there and
// accounts work differently (nanoserver images ship ContainerUser).
func (p *plan) checkWindows() {
	if p.base.Family != Windows {
		return
	}
	p.declined = true
	from := p.target.Root().From
	p.add(RuleWindows, from.StartLine, from.EndLine, false, fmt.Sprintf(
		"base image %q is Windows: COPY --chown is not supported there and users are set up differently; left alone (use USER ContainerUser on nanoserver)", p.base.Image))
}
