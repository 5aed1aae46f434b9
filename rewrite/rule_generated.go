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
		line := string(bytes.TrimRight(d.doc.Line(l), "\r\n"))
		switch {
		case !strings.Contains(line, "{{") && !strings.Contains(line, "{%") && !mayBeGenerated(line):
			// the common case, without compiling either regexp
		case templateRE().MatchString(line):
			return l, fmt.Sprintf("line %d has template placeholders (%s): this is a template, not a Dockerfile", l, strings.TrimSpace(templateRE().FindString(line)))
		case d.doc.IsComment(l) && generatedRE().MatchString(line):
			return l, fmt.Sprintf("line %d says the file is generated (%q)", l, strings.TrimSpace(generatedRE().FindString(line)))
		}
	}
	return 0, ""
}

// mayBeGenerated is a cheap necessary condition for generatedRE.
func mayBeGenerated(line string) bool {
	l := strings.ToLower(line)
	return strings.Contains(l, "edit") || strings.Contains(l, "generated")
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
