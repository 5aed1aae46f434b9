package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerharden/dockerharden/rewrite"
)

// maxContextUp bounds how many parents of a Dockerfile's directory may be
// its build context.
const maxContextUp = 8

// contextDirs are the directories a Dockerfile in dir may be built from:
// dir, then its parents up to the repository root (the nearest with .git),
// since a Dockerfile kept in docker/ or build/ is usually built with the
// repository as its context. Without a repository root in reach, only dir.
// The paths are absolute, nearest first.
func contextDirs(dir string) []string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return []string{dir}
	}
	var dirs []string
	for d := abs; len(dirs) <= maxContextUp; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return dirs
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return []string{abs}
}

// buildContext is where fix looks for the files a stage copies in when no
// --context is given: a name is opened in the first of contextDirs that
// has it.
func buildContext(dirs []string) fs.FS {
	if len(dirs) == 1 {
		return os.DirFS(dirs[0])
	}
	var l layered
	for _, d := range dirs {
		l = append(l, os.DirFS(d))
	}
	return l
}

// layered opens a name in the first of its file systems that has it.
type layered []fs.FS

func (l layered) Open(name string) (fs.File, error) {
	var first error
	for _, f := range l {
		file, err := f.Open(name)
		if err == nil {
			return file, nil
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}

// isComposeName matches compose files: compose.yaml, docker-compose.yml,
// docker-compose.dev.yaml, compose.override.yml and the like. (Not a
// regexp: nothing is compiled at startup.)
func isComposeName(name string) bool {
	stem, ok := strings.CutSuffix(name, ".yml")
	if !ok {
		if stem, ok = strings.CutSuffix(name, ".yaml"); !ok {
			return false
		}
	}
	rest, ok := strings.CutPrefix(strings.TrimPrefix(stem, "docker-"), "compose")
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	if rest[0] != '.' && rest[0] != '-' || len(rest) == 1 {
		return false
	}
	for _, c := range rest[1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_.-", c)) {
			return false
		}
	}
	return true
}

// maxCompose bounds what is read of a compose file.
const maxCompose = 1 << 20

// composeFiles reads the compose files in dirs, for the services among
// them that build the Dockerfile at file. Unreadable ones are skipped:
// they only inform the decision.
func composeFiles(file string, dirs []string, listing [][]os.DirEntry) []rewrite.ComposeFile {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil
	}
	var out []rewrite.ComposeFile
	for i, dir := range dirs {
		entries := listing[i]
		for _, e := range entries {
			if e.IsDir() || !isComposeName(e.Name()) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, maxCompose))
			f.Close()
			if err != nil {
				continue
			}
			name, err := filepath.Rel(filepath.Dir(abs), p)
			if err != nil {
				name = p
			}
			var env []byte // compose's own variables
			if ef, err := os.Open(filepath.Join(dir, ".env")); err == nil {
				env, _ = io.ReadAll(io.LimitReader(ef, maxCompose))
				ef.Close()
			}
			out = append(out, rewrite.ComposeFile{Name: filepath.ToSlash(name), Data: data, Dir: filepath.ToSlash(dir), Dockerfile: filepath.ToSlash(abs), DotEnv: env})
		}
	}
	return out
}

// maxManifests bounds how many YAML files of a directory are read.
const maxManifests = 16

// manifestFiles reads the Kubernetes manifests in the Dockerfile's own
// directory (not its parents: a repository holds many workloads, and only
// the ones kept beside the Dockerfile are known to run its image).
func manifestFiles(dir string, entries []os.DirEntry) []rewrite.Manifest {
	var out []rewrite.Manifest
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || isComposeName(n) || !strings.HasSuffix(n, ".yaml") && !strings.HasSuffix(n, ".yml") {
			continue
		}
		if len(out) == maxManifests {
			break
		}
		f, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, maxCompose))
		f.Close()
		if err != nil || !bytes.Contains(data, []byte("apiVersion:")) || !bytes.Contains(data, []byte("kind:")) {
			continue
		}
		out = append(out, rewrite.Manifest{Name: n, Data: data})
	}
	return out
}

// runFiles reads what shows how the image runs: the compose files in dirs
// (the Dockerfile's directory and its parents up to the repository root)
// and the Kubernetes manifests in the first, listing each directory once.
func runFiles(file string, dirs []string) ([]rewrite.ComposeFile, []rewrite.Manifest) {
	listing := make([][]os.DirEntry, len(dirs))
	for i, d := range dirs {
		listing[i], _ = os.ReadDir(d)
	}
	compose := composeFiles(file, dirs, listing)
	if len(dirs) == 0 {
		return compose, nil
	}
	return compose, manifestFiles(dirs[0], listing[0])
}
