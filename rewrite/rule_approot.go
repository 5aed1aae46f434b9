package rewrite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

var credentialRE = lazyRE(`(\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker/config\.json|\.aws/|\.ssh/|\.kube/|\.gnupg|\.m2/settings\.xml|\.gem/credentials)`)

const moveOut = "move the app out of /root, e.g. WORKDIR /app"

// homeInstalls are commands that, run as root, put what the app needs at
// run time into root's home, with the variables that send it elsewhere
// (the first is the one to suggest) and the official images that set one.
var homeInstalls = []struct {
	match  string
	envs   []string
	what   string
	images []string
}{
	{"playwright install", []string{"PLAYWRIGHT_BROWSERS_PATH"}, "Playwright's browsers (~/.cache/ms-playwright)", []string{"mcr.microsoft.com/playwright"}},
	{"go install", []string{"GOBIN", "GOPATH"}, "Go binaries (~/go/bin)", []string{"golang"}},                          // GOPATH=/go
	{"cargo install", []string{"CARGO_HOME", "CARGO_INSTALL_ROOT"}, "Cargo binaries (~/.cargo/bin)", []string{"rust"}}, // CARGO_HOME=/usr/local/cargo
	{"pip install --user", []string{"PYTHONUSERBASE"}, "user packages (~/.local)", nil},
	{"pip3 install --user", []string{"PYTHONUSERBASE"}, "user packages (~/.local)", nil},
	{"pipx install", []string{"PIPX_HOME"}, "pipx tools (~/.local)", nil},
	{"uv tool install", []string{"UV_TOOL_DIR"}, "uv tools (~/.local)", nil},
	{"uv python install", []string{"UV_PYTHON_INSTALL_DIR"}, "uv's Python interpreters (~/.local/share/uv/python)", nil},
	{"pyenv install", []string{"PYENV_ROOT"}, "pyenv's Python interpreters (~/.pyenv)", nil},
	{"nvm install", []string{"NVM_DIR"}, "nvm's Node.js versions (~/.nvm)", nil},
	{"sh.rustup.rs", []string{"RUSTUP_HOME", "CARGO_HOME"}, "the Rust toolchain (~/.rustup, ~/.cargo)", []string{"rust"}},
	{"bun.sh/install", []string{"BUN_INSTALL"}, "Bun (~/.bun)", nil},
	{"composer global", []string{"COMPOSER_HOME"}, "Composer's global packages (~/.composer)", []string{"composer"}}, // COMPOSER_HOME=/tmp
	{"huggingface-cli download", []string{"HF_HOME"}, "Hugging Face models (~/.cache/huggingface)", nil},
}

// homePrograms keep their data in $HOME by default, and their documented
// volume is under /root: as another user they start empty, and the
// volume people already have is no longer read.
var homePrograms = map[string]struct{ what, env, volume string }{
	"ollama": {"its models in $HOME/.ollama", "OLLAMA_MODELS", "/root/.ollama"},
}

// declineHomeState declines (DH021) when a root step installs what the
// app needs into root's home, which the new user cannot reach, or when
// the program keeps its data there by default.
func (d *Decision) declineHomeState() bool {
	set := map[string]bool{}
	repo := d.bases[d.Target.Root()].Repo
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "env":
				for _, p := range dockerfile.EnvPairs(n) {
					set[p[0]] = true
					if p[0] != "PATH" || d.suppressed(AppInRootHome, n.StartLine) {
						continue
					}
					for _, dir := range strings.Split(p[1], ":") {
						if strings.HasPrefix(dir, "/root/") {
							if d.declineFor(AppInRootHome, n, AppInRootHome.message(fmt.Sprintf(
								"ENV PATH puts %s on the PATH: programs installed in root's home, which the new user cannot enter", dir),
								"install them outside /root (e.g. under /opt) and put that directory on the PATH")) {
								return true
							}
						}
					}
				}
			case "run":
				script := strings.Join(strings.Fields(dockerfile.RunScript(n)), " ")
				for _, h := range homeInstalls {
					if !strings.Contains(script, h.match) || slices.Contains(h.images, repo) || d.suppressed(AppInRootHome, n.StartLine) {
						continue
					}
					elsewhere := false
					for _, e := range h.envs {
						elsewhere = elsewhere || set[e] || strings.Contains(script, e+"=")
					}
					if !elsewhere {
						if d.declineFor(AppInRootHome, n, AppInRootHome.message(fmt.Sprintf(
							"%s runs as root and puts %s in root's home, which the new user cannot reach", h.match, h.what),
							fmt.Sprintf("set ENV %s to a directory outside /root before line %d", h.envs[0], n.StartLine))) {
							return true
						}
					}
				}
			}
		}
	}
	c := d.effectiveCommand()
	if argv := unwrap(c.argv); len(argv) > 0 {
		if h, ok := homePrograms[base(argv[0])]; ok && !set[h.env] {
			n := c.entry
			if n == nil {
				n = c.cmd
			}
			if d.declineFor(AppInRootHome, n, AppInRootHome.message(fmt.Sprintf(
				"%s keeps %s, and its documented volume is %s: as another user it would start empty", base(argv[0]), h.what, h.volume),
				fmt.Sprintf("set ENV %s to a directory outside /root, mount the volume there, then run fix again", h.env))) {
				return true
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
			if d.declineFor(AppInRootHome, n, AppInRootHome.message("the app's working directory is /root, root's home (0700): a non-root user can neither enter nor write it", moveOut)) {
				return true
			}
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
				if d.declineFor(AppInRootHome, d.paths.inRoot[0], AppInRootHome.message(fmt.Sprintf(
					"the app is under /root, and line %d puts %s there: making /root reachable (chmod o+x) would expose it", n.StartLine, m), moveOut)) {
					return true
				}
			}
		}
	}
	return false
}
