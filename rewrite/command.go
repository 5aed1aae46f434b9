package rewrite

import (
	"path"
	"slices"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// command is what the target stage runs: its effective ENTRYPOINT and CMD
// as the file sets them (the base image's own are not known here).
type command struct {
	entry, cmd *parser.Node // the instructions that set them; nil when unset
	argv       []string     // entrypoint + cmd, shell form as sh -c
}

// effectiveCommand reads the last ENTRYPOINT and CMD of the target's chain.
// An ENTRYPOINT set in a later stage than the CMD resets it, as Docker does
// with a base image's CMD.
func (d *Decision) effectiveCommand() command {
	if d.command == nil { // once: rules ask per COPY
		c := d.readCommand()
		d.command = &c
	}
	c := *d.command
	c.argv = slices.Clone(c.argv)
	return c
}

func (d *Decision) readCommand() command {
	var c command
	entryStage, cmdStage := -1, -1
	for i, s := range d.Target.Chain() {
		for _, n := range s.Body {
			switch dockerfile.Cmd(n) {
			case "entrypoint":
				c.entry, entryStage = n, i
			case "cmd":
				c.cmd, cmdStage = n, i
			}
		}
	}
	if c.entry != nil && entryStage > cmdStage {
		c.cmd = nil
	}
	c.argv = append(words(c.entry), words(c.cmd)...)
	return c
}

// words is an ENTRYPOINT's or CMD's argv: exec form as written, shell form
// as /bin/sh -c TEXT.
func words(n *parser.Node) []string {
	if n == nil {
		return nil
	}
	a := dockerfile.Args(n)
	if n.Attributes["json"] {
		return a
	}
	return []string{"/bin/sh", "-c", strings.Join(a, " ")}
}

// unwrap drops what only starts the program: init shims (tini, dumb-init),
// env and its assignments, exec, and sh -c (whose first simple command is
// taken), so that argv[0] is the program that runs.
func unwrap(argv []string) []string {
	for depth := 0; depth < 4 && len(argv) > 0; depth++ {
		switch base(argv[0]) {
		case "tini", "tini-static", "dumb-init", "docker-init", "catatonit":
			i := 1
			for i < len(argv) && strings.HasPrefix(argv[i], "-") {
				if argv[i] == "--" {
					i++
					break
				}
				i++
			}
			argv = argv[i:]
		case "env", "exec", "nice", "nohup":
			i := 1
			for i < len(argv) && (strings.Contains(argv[i], "=") || strings.HasPrefix(argv[i], "-")) {
				i++
			}
			argv = argv[i:]
		case "sh", "bash", "ash", "dash", "zsh":
			if len(argv) >= 3 && argv[1] == "-c" {
				cmds := dockerfile.Commands(argv[2])
				if len(cmds) == 0 {
					return nil
				}
				argv = cmds[0]
				continue
			}
			return argv
		default:
			return argv
		}
	}
	return argv
}

func base(p string) string { return path.Base(strings.TrimRight(p, "/")) }

// shells and interpreters that, started without a script, are a prompt:
// an image whose command is one is a toolchain, not an application.
var prompts = map[string]bool{
	"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "fish": true,
	"python": true, "python2": true, "python3": true, "ipython": true, "node": true, "nodejs": true,
	"deno": true, "bun": true, "irb": true, "ruby": true, "jshell": true, "ghci": true, "iex": true,
	"erl": true, "R": true, "julia": true, "lua": true, "perl": true, "php": true, "pwsh": true,
	"powershell": true, "groovysh": true, "scala": true, "clojure": true, "clj": true, "swift": true,
	"tclsh": true, "sqlite3": true, "psql": true, "mysql": true,
}

// isPrompt reports whether argv starts a shell or an interpreter with no
// script or module to run: bash, python3, node, php -a, perl -de0.
func isPrompt(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	prog := base(argv[0])
	if strings.HasPrefix(prog, "python3.") || strings.HasPrefix(prog, "python2.") {
		prog = "python3"
	}
	if !prompts[prog] {
		return false
	}
	for _, a := range argv[1:] {
		switch {
		case prog == "php" && a == "-a", prog == "perl" && a == "-de0":
			return true
		case a == "-m" || a == "-c" || a == "-e" || a == "-r" || a == "--eval":
			return false // a module or code to run
		case !strings.HasPrefix(a, "-"):
			return false // a script
		}
	}
	return true
}
