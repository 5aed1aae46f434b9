// Package golden loads the before/after cases in testdata/golden. A case
// is one NAME.txtar holding its input, options, expected output and
// findings, so a reviewer reads it in one place:
//
//	comment: what the case shows
//	-- args --
//	--uid=2000 --target=app
//	-- Dockerfile --
//	…
//	-- golden --
//	…
//	-- findings --
//	…
//
// txtar cannot hold a file that lacks a final newline, so those cases stay
// as separate files: NAME.Dockerfile, NAME.golden, NAME.findings and an
// optional NAME.args.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// Case is one golden case.
type Case struct {
	Name     string // "debian-basic"
	Input    []byte
	Args     [][2]string // option name and value, from "--name=value" words
	Output   []byte      // the expected output
	Findings []byte      // the expected findings, one per line
	Path     string      // the .txtar file, or the .Dockerfile of a split case

	archive *txtar.Archive // nil for a split case
}

// Load reads every case in dir, sorted by name.
func Load(dir string) ([]*Case, error) {
	var cases []*Case
	txtars, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
	for _, p := range txtars {
		a, err := txtar.ParseFile(p)
		if err != nil {
			return nil, err
		}
		c := &Case{Name: strings.TrimSuffix(filepath.Base(p), ".txtar"), Path: p, archive: a}
		for _, f := range a.Files {
			switch f.Name {
			case "args":
				c.Args, err = parseArgs(string(f.Data))
			case "Dockerfile":
				c.Input = f.Data
			case "golden":
				c.Output = f.Data
			case "findings":
				c.Findings = f.Data
			default:
				err = fmt.Errorf("%s: unknown section %q", p, f.Name)
			}
			if err != nil {
				return nil, err
			}
		}
		if c.Input == nil {
			return nil, fmt.Errorf("%s: no -- Dockerfile -- section", p)
		}
		cases = append(cases, c)
	}
	split, _ := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
	for _, p := range split {
		base := strings.TrimSuffix(p, ".Dockerfile")
		c := &Case{Name: filepath.Base(base), Path: p}
		var err error
		if c.Input, err = os.ReadFile(p); err != nil {
			return nil, err
		}
		c.Output, _ = os.ReadFile(base + ".golden")
		c.Findings, _ = os.ReadFile(base + ".findings")
		if a, err := os.ReadFile(base + ".args"); err == nil {
			if c.Args, err = parseArgs(string(a)); err != nil {
				return nil, fmt.Errorf("%s.args: %v", base, err)
			}
		}
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].Name < cases[j].Name })
	return cases, nil
}

func parseArgs(s string) ([][2]string, error) {
	var args [][2]string
	for _, w := range strings.Fields(s) {
		k, v, ok := strings.Cut(strings.TrimPrefix(w, "--"), "=")
		if !ok || !strings.HasPrefix(w, "--") {
			return nil, fmt.Errorf("want --name=value, got %q", w)
		}
		args = append(args, [2]string{k, v})
	}
	return args, nil
}

// Update writes a new expected output and findings into the case's files.
// Cases whose bytes txtar can hold are written as txtar.
func (c *Case) Update(output, findings []byte) error {
	c.Output, c.Findings = output, findings
	if c.archive == nil {
		base := strings.TrimSuffix(c.Path, ".Dockerfile")
		if err := os.WriteFile(base+".golden", output, 0o644); err != nil {
			return err
		}
		return os.WriteFile(base+".findings", findings, 0o644)
	}
	set := func(name string, data []byte) {
		for i := range c.archive.Files {
			if c.archive.Files[i].Name == name {
				c.archive.Files[i].Data = data
				return
			}
		}
		c.archive.Files = append(c.archive.Files, txtar.File{Name: name, Data: data})
	}
	set("golden", output)
	set("findings", findings)
	return os.WriteFile(c.Path, txtar.Format(c.archive), 0o644)
}

// Fits reports whether txtar holds these bytes exactly: every section ends
// with a newline and no line looks like a section marker.
func Fits(data ...[]byte) bool {
	for _, d := range data {
		if len(d) > 0 && d[len(d)-1] != '\n' {
			return false
		}
		for _, l := range bytes.Split(d, []byte("\n")) {
			if bytes.HasPrefix(l, []byte("-- ")) && bytes.HasSuffix(bytes.TrimRight(l, "\r"), []byte(" --")) {
				return false
			}
		}
	}
	return true
}
