package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/google/renameio/v2"
)

// readFile reads at most dockerfile.MaxSize+1 bytes, so that a huge file is an
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
	return readLimited(f, fi.Size())
}

// readLimited reads r up to dockerfile.MaxSize; size, the expected length
// (0 if unknown), sizes the buffer so that a file is read in one go.
func readLimited(r io.Reader, size int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(max(size, 0), dockerfile.MaxSize)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(r, dockerfile.MaxSize+1)); err != nil {
		return nil, unwrapPathError(err)
	}
	b := buf.Bytes()
	if len(b) > dockerfile.MaxSize {
		return nil, fmt.Errorf("file too large (over %d MiB)", dockerfile.MaxSize>>20)
	}
	return b, nil
}

// writeHook, when set, is called at each stage of writeFile; an error stops
// writeFile there, as a failure at that point would. Tests only:
//
//	"check"  before the file is re-read and compared with what was read
//	"temp"   the temporary file is written and synced, not yet renamed
//	"rename" the last comparison passed; the rename is next
var writeHook func(stage string) error

// accessWrite is W_OK for access(2), which package syscall does not name.
const accessWrite = 0x2

func writeStage(stage string) error {
	if writeHook == nil {
		return nil
	}
	return writeHook(stage)
}

// checkLinks refuses to write through a symlink (the file itself, or a
// directory on its path) whose target lies outside the working directory,
// unless outside is set (--write-outside). A bot that runs fix -w on a
// repository it does not trust would otherwise let a committed link
// such as Dockerfile -> /etc/… rewrite files elsewhere on its machine.
func checkLinks(path string, outside bool) error {
	if outside {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil // writeFile reports the error
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil || real == abs {
		return nil // an error writeFile reports, or no symlink involved
	}
	wd, err := os.Getwd()
	if err == nil {
		wd, err = filepath.EvalSymlinks(wd)
	}
	if err == nil {
		if rel, err := filepath.Rel(wd, real); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") && !filepath.IsAbs(rel) {
			return nil
		}
	}
	what := "a symlink"
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink == 0 {
		what = "reached through a symlinked directory"
	}
	return fmt.Errorf("%s to %s, outside the working directory; not written (--write-outside to allow)", what, real)
}

// writeFile replaces path with data atomically: a temporary file in the
// file's own directory (".NAME" plus random digits), fsync, rename, so that
// the file always holds either its old or its new contents. Mode and owner
// are kept; a symlink is written through to its target and stays a link
// (checkLinks decides whether it may be).
//
// It refuses, leaving the file alone, when
//   - the file is read-only (no owner write bit, even for root) or cannot be
//     opened for writing;
//   - the directory does not allow a temporary file (read-only, full disk);
//   - the owner or group cannot be kept (not root, file owned by another user);
//   - the file no longer holds orig: somebody changed it since it was read.
//     This is checked before the temporary file is created and again after it
//     is synced, just before the rename.
//
// If the process dies before the rename, the file is intact and the
// temporary file may be left behind; the walker never picks it up (see
// isDockerfile).
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
	perm := fi.Mode().Perm()
	if perm&0o200 == 0 {
		return fmt.Errorf("file is read-only (mode %04o); not written (chmod u+w to allow -w)", perm)
	}
	// Ask the kernel whether we may write the file: permission bits, ACLs,
	// read-only mounts and immutable files all answer here. (Opening it for
	// writing would tell file watchers it was written.)
	if err := syscall.Access(real, accessWrite); err != nil {
		return fmt.Errorf("cannot write to the file: %v; not written", err)
	}
	if err := writeStage("check"); err != nil {
		return err
	}
	if err := unchanged(real, fi, orig); err != nil {
		return err
	}
	dir := filepath.Dir(real)
	pf, err := renameio.NewPendingFile(real, renameio.WithTempDir(dir), renameio.WithStaticPermissions(perm))
	if err != nil {
		return fmt.Errorf("cannot create a temporary file in %s: %v; not written", dir, unwrapPathError(err))
	}
	defer pf.Cleanup()
	if err := keepOwner(pf, fi); err != nil {
		return err
	}
	if _, err := pf.Write(data); err != nil {
		return fmt.Errorf("writing the temporary file: %v; not written", unwrapPathError(err))
	}
	if err := pf.Sync(); err != nil {
		return fmt.Errorf("writing the temporary file: %v; not written", unwrapPathError(err))
	}
	if err := writeStage("temp"); err != nil {
		return err
	}
	if err := unchanged(real, fi, orig); err != nil {
		return err
	}
	if err := writeStage("rename"); err != nil {
		return err
	}
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("replacing the file: %v; not written", unwrapPathError(err))
	}
	return nil
}

// unchanged reports an error unless the file at real still has fi's mode and
// owner and holds orig.
func unchanged(real string, fi os.FileInfo, orig []byte) error {
	changed := fmt.Errorf("file changed while dockerharden was working on it; not written")
	now, err := os.Stat(real)
	if err != nil {
		return changed
	}
	if now.Mode() != fi.Mode() || !sameOwner(now, fi) {
		return changed
	}
	cur, err := readFile(real)
	if err != nil || !bytes.Equal(cur, orig) {
		return changed
	}
	return nil
}

func sameOwner(a, b os.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Uid == sb.Uid && sa.Gid == sb.Gid
}

// keepOwner gives the temporary file the owner and group of the file it
// replaces. Root can always; another user only for its own files and groups
// it belongs to, so a file owned by someone else is refused rather than
// silently taken over.
func keepOwner(pf *renameio.PendingFile, fi os.FileInfo) error {
	want, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	tfi, err := pf.Stat()
	if err != nil {
		return unwrapPathError(err)
	}
	if got, ok := tfi.Sys().(*syscall.Stat_t); ok && got.Uid == want.Uid && got.Gid == want.Gid {
		return nil
	}
	if err := pf.Chown(int(want.Uid), int(want.Gid)); err != nil {
		return fmt.Errorf("cannot keep its owner %d:%d: %v; not written", want.Uid, want.Gid, unwrapPathError(err))
	}
	return nil
}
