package dockerfile

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// RunScript is the shell text of a RUN: its command and heredoc bodies.
func RunScript(n *parser.Node) string {
	var b strings.Builder
	b.WriteString(strings.Join(Args(n), " "))
	for _, h := range n.Heredocs {
		b.WriteString("\n")
		b.WriteString(h.Content)
	}
	return b.String()
}

// Commands splits shell text into simple commands (words of each
// command between && || ; | & newlines and brackets), quotes removed. It is
// a scanner for recognising commands, not a shell parser: good enough to
// find "apt-get install" or "useradd -u 1000 app", and it never fails.
func Commands(s string) [][]string {
	var cmds [][]string
	var words []string
	var w strings.Builder
	inWord := false
	flushWord := func() {
		if inWord {
			words = append(words, w.String())
			w.Reset()
			inWord = false
		}
	}
	flushCmd := func() {
		flushWord()
		if len(words) > 0 {
			cmds = append(cmds, words)
			words = nil
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				j = len(s) - i - 1
			}
			w.WriteString(s[i+1 : i+1+j])
			inWord = true
			i += j + 1
		case c == '"':
			// Inside double quotes a backslash escapes $ ` " \ and a
			// newline ("${v//\"/}" does not end the string).
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
					i++
					if s[i] == '\n' {
						continue
					}
				}
				w.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			if s[i+1] != '\n' {
				w.WriteByte(s[i+1])
				inWord = true
			}
			i++
		case c == ' ' || c == '\t' || c == '\r':
			flushWord()
		case strings.IndexByte("\n;&|(){}`", c) >= 0:
			flushCmd()
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	flushCmd()
	for i, cmd := range cmds {
		cmds[i] = stripWrappers(cmd)
	}
	return cmds
}

// stripWrappers drops leading VAR=value assignments and wrappers such as
// sudo or exec, so that cmd[0] is the program that runs.
func stripWrappers(cmd []string) []string {
	for len(cmd) > 0 {
		w := cmd[0]
		switch {
		case strings.Contains(w, "=") && !strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "="):
			cmd = cmd[1:]
		case w == "sudo" || w == "exec" || w == "env" || w == "command" || w == "nice" || w == "time" || w == "eatmydata" || w == "then" || w == "do" || w == "else" || w == "!" || w == "if" || w == "while":
			cmd = cmd[1:]
		default:
			return cmd
		}
	}
	return cmd
}

// Prog is the program a simple command runs, without its directory.
func Prog(cmd []string) string {
	if len(cmd) == 0 {
		return ""
	}
	return cmd[0][strings.LastIndexByte(cmd[0], '/')+1:]
}

// HasWord reports whether any argument of cmd is one of words.
func HasWord(cmd []string, words ...string) bool {
	for _, a := range cmd[1:] {
		for _, w := range words {
			if a == w {
				return true
			}
		}
	}
	return false
}
