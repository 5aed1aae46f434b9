package rewrite

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
)

// idles reports whether argv only keeps a container running: sleep
// infinity, tail -f /dev/null.
func idles(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	switch base(argv[0]) {
	case "sleep":
		return true
	case "tail":
		for _, a := range argv[1:] {
			if a == "/dev/null" {
				return true
			}
		}
	}
	return false
}

// parentWayOut is what to do instead of hardening a parent image.
const parentWayOut = "a USER here would make every image built FROM it run its RUN steps as that user; set USER in your application's final stage"

// declineNotApp declines images that other builds start FROM (DH019):
// toolchains whose command is a prompt (bash, python3, node), base images
// that set no command and copy in no application, and export-only stages.
// A USER there makes every child's RUN apt-get … fail.
func (d *Decision) declineNotApp() bool {
	t := d.Target
	for _, n := range t.Body {
		if dockerfile.Cmd(n) == "onbuild" {
			if d.declineFor(NotAnAppImage, n, NotAnAppImage.message("the final stage has ONBUILD triggers, so it is a parent image", parentWayOut)) {
				return true
			}
		}
	}
	if strings.Contains(d.doc.Name, "devcontainer") || strings.Contains(d.Base.Repo, "devcontainers") {
		if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message("a development container (its path or base says so)", "an editor attaches to it as the developer's user; set remoteUser in devcontainer.json instead")) {
			return true
		}
	}
	if devLoopName(d.doc.Name) {
		if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message("a Tilt development image (its name says so): live_update syncs files into it, binaries included, as the container's user", "harden the production Dockerfile; here keep root, or sync only into directories that user owns")) {
			return true
		}
	}
	c := d.effectiveCommand()
	if len(c.argv) == 0 && d.composeCmd != nil {
		// The compose file runs a program of its own in it: an app image
		// whose command lives there, not a base for other builds.
		if argv := unwrap(d.composeCmd.command); !isPrompt(argv) && !idles(argv) {
			return false
		}
	}
	if len(c.argv) == 0 {
		if images.PromptByDefault(d.bases[t]) {
			if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message(fmt.Sprintf(
				"the final stage sets no CMD or ENTRYPOINT, so it runs base image %q's prompt: a base or toolchain image", d.bases[t].Ref), parentWayOut)) {
				return true
			}
		}
		if buildStageName(t.Name) {
			if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message(fmt.Sprintf("the final stage is named %q and sets no CMD or ENTRYPOINT: a build stage, which other builds copy from or build FROM", t.Name), "nothing runs in it, so there is no user to set; set USER in the stage that runs the result")) {
				return true
			}
		}
		if d.Base.Variant == "scratch" && d.Base.Family == images.ShellLess {
			if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message("a FROM scratch stage with no CMD or ENTRYPOINT only exports files", "nothing runs in it, so there is no user to set")) {
				return true
			}
		}
		if !d.copiesApp() {
			if d.declineFor(NotAnAppImage, t.From, NotAnAppImage.message("the final stage sets no CMD or ENTRYPOINT and copies in no application: it runs its base image's program or is a base for other images", parentWayOut)) {
				return true
			}
		}
		return false
	}
	argv := unwrap(c.argv)
	if c.entry != nil && c.cmd != nil && strings.Contains(base(firstWord(words(c.entry))), "entrypoint") {
		argv = unwrap(words(c.cmd)) // docker-entrypoint.sh runs its arguments
	}
	if idles(argv) {
		n := c.cmd
		if n == nil {
			n = c.entry
		}
		if d.declineFor(NotAnAppImage, n, NotAnAppImage.message(fmt.Sprintf("%s only keeps the container alive (%s), so it is a development or tooling container", strings.ToUpper(n.Value), strings.Join(argv, " ")), "set the user where you exec into it (docker exec --user), or in devcontainer.json")) {
			return true
		}
	}
	if isPrompt(argv) {
		n := c.cmd
		if n == nil || c.entry != nil && !strings.Contains(base(firstWord(words(c.entry))), "entrypoint") {
			n = c.entry
		}
		what := fmt.Sprintf("%s starts %s with no program of its own, as a toolchain or development image does", strings.ToUpper(n.Value), strings.Join(argv, " "))
		way := parentWayOut
		if scripts := d.ownScripts(); len(scripts) > 0 {
			// A tool image whose scripts callers name (docker run IMAGE
			// /verify.sh) looks the same as a CI job image whose jobs
			// install packages: only the author knows which it is.
			what = fmt.Sprintf("%s starts %s; the scripts it copies in (%s) may be what callers run, but CI jobs and child images also start from a shell image, and their RUN steps need root",
				strings.ToUpper(n.Value), strings.Join(argv, " "), strings.Join(scripts, ", "))
			way = fmt.Sprintf("if only those scripts run in it, harden anyway with '# dockerharden ignore=%s' above line %d", NotAnAppImage.ID, n.StartLine)
		}
		if d.declineFor(NotAnAppImage, n, NotAnAppImage.message(what, way)) {
			return true
		}
	}
	return false
}

func firstWord(w []string) string {
	if len(w) == 0 {
		return ""
	}
	if len(w) >= 3 && (base(w[0]) == "sh" || base(w[0]) == "bash") && w[1] == "-c" {
		if f := strings.Fields(w[2]); len(f) > 0 {
			return f[0]
		}
	}
	return w[0]
}

// buildStageName reports whether a stage's name says it builds rather than
// runs: build, builder, go-builder, build-env, deps.
func buildStageName(name string) bool {
	return hasNameWord(name, "build", "builder", "compile", "compiler", "deps")
}

// devLoopName reports whether a Dockerfile's name marks it as a Tilt
// image (Dockerfile.tilt, ui.tilt.Dockerfile): an inner-loop image that
// Tilt syncs changed files into while it runs.
func devLoopName(name string) bool {
	return hasNameWord(strings.ToLower(path.Base(name)), "tilt")
}

// hasNameWord reports whether one of the words of name, split at '.',
// '-' and '_', is one of words.
func hasNameWord(name string, words ...string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// ownScripts lists the shell scripts the target stage copies in, by
// their path in the image, other than an entrypoint wrapper: programs a
// caller can name as the command.
func (d *Decision) ownScripts() []string {
	var out []string
	for _, n := range d.Target.Body {
		if c := dockerfile.Cmd(n); c != "copy" && c != "add" {
			continue
		}
		a := dockerfile.Args(n)
		if len(a) < 2 {
			continue
		}
		dst := a[len(a)-1]
		for _, src := range a[:len(a)-1] {
			b := path.Base(src)
			if !strings.HasSuffix(b, ".sh") || strings.Contains(b, "entrypoint") || strings.ContainsAny(b, "*?[$") {
				continue
			}
			p := dst
			if strings.HasSuffix(dst, "/") || len(a) > 2 {
				p = path.Join(dst, b)
			}
			out = append(out, p)
		}
	}
	if len(out) > 3 {
		out = append(out[:3], "…")
	}
	return out
}

// copiesApp reports whether the target stage copies in something to run:
// a build artefact from another stage, or files from the context to a place
// that is not system configuration or scratch space.
func (d *Decision) copiesApp() bool {
	for _, n := range d.Target.Body {
		cmd := dockerfile.Cmd(n)
		if cmd != "copy" && cmd != "add" {
			continue
		}
		a := dockerfile.Args(n)
		if len(a) == 0 {
			continue
		}
		dst := a[len(a)-1]
		for _, f := range n.Flags {
			// a build artefact, unless it is a runtime copied into the
			// system (dotnet's parent images: /usr/share/dotnet)
			if strings.HasPrefix(f, "--from=") && !osPath(path.Clean(dst)) {
				return true
			}
		}
		if !under(dst, "/etc") && !under(dst, "/tmp") && !under(dst, "/usr/share") && !under(dst, "/root") {
			return true
		}
	}
	return false
}
