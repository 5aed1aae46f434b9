package rewrite

import (
	"bytes"
	"sort"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Result is the outcome of Fix.
type Result struct {
	Output   []byte // the hardened file; the input itself when nothing changed
	Changed  bool
	Findings []Finding // every finding, sorted by line
	// Decision is what the findings and edits were derived from; nil when
	// the file opts out with "# dockerharden ignore-file".
	Decision *Decision
}

// Warnings are the findings fix prints: why it declined or what it could
// not do.
func (r *Result) Warnings() []Finding {
	var w []Finding
	for _, f := range r.Findings {
		if f.Rule.Phase == Notice {
			w = append(w, f)
		}
	}
	return w
}

// Fix hardens a Dockerfile. name is used in messages only. The input is
// never modified; on error the caller must keep the original.
func Fix(name string, src []byte, opts Options) (*Result, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	doc, err := dockerfile.Parse(name, src)
	if err != nil {
		return nil, err
	}
	res, edits, err := fix(doc, opts, false)
	if err != nil || !res.Changed {
		return res, err
	}
	// Verify: the output parses, and fixing it again changes nothing.
	// Reparse runs buildkit only over the instructions the edits touched;
	// where it cannot vouch for its result, the output is parsed in full.
	out, ok := doc.Reparse(res.Output, edits)
	if !ok {
		if out, err = dockerfile.Parse(name, res.Output); err != nil {
			return nil, unparsable(name, err)
		}
	}
	again, _, err := fix(out, opts, true)
	if err != nil {
		return nil, unparsable(name, err)
	}
	if again.Changed {
		return nil, &dockerfile.Error{File: name, Msg: "internal error: hardening is not stable (a second run would change the file again); the file was left alone, please report this"}
	}
	return res, nil
}

// fix decides once and derives the findings and edits from the decision.
// editsOnly skips the checks that never edit, for the verification pass,
// which only asks whether anything would change.
func fix(doc *dockerfile.Document, opts Options, editsOnly bool) (*Result, []dockerfile.Edit, error) {
	name, src := doc.Name, doc.Src
	d, err := Decide(doc, opts)
	if err != nil {
		return nil, nil, err
	}
	res := &Result{Output: src}
	if d.skipFile {
		return res, nil, nil
	}
	res.Decision = d
	c := &check{Decision: d, chowned: map[*parser.Node]bool{}}
	c.run(editsOnly)
	res.Findings = c.findings
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule.ID < b.Rule.ID
	})
	var edits []dockerfile.Edit
	for _, f := range res.Findings {
		edits = append(edits, f.Edits...)
	}
	if len(edits) == 0 {
		return res, nil, nil
	}
	out, err := dockerfile.Apply(src, edits)
	if err != nil {
		return nil, nil, &dockerfile.Error{File: name, Msg: err.Error()}
	}
	res.Output, res.Changed = out, !bytes.Equal(out, src)
	return res, edits, nil
}

// check collects one run's findings. It reads the Decision and never
// changes it.
type check struct {
	*Decision
	findings []Finding
	chowned  map[*parser.Node]bool // COPY/ADD that copyChown gives --chown
}

// run reports the decision's reasons, then the findings that carry edits,
// then the report-only ones.
func (c *check) run(editsOnly bool) {
	c.findings = append(c.findings, c.Reasons...)
	c.swapBase()
	c.userMoves()
	c.runAsRoot()
	c.copyChown()
	c.addURLMode()
	if editsOnly {
		return
	}
	c.writablePaths()
	c.codeMounts()
	c.namedUser()
	c.privilegedPort()
	c.sudo()
	c.addLocal()
	c.unpinnedBase()
	c.healthcheck()
}

// add reports rule r on node n unless a pragma or the config switches it
// off there.
func (c *check) add(r *Rule, n *parser.Node, fixable bool, msg string, edits ...dockerfile.Edit) {
	if f, ok := c.finding(r, n, fixable, msg, edits...); ok {
		c.findings = append(c.findings, f)
	}
}

// unparsable is the error for output that does not parse: a bug in a rule.
func unparsable(name string, err error) error {
	return &dockerfile.Error{File: name, Msg: "internal error: the hardened file does not parse (" + err.Error() + "); the file was left alone, please report this"}
}
