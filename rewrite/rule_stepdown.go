package rewrite

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

var gosuRE = lazyRE(`(?:^|[^A-Za-z0-9_-])(gosu|su-exec)(?:$|[^A-Za-z0-9_-])`)

// declineStepDown declines images whose entrypoint starts as root and drops
// privileges itself (the official postgres/redis/mysql pattern): gosu run
// as non-root fails with "operation not permitted", so a USER breaks them.
// An ignore pragma for DH010 where it would be reported lets fix act.
func (d *Decision) declineStepDown() bool {
	const wayOut = "drop the step-down and add USER yourself, or run with --user"
	report := func(n *parser.Node, why, way string) bool {
		return d.declineFor(StepDownEntrypoint, n, StepDownEntrypoint.message(why, way))
	}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "entrypoint", "cmd":
				if l := stepDown(strings.Join(dockerfile.Args(n), " ")); l != "" {
					if report(n, fmt.Sprintf("%s steps down from root with %s", strings.ToUpper(n.Value), l), wayOut) {
						return true
					}
				}
			case "run", "copy", "add":
				text := strings.Join(dockerfile.Args(n), " ")
				if dockerfile.Cmd(n) == "run" {
					text = dockerfile.RunScript(n)
				}
				if !strings.Contains(text, "gosu") && !strings.Contains(text, "su-exec") {
					continue
				}
				if m := gosuRE().FindStringSubmatch(text); m != nil {
					if report(n, fmt.Sprintf("the image installs %s, a root step-down launcher", m[1]), wayOut) {
						return true
					}
				}
			}
		}
	}
	// A base that steps down matters only while the stage still ends as
	// root: a file that ends USER 65532 on a cassandra base runs as that.
	if b := d.bases[d.Target]; b.StepDown && isRootUser(d.endUser(d.Target)) {
		way := b.WayOut
		if way == "" {
			way = "run with --user"
		}
		if b.Repo == "nginx" {
			if hint := d.nginxConfigHint(); hint != "" {
				way += "; then " + hint
			}
		}
		return report(d.Target.Root().From, fmt.Sprintf("base image %q needs root or drops privileges itself", b.Ref), way)
	}
	return false
}

// stepDownRE finds privilege-dropping launchers in ENTRYPOINT/CMD/RUN text.
var stepDownRE = lazyRE(`(?:^|[\s/;&|"'\[,(])(?:((?:gosu|su-exec|setpriv|runuser)(?:$|[\s"',\]);&|]))|(chroot\s+--userspec)|(su(?:\s+[^\s;&|]+)*?\s+-c(?:$|[\s"',\]])))`)

// stepDown returns the launcher a text mentions, or "".
func stepDown(text string) string {
	if !strings.Contains(text, "su") && !strings.Contains(text, "setpriv") && !strings.Contains(text, "runuser") && !strings.Contains(text, "chroot") {
		return "" // gosu, su-exec and su all contain "su"
	}
	m := stepDownRE().FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	for _, g := range m[1:] {
		if g != "" {
			return strings.TrimRight(strings.Fields(g)[0], `"',]);&|`)
		}
	}
	return ""
}
