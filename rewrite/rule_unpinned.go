package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/images"
)

// unpinnedBase reports base images without a tag or with :latest (and
// no digest): the family, and the build, can change under the file.
func (c *check) unpinnedBase() {
	for _, s := range c.Stages {
		img := s.Image
		if s.Parent != nil || strings.EqualFold(img, "scratch") || strings.Contains(img, "$") || strings.Contains(img, "@") {
			continue
		}
		_, tag := images.ParseRef(img)
		if tag == "" || tag == "latest" {
			c.add(UnpinnedBase, s.From, false, UnpinnedBase.message(img))
		}
	}
}
