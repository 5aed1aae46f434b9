package main

import (
	"io/fs"
	"os"
	"path/filepath"
)

// maxContextUp bounds how many parents of a Dockerfile's directory may be
// its build context.
const maxContextUp = 4

// buildContext is where fix looks for the files a stage copies in when no
// --context is given: the Dockerfile's directory, then its parents up to
// the repository root (the nearest with .git), since a Dockerfile kept in
// docker/ or build/ is usually built with the repository as its context.
// Without a repository root in reach, only the Dockerfile's directory.
func buildContext(dir string) fs.FS {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return os.DirFS(dir)
	}
	var dirs []string
	for d := abs; len(dirs) <= maxContextUp; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return layers(dirs)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return os.DirFS(abs)
}

func layers(dirs []string) fs.FS {
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
