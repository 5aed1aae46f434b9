package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHooks runs the hooks in .pre-commit-hooks.yaml through
// pre-commit try-repo (which builds dockerharden with language: golang).
// It takes about 30 s, so it runs when DOCKERHARDEN_PRECOMMIT=1 (.ci/run
// sets it after installing Debian's pre-commit).
func TestPreCommitHooks(t *testing.T) {
	if os.Getenv("DOCKERHARDEN_PRECOMMIT") != "1" {
		t.Skip("set DOCKERHARDEN_PRECOMMIT=1 to run pre-commit try-repo (needs pre-commit and git)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(dir, ".cache"),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	repo := filepath.Join(dir, "repo")
	sh := func(wantOK bool, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Fatalf("%s %s: err=%v, want ok=%v\n%s", name, strings.Join(args, " "), err, wantOK, out)
		}
		return string(out)
	}
	if err := os.MkdirAll(filepath.Join(repo, "svc"), 0o755); err != nil {
		t.Fatal(err)
	}
	root1 := "FROM debian:bookworm-slim\nCOPY app /app\nCMD [\"/app\"]\n"
	if err := os.WriteFile(filepath.Join(repo, "svc", "Dockerfile"), []byte(root1), 0o644); err != nil {
		t.Fatal(err)
	}
	// BuildKit's per-Dockerfile ignore file matches the hooks' files:
	// pattern; exclude: must keep it away from dockerharden, which would
	// fail on it ("no FROM").
	if err := os.WriteFile(filepath.Join(repo, "svc", "Dockerfile.dockerignore"), []byte("node_modules\n*.log\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sh(true, "git", "init", "-q")
	sh(true, "git", "add", ".")
	sh(true, "git", "commit", "-qm", "init")

	// check fails on a root image and changes nothing.
	out := sh(false, "pre-commit", "try-repo", root, "dockerharden-check", "--all-files")
	if !strings.Contains(out, "svc/Dockerfile:1: DH001 error") {
		t.Errorf("check hook output lacks the finding:\n%s", out)
	}
	// fix rewrites the file and fails because it did.
	out = sh(false, "pre-commit", "try-repo", root, "dockerharden-fix", "--all-files")
	if !strings.Contains(out, "files were modified by this hook") {
		t.Errorf("fix hook output:\n%s", out)
	}
	got, _ := os.ReadFile(filepath.Join(repo, "svc", "Dockerfile"))
	if !strings.Contains(string(got), "USER 10001:10001") {
		t.Errorf("hardened file:\n%s", got)
	}
	if strings.Contains(out, "dockerignore") {
		t.Errorf("a hook ran on the .dockerignore file:\n%s", out)
	}
	// Both pass on the hardened file.
	sh(true, "git", "add", ".")
	sh(true, "pre-commit", "try-repo", root, "dockerharden-fix", "--all-files")
	sh(true, "pre-commit", "try-repo", root, "dockerharden-check", "--all-files")
}
