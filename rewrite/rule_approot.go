package rewrite

import (
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

var credentialRE = lazyRE(`(\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker/config\.json|\.aws/|\.ssh/|\.kube/|\.gnupg|\.m2/settings\.xml|\.gem/credentials)`)

const moveOut = "move the app out of /root, e.g. WORKDIR /app"

// homeInstalls are commands that, run as root, put what the app needs at
// run time into root's home, with the variable that sends it elsewhere.
var homeInstalls = []struct{ match, env, what string }{
	{"playwright install", "PLAYWRIGHT_BROWSERS_PATH", "Playwright's browsers (~/.cache/ms-playwright)"},
	{"go install", "GOBIN", "Go binaries (~/go/bin)"},
	{"cargo install", "CARGO_HOME", "Cargo binaries (~/.cargo/bin)"},
	{"pip install --user", "PYTHONUSERBASE", "user packages (~/.local)"},
	{"pip3 install --user", "PYTHONUSERBASE", "user packages (~/.local)"},
	{"pipx install", "PIPX_HOME", "pipx tools (~/.local)"},
	{"uv tool install", "UV_TOOL_DIR", "uv tools (~/.local)"},
	{"composer global", "COMPOSER_HOME", "Composer's global packages (~/.composer)"},
	{"huggingface-cli download", "HF_HOME", "Hugging Face models (~/.cache/huggingface)"},
}

// declineHomeState declines (DH021) when a root step installs what the
// app needs into root's home, which the new user cannot reach.
func (d *Decision) declineHomeState() bool {
	set := map[string]bool{}
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "env":
				for _, p := range dockerfile.EnvPairs(n) {
					set[p[0]] = true
				}
			case "run":
				script := strings.Join(strings.Fields(dockerfile.RunScript(n)), " ")
				for _, h := range homeInstalls {
					if strings.Contains(script, h.match) && !set[h.env] && !strings.Contains(script, h.env+"=") && !d.suppressed(AppInRootHome, n.StartLine) {
						d.reason(AppInRootHome, n, false, AppInRootHome.message(fmt.Sprintf(
							"%s runs as root and puts %s in root's home, which the new user cannot reach", h.match, h.what),
							fmt.Sprintf("set ENV %s to a directory outside /root before line %d", h.env, n.StartLine)))
						return true
					}
				}
			}
		}
	}
	return false
}

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
			d.reason(AppInRootHome, n, false, AppInRootHome.message("the app's working directory is /root, root's home (0700): a non-root user can neither enter nor write it", moveOut))
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
					"the app is under /root, and line %d puts %s there: making /root reachable (chmod o+x) would expose it", n.StartLine, m), moveOut))
				return true
			}
		}
	}
	return false
}
