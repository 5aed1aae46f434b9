package lsp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestNeovim runs a real client: Neovim's built-in LSP client starts
// `dockerharden lsp`, opens a Dockerfile, receives diagnostics, applies the
// --chown quick fix through its code-action machinery, formats on save and
// writes. The saved file must be byte for byte what `dockerharden
// fix` prints for the original. Skipped without nvim unless
// DOCKERHARDEN_REQUIRE_NVIM=1 (CI sets it and installs Debian's neovim).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("DOCKERHARDEN_REQUIRE_NVIM") == "1" {
			t.Fatal("nvim not found and DOCKERHARDEN_REQUIRE_NVIM=1 (apt-get install neovim)")
		}
		t.Skip("nvim not found: install neovim (0.7 or later) to run the real-client test; DOCKERHARDEN_REQUIRE_NVIM=1 makes this a failure")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	init, err := filepath.Abs("testdata/nvim-init.lua")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, format string
	}{
		{"lf", debianApp, "fileformat unix bomb false"},
		{"crlf-bom", crlfBOMApp, "fileformat dos bomb true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := filepath.Join(dir, tc.name)
			if err := os.MkdirAll(work, 0o755); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(work, "Dockerfile")
			if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			want, err := exec.Command(bin, "fix", file).Output()
			if err != nil {
				t.Fatalf("dockerharden fix: %v", err)
			}
			if bytes.Equal(want, []byte(tc.text)) {
				t.Fatal("test file needs no fix")
			}
			out := filepath.Join(work, "result.txt")
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, nvim, "--headless", "-n", "-i", "NONE", "-u", init)
			cmd.Dir = work
			cmd.Env = append(os.Environ(), "DH_BIN="+bin, "DH_FILE="+file, "DH_OUT="+out,
				"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
				"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
			start := time.Now()
			combined, err := cmd.CombinedOutput()
			report, _ := os.ReadFile(out)
			t.Logf("nvim took %v:\n%s", time.Since(start).Round(time.Millisecond), report)
			if err != nil {
				t.Fatalf("nvim: %v\n%s", err, combined)
			}
			for _, line := range []string{
				tc.format, "DH001@0:", "DH002@3:", "source dockerharden",
				"action quickfix: Add --chown=10001:10001", "action quickfix: Disable DH002 for this line",
				"action source.fixAll.dockerharden: Harden this file", "COPY --chown=10001:10001 ", "written",
			} {
				if !strings.Contains(string(report), line) {
					t.Errorf("nvim report lacks %q", line)
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

// crlfBOMApp is a CRLF file with a byte order mark, a tab-indented COPY
// and non-ASCII names: what editors transform on load and save.
const crlfBOMApp = "\uFEFFFROM debian:bookworm-slim\r\n# the service\r\nWORKDIR /srv\r\n\tCOPY grüße-😀.txt /srv/\r\nCMD [\"cat\", \"/srv/grüße-😀.txt\"]\r\n"

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// buildBinary builds cmd/dockerharden once for the real-client tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "dockerharden-lsp-test")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "dockerharden")
		out, err := exec.Command("go", "build", "-o", binPath, "github.com/dockerharden/dockerharden/cmd/dockerharden").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}
