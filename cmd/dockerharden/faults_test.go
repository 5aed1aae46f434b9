package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/dockerharden/dockerharden/internal/dfgen"
	"github.com/dockerharden/dockerharden/rewrite"
)

// These tests run the command as a separate process: this test binary,
// started with argv[0] "dockerharden", which testscript.Main in TestMain
// turns into the command. That lets a test kill it, run several at once,
// or run it as another user.

// stallEnv makes the command stop at a writeFile stage (see writeHook): it
// prints "stalled at STAGE" on stderr and sleeps until killed. slowEnv makes
// every stage take a few milliseconds instead. Both are read only by this
// test binary: the real command has no such switch.
const (
	stallEnv = "DOCKERHARDEN_TEST_STALL"
	slowEnv  = "DOCKERHARDEN_TEST_SLOW_WRITE"
)

func init() {
	if stage := os.Getenv(stallEnv); stage != "" {
		writeHook = func(s string) error {
			if s == stage {
				fmt.Fprintf(os.Stderr, "stalled at %s\n", s)
				time.Sleep(time.Minute)
			}
			return nil
		}
	}
	if os.Getenv(slowEnv) != "" {
		writeHook = func(string) error {
			time.Sleep(2 * time.Millisecond)
			return nil
		}
	}
}

// selfCommand runs the test binary as dockerharden with args.
func selfCommand(t *testing.T, exe string, args ...string) *exec.Cmd {
	t.Helper()
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(exe)
	cmd.Args = append([]string{"dockerharden"}, args...)
	cmd.Env = os.Environ()
	return cmd
}

// runSelf runs cmd and returns its stdout, stderr and exit code.
func runSelf(t *testing.T, cmd *exec.Cmd) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%v: %v", cmd.Args, err)
	}
	return o.String(), e.String(), code
}

// SIGKILL at each stage of a write. Before the rename the file is the
// original, byte for byte, and nothing else is needed to recover: a later
// run simply writes it. What a kill leaves behind is the temporary file,
// once it exists: ".Dockerfile" plus random digits in the same directory,
// complete (it is synced before the rename) but never renamed. It is not
// cleaned up automatically (it could belong to a concurrent run), and it is
// never taken for a Dockerfile by the walker, so later runs ignore it.
func TestCommandKilledMidWrite(t *testing.T) {
	want := mustHarden(t, []byte(origDockerfile))
	for _, stage := range []string{"check", "temp", "rename"} {
		t.Run(stage, func(t *testing.T) {
			dir := t.TempDir()
			p := newDockerfile(t, dir, 0o640)
			cmd := selfCommand(t, "", "fix", "-w", dir)
			cmd.Env = append(cmd.Env, stallEnv+"="+stage)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			stalled := make(chan string, 1)
			go func() {
				sc := bufio.NewScanner(stderr)
				for sc.Scan() {
					if strings.HasPrefix(sc.Text(), "stalled at ") {
						stalled <- sc.Text()
						break
					}
				}
				io.Copy(io.Discard, stderr)
				close(stalled)
			}()
			select {
			case line, ok := <-stalled:
				if !ok {
					t.Fatalf("the command ended without reaching stage %s", stage)
				}
				t.Logf("%s; sending SIGKILL", line)
			case <-time.After(20 * time.Second):
				t.Fatalf("the command did not reach stage %s", stage)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("command ended with %v, want killed by SIGKILL", err)
			}

			wantFile(t, p, []byte(origDockerfile), 0o640)
			temps := leftovers(t, dir, "Dockerfile")
			switch {
			case stage == "check" && len(temps) != 0:
				t.Errorf("temporary files %q before one was created", temps)
			case stage != "check" && len(temps) != 1:
				t.Fatalf("temporary files %q, want one", temps)
			case stage != "check":
				wantFile(t, filepath.Join(dir, temps[0]), want, 0o640)
				t.Logf("left behind: %s (complete, mode 0640)", temps[0])
			}

			// The next run writes the file and ignores the leftover.
			stdout, errout, code := runSelf(t, selfCommand(t, "", "fix", "-w", "-l", dir))
			if code != 0 || errout != "" || stdout != p+"\n" {
				t.Fatalf("rerun: exit %d, stdout %q, stderr %q; want exit 0 listing only %s", code, stdout, errout, p)
			}
			wantFile(t, p, want, 0o640)
			if got := leftovers(t, dir, "Dockerfile"); !slices.Equal(got, temps) {
				t.Errorf("after the rerun, temporary files %q, want %q untouched", got, temps)
			}
		})
	}
}

// leftovers lists dir's entries other than name, which must all be
// temporary files for name.
func leftovers(t *testing.T, dir, name string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var temps []string
	for _, e := range ents {
		switch {
		case e.Name() == name:
		case isTempName(e.Name(), name):
			temps = append(temps, e.Name())
		default:
			t.Errorf("unexpected file %s in %s", e.Name(), dir)
		}
	}
	return temps
}

// A SIGKILL at an arbitrary moment while a tree is being written: every
// file is either the original or the complete hardened file, and anything
// else on disk is a temporary file (partial only if the kill hit while it
// was being written). Where the kill lands differs from run to run; the
// assertions hold for every landing point.
func TestCommandKilledWritingTree(t *testing.T) {
	dir := t.TempDir()
	files := genTree(t, dir, 60, 7)
	cmd := selfCommand(t, "", "fix", "-w", "-q", "-j", "2", dir)
	cmd.Env = append(cmd.Env, slowEnv+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill as soon as the first file has been replaced, so that the kill
	// lands in the middle of the tree.
	deadline := time.Now().Add(20 * time.Second)
	for !anyWritten(files) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	written := 0
	for _, f := range files {
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case bytes.Equal(got, f.want) && !bytes.Equal(got, f.orig):
			written++
		case bytes.Equal(got, f.orig):
		default:
			t.Errorf("%s is neither the original nor the hardened file:\n%s", f.path, got)
		}
	}
	temps := 0
	byTemp := map[string]*genFile{}
	for i := range files {
		byTemp[filepath.Join(filepath.Dir(files[i].path), "."+filepath.Base(files[i].path))] = &files[i]
	}
	paths := genPaths(files)
	walkTree(t, dir, func(p string) {
		for prefix, f := range byTemp {
			if digits, ok := strings.CutPrefix(p, prefix); ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
				temps++
				if got, _ := os.ReadFile(p); !bytes.Equal(got, f.want) && len(got) != 0 {
					// Killed while writing the temporary file: partial, but
					// only ever in the temporary file.
					t.Logf("partial temporary file %s (%d of %d bytes)", p, len(got), len(f.want))
				}
				return
			}
		}
		if !paths[p] {
			t.Errorf("unexpected file %s", p)
		}
	})
	toChange := 0
	for _, f := range files {
		if !bytes.Equal(f.orig, f.want) {
			toChange++
		}
	}
	t.Logf("killed after %d of the %d files to change were written; %d temporary files left", written, toChange, temps)
	if written == 0 {
		t.Errorf("no file written before the kill")
	}
	// Recovery: a rerun hardens the rest.
	if _, errout, code := runSelf(t, selfCommand(t, "", "fix", "-w", "-q", dir)); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errout)
	}
	for _, f := range files {
		if got, _ := os.ReadFile(f.path); !bytes.Equal(got, f.want) {
			t.Errorf("%s not hardened by the rerun", f.path)
		}
	}
}

func anyWritten(files []genFile) bool {
	for _, f := range files {
		if got, err := os.ReadFile(f.path); err == nil && !bytes.Equal(got, f.orig) {
			return true
		}
	}
	return false
}

type genFile struct {
	path       string
	orig, want []byte
}

// genTree writes n generated Dockerfiles under dir and computes what
// fix -w must make of each.
func genTree(t *testing.T, dir string, n int, seed int64) []genFile {
	t.Helper()
	paths, err := dfgen.Tree(dir, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	var files []genFile
	for _, p := range paths {
		orig, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := rewrite.Fix(p, orig, rewrite.DefaultOptions())
		if err != nil {
			t.Fatalf("generated file %s: %v", p, err)
		}
		files = append(files, genFile{p, orig, res.Output})
	}
	return files
}

func genPaths(files []genFile) map[string]bool {
	m := map[string]bool{}
	for _, f := range files {
		m[f.path] = true
	}
	return m
}

func walkTree(t *testing.T, dir string, fn func(string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			fn(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Four fix -w runs over the same tree at once. Each file ends exactly
// hardened: the runs compute the same output, so whichever renames first
// wins and a run that then finds the file changed refuses with "file
// changed while dockerharden was working on it" (exit 2), which is
// acceptable here. A reader polling the files meanwhile never sees anything
// but the original or the hardened file, and no temporary file survives.
func TestCommandConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	files := genTree(t, dir, 200, 42)
	changed := 0
	for _, f := range files {
		if !bytes.Equal(f.orig, f.want) {
			changed++
		}
	}

	var stop atomic.Bool
	var reads atomic.Int64
	var readerErr error
	var readerWG sync.WaitGroup
	readerWG.Add(1)
	go func() {
		defer readerWG.Done()
		for !stop.Load() {
			for _, f := range files {
				got, err := os.ReadFile(f.path)
				reads.Add(1)
				if err != nil || !bytes.Equal(got, f.orig) && !bytes.Equal(got, f.want) {
					readerErr = fmt.Errorf("%s read as %q (err %v): neither original nor hardened", f.path, got, err)
					return
				}
			}
		}
	}()

	const procs = 4
	type outcome struct {
		stderr string
		code   int
		err    error
	}
	outs := make([]outcome, procs)
	var wg sync.WaitGroup
	for i := range procs {
		cmd := selfCommand(t, "", "fix", "-w", "-q", "-j", "2", dir)
		var e bytes.Buffer
		cmd.Stderr = &e
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := cmd.Run()
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				outs[i] = outcome{e.String(), ee.ExitCode(), nil}
			} else {
				outs[i] = outcome{e.String(), 0, err}
			}
		}()
	}
	wg.Wait()
	stop.Store(true)
	readerWG.Wait()
	if readerErr != nil {
		t.Fatal(readerErr)
	}

	refused := 0
	for i, o := range outs {
		if o.err != nil {
			t.Fatalf("run %d: %v", i, o.err)
		}
		if o.code != 0 && o.code != 2 {
			t.Errorf("run %d exited %d, want 0 or 2", i, o.code)
		}
		for _, line := range strings.Split(strings.TrimSpace(o.stderr), "\n") {
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "dockerharden: ") || !strings.HasSuffix(line, ": file changed while dockerharden was working on it; not written") {
				t.Errorf("run %d: unexpected message %q", i, line)
			}
			refused++
		}
		if (o.code == 2) != (o.stderr != "") {
			t.Errorf("run %d exited %d with stderr %q", i, o.code, o.stderr)
		}
	}
	for _, f := range files {
		got, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.want) {
			t.Errorf("%s is not the hardened file:\n%s", f.path, got)
		}
	}
	set := genPaths(files)
	walkTree(t, dir, func(p string) {
		if !set[p] {
			t.Errorf("left behind: %s", p)
		}
	})
	t.Logf("%d files (%d to change), %d runs at once: %d writes refused as changed, exit codes %v, %d concurrent reads all whole",
		len(files), changed, procs, refused, []int{outs[0].code, outs[1].code, outs[2].code, outs[3].code}, reads.Load())
}

// The faults that need a second user, run as root by switching to UID
// 12345 (root ignores permissions, so these cannot be shown as root):
// a read-only directory, a file owned by someone else, a group the user is
// not in. Each is refused with a clear message and the file stays as it
// was, owner and mode included.
func TestCommandAsOtherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to run the command as another user (TestWriteFileReadOnlyDir covers the read-only directory as this user)")
	}
	const uid, gid, other = 12345, 12345, 23456
	// A world-readable copy of the test binary in a world-searchable
	// directory (t.TempDir makes its directories 0700).
	base := t.TempDir()
	for _, d := range []string{filepath.Dir(base), base} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(base, "dockerharden")
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	asUser := func(cmd *exec.Cmd, groups []uint32) *exec.Cmd {
		cmd.Dir = base
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uid, Gid: gid, Groups: groups}}
		return cmd
	}
	if out, err := asUser(selfCommand(t, exe, "--version"), nil).CombinedOutput(); err != nil {
		t.Skipf("cannot run the command as UID %d from %s (%v: %s); is the temporary directory searchable by others?", uid, base, err, out)
	}
	want := mustHarden(t, []byte(origDockerfile))

	cases := []struct {
		name             string
		dirMode          os.FileMode
		dirOwner         int
		fileMode         os.FileMode
		fileUID, fileGID uint32
		groups           []uint32
		msg              string // "" = written
	}{
		{
			name: "read-only-dir", dirMode: 0o555, dirOwner: uid, fileMode: 0o644, fileUID: uid, fileGID: gid,
			msg: "cannot create a temporary file in DIR: permission denied; not written",
		},
		{
			name: "not-writable", dirMode: 0o777, dirOwner: 0, fileMode: 0o644, fileUID: other, fileGID: other,
			msg: "cannot write to the file: permission denied; not written",
		},
		{
			name: "foreign-owner", dirMode: 0o777, dirOwner: 0, fileMode: 0o666, fileUID: other, fileGID: other,
			msg: "cannot keep its owner 23456:23456: operation not permitted; not written",
		},
		{
			name: "foreign-group", dirMode: 0o777, dirOwner: 0, fileMode: 0o664, fileUID: uid, fileGID: other,
			msg: "cannot keep its owner 12345:23456: operation not permitted; not written",
		},
		{name: "member-of-group", dirMode: 0o777, dirOwner: 0, fileMode: 0o664, fileUID: uid, fileGID: other, groups: []uint32{other}},
		{name: "own-file", dirMode: 0o755, dirOwner: uid, fileMode: 0o600, fileUID: uid, fileGID: gid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(base, c.name)
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			p := newDockerfile(t, dir, c.fileMode)
			if err := os.Chown(p, int(c.fileUID), int(c.fileGID)); err != nil {
				t.Fatal(err)
			}
			if err := os.Chown(dir, c.dirOwner, c.dirOwner); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, c.dirMode); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := runSelf(t, asUser(selfCommand(t, exe, "fix", "-w", p), c.groups))
			if c.msg == "" {
				if code != 0 || stderr != "" {
					t.Fatalf("exit %d, stderr %q; want exit 0", code, stderr)
				}
				wantFile(t, p, want, c.fileMode)
			} else {
				msg := "dockerharden: " + p + ": " + strings.ReplaceAll(c.msg, "DIR", dir) + "\n"
				if code != 2 || stderr != msg {
					t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, stderr, msg)
				}
				wantFile(t, p, []byte(origDockerfile), c.fileMode)
			}
			wantOwner(t, p, c.fileUID, c.fileGID)
			wantEntries(t, dir, "Dockerfile")
		})
	}
}

// The command's messages for a read-only file and a full disk, and that
// one refused file does not stop the others.
func TestCommandReadOnlyFileAndDiskFull(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro", "Dockerfile")
	rw := filepath.Join(dir, "rw", "Dockerfile")
	for _, p := range []string{ro, rw} {
		os.Mkdir(filepath.Dir(p), 0o755)
		newDockerfile(t, filepath.Dir(p), 0o644)
	}
	if err := os.Chmod(ro, 0o444); err != nil {
		t.Fatal(err)
	}
	want := mustHarden(t, []byte(origDockerfile))
	_, stderr, code := runSelf(t, selfCommand(t, "", "fix", "-w", dir))
	if msg := "dockerharden: " + ro + ": file is read-only (mode 0444); not written (chmod u+w to allow -w)\n"; code != 2 || stderr != msg {
		t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, stderr, msg)
	}
	wantFile(t, ro, []byte(origDockerfile), 0o444)
	wantFile(t, rw, want, 0o644)

	t.Run("disk-full", func(t *testing.T) {
		dir := mountTinyTmpfs(t)
		p := newDockerfile(t, dir, 0o644)
		fillDisk(t, filepath.Join(dir, "filler"))
		_, stderr, code := runSelf(t, selfCommand(t, "", "fix", "-w", p))
		if msg := "dockerharden: " + p + ": writing the temporary file: no space left on device; not written\n"; code != 2 || stderr != msg {
			t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, stderr, msg)
		}
		wantFile(t, p, []byte(origDockerfile), 0o644)
		wantEntries(t, dir, "Dockerfile", "filler")
	})
}
