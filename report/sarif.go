package report

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/dockerharden/dockerharden/rewrite"
)

// SARIF 2.1.0, the subset GitHub code scanning ingests.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
	Invocations []sarifInvocation `json:"invocations"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	HelpURI              string            `json:"helpUri"`
	Help                 sarifText         `json:"help"`
	DefaultConfiguration sarifConfig       `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	// PartialFingerprints keep code scanning alerts stable across runs.
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           sarifRegion           `json:"region"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
	EndLine   int `json:"endLine"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

func sarifLevel(s rewrite.Severity) string {
	switch s {
	case rewrite.SevError:
		return "error"
	case rewrite.SevWarning:
		return "warning"
	}
	return "note"
}

// securitySeverity maps to GitHub's score buckets (critical ≥ 9, high ≥ 7,
// medium ≥ 4, low).
func securitySeverity(s rewrite.Severity) string {
	switch s {
	case rewrite.SevError:
		return "7.0"
	case rewrite.SevWarning:
		return "4.0"
	}
	return "1.0"
}

// sarifURIOf makes a path a relative URI (or a file URI when absolute).
func sarifURIOf(p string) (uri, base string) {
	p = filepath.ToSlash(p)
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String(), ""
	}
	p = slashPath(filepath.ToSlash(filepath.Clean(p)))
	var parts []string
	for _, s := range strings.Split(p, "/") {
		parts = append(parts, url.PathEscape(s))
	}
	return strings.Join(parts, "/"), "%SRCROOT%"
}

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning: every rule with
// its help link, every finding with a physical location. Files that could
// not be read or parsed become tool execution notifications.
func SARIF(w io.Writer, files []File, version string) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "dockerharden", InformationURI: DocsURL, Version: version,
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	index := map[string]int{}
	for i, r := range rewrite.Rules {
		index[r.ID] = i
		tags := []string{"security", "dockerfile"}
		if r.Phase == rewrite.Notice {
			tags = append(tags, "declined-by-fix")
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: r.ID, Name: pascal(r.Name),
			ShortDescription:     sarifText{Text: r.Description},
			FullDescription:      sarifText{Text: r.Description + "."},
			HelpURI:              RuleURL(r),
			Help:                 sarifText{Text: r.Description + ". See " + RuleURL(r)},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
			Properties:           sarifRuleProperty{Tags: tags, SecuritySeverity: securitySeverity(r.Severity)},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, f := range files {
		uri, base := sarifURIOf(f.Path)
		loc := sarifArtifactLocation{URI: uri, URIBaseID: base}
		if f.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level: "error", Message: sarifText{Text: f.Err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: loc, Region: sarifRegion{StartLine: 1, EndLine: 1}}}},
			})
			continue
		}
		for _, x := range f.Result.Findings {
			msg := x.Message
			if x.Fixable {
				msg += ". `dockerharden fix` changes this."
			}
			run.Results = append(run.Results, sarifResult{
				RuleID: x.Rule.ID, RuleIndex: index[x.Rule.ID], Level: sarifLevel(x.Severity()),
				Message: sarifText{Text: msg},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: loc, Region: sarifRegion{StartLine: x.Line, EndLine: x.EndLine},
				}}},
				PartialFingerprints: map[string]string{"dockerhardenFinding/v1": fingerprint(f.Path, x)},
			})
		}
	}
	run.Invocations = []sarifInvocation{inv}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// fingerprint identifies a finding independently of line numbers, so
// alerts survive unrelated edits above them.
func fingerprint(path string, x rewrite.Finding) string {
	h := sha256.Sum256([]byte(slashPath(path) + "\x00" + x.Rule.ID + "\x00" + x.Message))
	return fmt.Sprintf("%x", h[:12])
}

// pascal turns "run-as-root" into "RunAsRoot" (SARIF rule names are
// identifiers).
func pascal(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(s, "-") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}
