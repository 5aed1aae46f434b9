package rewrite

import (
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// Pragmas in comments let a file opt out where the author knows better:
//
//	# dockerharden ignore                 the next instruction: all rules
//	# dockerharden ignore=DH002,sudo      the next instruction: these rules
//	# dockerharden ignore-file            the whole file
//	# dockerharden ignore-file=DH009      the whole file: these rules
//
// "Next instruction" means the comment block directly above it, as buildkit
// attaches comments. Rules are named by ID or name. Pragmas are never
// removed by fix.
var pragmaRE = lazyRE(`^dockerharden\s+(ignore-file|ignore)(?:\s*=\s*([A-Za-z0-9_,\s-]+))?\s*$`)

type pragmas struct {
	skipFile  bool
	fileRules map[string]bool
	lines     map[int]map[string]bool // line → rule IDs, "*" = all
}

// parsePragma returns the pragma in a comment's text (without '#').
func parsePragma(text string) (kind string, rules map[string]bool, ok bool) {
	// buildkit keeps the '#' of an indented comment in PrevComment.
	text = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "#"))
	if !strings.HasPrefix(text, "dockerharden") {
		return "", nil, false // most comments: no need to compile pragmaRE
	}
	m := pragmaRE().FindStringSubmatch(text)
	if m == nil {
		return "", nil, false
	}
	rules = map[string]bool{}
	for _, r := range strings.Split(m[2], ",") {
		if r = strings.TrimSpace(r); r != "" {
			rules[ruleID(r)] = true
		}
	}
	if len(rules) == 0 {
		rules["*"] = true
	}
	return m[1], rules, true
}

// ruleID maps a rule name or ID to its ID; unknown names stay as given.
func ruleID(s string) string {
	if r, ok := LookupRule(s); ok {
		return r.ID
	}
	return s
}

func findPragmas(d *dockerfile.Document) pragmas {
	p := pragmas{fileRules: map[string]bool{}, lines: map[int]map[string]bool{}}
	for l := 1; l <= d.Lines(); l++ {
		if !d.IsComment(l) {
			continue
		}
		text := strings.TrimLeft(strings.TrimSpace(strings.TrimPrefix(string(d.Line(l)), "\ufeff")), "#")
		if kind, rules, ok := parsePragma(text); ok && kind == "ignore-file" {
			if rules["*"] {
				p.skipFile = true
			}
			for r := range rules {
				p.fileRules[r] = true
			}
		}
	}
	for _, n := range d.AST.Children {
		for _, c := range n.PrevComment {
			kind, rules, ok := parsePragma(c)
			if !ok || kind != "ignore" {
				continue
			}
			for l := n.StartLine; l <= n.EndLine; l++ {
				if p.lines[l] == nil {
					p.lines[l] = map[string]bool{}
				}
				for r := range rules {
					p.lines[l][r] = true
				}
			}
		}
	}
	return p
}

// suppressed reports whether rule is switched off at line: by Options,
// by a file pragma, or by a pragma above the instruction on that line.
func (d *Decision) suppressed(r *Rule, line int) bool {
	at := d.pragmas.lines[line]
	return d.opts.Disabled[r.ID] || d.pragmas.fileRules[r.ID] || at["*"] || at[r.ID]
}
