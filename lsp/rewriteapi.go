package lsp

import (
	"errors"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/report"
	"github.com/dockerharden/dockerharden/rewrite"
)

// The server reads rewrite's API (and report's rule links) only in this
// file: Fix, its result and findings, rule lookup, the located error. The
// rest of the package works on the plain values below, so a change of that
// API is a change here.

// Rule IDs the server treats specially; IDs never change meaning.
const (
	ruleRunAsRoot         = "DH001"
	ruleCopyChown         = "DH002"
	ruleUserBeforeInstall = "DH003"
	ruleUnpinnedBase      = "DH008"
)

// byteEdit replaces src[start:end] with text; start == end inserts.
type byteEdit struct {
	start, end int
	text       string
}

// finding is a rewrite finding as the server uses it.
type finding struct {
	rule     string // ID, e.g. "DH001"
	name     string // e.g. "run-as-root"
	severity int    // LSP severity
	href     string // the rule's README section
	message  string
	line     int // 1-based buildkit lines, inclusive
	endLine  int
	// start, end: the instruction's text as rewrite locates it (from its
	// keyword to the end of its last line), byte offsets; end 0 = unknown.
	start, end int
	fixable    bool
	edits      []byteEdit
}

// fixResult is rewrite.Fix's result.
type fixResult struct {
	output   []byte
	changed  bool
	findings []finding
}

// runFix runs rewrite.Fix.
func runFix(name string, src []byte, opts rewrite.Options) (*fixResult, error) {
	res, err := rewrite.Fix(name, src, opts)
	if err != nil {
		return nil, err
	}
	out := &fixResult{output: res.Output, changed: res.Changed}
	t := newText(string(src))
	offset := func(p dockerfile.Pos) int {
		off := t.dkLineStart(p.Line) + p.Col
		if p.Line == 1 {
			off = t.contentStart(1) + p.Col // columns of line 1 start after a BOM
		}
		return min(off, len(src))
	}
	for _, f := range res.Findings {
		x := finding{
			rule: f.Rule.ID, name: f.Rule.Name, severity: lspSeverity(f.Severity()), href: report.RuleURL(f.Rule),
			message: f.Message, line: f.Line, endLine: f.EndLine, fixable: f.Fixable,
		}
		if f.Range.End.Line > 0 {
			x.start, x.end = offset(f.Range.Start), offset(f.Range.End)
		}
		for _, e := range f.Edits {
			x.edits = append(x.edits, byteEdit{start: e.Start, end: e.End, text: e.New})
		}
		out.findings = append(out.findings, x)
	}
	return out, nil
}

func lspSeverity(s rewrite.Severity) int {
	switch s {
	case rewrite.SevError:
		return sevError
	case rewrite.SevWarning:
		return sevWarning
	}
	return sevInformation
}

// located returns the 1-based line an error names (0 = none) and its
// message, without the file and line prefix when the error is about name.
func located(err error, name string) (int, string) {
	var re *dockerfile.Error
	if errors.As(err, &re) {
		if re.File == name {
			return re.Line, re.Msg
		}
		return re.Line, err.Error()
	}
	return 0, err.Error()
}

// ruleName is the name of rule id ("" if unknown).
func ruleName(id string) string {
	if r, ok := rewrite.LookupRule(id); ok {
		return r.Name
	}
	return ""
}
