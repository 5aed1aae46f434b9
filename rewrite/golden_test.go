package rewrite

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the expected output and findings in ../testdata/golden")

// goldenCase is one case of ../testdata/golden (see internal/golden) with
// its options applied.
type goldenCase struct {
	*golden.Case
	opts Options
}

func goldenCases(t testing.TB) []goldenCase {
	cases, err := golden.Load("../testdata/golden")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	var out []goldenCase
	for _, c := range cases {
		opts := DefaultOptions()
		for _, a := range c.Args {
			if err := opts.Set(a[0], a[1]); err != nil {
				t.Fatalf("%s: %v", c.Path, err)
			}
		}
		out = append(out, goldenCase{c, opts})
	}
	return out
}

func formatFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fix := ""
		if f.Fixable {
			fix = " (fixed)"
		}
		fmt.Fprintf(&b, "%d-%d %s %s%s: %s\n", f.Line, f.EndLine, f.Rule.ID, f.Severity(), fix, f.Message)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			res, err := Fix(c.Name+".Dockerfile", c.Input, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			findings := []byte(formatFindings(res.Findings))
			if *update {
				if err := c.Update(res.Output, findings); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(res.Output, c.Output) {
				t.Errorf("%s: output differs from golden (go test ./rewrite -update, then read it):\n%s", c.Path, dockerfile.Diff("golden", c.Output, res.Output))
			}
			if !bytes.Equal(findings, c.Findings) {
				t.Errorf("%s: findings differ (go test ./rewrite -update, then read them):\n%s", c.Path, dockerfile.Diff("findings", c.Findings, findings))
			}
			if res.Changed == bytes.Equal(res.Output, c.Input) {
				t.Errorf("Changed = %v, but output equal to input = %v", res.Changed, bytes.Equal(res.Output, c.Input))
			}
			// Every golden is a fixed point.
			again, err := Fix(c.Name+".golden", res.Output, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if again.Changed {
				t.Errorf("not a fixed point:\n%s", dockerfile.Diff("golden", res.Output, again.Output))
			}
			assertOnlyTargetChanged(t, c.Input, res.Output, c.opts)
		})
	}
}

// TestGoldenDiffApplies checks that git apply accepts every golden's diff
// and reproduces the golden byte for byte.
func TestGoldenDiffApplies(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	for _, c := range goldenCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			res, err := Fix(c.Name, c.Input, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Changed {
				return
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), c.Input, 0o644); err != nil {
				t.Fatal(err)
			}
			patch := filepath.Join(dir, "x.patch")
			if err := os.WriteFile(patch, dockerfile.Diff("Dockerfile", c.Input, res.Output), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{{"apply", "--check", patch}, {"apply", patch}} {
				cmd := exec.Command("git", args...)
				cmd.Dir = dir
				if out, err := cmd.CombinedOutput(); err != nil {
					p, _ := os.ReadFile(patch)
					t.Fatalf("git %s: %v\n%s\npatch:\n%s", args[0], err, out, p)
				}
			}
			got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
			if !bytes.Equal(got, res.Output) {
				t.Errorf("git apply result differs from the golden:\n%q\n%q", got, res.Output)
			}
		})
	}
}
