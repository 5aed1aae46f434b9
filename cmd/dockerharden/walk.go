package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockerharden/dockerharden/config"
)

// input is one file to process, an error to report in its place, or a note
// (stderr only), so that output keeps the order of the arguments.
type input struct {
	path  string // "" for standard input
	stdin bool
	err   error
	note  string // not a file: a remark about the walk, printed unless -q
}

// skipDirs are never walked into (a directory named on the command line is
// still processed).
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "vendor": true, "node_modules": true, "testdata": true}

// dockerfilePatterns are the file names a directory walk picks up, matched
// without regard to case. Messages and --help quote this list.
var dockerfilePatterns = []string{"Dockerfile", "Containerfile", "*.Dockerfile", "*.dockerfile", "Dockerfile.*", "Containerfile.*"}

// notDockerfile are suffixes that exclude a name the patterns match:
// BuildKit's per-Dockerfile ignore files (Dockerfile.dockerignore,
// app.Dockerfile.dockerignore) and editor or patch leftovers.
var notDockerfile = []string{".dockerignore", ".orig", ".rej", ".bak", ".swp", "~"}

// isDockerfile reports whether a walk picks up a file of this name.
func isDockerfile(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range notDockerfile {
		if strings.HasSuffix(lower, suffix) {
			return false
		}
	}
	for _, p := range dockerfilePatterns {
		if ok, _ := path.Match(strings.ToLower(p), lower); ok {
			return true
		}
	}
	return false
}

// collect expands the arguments into inputs: "-" is standard input, a
// directory is walked (symlinked directories are not followed, symlinked
// files inside it are skipped with a note), anything else is a file.
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
		ins = append(ins, walk(a, configs)...)
	}
	return ins
}

// walk finds the Dockerfiles below dir. When it finds none it says why:
// a config excludes them all, they are symlinks, or there are none.
func walk(dir string, configs *config.Finder) []input {
	var ins []input
	found, symlinks := 0, 0
	excludedBy := map[string]int{} // config file → Dockerfiles it excludes
	var excludedDirs []string
	var excludedDirCfg []string
	isDF := func(cf *config.File, name string) bool { return isDockerfile(name) || cf.IsDockerfile(name) }
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			ins = append(ins, input{path: p, err: fmt.Errorf("%s: %w", p, unwrapPathError(err))})
			return nil
		}
		parent := p
		if !d.IsDir() {
			parent = filepath.Dir(p)
		}
		cf, cerr := configs.For(parent)
		if cerr != nil {
			ins = append(ins, input{path: p, err: cerr})
			return filepath.SkipDir
		}
		if d.IsDir() {
			if p != dir && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			if p != dir && cf.Excluded(p, true) {
				excludedDirs = append(excludedDirs, p)
				excludedDirCfg = append(excludedDirCfg, cf.Path)
				return filepath.SkipDir
			}
			return nil
		}
		if !isDF(cf, d.Name()) {
			return nil
		}
		switch {
		case cf.Excluded(p, false):
			excludedBy[cf.Path]++
		case d.Type()&fs.ModeSymlink != 0:
			symlinks++
			ins = append(ins, input{path: p, note: fmt.Sprintf("%s: note: skipped: a symlink (name it on the command line to process it)", p)})
		case !d.Type().IsRegular():
		default:
			found++
			ins = append(ins, input{path: p})
		}
		return nil
	})
	if err != nil {
		return append(ins, input{path: dir, err: err})
	}
	if found > 0 || symlinks > 0 {
		return ins
	}
	// Nothing to do: count what excluded directories hold, to tell a
	// config that excludes everything from a tree without Dockerfiles.
	for i, ed := range excludedDirs {
		filepath.WalkDir(ed, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && p != ed && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() {
				cf, _ := configs.For(filepath.Dir(p))
				if isDF(cf, d.Name()) {
					excludedBy[excludedDirCfg[i]]++
				}
			}
			return nil
		})
	}
	if len(excludedBy) > 0 {
		n := 0
		var by []string
		for f, c := range excludedBy {
			n += c
			by = append(by, f)
		}
		sort.Strings(by)
		what := fmt.Sprintf("all %d Dockerfiles", n)
		if n == 1 {
			what = "the only Dockerfile is"
		}
		return append(ins, input{path: dir, note: fmt.Sprintf("%s: note: %s excluded by %s", dir, what, strings.Join(by, ", "))})
	}
	return append(ins, input{path: dir, err: fmt.Errorf("%s: no Dockerfiles found (looked for %s)", dir, strings.Join(dockerfilePatterns, ", "))})
}

// unwrapPathError drops the "op path:" prefix the caller already prints.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
