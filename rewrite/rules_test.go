package rewrite

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// TestRulesDocumented checks the rule table mechanically: unique IDs and
// kebab-case names, and a README section and table row for every rule.
func TestRulesDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || seen[r.Name] || !kebab.MatchString(r.Name) || r.Description == "" || r.Format == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %+v: duplicate or malformed", r)
		}
		seen[r.ID], seen[r.Name] = true, true
		if !strings.Contains(string(readme), "\n### "+r.ID+" "+r.Name+"\n") {
			t.Errorf("README.md has no section \"### %s %s\"", r.ID, r.Name)
		}
		if !strings.Contains(string(readme), "| "+r.ID+" | "+r.Name+" | "+string(r.Severity)+" |") {
			t.Errorf("README.md rule table has no row for %s %s (%s)", r.ID, r.Name, r.Severity)
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
