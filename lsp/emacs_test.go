package lsp

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEmacsEglot is a second real client: Emacs's eglot (batch mode)
// starts `dockerharden lsp`, shows its diagnostics through flymake,
// formats the buffer with eglot-format-buffer and saves; the saved file
// must be byte for byte what `dockerharden fix` prints. Skipped without
// emacs and eglot unless DOCKERHARDEN_REQUIRE_EMACS=1.
func TestEmacsEglot(t *testing.T) {
	emacs, err := exec.LookPath("emacs")
	if err == nil {
		// eglot is built in from Emacs 29, a package (elpa-eglot) before.
		err = exec.Command(emacs, "--batch", "--eval", "(require 'eglot)").Run()
	}
	if err != nil {
		if os.Getenv("DOCKERHARDEN_REQUIRE_EMACS") == "1" {
			t.Fatalf("emacs with eglot not usable (%v) and DOCKERHARDEN_REQUIRE_EMACS=1 (apt-get install emacs-nox elpa-eglot)", err)
		}
		t.Skipf("emacs with eglot not usable (%v): install emacs-nox and elpa-eglot to run this real-client test; DOCKERHARDEN_REQUIRE_EMACS=1 makes this a failure", err)
	}
	bin := buildBinary(t)
	script, err := filepath.Abs("testdata/emacs-eglot.el")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, eol string
	}{
		{"lf", debianApp, "unix"},
		{"crlf-bom", crlfBOMApp, "dos"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			file := filepath.Join(work, "Dockerfile")
			if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := exec.Command(bin, "fix", file).Output()
			if err != nil {
				t.Fatalf("dockerharden fix: %v", err)
			}
			out := filepath.Join(work, "result.txt")
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, emacs, "--batch", "-l", script)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "DH_BIN="+bin, "DH_FILE="+file, "DH_OUT="+out, "HOME="+work)
			start := time.Now()
			combined, err := cmd.CombinedOutput()
			report, _ := os.ReadFile(out)
			t.Logf("emacs took %v:\n%s", time.Since(start).Round(time.Millisecond), report)
			if err != nil {
				t.Fatalf("emacs: %v\n%s", err, combined)
			}
			for _, line := range []string{tc.eol, "DH001@0", "DH002@3", "written", "diagnostics after save DH009@0"} {
				if !strings.Contains(string(report), line) {
					t.Errorf("emacs report lacks %q", line)
				}
			}
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("saved file\n%q\nwant `dockerharden fix` output\n%q", got, want)
			}
		})
	}
}
