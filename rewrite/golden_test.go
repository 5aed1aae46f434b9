package rewrite

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/golden")

// goldenCase is one ../testdata/golden/NAME.Dockerfile with its expected
// output NAME.golden, its findings NAME.findings and optional options in
// NAME.args ("--uid=2000 --target=app").
type goldenCase struct {
	name string
	src  []byte
	opts Options
}

func goldenCases(t testing.TB) []goldenCase {
	files, err := filepath.Glob("../testdata/golden/*.Dockerfile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	var cases []goldenCase
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := goldenCase{name: strings.TrimSuffix(f, ".Dockerfile"), src: src, opts: DefaultOptions()}
		if a, err := os.ReadFile(c.name + ".args"); err == nil {
			c.opts = parseTestArgs(t, string(a))
		}
		cases = append(cases, c)
	}
	return cases
}

func parseTestArgs(t testing.TB, s string) Options {
	o := DefaultOptions()
	for _, f := range strings.Fields(s) {
		k, v, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "uid":
			o.UID = n
		case "gid":
			o.GID = n
		case "user":
			o.User = v
		case "group":
			o.Group = v
		case "target":
			o.Target = v
		case "family":
			o.Family = images.Family(v)
		default:
			t.Fatalf("unknown test arg %q", f)
		}
	}
	return o
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

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./rewrite -update, then read the new golden)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n%s", path, dockerfile.Diff(filepath.Base(path), want, got))
	}
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(filepath.Base(c.name), func(t *testing.T) {
			res, err := Fix(c.name+".Dockerfile", c.src, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, c.name+".golden", res.Output)
			checkGolden(t, c.name+".findings", []byte(formatFindings(res.Findings)))
			if res.Changed == bytes.Equal(res.Output, c.src) {
				t.Errorf("Changed = %v, but output equal to input = %v", res.Changed, bytes.Equal(res.Output, c.src))
			}
			// Every golden is a fixed point.
			again, err := Fix(c.name+".golden", res.Output, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if again.Changed {
				t.Errorf("not a fixed point:\n%s", dockerfile.Diff("golden", res.Output, again.Output))
			}
			assertOnlyTargetChanged(t, c.src, res.Output, c.opts)
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
		t.Run(filepath.Base(c.name), func(t *testing.T) {
			res, err := Fix(c.name, c.src, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Changed {
				return
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), c.src, 0o644); err != nil {
				t.Fatal(err)
			}
			patch := filepath.Join(dir, "x.patch")
			if err := os.WriteFile(patch, dockerfile.Diff("Dockerfile", c.src, res.Output), 0o644); err != nil {
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
