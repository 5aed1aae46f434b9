package rewrite

import (
	"bytes"
	"fmt"
	"strings"
)

var (
	generatedRE = lazyRE(`(?i)\b(do not edit|generated (?:by|via|from|with|using)|auto-?generated|code generated)\b`)
	templateRE  = lazyRE(`\{\{.*\}\}|\{%.*%\}`)
)

// generatedLine finds the first sign that the file is generated or a
// template: its line and what it says, or 0.
func (d *Decision) generatedLine() (int, string) {
	for l := 1; l <= d.doc.Lines(); l++ {
		b := d.doc.Line(l)
		// The common case, without a string or either regexp.
		if !bytes.Contains(b, []byte("{{")) && !bytes.Contains(b, []byte("{%")) && !(d.doc.IsComment(l) && mayBeGenerated(b)) {
			continue
		}
		line := string(bytes.TrimRight(b, "\r\n"))
		switch {
		case templateRE().MatchString(line):
			return l, fmt.Sprintf("line %d has template placeholders (%s): this is a template, not a Dockerfile", l, strings.TrimSpace(templateRE().FindString(line)))
		case d.doc.IsComment(l) && generatedRE().MatchString(line):
			return l, fmt.Sprintf("line %d says the file is generated (%q)", l, strings.TrimSpace(generatedRE().FindString(line)))
		}
	}
	return 0, ""
}

// mayBeGenerated is a cheap necessary condition for generatedRE: the line
// says "edit" or "generated", in any case.
func mayBeGenerated(line []byte) bool {
	return containsFold(line, "edit") || containsFold(line, "generated")
}

// containsFold reports whether b contains the lower-case ASCII word w, in
// any case.
func containsFold(b []byte, w string) bool {
	for i := 0; i+len(w) <= len(b); i++ {
		j := 0
		for j < len(w) && b[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

// generated reports whether the file is generated or a template.
func (d *Decision) generated() bool {
	l, _ := d.generatedLine()
	return l > 0
}

// declineGenerated declines files that are the output of a generator or a
// template (DH020): a change there is lost on the next generation, and a
// template's placeholders are not Dockerfile syntax. A pragma that switches
// the rule off says the file is the author's.
func (d *Decision) declineGenerated() bool {
	l, why := d.generatedLine()
	if l == 0 {
		return false
	}
	f, ok := d.findingAt(GeneratedFile, l, l, false, GeneratedFile.message(why))
	if ok {
		d.Reasons = append(d.Reasons, f)
	}
	return ok
}
