package report

import (
	"encoding/json"
	"io"

	"github.com/dockerharden/dockerharden/rewrite"
)

// JSONVersion is bumped on any incompatible change of the JSON schema.
const JSONVersion = 1

type jsonDoc struct {
	Version int        `json:"version"`
	Tool    string     `json:"tool"`
	Files   []jsonFile `json:"files"`
	Summary jsonSum    `json:"summary"`
}

type jsonFile struct {
	Path     string        `json:"path"`
	Changed  bool          `json:"wouldChange"`
	Error    string        `json:"error,omitempty"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Line     int    `json:"line"`
	EndLine  int    `json:"endLine"`
	Fixable  bool   `json:"fixable"`
	Help     string `json:"help"`
}

type jsonSum struct {
	Files       int            `json:"files"`
	Errors      int            `json:"errors"`
	WouldChange int            `json:"wouldChange"`
	Findings    map[string]int `json:"findings"` // by severity
}

// JSON writes one document describing every file (schema in the README).
func JSON(w io.Writer, files []File) error {
	doc := jsonDoc{
		Version: JSONVersion, Tool: "dockerharden", Files: []jsonFile{},
		Summary: jsonSum{Files: len(files), Findings: map[string]int{}},
	}
	for _, s := range []rewrite.Severity{rewrite.SevError, rewrite.SevWarning, rewrite.SevInfo} {
		doc.Summary.Findings[string(s)] = 0
	}
	for _, f := range files {
		jf := jsonFile{Path: slashPath(f.Path), Findings: []jsonFinding{}}
		if f.Err != nil {
			jf.Error = f.Err.Error()
			doc.Summary.Errors++
		} else {
			jf.Changed = f.Result.Changed
			if jf.Changed {
				doc.Summary.WouldChange++
			}
			for _, x := range f.Result.Findings {
				r := x.Rule
				jf.Findings = append(jf.Findings, jsonFinding{
					Rule: r.ID, Name: r.Name, Severity: string(r.Severity), Message: x.Message,
					Line: x.Line, EndLine: x.EndLine, Fixable: x.Fixable, Help: RuleURL(r),
				})
				doc.Summary.Findings[string(x.Severity())]++
			}
		}
		doc.Files = append(doc.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
