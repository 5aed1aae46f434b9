package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"

	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/google/renameio/v2"
)

// readFile reads at most rewrite.MaxSize+1 bytes, so that a huge file is an
// error rather than a memory spike.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	return readLimited(f)
}

func readLimited(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, rewrite.MaxSize+1))
	if err != nil {
		return nil, unwrapPathError(err)
	}
	if len(b) > rewrite.MaxSize {
		return nil, fmt.Errorf("file too large (over %d MiB)", rewrite.MaxSize>>20)
	}
	return b, nil
}

// writeFile replaces path with data atomically: a temporary file in the same
// directory, fsync, rename. Mode and (when run as root) owner are kept. A
// symlink is written through to its target. If the file no longer holds
// orig, somebody changed it since it was read: refuse rather than lose that.
func writeFile(path string, orig, data []byte) error {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return unwrapPathError(err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		return unwrapPathError(err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("not a regular file")
	}
	cur, err := readFile(real)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, orig) {
		return fmt.Errorf("file changed while dockerharden was working on it; not written")
	}
	pf, err := renameio.NewPendingFile(real, renameio.WithStaticPermissions(fi.Mode().Perm()))
	if err != nil {
		return unwrapPathError(err)
	}
	defer pf.Cleanup()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && os.Geteuid() == 0 {
		if err := pf.Chown(int(st.Uid), int(st.Gid)); err != nil {
			return unwrapPathError(err)
		}
	}
	if _, err := pf.Write(data); err != nil {
		return unwrapPathError(err)
	}
	return unwrapPathError(pf.CloseAtomicallyReplace())
}
