package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/internal/golden"
	"github.com/dockerharden/dockerharden/rewrite"
)

// goldenFiles checks every golden input, plus one file that fails.
func goldenFiles(t *testing.T) []File {
	cases, err := golden.Load("../testdata/golden")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	var files []File
	for _, c := range cases {
		src := c.Input
		rel := "testdata/golden/" + c.Name + ".Dockerfile"
		res, err := rewrite.Fix(rel, src, rewrite.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: rel, Src: src, Result: res})
	}
	files = append(files, File{Path: "broken/Dockerfile", Err: errors.New("broken/Dockerfile:2: unterminated heredoc")})
	return files
}

func TestJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, goldenFiles(t)); err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != JSONVersion || doc.Summary.Errors != 1 || doc.Summary.WouldChange == 0 || doc.Summary.Findings["error"] == 0 {
		t.Errorf("unexpected summary %+v", doc.Summary)
	}
	for _, f := range doc.Files {
		for _, x := range f.Findings {
			if x.Name == "" || !strings.HasPrefix(x.Help, DocsURL+"#dh0") || x.Line < 1 || x.EndLine < x.Line {
				t.Errorf("%s: incomplete finding %+v", f.Path, x)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	files := goldenFiles(t)
	for name, fn := range map[string]func(*bytes.Buffer) error{
		"text":     func(b *bytes.Buffer) error { return Text(b, files) },
		"json":     func(b *bytes.Buffer) error { return JSON(b, files) },
		"sarif":    func(b *bytes.Buffer) error { return SARIF(b, files, "1.0.0") },
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, files) },
	} {
		var a, b bytes.Buffer
		if err := fn(&a); err != nil {
			t.Fatal(err)
		}
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
			t.Errorf("%s output is empty or differs between runs", name)
		}
	}
}

func TestMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, goldenFiles(t)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"### `testdata/golden/debian-basic.Dockerfile`",
		"**Changed**",
		"**To review by hand**",
		"```diff\n--- a/testdata/golden/debian-basic.Dockerfile",
		"DH010 step-down-entrypoint",
		":x: not processed: broken/Dockerfile:2: unterminated heredoc",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// TestSARIFValidates runs Microsoft's SARIF Multitool (npm
// @microsoft/sarif-multitool) with the SARIF schema and GitHub ingestion
// rules, and fails on any error-level result. .ci/run installs the tool and
// sets SARIF_MULTITOOL; elsewhere the test skips unless
// DOCKERHARDEN_REQUIRE_SARIF=1.
func TestSARIFValidates(t *testing.T) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		if os.Getenv("DOCKERHARDEN_REQUIRE_SARIF") == "1" {
			t.Fatal("SARIF_MULTITOOL is not set")
		}
		t.Skip("set SARIF_MULTITOOL=path/to/sarif-multitool (npm install @microsoft/sarif-multitool)")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.sarif")
	var b bytes.Buffer
	if err := SARIF(&b, goldenFiles(t), "0.1.0"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	check := filepath.Join(dir, "check.sarif")
	cmd := exec.Command(tool, "validate", "--rule-kind", `"Sarif;Gh"`, out, "-o", check)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, msg)
	}
	raw, err := os.ReadFile(check)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, run := range log.Runs {
		for _, r := range run.Results {
			n++
			if r.Level == "error" {
				t.Errorf("%s: %s", r.RuleID, r.Message.Text)
			} else {
				t.Logf("%s %s: %s", r.Level, r.RuleID, r.Message.Text)
			}
		}
	}
	t.Logf("validator reported %d non-error results", n)
}
