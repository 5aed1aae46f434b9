package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerharden/dockerharden/config"
)

// input is one file to process, or an error to report in its place so that
// output keeps the order of the arguments.
type input struct {
	path  string // "" for standard input
	stdin bool
	err   error
}

// skipDirs are never walked into (a directory named on the command line is
// still processed).
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "vendor": true, "node_modules": true, "testdata": true}

// isDockerfile matches Dockerfile, Containerfile, *.Dockerfile, *.dockerfile,
// Dockerfile.* and Containerfile.*, but not their .dockerignore files or
// editor leftovers.
func isDockerfile(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range []string{".dockerignore", ".orig", ".rej", ".bak", ".swp", "~"} {
		if strings.HasSuffix(lower, suffix) {
			return false
		}
	}
	for _, base := range []string{"dockerfile", "containerfile"} {
		if lower == base || strings.HasPrefix(lower, base+".") || strings.HasSuffix(lower, "."+base) && base == "dockerfile" {
			return true
		}
	}
	return false
}

// collect expands the arguments into inputs: "-" is standard input, a
// directory is walked (symlinked directories are not followed, symlinked
// files inside it are skipped), anything else is a file.
func collect(args []string, configs *config.Finder) []input {
	var ins []input
	for _, a := range args {
		if a == "-" {
			ins = append(ins, input{stdin: true})
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			ins = append(ins, input{path: a, err: fmt.Errorf("%s: %w", a, unwrapPathError(err))})
			continue
		}
		if !fi.IsDir() {
			ins = append(ins, input{path: a})
			continue
		}
		found := 0
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				ins = append(ins, input{path: p, err: fmt.Errorf("%s: %w", p, unwrapPathError(err))})
				return nil
			}
			dir := p
			if !d.IsDir() {
				dir = filepath.Dir(p)
			}
			cf, cerr := configs.For(dir)
			if cerr != nil {
				ins = append(ins, input{path: p, err: cerr})
				return filepath.SkipDir
			}
			if d.IsDir() {
				if p != a && (skipDirs[d.Name()] || cf.Excluded(p, true)) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && (isDockerfile(d.Name()) || cf.IsDockerfile(d.Name())) && !cf.Excluded(p, false) {
				found++
				ins = append(ins, input{path: p})
			}
			return nil
		})
		if err != nil {
			ins = append(ins, input{path: a, err: err})
		} else if found == 0 {
			ins = append(ins, input{path: a, err: fmt.Errorf("%s: no Dockerfiles found (looked for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*)", a)})
		}
	}
	return ins
}

// unwrapPathError drops the "op path:" prefix the caller already prints.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
