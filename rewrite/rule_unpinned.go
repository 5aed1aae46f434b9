package rewrite

import (
	"fmt"
	"strings"
)

// checkUnpinnedBase reports base images without a tag or with :latest (and
// no digest): the family, and the build, can change under the file.
func (p *plan) checkUnpinnedBase() {
	for _, s := range p.stages {
		img := s.Image
		if s.Parent != nil || strings.EqualFold(img, "scratch") || strings.Contains(img, "$") || strings.Contains(img, "@") {
			continue
		}
		_, tag := parseRef(img)
		if tag == "" || tag == "latest" {
			p.add(RuleUnpinnedBase, s.From.StartLine, s.From.EndLine, false, fmt.Sprintf(
				"base image %q is not pinned to a version (untagged or :latest)", img))
		}
	}
}
