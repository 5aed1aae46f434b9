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

// generated reports whether the file is generated or a template.
func (d *Decision) generated() bool {
	for l := 1; l <= d.doc.Lines(); l++ {
		line := string(d.doc.Line(l))
		if templateRE().MatchString(line) || d.doc.IsComment(l) && generatedRE().MatchString(line) {
			return true
		}
	}
	return false
}

// declineGenerated declines files that are the output of a generator or a
// template (DH020): a change there is lost on the next generation, and a
// template's placeholders are not Dockerfile syntax.
func (d *Decision) declineGenerated() bool {
	for l := 1; l <= d.doc.Lines(); l++ {
		line := string(bytes.TrimRight(d.doc.Line(l), "\r\n"))
		var why string
		switch {
		case templateRE().MatchString(line):
			why = fmt.Sprintf("line %d has template placeholders (%s): this is a template, not a Dockerfile", l, strings.TrimSpace(templateRE().FindString(line)))
		case d.doc.IsComment(l) && generatedRE().MatchString(line):
			why = fmt.Sprintf("line %d says the file is generated (%q)", l, strings.TrimSpace(generatedRE().FindString(line)))
		default:
			continue
		}
		if f, ok := d.findingAt(GeneratedFile, l, l, false, GeneratedFile.message(why)); ok {
			d.Reasons = append(d.Reasons, f)
			return true
		}
		return false // switched off: the author says the file is theirs
	}
	return false
}
