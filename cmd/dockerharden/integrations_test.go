package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
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
				_, isBool := f.(*cli.BoolFlag)
				for _, n := range f.Names() {
					valueFlag[n] = !isBool
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
