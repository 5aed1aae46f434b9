//go:build e2e

// Package e2e is the end-to-end suite: for every case in cases/ it builds the original
// Dockerfile, hardens it with `dockerharden fix`, builds the hardened file, and checks that the
// image is configured with a numeric non-root user, that its process really runs as that UID,
// and that the app still works (reads its files, writes to a directory it owns), both in a plain
// run and in a locked-down one (--read-only --tmpfs /tmp --cap-drop=ALL no-new-privileges).
//
// DOCKERHARDEN_E2E_CLI=/path/to/dockerharden tests that binary instead of building
// ./cmd/dockerharden.
//
// It needs root, buildah, podman and runc, and the base images debian:bookworm-slim,
// alpine:3.20 and node:22-bookworm-slim that e2e/setup.sh makes without any registry. Run it
// with `bash e2e/run.sh`, or, after setup, `go test -tags e2e -count=1 -v ./e2e/...`. Without
// the tools the tests skip and say why (DOCKERHARDEN_E2E_REQUIRE=1 turns those skips into
// failures, as run.sh does).
//
// Every case app prints "E2E-UID=<real uid>" (from /proc/self/status) and, when everything it
// does has worked, "E2E-OK". It writes to $E2E_WRITE_DIR, by default a directory the image user
// owns (its WORKDIR or VOLUME); in the read-only run the suite points E2E_WRITE_DIR at the /tmp
// tmpfs, except for VOLUME cases, whose volume stays writable under --read-only.
package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

// e2eCase describes what the suite expects of one directory in cases/.
type e2eCase struct {
	name string
	// wantUID is the UID the hardened image must be configured with and run as; for an
	// unchanged case, the UID its process runs as after the entrypoint's step-down.
	wantUID string
	// wantUser, if set, is the user name `id -un` must print (the app prints E2E-USER=...).
	wantUser string
	// origBuildFails: the original file cannot build (a non-root USER before apt-get install).
	origBuildFails bool
	// unchanged: `fix` must print the input byte for byte (step-down entrypoint) and warn.
	unchanged bool
	// roWriteDir is E2E_WRITE_DIR for the read-only run; "" keeps the app's default (a VOLUME).
	roWriteDir string
	// roExtra are extra `podman run` flags for the read-only run.
	roExtra []string
	// runExtra are extra `podman run` flags for the plain and the read-only run (not for the
	// runtime run, which takes exactly what `dockerharden runtime` prints).
	runExtra []string
	// runtimeWriteDir is E2E_WRITE_DIR for the runtime run, for an app that writes where the
	// profile cannot see it; "" (the rule) keeps the app's default write directory.
	runtimeWriteDir string
	// needsSysctl: the runtime run must fail without the profile's low-port sysctl.
	needsSysctl bool
	// volumeNotTmpfs is a path the runtime mounts a volume on: the run must fail with a tmpfs
	// there instead (root-owned, and it hides the image's files).
	volumeNotTmpfs string
}

var cases = []e2eCase{
	{name: "debian-apt", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "multistage", wantUID: "10001"}, // writes to VOLUME /data in both runs
	{name: "stage-chain", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "parent-workdir", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "usr-src", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "alpine", wantUID: "10001", wantUser: "app", roWriteDir: "/tmp"},
	// The app writes /app/state, a directory only a COPY creates: no WORKDIR, VOLUME or mkdir
	// names it, so the profile cannot know it; the runtime run points the app at /tmp.
	{name: "scratch", wantUID: "10001", roWriteDir: "/tmp", runtimeWriteDir: "/tmp"},
	{name: "user-before-apt", wantUID: "10001", origBuildFails: true, roWriteDir: "/tmp"},
	{name: "trailing-user-root", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "env-workdir", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "reuse-useradd", wantUID: "1234", wantUser: "svc", roWriteDir: "/tmp"},
	// What experts do differently (design section 5): the app's directories, a home, reuse.
	{name: "workdir-srv", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "opt-mkdir", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "mkdir-later", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "user-between", wantUID: "1500", wantUser: "svc", origBuildFails: true, roWriteDir: "/tmp"},
	{name: "root-subdir", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "home-writer", wantUID: "10001", roWriteDir: "/tmp"},
	{name: "node-like", wantUID: "1000", wantUser: "node", roWriteDir: "/tmp"},
	{name: "content-volume", wantUID: "10001", roWriteDir: "/tmp", volumeNotTmpfs: "/srv/data"},
	// An empty directory too: a tmpfs there is root-owned (the mount point's owner is not kept).
	{name: "empty-workdir", wantUID: "10001", roWriteDir: "/tmp", volumeNotTmpfs: "/var/cache/worker"},
	{name: "home-dir", wantUID: "1500", wantUser: "worker", roWriteDir: "/tmp"},
	// A dev server writes its cache into node_modules, which RUN npm ci left root-owned.
	{name: "dev-server", wantUID: "1000", roWriteDir: "/tmp"},
	// The compose file's named volume: an anonymous volume stands in for it (same copy-up).
	{name: "compose-volume", wantUID: "10001", runExtra: []string{"-v", "/models"}},
	// Docker 20.10+ sets ip_unprivileged_port_start=0 by default; podman does not.
	{
		name: "port-80", wantUID: "10001", needsSysctl: true,
		runExtra: []string{"--sysctl", "net.ipv4.ip_unprivileged_port_start=0"},
	},
	// The step-down needs CAP_SETUID/CAP_SETGID: the locked-down run adds back just those two.
	{
		name: "gosu-stepdown", wantUID: "2000", unchanged: true, roWriteDir: "/tmp",
		roExtra: []string{"--cap-add=SETUID", "--cap-add=SETGID"},
	},
}

const (
	buildTimeout = 5 * time.Minute
	runTimeout   = 2 * time.Minute
)

// lockedDown are the `podman run` flags of the read-only run.
var lockedDown = []string{"--read-only", "--tmpfs", "/tmp", "--cap-drop=ALL", "--security-opt=no-new-privileges"}

// suite is what every test needs, prepared once.
var suite struct {
	once sync.Once
	skip string // reason to skip (tools or base images missing)
	err  error  // setup error (e.g. the CLI does not build)
	root string // repository root
	tmp  string // suite temp dir, removed by TestMain
	cli  string // built dockerharden binary
}

func TestMain(m *testing.M) {
	code := m.Run()
	if suite.tmp != "" {
		os.RemoveAll(suite.tmp)
	}
	os.Exit(code)
}

// requireSuite skips or fails t unless the tools, base images and CLI are ready.
func requireSuite(t *testing.T) {
	t.Helper()
	suite.once.Do(prepareSuite)
	if suite.skip != "" {
		if os.Getenv("DOCKERHARDEN_E2E_REQUIRE") == "1" {
			t.Fatalf("e2e prerequisites missing (DOCKERHARDEN_E2E_REQUIRE=1): %s", suite.skip)
		}
		t.Skip(suite.skip)
	}
	if suite.err != nil {
		t.Fatal(suite.err)
	}
}

func prepareSuite() {
	for _, tool := range []string{"buildah", "podman", "runc"} {
		if _, err := exec.LookPath(tool); err != nil {
			suite.skip = fmt.Sprintf("%s not found in PATH: the e2e suite needs buildah, podman and runc "+
				"(no Docker engine); run `bash e2e/setup.sh` as root to install them and the base images", tool)
			return
		}
	}
	if os.Geteuid() != 0 {
		suite.skip = "the e2e suite runs buildah/podman as root (chroot isolation, private store); run it as root"
		return
	}
	// Use the private store that setup.sh wrote, unless the caller chose one.
	w := os.Getenv("W")
	if w == "" {
		w = "/tmp/dockerharden-e2e"
	}
	for env, file := range map[string]string{
		"CONTAINERS_STORAGE_CONF": "storage.conf",
		"CONTAINERS_CONF":         "containers.conf",
	} {
		if os.Getenv(env) == "" {
			p := filepath.Join(w, file)
			if _, err := os.Stat(p); err != nil {
				suite.skip = fmt.Sprintf("%s not set and %s missing: run `bash e2e/setup.sh` first (W=%s)", env, p, w)
				return
			}
			os.Setenv(env, p)
		}
	}
	for _, img := range []string{"docker.io/library/debian:bookworm-slim", "docker.io/library/alpine:3.20", "docker.io/library/node:22-bookworm-slim"} {
		if _, _, err := runCmd(runTimeout, "", "podman", "image", "exists", img); err != nil {
			suite.skip = fmt.Sprintf("base image %s is not in the store: run `bash e2e/setup.sh` first", img)
			return
		}
	}

	wd, err := os.Getwd()
	if err != nil {
		suite.err = err
		return
	}
	suite.root = filepath.Dir(wd) // the test runs in <root>/e2e
	if _, err := os.Stat(filepath.Join(suite.root, "go.mod")); err != nil {
		suite.err = fmt.Errorf("repository root not found above %s: %v", wd, err)
		return
	}
	suite.tmp, err = os.MkdirTemp("", "dockerharden-e2e-test-")
	if err != nil {
		suite.err = err
		return
	}
	if cli := os.Getenv("DOCKERHARDEN_E2E_CLI"); cli != "" { // test a prebuilt binary instead
		suite.cli, err = filepath.Abs(cli)
		if err != nil {
			suite.err = err
		}
		return
	}
	suite.cli = filepath.Join(suite.tmp, "dockerharden")
	if _, stderr, err := runCmd(buildTimeout, suite.root, "go", "build", "-o", suite.cli, "./cmd/dockerharden"); err != nil {
		suite.err = fmt.Errorf("go build ./cmd/dockerharden: %v\n%s", err, stderr)
	}
}

// runCmd runs name args in dir and returns its stdout and stderr.
func runCmd(timeout time.Duration, dir, name string, args ...string) (string, string, error) {
	return runCmdEnv(timeout, dir, nil, name, args...)
}

func runCmdEnv(timeout time.Duration, dir string, env []string, name string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s timed out after %s: %w", name, timeout, err)
	}
	return stdout.String(), stderr.String(), err
}

// tail returns the last n lines of s, for failure messages.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func firstLine(err error) string {
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

// copyDir copies the regular files and directories of src into dst, keeping file modes.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// prepareContext copies cases/<name> into a temp dir; a src/ directory in it is a Go program
// that is built there, static, as e2e-app.
func prepareContext(t *testing.T, name string) string {
	t.Helper()
	ctxDir := filepath.Join(t.TempDir(), name)
	if err := copyDir(filepath.Join(suite.root, "e2e", "cases", name), ctxDir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(ctxDir, "src")); err == nil {
		_, stderr, err := runCmdEnv(buildTimeout, suite.root, []string{"CGO_ENABLED=0"},
			"go", "build", "-trimpath", "-o", filepath.Join(ctxDir, "e2e-app"), "./e2e/cases/"+name+"/src")
		if err != nil {
			t.Fatalf("building the static app of %s: %v\n%s", name, err, stderr)
		}
	}
	return ctxDir
}

// imageName returns a tag unique to this test process; the image is removed when t ends.
func imageName(t *testing.T, caseName, kind string) string {
	img := fmt.Sprintf("localhost/dockerharden-e2e-%s:%s-%d", caseName, kind, os.Getpid())
	t.Cleanup(func() {
		if _, stderr, err := runCmd(runTimeout, "", "podman", "rmi", "-f", img); err != nil &&
			!strings.Contains(stderr, "image not known") {
			t.Logf("cleanup: podman rmi %s: %v: %s", img, err, stderr)
		}
	})
	return img
}

// build builds dockerfile (relative to ctxDir) into img and returns the build output.
func build(ctxDir, dockerfile, img string) (string, error) {
	stdout, stderr, err := runCmd(buildTimeout, ctxDir, "buildah", "bud",
		"--isolation", "chroot", "--pull=never", "--layers=false", "--force-rm",
		"-f", dockerfile, "-t", img, ".")
	return stdout + stderr, err
}

// warningLine is the CLI's diagnostic format: "dockerharden: FILE:LINE: message".
var warningLine = regexp.MustCompile(`^dockerharden: [^:]+:[0-9]+: .+`)

// fix runs `dockerharden fix file` in dir and returns stdout and the stderr lines; it fails t
// unless the exit code is 0 and every stderr line has the diagnostic format.
func fix(t *testing.T, dir, file string) (string, []string) {
	t.Helper()
	stdout, stderr, err := runCmd(runTimeout, dir, suite.cli, "fix", file)
	if err != nil {
		t.Fatalf("dockerharden fix %s: %v\nstderr:\n%s", file, err, stderr)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if l == "" {
			continue
		}
		lines = append(lines, l)
		if !warningLine.MatchString(l) {
			t.Errorf("dockerharden fix %s: stderr line not in the form `dockerharden: FILE:LINE: message`: %q", file, l)
		}
	}
	return stdout, lines
}

// checkUserValue accepts a USER value only if it is numeric UID or UID:GID with a non-zero UID,
// and returns the UID.
func checkUserValue(user string) (string, error) {
	if user == "" {
		return "", errors.New("image has no USER: it runs as root")
	}
	uid, gid, hasGID := strings.Cut(user, ":")
	if uid == "root" {
		return "", fmt.Errorf("USER %q is root", user)
	}
	if _, err := strconv.ParseUint(uid, 10, 32); err != nil {
		return "", fmt.Errorf("USER %q: UID is not numeric (runAsNonRoot cannot verify a name)", user)
	}
	if hasGID {
		if _, err := strconv.ParseUint(gid, 10, 32); err != nil {
			return "", fmt.Errorf("USER %q: GID is not numeric", user)
		}
	}
	if n, _ := strconv.ParseUint(uid, 10, 32); n == 0 {
		return "", fmt.Errorf("USER %q is root", user)
	}
	return uid, nil
}

// checkImageUser returns the UID of img's configured user, or an error unless it is a numeric
// non-zero UID[:GID].
func checkImageUser(img string) (string, error) {
	stdout, stderr, err := runCmd(runTimeout, "", "podman", "image", "inspect", "--format", "{{.Config.User}}", img)
	if err != nil {
		return "", fmt.Errorf("podman image inspect %s: %v: %s", img, err, stderr)
	}
	return checkUserValue(strings.TrimSpace(stdout))
}

// runApp runs img once, plain or locked down, and returns its output.
func runApp(img string, lockdown bool, c e2eCase) (string, error) {
	args := []string{"run", "--pull=never", "--rm", "--network=none"}
	args = append(args, c.runExtra...)
	if lockdown {
		args = append(args, lockedDown...)
		args = append(args, c.roExtra...)
		if c.roWriteDir != "" {
			args = append(args, "-e", "E2E_WRITE_DIR="+c.roWriteDir)
		}
	}
	args = append(args, img)
	stdout, stderr, err := runCmd(runTimeout, "", "podman", args...)
	out := stdout + stderr
	if err != nil {
		return out, fmt.Errorf("podman %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out, nil
}

// checkRunOutput checks the app's output: it ran as wantUID (any non-zero UID if wantUID is
// ""), never as root, and printed E2E-OK.
func checkRunOutput(out, wantUID string) error {
	m := regexp.MustCompile(`(?m)^E2E-UID=([0-9]+)$`).FindStringSubmatch(out)
	if m == nil {
		return fmt.Errorf("app printed no E2E-UID line:\n%s", out)
	}
	if m[1] == "0" {
		return fmt.Errorf("container process runs as uid 0 (root):\n%s", out)
	}
	if wantUID != "" && m[1] != wantUID {
		return fmt.Errorf("container process runs as uid %s, want %s:\n%s", m[1], wantUID, out)
	}
	if !regexp.MustCompile(`(?m)^E2E-OK$`).MatchString(out) {
		return fmt.Errorf("app did not print E2E-OK (it could not do its work):\n%s", out)
	}
	return nil
}

// verifyRuns runs img plainly and locked down and checks both outputs against wantUID.
func verifyRuns(img, wantUID string, c e2eCase) error {
	for _, lockdown := range []bool{false, true} {
		mode := "plain run"
		if lockdown {
			mode = "read-only run"
		}
		out, err := runApp(img, lockdown, c)
		if err == nil {
			err = checkRunOutput(out, wantUID)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", mode, err)
		}
		if c.wantUser != "" && !strings.Contains(out, "E2E-USER="+c.wantUser+"\n") {
			return fmt.Errorf("%s: want E2E-USER=%s:\n%s", mode, c.wantUser, out)
		}
	}
	return nil
}

// verifyNonRoot is the assertion of the suite: img is configured with a numeric non-root user
// whose UID is wantUID ("" = any), and its app runs as that UID and works, plainly and locked
// down.
func verifyNonRoot(img, wantUID string, c e2eCase) error {
	uid, err := checkImageUser(img)
	if err != nil {
		return err
	}
	if wantUID != "" && uid != wantUID {
		return fmt.Errorf("image USER has uid %s, want %s", uid, wantUID)
	}
	return verifyRuns(img, uid, c)
}

func TestCases(t *testing.T) {
	requireSuite(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { testCase(t, c) })
	}
}

func testCase(t *testing.T, c e2eCase) {
	start := time.Now()
	ctxDir := prepareContext(t, c.name)
	original, err := os.ReadFile(filepath.Join(ctxDir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}

	// 1. the original
	origImg := imageName(t, c.name, "orig")
	out, err := build(ctxDir, "Dockerfile", origImg)
	switch {
	case c.origBuildFails && err == nil:
		t.Fatalf("original Dockerfile built, but this case expects it not to:\n%s", tail(out, 20))
	case c.origBuildFails:
		t.Logf("original build fails as expected: %s", tail(out, 3))
	case err != nil:
		t.Fatalf("building the original Dockerfile: %v\n%s", err, tail(out, 40))
	}

	// 2. dockerharden fix
	hardened, warnings := fix(t, ctxDir, "Dockerfile")
	for _, w := range warnings {
		t.Logf("fix: %s", w)
	}
	if c.unchanged {
		if hardened != string(original) {
			t.Fatalf("fix changed a file it must leave alone.\n--- input\n%s--- output\n%s", original, hardened)
		}
		if len(warnings) == 0 {
			t.Errorf("fix left the file alone without a warning saying why")
		}
		// The step-down happens at run time: the process must still end up non-root.
		if err := verifyRuns(origImg, c.wantUID, c); err != nil {
			t.Fatal(err)
		}
		verifyRuntime(t, ctxDir, origImg, c)
		t.Logf("ok in %s", time.Since(start).Round(time.Millisecond))
		return
	}
	if hardened == string(original) {
		t.Fatalf("fix left the file unchanged:\n%s", original)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("hardened Dockerfile:\n%s", hardened)
		}
	})
	hardFile := filepath.Join(ctxDir, "Dockerfile.hardened")
	if err := os.WriteFile(hardFile, []byte(hardened), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, _ := fix(t, ctxDir, "Dockerfile.hardened"); again != hardened {
		t.Errorf("fix is not idempotent: fixing the hardened file changes it again:\n%s", again)
	}

	// Negative control on every case: the same checks reject the root original, both the
	// configured user and the process that really runs.
	if !c.origBuildFails {
		if err := verifyNonRoot(origImg, "", c); err == nil {
			t.Errorf("the assertion accepted the ORIGINAL image, which should run as root")
		} else {
			t.Logf("original rejected as expected: %s", firstLine(err))
		}
		if out, err := runApp(origImg, false, c); err != nil {
			t.Errorf("running the original: %v", err)
		} else if err := checkRunOutput(out, ""); err == nil || !strings.Contains(err.Error(), "uid 0") {
			t.Errorf("the run check did not report the original's root process: %v", err)
		}
	}

	// 3.-6. the hardened file builds, is configured non-root, runs as that UID and works.
	hardImg := imageName(t, c.name, "hardened")
	if out, err := build(ctxDir, "Dockerfile.hardened", hardImg); err != nil {
		t.Fatalf("building the hardened Dockerfile: %v\n%s", err, tail(out, 40))
	}
	if err := verifyNonRoot(hardImg, c.wantUID, c); err != nil {
		t.Fatal(err)
	}
	// 7. the flags `dockerharden runtime --format docker` prints make it work read-only.
	verifyRuntime(t, ctxDir, hardImg, c)
	// 8. so does the Deployment `runtime --format kubernetes` prints, emulated on podman.
	verifyKubernetes(t, ctxDir, hardImg, c)
	t.Logf("ok in %s", time.Since(start).Round(time.Millisecond))
}

// verifyKubernetes runs the pod of the Deployment that `dockerharden runtime --format kubernetes`
// prints, on podman made to behave like the kubelet: each emptyDir is a new host directory with
// mode 2777 and group fsGroup (as the kubelet makes it), the pod's user, fsGroup (a supplementary
// group) and sysctls, each container's securityContext (readOnlyRootFilesystem without podman's
// extra tmpfs mounts, drop ALL, allowPrivilegeEscalation: false) and volumeMounts; the
// initContainers run first, in order, then the app container, whose output must pass as usual.
// Kubernetes never copies image content into an emptyDir, so a case whose app needs image files
// in a directory it writes passes only if the initContainer copied them.
func verifyKubernetes(t *testing.T, ctxDir, img string, c e2eCase) {
	t.Helper()
	stdout, stderr, err := runCmd(runTimeout, ctxDir, suite.cli, "runtime", "--format", "kubernetes", "--image", img, "Dockerfile")
	if err != nil {
		t.Fatalf("dockerharden runtime --format kubernetes: %v\n%s", err, stderr)
	}
	var d appsv1.Deployment
	if err := yaml.UnmarshalStrict([]byte(stdout), &d); err != nil {
		t.Fatalf("the Deployment does not decode: %v\n%s", err, stdout)
	}
	pod := d.Spec.Template.Spec
	var dirs map[string]string
	emptyDirs := func() {
		dirs = map[string]string{}
		parent := t.TempDir()
		for _, v := range pod.Volumes {
			if v.EmptyDir == nil {
				t.Fatalf("volume %s is not an emptyDir", v.Name)
			}
			dir := filepath.Join(parent, v.Name)
			if err := os.Mkdir(dir, 0o777); err != nil {
				t.Fatal(err)
			}
			gid := 0
			if sc := pod.SecurityContext; sc != nil && sc.FSGroup != nil {
				gid = int(*sc.FSGroup)
			}
			if err := os.Chown(dir, 0, gid); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, 0o777|os.ModeSetgid); err != nil {
				t.Fatal(err)
			}
			dirs[v.Name] = dir
		}
	}
	emptyDirs()
	base := []string{"run", "--rm", "--pull=never", "--network=none"}
	if sc := pod.SecurityContext; sc != nil {
		if sc.RunAsUser != nil {
			u := strconv.FormatInt(*sc.RunAsUser, 10)
			if sc.RunAsGroup != nil {
				u += ":" + strconv.FormatInt(*sc.RunAsGroup, 10)
			}
			base = append(base, "--user", u)
		}
		if sc.FSGroup != nil {
			base = append(base, "--group-add", strconv.FormatInt(*sc.FSGroup, 10))
		}
		for _, s := range sc.Sysctls {
			base = append(base, "--sysctl", s.Name+"="+s.Value)
		}
	}
	podman := func(ct corev1.Container, extra ...string) (string, error) {
		args := append([]string{}, base...)
		if sc := ct.SecurityContext; sc != nil {
			if sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem {
				args = append(args, "--read-only", "--read-only-tmpfs=false")
			}
			if sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
				args = append(args, "--security-opt=no-new-privileges")
			}
			if sc.Capabilities != nil {
				for _, c := range sc.Capabilities.Drop {
					args = append(args, "--cap-drop="+string(c))
				}
			}
		}
		for _, m := range ct.VolumeMounts {
			args = append(args, "-v", dirs[m.Name]+":"+m.MountPath)
		}
		args = append(args, extra...)
		if len(ct.Command) > 0 {
			args = append(args, "--entrypoint", ct.Command[0], ct.Image)
			args = append(args, ct.Command[1:]...)
		} else {
			args = append(args, ct.Image)
		}
		out, errOut, err := runCmd(runTimeout, "", "podman", args...)
		if err != nil {
			return out + errOut, fmt.Errorf("podman %s: %v\n%s", strings.Join(args, " "), err, out+errOut)
		}
		return out + errOut, nil
	}
	for _, ic := range pod.InitContainers {
		if _, err := podman(ic); err != nil {
			t.Fatalf("initContainer %s: %v", ic.Name, err)
		}
		t.Logf("kubernetes: initContainer %s ran: %s", ic.Name, strings.Join(ic.Command, " "))
	}
	var extra []string
	if c.runtimeWriteDir != "" {
		extra = []string{"-e", "E2E_WRITE_DIR=" + c.runtimeWriteDir}
	}
	out, err := podman(pod.Containers[0], extra...)
	if err == nil {
		err = checkRunOutput(out, c.wantUID)
	}
	if err != nil {
		t.Fatalf("kubernetes-like run: %v", err)
	}
	t.Logf("kubernetes-like run ok (%d emptyDirs, %d initContainers)", len(pod.Volumes), len(pod.InitContainers))
	if c.volumeNotTmpfs != "" && len(pod.InitContainers) > 0 {
		// Control: without the initContainer the emptyDir hides the image's files.
		emptyDirs()
		if out, err := podman(pod.Containers[0], extra...); err == nil && checkRunOutput(out, c.wantUID) == nil {
			t.Errorf("control: the app also works without the initContainer, so the case proves nothing:\n%s", out)
		} else {
			t.Logf("control: without the initContainer the app fails, as it should: %s", tail(out, 1))
		}
	}
}

// verifyRuntime runs img with exactly the flags `dockerharden runtime --format docker` prints
// for the case's original Dockerfile, on podman made to behave like Docker: no tmpfs on /tmp,
// /var/tmp and /run under --read-only (--read-only-tmpfs=false) and tmpfs mounts that start
// empty (notmpcopyup). It drops only -d, --name and -p (the run has no network) and adds --rm,
// --pull=never and --network=none. The app writes to its default directory, so the profile
// must have made that writable.
func verifyRuntime(t *testing.T, ctxDir, img string, c e2eCase) {
	t.Helper()
	stdout, stderr, err := runCmd(runTimeout, ctxDir, suite.cli, "runtime", "--format", "docker", "Dockerfile")
	if err != nil {
		t.Fatalf("dockerharden runtime: %v\n%s", err, stderr)
	}
	words, err := shellWords(stdout)
	if err != nil {
		t.Fatalf("runtime output: %v\n%s", err, stdout)
	}
	args, volumes, err := podmanArgs(words, img, fmt.Sprintf("e2e%d-%s-", os.Getpid(), c.name))
	if err != nil {
		t.Fatalf("runtime output: %v\n%s", err, stdout)
	}
	t.Cleanup(func() {
		for _, v := range volumes {
			runCmd(runTimeout, "", "podman", "volume", "rm", "-f", v)
		}
	})
	if c.runtimeWriteDir != "" {
		args = append(args[:len(args)-1], "-e", "E2E_WRITE_DIR="+c.runtimeWriteDir, img)
	}
	run := func(args []string) (string, error) {
		out, errOut, err := runCmd(runTimeout, "", "podman", args...)
		if err != nil {
			return out + errOut, fmt.Errorf("podman %s: %v\n%s", strings.Join(args, " "), err, out+errOut)
		}
		return out + errOut, nil
	}
	out, err := run(args)
	if err == nil {
		err = checkRunOutput(out, c.wantUID)
	}
	if err != nil {
		t.Fatalf("runtime run (%s): %v", strings.Join(args, " "), err)
	}
	if c.wantUser != "" && !strings.Contains(out, "E2E-USER="+c.wantUser+"\n") {
		t.Fatalf("runtime run: want E2E-USER=%s:\n%s", c.wantUser, out)
	}
	t.Logf("runtime run ok: podman %s", strings.Join(args, " "))
	if c.volumeNotTmpfs != "" {
		var tmpfs []string
		for i := 0; i < len(args); i++ {
			if args[i] == "-v" && args[i+1] == c.volumeNotTmpfs {
				tmpfs = append(tmpfs, "--tmpfs", args[i+1]+":notmpcopyup")
				i++
				continue
			}
			tmpfs = append(tmpfs, args[i])
		}
		if reflect.DeepEqual(tmpfs, args) {
			t.Errorf("control: the runtime mounts no volume at %s", c.volumeNotTmpfs)
		} else if out, err := run(tmpfs); err == nil && checkRunOutput(out, c.wantUID) == nil {
			t.Errorf("control: the app also works with a tmpfs at %s:\n%s", c.volumeNotTmpfs, out)
		} else {
			t.Logf("control: with a tmpfs at %s instead of a volume the app fails, as it should: %s", c.volumeNotTmpfs, tail(out, 1))
		}
	}
	if c.needsSysctl {
		var without []string
		for i := 0; i < len(args); i++ {
			if args[i] == "--sysctl" {
				i++
				continue
			}
			without = append(without, args[i])
		}
		if out, err := run(without); err == nil && checkRunOutput(out, c.wantUID) == nil {
			t.Errorf("control: the app also works without the runtime's sysctl, so the case proves nothing:\n%s", out)
		} else {
			t.Logf("control: without the sysctl the app fails, as it should: %s", tail(out, 1))
		}
	}
}

// shellWords splits the docker format's single command: comment lines dropped, backslash-newline
// continuations joined, words split on blanks, single quotes honoured.
func shellWords(s string) ([]string, error) {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			lines = append(lines, l)
		}
	}
	cmd := strings.ReplaceAll(strings.Join(lines, "\n"), "\\\n", " ")
	if strings.Contains(strings.TrimSpace(cmd), "\n") {
		return nil, errors.New("more than one command")
	}
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range strings.TrimSpace(cmd) {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case !quoted && (r == ' ' || r == '\t'):
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, errors.New("unterminated quote")
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// podmanArgs turns `docker run FLAGS IMAGE` into `podman run` arguments as described at
// verifyRuntime; named volumes get prefix so that parallel runs never share one, and are
// returned for removal.
func podmanArgs(words []string, img, prefix string) (args, volumes []string, err error) {
	if len(words) < 3 || words[0] != "docker" || words[1] != "run" || words[len(words)-1] != "IMAGE" {
		return nil, nil, fmt.Errorf("not `docker run ... IMAGE`: %q", words)
	}
	args = []string{"run", "--rm", "--pull=never", "--network=none", "--read-only-tmpfs=false"}
	flags := words[2 : len(words)-1]
	for i := 0; i < len(flags); i++ {
		f := flags[i]
		value := func() (string, error) {
			if i+1 >= len(flags) {
				return "", fmt.Errorf("%s without a value", f)
			}
			i++
			return flags[i], nil
		}
		switch f {
		case "-d":
		case "--name", "-p":
			if _, err := value(); err != nil {
				return nil, nil, err
			}
		case "--tmpfs":
			v, err := value()
			if err != nil {
				return nil, nil, err
			}
			if strings.Contains(v, ":") {
				v += ",notmpcopyup"
			} else {
				v += ":notmpcopyup"
			}
			args = append(args, "--tmpfs", v)
		case "-v":
			v, err := value()
			if err != nil {
				return nil, nil, err
			}
			if src, dst, ok := strings.Cut(v, ":"); ok && !strings.HasPrefix(src, "/") {
				v = prefix + src + ":" + dst
				volumes = append(volumes, prefix+src)
			}
			args = append(args, "-v", v)
		case "--user", "--sysctl":
			v, err := value()
			if err != nil {
				return nil, nil, err
			}
			args = append(args, f, v)
		default:
			if strings.HasPrefix(f, "-") && !strings.Contains(f, "=") && f != "--read-only" {
				return nil, nil, fmt.Errorf("unexpected flag %s: teach podmanArgs about it", f)
			}
			args = append(args, f)
		}
	}
	return append(args, img), volumes, nil
}

// TestNegativeControl proves the suite can fail: the original trailing-user-root image runs as
// root, and both halves of the assertion (configured user, running process) report it.
func TestNegativeControl(t *testing.T) {
	requireSuite(t)
	c := e2eCase{name: "trailing-user-root", roWriteDir: "/tmp"}
	ctxDir := prepareContext(t, c.name)
	img := imageName(t, c.name, "negative")
	if out, err := build(ctxDir, "Dockerfile", img); err != nil {
		t.Fatalf("building the original: %v\n%s", err, tail(out, 40))
	}
	if _, err := checkImageUser(img); err == nil {
		t.Errorf("checkImageUser accepted an image whose USER is root")
	} else {
		t.Logf("checkImageUser: %v", err)
	}
	out, err := runApp(img, false, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkRunOutput(out, ""); err == nil || !strings.Contains(err.Error(), "uid 0") {
		t.Errorf("checkRunOutput did not report the root process: %v", err)
	} else {
		t.Logf("checkRunOutput: %s", firstLine(err))
	}
	if err := verifyNonRoot(img, "10001", c); err == nil {
		t.Errorf("verifyNonRoot accepted the root original")
	}
}

// TestCheckUserValue needs no container tools: the USER check rejects root, names and empties.
func TestCheckUserValue(t *testing.T) {
	for user, ok := range map[string]bool{
		"10001:10001": true, "1234": true, "65532:0": true,
		"": false, "root": false, "0": false, "0:0": false, "00": false, "app": false,
		"app:app": false, "10001:app": false, "-1": false, "10001:": false,
	} {
		uid, err := checkUserValue(user)
		if (err == nil) != ok {
			t.Errorf("checkUserValue(%q) = %q, %v; want ok=%v", user, uid, err, ok)
		}
	}
}

// TestPodmanArgs needs no container tools: the docker command becomes Docker-like podman flags.
func TestPodmanArgs(t *testing.T) {
	out := "# comment\ndocker run \\\n  -d \\\n  --name web \\\n  --user 10001:10001 \\\n  --read-only \\\n  --tmpfs /tmp \\\n" +
		"  -v /app \\\n  -v app-data:/data \\\n  --cap-drop=ALL \\\n  --security-opt=no-new-privileges \\\n" +
		"  --sysctl net.ipv4.ip_unprivileged_port_start=0 \\\n  -p 80:80 \\\n  IMAGE\n"
	words, err := shellWords(out)
	if err != nil {
		t.Fatal(err)
	}
	args, vols, err := podmanArgs(words, "localhost/x:1", "p-")
	if err != nil {
		t.Fatal(err)
	}
	want := "run --rm --pull=never --network=none --read-only-tmpfs=false --user 10001:10001 --read-only " +
		"--tmpfs /tmp:notmpcopyup -v /app -v p-app-data:/data --cap-drop=ALL --security-opt=no-new-privileges " +
		"--sysctl net.ipv4.ip_unprivileged_port_start=0 localhost/x:1"
	if got := strings.Join(args, " "); got != want || len(vols) != 1 || vols[0] != "p-app-data" {
		t.Errorf("podmanArgs:\n got %s %v\nwant %s", got, vols, want)
	}
	if _, _, err := podmanArgs([]string{"docker", "run", "--privileged", "IMAGE"}, "x", "p-"); err == nil {
		t.Error("an unknown flag was passed through")
	}
}
