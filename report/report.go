// Package report renders check results: compiler-style text, JSON, SARIF
// 2.1.0 for code scanning, and Markdown for pull-request bodies. Output is
// a pure function of its input (no timestamps, stable order), so a bot that
// runs twice produces the same bytes.
package report

import (
	"strings"

	"github.com/dockerharden/dockerharden/rewrite"
)

// DocsURL is where the README documents each rule; a rule's anchor is
// its lower-cased ID and name ("#dh001-run-as-root").
const DocsURL = "https://github.com/dockerharden/dockerharden/blob/main/README.md"

// File is one checked file.
type File struct {
	Path   string          // as given on the command line, or --filename
	Src    []byte          // the original bytes
	Result *rewrite.Result // nil when Err is set
	Err    error
}

// RuleURL is the documentation link of a rule.
func RuleURL(r *rewrite.Rule) string {
	return DocsURL + "#" + r.Anchor()
}

// slashPath is a path as it appears in reports and diff headers.
func slashPath(p string) string {
	return strings.TrimPrefix(strings.ReplaceAll(p, `\`, "/"), "./")
}
