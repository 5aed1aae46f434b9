package dockerfile

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
	// GlobalArgs are the defaults of the ARGs declared before the first
	// FROM: an ARG in the stage that names one without a value gets it.
	GlobalArgs map[string]string
	Body       []*parser.Node
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

// Cmd is the lower-case instruction keyword. Rules ask for it many times
// per node, so the usual spellings are looked up instead of lowered.
func Cmd(n *parser.Node) string {
	// A switch, not a map: Cmd runs for every node in every pass, and
	// hashing the keyword was 8% of Fix on long files.
	switch n.Value {
	case "add", "ADD":
		return "add"
	case "arg", "ARG":
		return "arg"
	case "cmd", "CMD":
		return "cmd"
	case "copy", "COPY":
		return "copy"
	case "entrypoint", "ENTRYPOINT":
		return "entrypoint"
	case "env", "ENV":
		return "env"
	case "expose", "EXPOSE":
		return "expose"
	case "from", "FROM":
		return "from"
	case "healthcheck", "HEALTHCHECK":
		return "healthcheck"
	case "label", "LABEL":
		return "label"
	case "maintainer", "MAINTAINER":
		return "maintainer"
	case "onbuild", "ONBUILD":
		return "onbuild"
	case "run", "RUN":
		return "run"
	case "shell", "SHELL":
		return "shell"
	case "stopsignal", "STOPSIGNAL":
		return "stopsignal"
	case "user", "USER":
		return "user"
	case "volume", "VOLUME":
		return "volume"
	case "workdir", "WORKDIR":
		return "workdir"
	}
	return strings.ToLower(n.Value)
}

// Args are the instruction's arguments (after flags).
func Args(n *parser.Node) []string {
	k := 0
	for x := n.Next; x != nil; x = x.Next {
		k++
	}
	if k == 0 {
		return nil
	}
	a := make([]string, 0, k) // one allocation: the rules call this a lot
	for x := n.Next; x != nil; x = x.Next {
		a = append(a, x.Value)
	}
	return a
}

// HasFlag reports whether n has the flag --name, with or without a value.
func HasFlag(n *parser.Node, name string) bool {
	for _, f := range n.Flags {
		if f == "--"+name || strings.HasPrefix(f, "--"+name+"=") {
			return true
		}
	}
	return false
}

// Stages splits the AST into stages and resolves FROM lines.
func Stages(d *Document) ([]*Stage, error) {
	var stages []*Stage
	meta := map[string]string{} // ARG defaults before the first FROM
	var cur *Stage
	for _, n := range d.AST.Children {
		switch Cmd(n) {
		case "from":
			a := Args(n)
			if len(a) == 0 {
				return nil, &Error{File: d.Name, Line: n.StartLine, Msg: "FROM without an image"}
			}
			cur = &Stage{Index: len(stages), From: n, Image: dropQuotes(Expand(a[0], meta)), GlobalArgs: meta}
			if len(a) >= 3 && strings.EqualFold(a[1], "as") {
				cur.Name = strings.ToLower(a[2])
			}
			cur.Parent = findStage(stages, cur.Image)
			stages = append(stages, cur)
		case "arg":
			if cur == nil {
				for _, kv := range Args(n) {
					k, v, _ := strings.Cut(kv, "=")
					meta[k] = Expand(unquote(v), meta) // ARG BASE=$REGISTRY/$OWNER/app
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

// unquote removes one pair of matching quotes around an ARG default, as
// the builder does: ARG BASE="debian:12".
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
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

// dropQuotes removes the quotes a FROM may put around its image or a part
// of it (servercore:"${VERSION}"): the builder's word processing drops
// them, and no image reference holds one.
func dropQuotes(s string) string {
	if !strings.ContainsAny(s, `"'`) {
		return s
	}
	return strings.NewReplacer(`"`, "", `'`, "").Replace(s)
}

// Expand substitutes $X, ${X}, ${X:-d} and ${X-d} from the ARG defaults
// declared before the first FROM. Unknown variables stay as written, which
// makes the image unresolvable (family Unknown) rather than wrong.
func Expand(s string, meta map[string]string) string {
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

// UserOf is a USER instruction's value.
func UserOf(n *parser.Node) string {
	a := Args(n)
	if len(a) == 0 {
		return ""
	}
	return a[0]
}

// ShellAt is the SHELL in effect at the start of stage s (inherited through
// FROM <stage>), nil for the default /bin/sh -c.
func ShellAt(s *Stage) []string {
	var sh []string
	for _, st := range s.Chain()[:len(s.Chain())-1] {
		for _, n := range st.Body {
			if Cmd(n) == "shell" {
				sh = Args(n)
			}
		}
	}
	return sh
}

// PosixShell reports whether a SHELL runs POSIX shell syntax.
func PosixShell(sh []string) bool {
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

// EnvPairs are an ENV instruction's names and values, one pair of quotes
// removed. buildkit's AST holds each pair as name, value and the
// separator that was written.
func EnvPairs(n *parser.Node) [][2]string {
	a := Args(n)
	var out [][2]string
	for i := 0; i+1 < len(a); i += 3 {
		out = append(out, [2]string{a[i], unquote(a[i+1])})
	}
	return out
}
