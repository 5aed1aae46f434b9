package rewrite

import (
	"errors"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
)

func TestBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, src, msg string
		line           int
	}{
		{"empty", "", "empty file", 0},
		{"blank", " \n\t\n", "empty file", 0},
		{"comments", "# just a comment\n", "file with no instructions", 0},
		{"binary", "FROM alpine\n\x00\x01\x02\n", "binary data", 2},
		{"latin1", "FROM alpine\nRUN echo \xe9\n", "binary data", 2},
		{"no-from", "RUN echo hi\n", "RUN before the first FROM", 1},
		{"only-arg", "ARG X=1\n", "no FROM instruction", 1},
		{"heredoc", "FROM alpine\nRUN <<EOF\necho hi\n", "unterminated heredoc", 2},
		{"long-line", "FROM alpine\nRUN echo " + strings.Repeat("x", 70000) + "\n", "dockerfile line greater than max allowed size", 2},
		{"long-line-later", "FROM alpine\n# a\nRUN true\n\nLABEL x=" + strings.Repeat("y", 65536) + "\nCMD [\"x\"]\n", "dockerfile line greater than max allowed size", 5},
		{"bad-target", "FROM alpine AS a\n", "no stage named", 0},
		{"from-empty", "FROM\n", "FROM without an image", 1},
		{"template", "{{ if .Alpine }}\nFROM alpine\n{{ end }}\n", "a template ({{ if .Alpine }}), not a Dockerfile", 1},
	} {
		opts := DefaultOptions()
		if tc.name == "bad-target" {
			opts.Target = "nope"
		}
		_, err := Fix("in", []byte(tc.src), opts)
		var e *dockerfile.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: want *dockerfile.Error, got %v", tc.name, err)
			continue
		}
		if !strings.Contains(e.Msg, tc.msg) || tc.line != 0 && e.Line != tc.line || strings.Contains(e.Error(), "\n") {
			t.Errorf("%s: got %q (line %d), want %q at line %d", tc.name, e.Error(), e.Line, tc.msg, tc.line)
		}
	}
	if _, err := Fix("x", []byte("FROM alpine\n"), Options{UID: 0, GID: 1, User: "a", Group: "a"}); err == nil {
		t.Error("UID 0 must be refused")
	}
}

func TestStepDown(t *testing.T) {
	for text, want := range map[string]string{
		`["gosu", "app", "server"]`:      "gosu",
		`exec su-exec nobody /app`:       "su-exec",
		`setpriv --reuid=1 /app`:         "setpriv",
		`su -s /bin/sh app -c "/app"`:    "su",
		`su app -c /app`:                 "su",
		`chroot --userspec=1:1 / /app`:   "chroot",
		`["/usr/local/bin/gosu-helper"]`: "",
		`["/app", "--summary"]`:          "",
		`python -m sunrise`:              "",
	} {
		if got := stepDown(text); got != want {
			t.Errorf("stepDown(%q) = %q, want %q", text, got, want)
		}
	}
}
