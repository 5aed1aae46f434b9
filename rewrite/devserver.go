package rewrite

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// Development servers write their caches into node_modules (Vite's
// node_modules/.vite, webpack's node_modules/.cache). A RUN npm install
// leaves node_modules root-owned, so a dev server run as the app fails at
// start: the directory itself (not what is in it) is made the app's.

// devTools start a development server; a package.json script that runs
// one makes "npm run SCRIPT" a dev server.
var devTools = []string{"vite", "react-scripts start", "next dev", "nuxt dev", "nuxi dev", "ng serve", "webpack serve", "webpack-dev-server", "vue-cli-service serve", "gatsby develop", "astro dev", "svelte-kit dev"}

// devScripts are script names that mean a development server by convention.
var devScripts = map[string]bool{"dev": true, "serve": true, "develop": true}

// devServer reports whether argv (the stage's command, unwrapped) starts a
// development server. wd is the working directory: its package.json, when
// the build context has it, says what a script runs.
func (d *Decision) devServer(argv []string, wd string) bool {
	if len(argv) == 0 {
		return false
	}
	cmd := strings.Join(argv, " ")
	for _, t := range devTools {
		if strings.HasPrefix(cmd, t) || strings.HasPrefix(cmd, "npx "+t) {
			return true
		}
	}
	var script string
	switch base(argv[0]) {
	case "npm", "pnpm", "bun":
		if len(argv) > 2 && (argv[1] == "run" || argv[1] == "run-script") {
			script = argv[2]
		} else if len(argv) > 1 && (argv[1] == "start" || base(argv[0]) != "npm") {
			script = argv[1]
		}
	case "yarn":
		if len(argv) > 2 && argv[1] == "run" {
			script = argv[2]
		} else if len(argv) > 1 {
			script = argv[1]
		}
	default:
		return false
	}
	if devScripts[script] {
		return true
	}
	if script == "" || wd == "" {
		return false
	}
	s, ok := d.copiedFrom(path.Join(wd, "package.json"))
	if !ok || s.text == "" {
		return false
	}
	var pkg struct{ Scripts map[string]string }
	if json.Unmarshal([]byte(s.text), &pkg) != nil {
		return false
	}
	run := pkg.Scripts[script]
	for _, t := range devTools {
		if strings.Contains(run, t) {
			return true
		}
	}
	return false
}

// installsNodeModules reports whether a RUN of the target stage installs
// packages into its working directory wd (npm install, npm ci, yarn, pnpm
// install).
func (d *Decision) installsNodeModules(wd string) bool {
	cur := ""
	for _, n := range d.Target.Body {
		switch dockerfile.Cmd(n) {
		case "workdir":
			if a := dockerfile.Args(n); len(a) > 0 {
				if w, ok := cleanAbs(a[0], cur); ok {
					cur = w
				} else {
					cur = ""
				}
			}
		case "run":
			if cur != wd {
				continue
			}
			for _, c := range d.doc.RunCommands(n) {
				prog := dockerfile.Prog(c)
				if prog != "npm" && prog != "yarn" && prog != "pnpm" && prog != "bun" {
					continue
				}
				if prog == "yarn" && len(c) == 1 {
					return true
				}
				if len(c) > 1 && (c[1] == "install" || c[1] == "i" || c[1] == "ci" || c[1] == "add") {
					return true
				}
			}
		}
	}
	return false
}
