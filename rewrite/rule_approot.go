package rewrite

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

var credentialRE = lazyRE(`(\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker/config\.json|\.aws/|\.ssh/|\.kube/|\.gnupg|\.m2/settings\.xml|\.gem/credentials)`)

// declineAppInRoot declines when the app lives in root's home (DH021) and
// making it reachable is not safe: /root is 0700, so the app needs
// chmod o+x /root, which exposes every world-readable file at a known
// path there. That is fine for the app's own files, not for a working
// directory of /root itself (the app could not write there) or when the
// stage puts credentials in root's home.
func (d *Decision) declineAppInRoot() bool {
	if len(d.paths.inRoot) == 0 {
		return false
	}
	for _, n := range d.paths.inRoot {
		if dockerfile.Cmd(n) == "workdir" && d.paths.finalWD == "/root" {
			d.reason(AppInRootHome, n, false, AppInRootHome.message("the app's working directory is /root, root's home (0700): a non-root user can neither enter nor write it"))
			return true
		}
	}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			cmd := dockerfile.Cmd(n)
			if cmd != "run" && cmd != "copy" && cmd != "add" {
				continue
			}
			text := strings.Join(dockerfile.Args(n), " ")
			if cmd == "run" {
				text = dockerfile.RunScript(n)
			}
			if m := credentialRE().FindString(text); m != "" {
				d.reason(AppInRootHome, d.paths.inRoot[0], false, AppInRootHome.message(fmt.Sprintf(
					"the app is under /root, and line %d puts %s there: making /root reachable (chmod o+x) would expose it", n.StartLine, m)))
				return true
			}
		}
	}
	return false
}
