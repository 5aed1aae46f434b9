package rewrite

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// maxScript bounds what is read of an entrypoint script.
const maxScript = 256 << 10

// startScript is the script the container starts, read from the build
// context when the stage copies it from there.
type startScript struct {
	image  string       // its path in the image
	source string       // its path in the build context
	copy   *parser.Node // the COPY/ADD that puts it in the image
	text   string       // its contents; "" when there is no context to read
}

// entrypointScript finds the script that ENTRYPOINT/CMD runs (the program,
// or the script an interpreter or shell is given) and the COPY that brings
// it from the build context. ok is false when the command runs no script
// copied from the context.
func (d *Decision) entrypointScript() (startScript, bool) {
	c := d.effectiveCommand()
	for _, argv := range [][]string{unwrap(c.argv), unwrap(words(c.cmd))} {
		for i, a := range argv {
			if i > 1 {
				break
			}
			s, ok := d.copiedFrom(a)
			if !ok {
				continue
			}
			// A script by its name, or, when the context has it, by its #!.
			if looksLikeScript(a) || strings.HasPrefix(s.text, "#!") {
				return s, true
			}
		}
	}
	return startScript{}, false
}

func looksLikeScript(p string) bool {
	b := path.Base(p)
	return strings.HasSuffix(b, ".sh") || strings.Contains(b, "entrypoint") || strings.HasPrefix(b, "start") || strings.HasPrefix(b, "run")
}

// copiedFrom maps a path in the image to the context file a COPY/ADD in the
// target chain puts there (the last one wins, as in the image). A file
// copied from another stage is followed into that stage, up to a few
// hops: a builder stage that copied the script from the context.
func (d *Decision) copiedFrom(p string) (startScript, bool) {
	found, ok := d.copiedIn(d.Target, p, 0)
	if ok {
		found.text = d.contextText(found.source)
	}
	return found, ok
}

// contextPath is a COPY source as a name in the build context: relative
// to its root, cleaned.
func contextPath(src string) string {
	return strings.TrimPrefix(path.Clean("/"+src), "/")
}

// contextText reads a text file of the build context (at most maxScript
// bytes); "" without a context, for a missing file or a binary.
func (d *Decision) contextText(src string) string {
	if d.opts.Context == nil {
		return ""
	}
	f, err := d.opts.Context.Open(contextPath(src))
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, maxScript))
	if strings.ContainsRune(string(b), 0) {
		return "" // a binary
	}
	return string(b)
}

// copiedIn finds the context file that stage st's chain puts at p.
func (d *Decision) copiedIn(st *dockerfile.Stage, p string, depth int) (startScript, bool) {
	var found startScript
	ok := false
	inPath := []string{p} // where p is; a bare name: where PATH finds it
	bare := !path.IsAbs(p) && !strings.Contains(p, "/")
	if bare {
		inPath = nil
		for _, dir := range []string{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"} {
			inPath = append(inPath, dir+"/"+p)
		}
	}
	for _, s := range st.Chain() {
		wd := ""
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "workdir":
				if a := dockerfile.Args(n); len(a) > 0 {
					if w, good := cleanAbs(a[0], wd); good {
						wd = w
					}
				}
			case "copy", "add":
				if len(n.Heredocs) > 0 {
					continue
				}
				var from *dockerfile.Stage
				if dockerfile.HasFlag(n, "from") {
					if depth >= 3 {
						continue
					}
					if from = d.stageNamed(flagValue(n, "from")); from == nil {
						continue // an image, not a stage: nothing of ours to read
					}
				}
				a := dockerfile.Args(n)
				if len(a) < 2 {
					continue
				}
				dst := a[len(a)-1]
				targets := inPath
				if !bare && !path.IsAbs(p) {
					if wd == "" {
						continue
					}
					targets = []string{path.Join(wd, p)}
				}
				dstDir := strings.HasSuffix(dst, "/") || len(a) > 2
				dstAbs, good := cleanAbs(dst, wd)
				if !good {
					continue
				}
				for _, target := range targets {
					for _, src := range a[:len(a)-1] {
						if strings.ContainsAny(src, "*?[$") || strings.Contains(src, "://") {
							continue
						}
						var rel string
						switch {
						case !dstDir && target == dstAbs:
							rel = src
						case under(target, dstAbs) && target != dstAbs:
							rest := strings.TrimPrefix(target[len(dstAbs):], "/")
							switch {
							case strings.HasSuffix(src, "/") || src == "." || src == "/":
								rel = path.Join(src, rest) // a directory copied in
							case rest == path.Base(src):
								rel = src // a file copied into a directory
							case from == nil && d.inContext(path.Join(src, rest)):
								rel = path.Join(src, rest) // ADD files /: a directory, as the context shows
							}
						}
						if rel == "" {
							continue
						}
						if from != nil {
							if f, good := d.copiedIn(from, path.Join("/", rel), depth+1); good {
								f.image, f.copy = target, n
								found, ok = f, true
							}
							continue
						}
						found, ok = startScript{image: target, source: contextPath(rel), copy: n}, true
					}
				}
			}
		}
	}
	return found, ok
}

// inContext reports whether the build context has a file at rel.
func (d *Decision) inContext(rel string) bool {
	if d.opts.Context == nil {
		return false
	}
	_, err := fs.Stat(d.opts.Context, contextPath(rel))
	return err == nil
}

// stageNamed finds a stage by its name or index, as --from names it.
func (d *Decision) stageNamed(ref string) *dockerfile.Stage {
	ref = strings.ToLower(ref)
	for _, s := range d.Stages {
		if s.Name == ref || strconv.Itoa(s.Index) == ref {
			return s
		}
	}
	return nil
}

// flagValue is the value of node n's --name=value flag.
func flagValue(n *parser.Node, name string) string {
	for _, f := range n.Flags {
		if v, ok := strings.CutPrefix(f, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

// readContext looks into the start script, when the build context holds
// it, for what the Dockerfile alone cannot show: a step-down or a package
// install or chown at start (root by design), and the directories it
// writes (made the app's). Without a context it only notes that the
// decision rests on the Dockerfile alone.
func (d *Decision) readContext() bool {
	s, ok := d.entrypointScript()
	if !ok {
		return false
	}
	if d.opts.Context == nil || s.text == "" {
		d.noContext = s.image
		return false
	}
	cmds := dockerfile.Commands(stripComments(s.text))
	if strings.HasPrefix(s.text, "#!/bin/sh") || strings.HasPrefix(s.text, "#!/bin/bash") || strings.HasPrefix(s.text, "#!/usr/bin/env sh") || strings.HasPrefix(s.text, "#!/usr/bin/env bash") || strings.HasPrefix(s.text, "#!/bin/ash") {
		d.scriptShell = true // the image has a shell, whatever its family
	}
	if uidGuardRE().MatchString(s.text) {
		// The postgres pattern: root-only steps run only when the script
		// starts as root ([ "$(id -u)" = 0 ]), so it also runs as the app.
		d.scriptWrites = scriptWrites(s.text, cmds)
		for _, cmd := range cmds {
			if dockerfile.Prog(cmd) == "chown" {
				d.guardedChown = s // it fixes mounts' owners only as root
				break
			}
		}
		return false
	}
	for _, cmd := range cmds { // a step-down explains the rest (chown before gosu)
		if l := stepDown(strings.Join(cmd, " ")); l != "" {
			if d.declineFor(StepDownEntrypoint, s.copy, StepDownEntrypoint.message(
				fmt.Sprintf("the start script %s (from the build context) steps down from root with %s", s.source, l),
				"drop the step-down and add USER yourself, or run with --user")) {
				return true
			}
		}
	}
	if strings.Contains(s.text, "docker.sock") {
		if d.declineFor(RootByDesign, s.copy, RootByDesign.message(
			fmt.Sprintf("the start script %s (from the build context) uses the Docker socket, which only root and the host's docker group can open", s.source),
			"run it with --user UID:GID --group-add <the socket's GID>, or use rootless Docker")) {
			return true
		}
	}
	for _, cmd := range cmds {
		if d.declineCwdWriter(cmd, s.copy) {
			return true
		}
		prog := dockerfile.Prog(cmd)
		why, way := "", "do that at build time, before USER, or run the container with --user once the script no longer needs root"
		switch {
		case needsRoot(cmd):
			why = fmt.Sprintf("the start script %s (from the build context) runs %s at start, which needs root", s.source, strings.Join(cmd[:min(len(cmd), 3)], " "))
		case scriptDaemons[daemonName(prog)]:
			why, way = fmt.Sprintf("the start script %s (from the build context) runs %s at start, which needs root", s.source, prog), rootPrograms[daemonName(prog)]
		case prog == "chown" || prog == "chgrp" || prog == "setcap" || prog == "capsh" || prog == "mount" || prog == "ulimit" && len(cmd) > 1:
			why = fmt.Sprintf("the start script %s (from the build context) runs %s at start, which needs root", s.source, prog)
		}
		if why != "" {
			if d.declineFor(RootByDesign, s.copy, RootByDesign.message(why, way)) {
				return true
			}
		}
	}
	if f := systemWrite(s.text, cmds); f != "" {
		if d.declineFor(RootByDesign, s.copy, RootByDesign.message(
			fmt.Sprintf("the start script %s (from the build context) writes %s at start, which only root can", s.source, f),
			"write it at build time, before USER, or point the program at a file of its own")) {
			return true
		}
	}
	d.scriptWrites = scriptWrites(s.text, cmds)
	return false
}

// scriptDaemons are rootPrograms a start script may run among other
// steps: daemons and system commands, not words a script uses otherwise
// (ip route to read an address, init as an argument).
var scriptDaemons = map[string]bool{
	"sshd": true, "cron": true, "crond": true, "supervisord": true, "systemd": true, "dockerd": true,
	"containerd": true, "openvpn": true, "wg-quick": true, "tailscaled": true, "iptables": true,
	"rsyslogd": true, "postfix": true, "dovecot": true, "nginx": true, "httpd": true, "apache2": true,
	"apachectl": true, "apache2ctl": true, "named": true, "dnsmasq": true, "squid": true, "vsftpd": true,
	"smbd": true, "samba": true, "ldconfig": true, "sysctl": true, "modprobe": true, "update-ca-certificates": true,
}

// daemonName is a program's name without its directory and variant
// suffix: /usr/sbin/sshd.pam is sshd.
func daemonName(prog string) string {
	b := base(prog)
	if i := strings.IndexByte(b, '.'); i > 0 {
		b = b[:i]
	}
	return b
}

// systemWrite finds a file in an OS tree (/etc, /usr, /lib) that a start
// script (its text and its commands) writes with a redirect or sed -i:
// only root can. "" if none.
func systemWrite(text string, cmds [][]string) string {
	for _, line := range strings.Split(stripComments(text), "\n") {
		for _, m := range redirectRE().FindAllStringSubmatch(line, -1) {
			if f := path.Clean(m[1]); systemFile(f) {
				return f
			}
		}
	}
	for _, cmd := range cmds {
		for _, f := range sedInPlace(cmd) {
			if systemFile(f) {
				return f
			}
		}
	}
	return ""
}

// sedInPlace lists the absolute files a sed -i command rewrites (sed
// writes a new file next to each and renames it over the old one).
func sedInPlace(cmd []string) []string {
	if dockerfile.Prog(cmd) != "sed" {
		return nil
	}
	var files []string
	inPlace := false
	for i, a := range cmd[1:] {
		switch {
		case a == "--in-place" || strings.HasPrefix(a, "--in-place=") || strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "i"):
			inPlace = true
		case inPlace && i > 0 && !strings.HasPrefix(a, "-") && path.IsAbs(a):
			files = append(files, path.Clean(a))
		}
	}
	return files
}

// systemFile reports whether f lies in an OS tree that holds code or
// configuration (/etc, /usr/lib, /bin), which only root can write; not
// /tmp, /dev or /proc, and not /var/log or /run, whose files fix can give
// the app.
func systemFile(f string) bool {
	for _, t := range osTrees {
		if under(f, t) && t != "/tmp" && t != "/var/tmp" && t != "/root" && t != "/dev" && t != "/proc" && t != "/sys" {
			return true
		}
	}
	return false
}

// stripComments drops a script's comment lines: an apostrophe in
// "# Pi-hole's …" would otherwise open a quote for the command scanner.
func stripComments(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// scriptWrites are absolute directories a start script creates or writes
// files into: mkdir -p DIR, > DIR/file, touch DIR/file.
func scriptWrites(text string, cmds [][]string) []string {
	var dirs []string
	add := func(p string, isDir bool) {
		if !path.IsAbs(p) || strings.ContainsAny(p, "$*?") {
			return
		}
		p = path.Clean(p)
		if !isDir {
			p = path.Dir(p)
		}
		if !osPath(p) && !under(p, "/root") && p != "/" {
			for _, d := range dirs {
				if d == p {
					return
				}
			}
			dirs = append(dirs, p)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		for _, m := range redirectRE().FindAllStringSubmatch(line, -1) {
			add(m[1], false)
		}
	}
	for _, cmd := range cmds {
		switch dockerfile.Prog(cmd) {
		case "mkdir":
			for _, a := range cmd[1:] {
				if !strings.HasPrefix(a, "-") {
					add(a, true)
				}
			}
		case "touch":
			for _, a := range cmd[1:] {
				if !strings.HasPrefix(a, "-") {
					add(a, false)
				}
			}
		case "sed":
			// the file's directory must be writable for the rename
			for _, f := range sedInPlace(cmd) {
				add(f, false)
			}
		case "chown":
			// what a start script gives the app user is where the app writes
			for _, a := range cmd[2:] {
				if !strings.HasPrefix(a, "-") {
					add(a, true)
				}
			}
		}
	}
	return dirs
}

var uidGuardRE = lazyRE(`\$\(\s*id\s+-u\s*\)|` + "`id -u`" + `|\$\{?EUID\}?|\$\{?UID\}?\s*(-eq|-ne|=|!=)`)

var redirectRE = lazyRE(`>>?\s*["']?(/[A-Za-z0-9._/-]+)`)

// programScripts are interpreters whose script argument fix reads, when
// the stage copies it from the build context, for files it rewrites at
// start.
var programScripts = map[string]bool{"node": true, "bun": true, "deno": true, "python": true, "python3": true}

// inPlaceWrites are the directories whose files the program's own script
// (node /app/run.mjs) rewrites at start: import-meta-env -p GLOB injects
// the environment into built files in place, so they must be the app's.
func (d *Decision) inPlaceWrites(wd string) []string {
	argv := unwrap(d.effectiveCommand().argv)
	if len(argv) < 2 || !programScripts[base(argv[0])] {
		return nil
	}
	s, ok := d.copiedFrom(argv[1])
	if !ok || !strings.Contains(s.text, "import-meta-env") {
		return nil
	}
	var dirs []string
	for _, line := range strings.Split(s.text, "\n") {
		i := strings.Index(line, "import-meta-env")
		if i < 0 {
			continue
		}
		f := strings.Fields(line[i:])
		for j := 1; j+1 < len(f); j++ {
			if f[j] != "-p" && f[j] != "--path" {
				continue
			}
			glob := strings.Trim(f[j+1], "\"'`),;")
			if k := strings.IndexAny(glob, "*?[{"); k >= 0 {
				glob = glob[:k]
			} else {
				glob = path.Dir(glob) // a file: its directory
			}
			if p, good := cleanAbs(strings.TrimSuffix(glob, "/"), wd); good && !osPath(p) && p != "/" {
				dirs = append(dirs, p)
			}
		}
	}
	return dirs
}

// maxSources bounds how many of the app's source files fix reads.
const maxSources = 32

// sourceDirRE finds a hard-coded absolute directory that the app's own
// code writes: a library's cache or output argument (cache_folder="/x",
// as sentence-transformers takes it), or a directory it creates.
var sourceDirRE = lazyRE(`(?:\b(?:cache_folder|cache_dir|download_root|persist_directory|output_dir|save_dir|log_dir|data_dir)\s*=\s*|\bos\.makedirs\(\s*|\bmkdirSync\(\s*|\bMkdirAll\(\s*)["'](/[A-Za-z0-9._/-]+)["']`)

// sourceWrites are the directories the app's source files, copied one by
// one from the build context (COPY chains.py .), write by a hard-coded
// path. Directories copied whole are not walked: that would read a
// repository on every save.
func (d *Decision) sourceWrites() []string {
	var dirs []string
	d.eachSource([]*dockerfile.Stage{d.Target}, func(_ string, _ *parser.Node, text string) {
		for _, m := range sourceDirRE().FindAllStringSubmatch(text, -1) {
			p := path.Clean(m[1])
			if !osPath(p) && !under(p, "/root") && p != "/" && !slices.Contains(dirs, p) {
				dirs = append(dirs, p)
			}
		}
	})
	return dirs
}

// sourcePortRE finds a hard-coded port a server listens on: Go's
// ListenAndServe(":80"), Node's .listen(80), Flask's app.run(port=80).
var sourcePortRE = lazyRE(`(?:ListenAndServe(?:TLS)?\(\s*"[^"]*:|\bnet\.Listen\(\s*"tcp",\s*"[^"]*:|\.listen\(\s*|\.run\([^)]*\bport\s*=\s*)(\d{1,5})\b`)

// sourcePorts are the low ports that source files copied one by one into
// any stage (the builder that compiles the target's binary too) listen on.
func (d *Decision) sourcePorts() (ports []int, files []string, nodes []*parser.Node) {
	d.eachSource(d.Stages, func(src string, n *parser.Node, text string) {
		for _, m := range sourcePortRE().FindAllStringSubmatch(text, -1) {
			if p, err := strconv.Atoi(m[1]); err == nil && p > 0 && p < 1024 && !slices.Contains(ports, p) {
				ports, files, nodes = append(ports, p), append(files, src), append(nodes, n)
			}
		}
	})
	return ports, files, nodes
}

// eachSource reads the source files that the stages' COPY/ADD take from
// the build context by name (.py, .js, .ts, .go), at most maxSources.
func (d *Decision) eachSource(stages []*dockerfile.Stage, fn func(src string, n *parser.Node, text string)) {
	if d.opts.Context == nil {
		return
	}
	read := 0
	for _, st := range stages {
		for _, n := range st.Body {
			if c := dockerfile.Cmd(n); c != "copy" && c != "add" || dockerfile.HasFlag(n, "from") || len(n.Heredocs) > 0 {
				continue
			}
			a := dockerfile.Args(n)
			for _, src := range a[:max(len(a)-1, 0)] {
				switch path.Ext(src) {
				case ".py", ".js", ".mjs", ".cjs", ".ts", ".go":
				default:
					continue
				}
				if read++; read > maxSources || strings.ContainsAny(src, "*?[$") {
					continue
				}
				if text := d.contextText(src); text != "" {
					fn(src, n, text)
				}
			}
		}
	}
}
