package rewrite

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Stage is one build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	Index  int
	Name   string       // "AS name", lower-cased; "" when unnamed
	From   *parser.Node // the FROM instruction
	Image  string       // FROM's image with ARG defaults applied
	Parent *Stage       // the earlier stage this one is built FROM, if any
	Base   Base         // the chain's root image
	Body   []*parser.Node
}

// Root is the first stage of the FROM <stage> chain, the one on an image.
func (s *Stage) Root() *Stage {
	for s.Parent != nil {
		s = s.Parent
	}
	return s
}

// Chain is the stage and the stages it is built on, oldest first.
func (s *Stage) Chain() []*Stage {
	var c []*Stage
	for ; s != nil; s = s.Parent {
		c = append([]*Stage{s}, c...)
	}
	return c
}

// Last is the stage's last instruction (its FROM when the body is empty).
func (s *Stage) Last() *parser.Node {
	if len(s.Body) == 0 {
		return s.From
	}
	return s.Body[len(s.Body)-1]
}

// cmdOf is the lower-case instruction keyword. Rules ask for it many times
// per node, so the usual spellings are looked up instead of lowered.
func cmdOf(n *parser.Node) string {
	if c, ok := keywords[n.Value]; ok {
		return c
	}
	return strings.ToLower(n.Value)
}

var keywords = map[string]string{}

func init() {
	for _, k := range []string{"add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck",
		"label", "maintainer", "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir"} {
		keywords[k] = k
		keywords[strings.ToUpper(k)] = k
	}
}

// args are the instruction's arguments (after flags).
func args(n *parser.Node) []string {
	var a []string
	for x := n.Next; x != nil; x = x.Next {
		a = append(a, x.Value)
	}
	return a
}

func hasFlag(n *parser.Node, name string) bool {
	for _, f := range n.Flags {
		if f == "--"+name || strings.HasPrefix(f, "--"+name+"=") {
			return true
		}
	}
	return false
}

// stages splits the AST into stages and resolves FROM lines.
func stages(d *Document) ([]*Stage, error) {
	var stages []*Stage
	meta := map[string]string{} // ARG defaults before the first FROM
	var cur *Stage
	for _, n := range d.AST.Children {
		switch cmdOf(n) {
		case "from":
			a := args(n)
			if len(a) == 0 {
				return nil, &Error{File: d.Name, Line: n.StartLine, Msg: "FROM without an image"}
			}
			cur = &Stage{Index: len(stages), From: n, Image: expandArgs(a[0], meta)}
			if len(a) >= 3 && strings.EqualFold(a[1], "as") {
				cur.Name = strings.ToLower(a[2])
			}
			cur.Parent = findStage(stages, cur.Image)
			if cur.Parent != nil {
				cur.Base = cur.Parent.Base
			} else {
				cur.Base = DetectBase(cur.Image)
			}
			stages = append(stages, cur)
		case "arg":
			if cur == nil {
				for _, kv := range args(n) {
					k, v, _ := strings.Cut(kv, "=")
					meta[k] = v
				}
			} else {
				cur.Body = append(cur.Body, n)
			}
		default:
			if cur == nil {
				return nil, &Error{File: d.Name, Line: n.StartLine, Msg: fmt.Sprintf("%s before the first FROM", strings.ToUpper(n.Value))}
			}
			cur.Body = append(cur.Body, n)
		}
	}
	if len(stages) == 0 {
		return nil, &Error{File: d.Name, Line: 1, Msg: "no FROM instruction: not a Dockerfile"}
	}
	return stages, nil
}

// findStage resolves "FROM name" (case-insensitive) or "FROM 0" to an
// earlier stage.
func findStage(prev []*Stage, ref string) *Stage {
	ref = strings.ToLower(ref)
	for i := len(prev) - 1; i >= 0; i-- {
		if prev[i].Name != "" && prev[i].Name == ref {
			return prev[i]
		}
	}
	if i, err := strconv.Atoi(ref); err == nil && i >= 0 && i < len(prev) {
		return prev[i]
	}
	return nil
}

// expandArgs substitutes $X, ${X}, ${X:-d} and ${X-d} from the ARG defaults
// declared before the first FROM. Unknown variables stay as written, which
// makes the image unresolvable (family Unknown) rather than wrong.
func expandArgs(s string, meta map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		var name, def string
		hasDef, end := false, i
		if s[i+1] == '{' {
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			inner := s[i+2 : i+j]
			end = i + j
			name = inner
			if k := strings.IndexAny(inner, ":-+"); k >= 0 {
				name = inner[:k]
				op := strings.TrimPrefix(inner[k:], ":")
				if strings.HasPrefix(op, "-") {
					def, hasDef = op[1:], true
				}
			}
		} else {
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			name, end = s[i+1:j], j-1
		}
		v, ok := meta[name]
		switch {
		case ok && v != "":
			b.WriteString(v)
		case hasDef:
			b.WriteString(def)
		default: // unknown, or declared without a default: unresolvable

			b.WriteString(s[i : end+1])
		}
		i = end
	}
	return b.String()
}

// isRootUser reports whether a USER value (or an image's default user)
// means root. Values with variables are not judged root: they are left to
// the author.
func isRootUser(u string) bool {
	u = strings.TrimSpace(u)
	name, _, _ := strings.Cut(u, ":")
	return name == "" || name == "root" || name == "0"
}

// userOf is a USER instruction's value.
func userOf(n *parser.Node) string {
	a := args(n)
	if len(a) == 0 {
		return ""
	}
	return a[0]
}

// startUser is the user a stage's first instruction runs as: the parent
// stage's final user, or the base image's default.
func startUser(s *Stage) string {
	if s.Parent != nil {
		return endUser(s.Parent)
	}
	return s.Base.Facts.User
}

// endUser is the user the stage ends as.
func endUser(s *Stage) string {
	u := startUser(s)
	for _, n := range s.Body {
		if cmdOf(n) == "user" {
			u = userOf(n)
		}
	}
	return u
}

// usersAt returns, for each body instruction, the user it runs as, with
// the USER instructions in moved placed after the RUN they map to.
func usersAt(s *Stage, moved map[*parser.Node]*parser.Node) []string {
	after := map[*parser.Node]string{}
	for _, n := range s.Body { // body order: the last USER moved below a RUN wins
		if run := moved[n]; run != nil {
			after[run] = userOf(n)
		}
	}
	u := startUser(s)
	out := make([]string, len(s.Body))
	for i, n := range s.Body {
		out[i] = u
		if cmdOf(n) == "user" && moved[n] == nil {
			u = userOf(n)
		}
		if v, ok := after[n]; ok {
			u = v
		}
	}
	return out
}

// shellAt is the SHELL in effect at the start of stage s (inherited through
// FROM <stage>), nil for the default /bin/sh -c.
func shellAt(s *Stage) []string {
	var sh []string
	for _, st := range s.Chain()[:len(s.Chain())-1] {
		for _, n := range st.Body {
			if cmdOf(n) == "shell" {
				sh = args(n)
			}
		}
	}
	return sh
}

// posixShell reports whether a SHELL runs POSIX shell syntax.
func posixShell(sh []string) bool {
	if len(sh) == 0 {
		return true
	}
	base := sh[0][strings.LastIndexAny(sh[0], `/\`)+1:]
	switch strings.TrimSuffix(strings.ToLower(base), ".exe") {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox":
		return true
	}
	return false
}
