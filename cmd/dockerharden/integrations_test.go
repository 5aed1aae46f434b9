package main

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v3"
	"go.yaml.in/yaml/v3"
)

// commandLines collects every string value in a YAML file that invokes
// dockerharden (pre-commit entries, workflow run scripts).
func commandLines(t *testing.T, file string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatalf("%s does not parse as YAML: %v", file, err)
	}
	var lines []string
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			for _, l := range strings.Split(n.Value, "\n") {
				if i := strings.Index(l, "dockerharden "); i >= 0 && !strings.HasPrefix(strings.TrimSpace(l), "#") {
					rest := l[i+len("dockerharden "):]
					if strings.HasPrefix(rest, "fix") || strings.HasPrefix(rest, "check") {
						lines = append(lines, rest)
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&doc)
	return lines
}

// sampleValues stand in for shell variables and expressions after flags.
var sampleValues = map[string]string{"format": "sarif", "fail-on": "none", "uid": "2000", "gid": "2000", "user": "svc", "group": "svc"}

var cutShell = regexp.MustCompile(`\s*(>|\||&&|;|\$\(|2>).*$`)

// TestIntegrationFiles checks that the pre-commit hooks, the GitHub Action
// and the PR-bot workflow parse as YAML and use only flags that exist, by
// running dockerharden with exactly those flags.
func TestIntegrationFiles(t *testing.T) {
	commands := map[string]*cli.Command{}
	code := 0
	for _, c := range []*cli.Command{fixCommand(&code), checkCommand(&code)} {
		commands[c.Name] = c
	}
	total := 0
	for _, file := range []string{"../../.pre-commit-hooks.yaml", "../../action.yml", "../../examples/pr-bot/workflow.yml"} {
		lines := commandLines(t, file)
		if len(lines) == 0 {
			t.Errorf("%s: no dockerharden command found", file)
		}
		for _, line := range lines {
			total++
			words := strings.Fields(cutShell.ReplaceAllString(line, ""))
			sub := commands[words[0]]
			valueFlag := map[string]bool{}
			for _, f := range sub.Flags {
				tv, ok := f.(interface{ TakesValue() bool })
				for _, n := range f.Names() {
					valueFlag[n] = ok && tv.TakesValue()
				}
			}
			args := []string{"dockerharden", words[0]}
			for i := 1; i < len(words); i++ {
				w := words[i]
				if !strings.HasPrefix(w, "-") {
					continue // paths and variables: replaced below
				}
				name := strings.TrimLeft(w, "-")
				if _, ok := valueFlag[name]; !ok {
					t.Errorf("%s: %q uses unknown flag %s", file, line, w)
					continue
				}
				args = append(args, w)
				if valueFlag[name] {
					i++
					v := ""
					if i < len(words) {
						v = strings.Trim(words[i], `"'`)
					}
					if v == "" || strings.Contains(v, "$") {
						v = sampleValues[name]
					}
					args = append(args, v)
				}
			}
			dir := t.TempDir()
			df := filepath.Join(dir, "Dockerfile")
			if err := os.WriteFile(df, []byte("FROM debian:bookworm-slim\nCMD [\"bash\"]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, df)
			var stdout, stderr bytes.Buffer
			if got := run(args, strings.NewReader(""), &stdout, &stderr); got == exitError {
				t.Errorf("%s: %q → %v exited 2: %s", file, line, args, stderr.String())
			}
		}
	}
	if total < 5 {
		t.Errorf("found only %d dockerharden commands in the integration files", total)
	}
}

// TestPreCommitPatterns checks that the hooks' files:/exclude: regular
// expressions pick the same names as a directory walk (isDockerfile), so
// that pre-commit never hands dockerharden a .dockerignore file.
func TestPreCommitPatterns(t *testing.T) {
	src, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID      string `yaml:"id"`
		Files   string `yaml:"files"`
		Exclude string `yaml:"exclude"`
	}
	if err := yaml.Unmarshal(src, &hooks); err != nil {
		t.Fatal(err)
	}
	names := []string{
		"Dockerfile", "svc/Dockerfile", "Containerfile", "svc/Containerfile.dev",
		"api.Dockerfile", "svc/worker.dockerfile", "Dockerfile.prod", "deploy/Dockerfile.alpine",
		"Dockerfile.dockerignore", "svc/api.Dockerfile.dockerignore", "Containerfile.dockerignore",
		"Dockerfile.orig", "Dockerfile.rej", "Dockerfile~", "svc/Dockerfile.bak",
		"README.md", "docs/Dockerfile.md.txt/x", "Dockerfiles/README",
	}
	for _, h := range hooks {
		files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
		if h.Exclude == "" {
			t.Errorf("%s: no exclude: pattern", h.ID)
		}
		for _, n := range names {
			got := files.MatchString(n) && !exclude.MatchString(n)
			if want := isDockerfile(path.Base(n)); got != want {
				t.Errorf("%s: %s: pre-commit runs the hook: %v, a directory walk picks it up: %v", h.ID, n, got, want)
			}
		}
	}
}

// refRE finds the refs that snippets pin dockerharden to: the Action
// (dockerharden/dockerharden@REF), go install (…/cmd/dockerharden@REF) and
// pre-commit (rev: REF).
var refRE = regexp.MustCompile("(?:dockerharden/dockerharden@|cmd/dockerharden@)([^\\s\"'}`)]+)|^\\s*#?\\s*rev:\\s*(\\S+)")

// TestSnippetRefs checks that every version the README and the integration
// files tell people to use exists: "main", a commit SHA, a variable, or a
// tag of this repository. (v0.1.0 was quoted everywhere and never tagged.)
func TestSnippetRefs(t *testing.T) {
	tags := map[string]bool{}
	if out, err := exec.Command("git", "tag", "-l").Output(); err == nil {
		for _, tag := range strings.Fields(string(out)) {
			tags[tag] = true
		}
	}
	sha := regexp.MustCompile(`^[0-9a-f]{40}$`)
	n := 0
	for _, file := range []string{"../../README.md", "../../.pre-commit-hooks.yaml", "../../action.yml", "../../examples/pr-bot/workflow.yml"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, m := range refRE.FindAllStringSubmatch(line, -1) {
				ref := m[1] + m[2]
				n++
				if ref == "main" || sha.MatchString(ref) || strings.HasPrefix(ref, "$") || tags[ref] {
					continue
				}
				t.Errorf("%s:%d: %q is not main, a commit SHA, a variable or a tag of this repository", file, i+1, ref)
			}
		}
	}
	if n < 4 {
		t.Errorf("found only %d version references; is refRE still right?", n)
	}
}

// TestReadmeYAML parses every yaml block of the README (pre-commit config,
// workflows, .dockerharden.yaml), so that a snippet copied as written is
// at least valid YAML.
func TestReadmeYAML(t *testing.T) {
	src, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?ms)^```ya?ml\n(.*?)^```").FindAllStringSubmatch(string(src), -1)
	if len(blocks) < 3 {
		t.Fatalf("found %d yaml blocks in the README", len(blocks))
	}
	for _, b := range blocks {
		var v any
		if err := yaml.Unmarshal([]byte(b[1]), &v); err != nil {
			t.Errorf("README yaml block does not parse: %v\n%s", err, b[1])
		}
	}
}
