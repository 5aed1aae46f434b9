package rewrite

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// TestRulesDocumented checks the registry mechanically: IDs in order,
// unique and kebab-case names, and a README section and table row (with
// severity and phase) for every rule.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for i, r := range Rules {
		if want := fmt.Sprintf("DH%03d", i+1); r.ID != want {
			t.Errorf("Rules[%d] is %s, want %s: keep the registry in ID order", i, r.ID, want)
		}
		if r.Phase != Fixes && r.Phase != Notice && r.Phase != ReportOnly {
			t.Errorf("rule %s: unknown phase %q", r.ID, r.Phase)
		}
		if seen[r.ID] || seen[r.Name] || !kebab.MatchString(r.Name) || r.Description == "" || r.Format == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %+v: duplicate or malformed", r)
		}
		seen[r.ID], seen[r.Name] = true, true
		if !strings.Contains(string(readme), "\n### "+r.ID+" "+r.Name+"\n") {
			t.Errorf("README.md has no section \"### %s %s\"", r.ID, r.Name)
		}
		if row := "| " + r.ID + " | " + r.Name + " | " + string(r.Severity) + " | " + string(r.Phase) + " |"; !strings.Contains(string(readme), row) {
			t.Errorf("README.md rule table has no row %q", row)
		}
	}
}

// TestReadmeExample keeps the README's before/after example true.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```dockerfile\n(.*?)```").FindAllSubmatch(readme, 2)
	if len(blocks) < 2 {
		t.Fatal("README.md lost its before/after dockerfile blocks")
	}
	res, err := Fix("README", blocks[0][1], DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != string(blocks[1][1]) {
		t.Errorf("README's 'after' is not what fix prints:\n%s", dockerfile.Diff("README", blocks[1][1], res.Output))
	}
}

// TestEveryRuleTested: every rule is reported by at least one golden case
// or CLI script, so a rule that stops firing fails a test.
func TestEveryRuleTested(t *testing.T) {
	var corpus strings.Builder
	for _, c := range goldenCases(t) {
		corpus.Write(c.Findings)
	}
	scripts, _ := filepath.Glob("../testdata/script/*.txtar")
	for _, s := range scripts {
		b, _ := os.ReadFile(s)
		corpus.Write(b)
	}
	for _, r := range Rules {
		if !strings.Contains(corpus.String(), " "+r.ID+" ") && !strings.Contains(corpus.String(), "("+r.ID+")") {
			t.Errorf("no golden case or script reports %s %s", r.ID, r.Name)
		}
	}
}
