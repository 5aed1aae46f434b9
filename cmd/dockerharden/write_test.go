package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/dockerharden/dockerharden/rewrite"
)

// In-process tests of writeFile: every way a write can fail leaves the
// original file byte for byte, with its mode and owner, and no temporary
// file behind. faults_test.go runs the same faults through the command.

const origDockerfile = "FROM debian:bookworm-slim\nCOPY app /app\nCMD [\"/app\"]\n"

// mustHarden is what rewrite.Fix makes of src.
func mustHarden(t *testing.T, src []byte) []byte {
	t.Helper()
	res, err := rewrite.Fix("Dockerfile", src, rewrite.DefaultOptions())
	if err != nil {
		t.Fatalf("rewrite.Fix: %v", err)
	}
	if !res.Changed {
		t.Fatalf("rewrite.Fix changed nothing")
	}
	return res.Output
}

// setHook installs writeHook for the test.
func setHook(t *testing.T, h func(stage string) error) {
	t.Helper()
	old := writeHook
	writeHook = h
	t.Cleanup(func() { writeHook = old })
}

// newDockerfile writes origDockerfile to dir/Dockerfile with mode perm.
func newDockerfile(t *testing.T, dir string, perm os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte(origDockerfile), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, perm); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantFile checks path's contents and permission bits.
func wantFile(t *testing.T, path string, data []byte, perm os.FileMode) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("%s holds\n%s\nwant\n%s", path, got, data)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != perm {
		t.Errorf("%s has mode %04o, want %04o", path, fi.Mode().Perm(), perm)
	}
}

// wantEntries checks that dir holds exactly names (no temporary files).
func wantEntries(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

func wantErr(t *testing.T, err error, substr string) {
	t.Helper()
	if err == nil {
		t.Fatalf("writeFile succeeded, want an error containing %q", substr)
	}
	if !strings.Contains(err.Error(), substr) {
		t.Fatalf("writeFile: %v, want an error containing %q", err, substr)
	}
}

func TestWriteFileOK(t *testing.T) {
	dir := t.TempDir()
	p := newDockerfile(t, dir, 0o640)
	want := mustHarden(t, []byte(origDockerfile))
	var stages []string
	setHook(t, func(s string) error { stages = append(stages, s); return nil })
	if err := writeFile(p, []byte(origDockerfile), want); err != nil {
		t.Fatal(err)
	}
	wantFile(t, p, want, 0o640)
	wantEntries(t, dir, "Dockerfile")
	if got := strings.Join(stages, ","); got != "check,temp,rename" {
		t.Errorf("hook stages %s, want check,temp,rename", got)
	}
}

// A failure at any stage (an I/O error, a crash of the logic) leaves the
// original and removes the temporary file.
func TestWriteFileFailureKeepsOriginal(t *testing.T) {
	want := mustHarden(t, []byte(origDockerfile))
	for _, stage := range []string{"check", "temp", "rename"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			p := newDockerfile(t, dir, 0o644)
			injected := errors.New("injected failure")
			sawTemp := false
			setHook(t, func(s string) error {
				if s == "temp" || s == "rename" {
					// The temporary file exists, complete, next to the file.
					sawTemp = tempFiles(t, dir, "Dockerfile") == 1
				}
				if s == stage {
					return injected
				}
				return nil
			})
			err := writeFile(p, []byte(origDockerfile), want)
			if !errors.Is(err, injected) {
				t.Fatalf("writeFile: %v, want the injected failure", err)
			}
			if stage != "check" && !sawTemp {
				t.Errorf("no temporary file in %s at stage %s", dir, stage)
			}
			wantFile(t, p, []byte(origDockerfile), 0o644)
			wantEntries(t, dir, "Dockerfile")
		})
	}
}

// tempFiles counts renameio's temporary files for name in dir: "." + name +
// random digits.
func tempFiles(t *testing.T, dir, name string) int {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ents {
		if isTempName(e.Name(), name) {
			n++
		}
	}
	return n
}

func isTempName(entry, name string) bool {
	digits, ok := strings.CutPrefix(entry, "."+name)
	return ok && digits != "" && strings.Trim(digits, "0123456789") == ""
}

// A change made by someone else after dockerharden read the file is kept
// and the write refused, whether it lands before the temporary file is
// created or while it is being written.
func TestWriteFileChangedIsRefused(t *testing.T) {
	want := mustHarden(t, []byte(origDockerfile))
	for _, stage := range []string{"check", "temp"} {
		for _, change := range []string{"content", "mode"} {
			t.Run(stage+"/"+change, func(t *testing.T) {
				dir := t.TempDir()
				p := newDockerfile(t, dir, 0o644)
				edited := origDockerfile + "# edited by a human\n"
				wantMode := os.FileMode(0o644)
				setHook(t, func(s string) error {
					if s != stage {
						return nil
					}
					if change == "mode" {
						wantMode = 0o600
						return os.Chmod(p, wantMode)
					}
					return os.WriteFile(p, []byte(edited), 0o644)
				})
				err := writeFile(p, []byte(origDockerfile), want)
				wantErr(t, err, "file changed while dockerharden was working on it; not written")
				if change == "mode" {
					edited = origDockerfile
				}
				wantFile(t, p, []byte(edited), wantMode)
				wantEntries(t, dir, "Dockerfile")
			})
		}
	}
	t.Run("replaced", func(t *testing.T) {
		// An editor that saves by rename replaces the file with a new one.
		dir := t.TempDir()
		p := newDockerfile(t, dir, 0o644)
		edited := []byte("FROM alpine:3.20\n")
		setHook(t, func(s string) error {
			if s != "temp" {
				return nil
			}
			if err := os.WriteFile(p+".new", edited, 0o644); err != nil {
				return err
			}
			return os.Rename(p+".new", p)
		})
		wantErr(t, writeFile(p, []byte(origDockerfile), want), "file changed")
		wantFile(t, p, edited, 0o644)
		wantEntries(t, dir, "Dockerfile")
	})
	t.Run("removed", func(t *testing.T) {
		dir := t.TempDir()
		p := newDockerfile(t, dir, 0o644)
		setHook(t, func(s string) error {
			if s == "temp" {
				return os.Remove(p)
			}
			return nil
		})
		wantErr(t, writeFile(p, []byte(origDockerfile), want), "file changed")
		wantEntries(t, dir)
	})
}

// A file without the owner's write bit is refused, also for root (who
// could write it): read-only is the owner's intent, and the rename would
// otherwise replace it silently.
func TestWriteFileReadOnlyFile(t *testing.T) {
	for _, perm := range []os.FileMode{0o444, 0o400, 0o464, 0o555} {
		dir := t.TempDir()
		p := newDockerfile(t, dir, perm)
		err := writeFile(p, []byte(origDockerfile), mustHarden(t, []byte(origDockerfile)))
		wantErr(t, err, fmt.Sprintf("file is read-only (mode %04o)", perm))
		wantErr(t, err, "not written (chmod u+w to allow -w)")
		wantFile(t, p, []byte(origDockerfile), perm)
		wantEntries(t, dir, "Dockerfile")
	}
}

// On a read-only mount the file cannot be opened for writing, even by
// root: refused before anything is created.
func TestWriteFileReadOnlyMount(t *testing.T) {
	dir := mountTinyTmpfs(t)
	p := newDockerfile(t, dir, 0o644)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount the tmpfs read-only (%v)", err)
	}
	err := writeFile(p, []byte(origDockerfile), mustHarden(t, []byte(origDockerfile)))
	wantErr(t, err, "cannot write to the file: read-only file system; not written")
	wantFile(t, p, []byte(origDockerfile), 0o644)
	wantEntries(t, dir, "Dockerfile")
}

// A directory that does not allow new files makes the rename impossible:
// a clear error, the file untouched. Root ignores directory permissions,
// so as root this runs as another user in TestCommandAsOtherUser.
func TestWriteFileReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions; TestCommandAsOtherUser runs this case as another user")
	}
	dir := t.TempDir()
	p := newDockerfile(t, dir, 0o644)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	err := writeFile(p, []byte(origDockerfile), mustHarden(t, []byte(origDockerfile)))
	wantErr(t, err, "cannot create a temporary file in "+dir+": permission denied; not written")
	wantFile(t, p, []byte(origDockerfile), 0o644)
	wantEntries(t, dir, "Dockerfile")
}

// As root, a file owned by another user keeps its owner, group and mode.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown a file to another user")
	}
	for _, perm := range []os.FileMode{0o640, 0o600, 0o664, 0o755} {
		dir := t.TempDir()
		p := newDockerfile(t, dir, perm)
		if err := os.Chown(p, 12345, 23456); err != nil {
			t.Fatal(err)
		}
		want := mustHarden(t, []byte(origDockerfile))
		if err := writeFile(p, []byte(origDockerfile), want); err != nil {
			t.Fatal(err)
		}
		wantFile(t, p, want, perm)
		wantOwner(t, p, 12345, 23456)
		wantEntries(t, dir, "Dockerfile")
	}
}

func wantOwner(t *testing.T, path string, uid, gid uint32) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != uid || st.Gid != gid {
		t.Errorf("%s is owned by %d:%d, want %d:%d", path, st.Uid, st.Gid, uid, gid)
	}
}

// A symlink is written through: the link stays a link to the same target,
// the target gets the new contents and keeps its mode, and the temporary
// file is made in the target's directory (the rename must not cross
// directories, or file systems).
func TestWriteFileSymlink(t *testing.T) {
	root := t.TempDir()
	linkDir, targetDir := filepath.Join(root, "links"), filepath.Join(root, "real")
	for _, d := range []string{linkDir, targetDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	target := newDockerfile(t, targetDir, 0o640)
	link := filepath.Join(linkDir, "Dockerfile")
	rel := filepath.Join("..", "real", "Dockerfile")
	if err := os.Symlink(rel, link); err != nil {
		t.Fatal(err)
	}
	want := mustHarden(t, []byte(origDockerfile))
	var tempDir string
	setHook(t, func(s string) error {
		if s == "temp" {
			for _, d := range []string{linkDir, targetDir} {
				if tempFiles(t, d, "Dockerfile") > 0 {
					tempDir = d
				}
			}
		}
		return nil
	})
	if err := writeFile(link, []byte(origDockerfile), want); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symlink (mode %v)", link, fi.Mode())
	}
	if got, _ := os.Readlink(link); got != rel {
		t.Errorf("link points to %q, want %q", got, rel)
	}
	wantFile(t, target, want, 0o640)
	wantEntries(t, linkDir, "Dockerfile")
	wantEntries(t, targetDir, "Dockerfile")
	if tempDir != targetDir {
		t.Errorf("temporary file made in %q, want the target's directory %q", tempDir, targetDir)
	}
}

// A symlink to something that is not a regular file, or to nothing, is
// refused.
func TestWriteFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink("nowhere", dangling); err != nil {
		t.Fatal(err)
	}
	wantErr(t, writeFile(dangling, nil, []byte("x")), "no such file or directory")
	toDir := filepath.Join(dir, "todir")
	if err := os.Symlink(".", toDir); err != nil {
		t.Fatal(err)
	}
	wantErr(t, writeFile(toDir, nil, []byte("x")), "not a regular file")
	wantEntries(t, dir, "dangling", "todir")
}

// Disk full: a tiny tmpfs, filled up. The temporary file cannot be
// written, the error says so, and the original stays. Needs root and a
// kernel that lets it mount (not in every container).
func TestWriteFileDiskFull(t *testing.T) {
	dir := mountTinyTmpfs(t)
	p := newDockerfile(t, dir, 0o644)
	fillDisk(t, filepath.Join(dir, "filler"))
	want := mustHarden(t, []byte(origDockerfile))
	err := writeFile(p, []byte(origDockerfile), want)
	wantErr(t, err, "no space left on device; not written")
	t.Logf("disk full: %v", err)
	wantFile(t, p, []byte(origDockerfile), 0o644)
	wantEntries(t, dir, "Dockerfile", "filler")
}

// mountTinyTmpfs mounts a 64 KiB tmpfs on a new directory for the test, or
// skips it.
func mountTinyTmpfs(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0755"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); disk-full case not tested", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fillDisk writes to path until the file system is full.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 1024)
	for i := 0; ; i++ {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling %s: %v", path, err)
			}
			break
		}
		if i > 1<<20 {
			t.Fatalf("%s never filled up", path)
		}
	}
	// Small writes may still fit in a partial page: fill byte by byte.
	for {
		if _, err := f.Write(buf[:1]); err != nil {
			break
		}
	}
}
