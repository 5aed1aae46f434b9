package rewrite

import (
	"errors"
	"strings"
	"testing"
)

func TestDetectBase(t *testing.T) {
	for _, tc := range []struct {
		image   string
		family  Family
		variant string
	}{
		{"debian:bookworm-slim", Debian, ""},
		{"docker.io/library/ubuntu:24.04", Debian, ""},
		{"python:3.12", Debian, ""},
		{"python:3.12-alpine3.20", Alpine, ""},
		{"python:3.12-windowsservercore-ltsc2022", Windows, ""},
		{"node", Debian, ""},
		{"node:20-alpine@sha256:0123", Alpine, ""},
		{"golang:1.22-bookworm", Debian, ""},
		{"eclipse-temurin:21-jre", Debian, ""},
		{"eclipse-temurin:21-jre-ubi9-minimal", RHEL, "microdnf"},
		{"alpine", Alpine, ""},
		{"busybox:1.36-musl", Alpine, "busybox"},
		{"registry.access.redhat.com/ubi9/ubi-minimal:9.4", RHEL, "microdnf"},
		{"registry.access.redhat.com/ubi9/ubi-micro", ShellLess, "ubi-micro"},
		{"redhat/ubi9", RHEL, ""},
		{"fedora:40", RHEL, ""},
		{"quay.io/centos/centos:stream9", RHEL, ""},
		{"rockylinux:9", RHEL, ""},
		{"almalinux:9-minimal", RHEL, ""},
		{"oraclelinux:9-slim", RHEL, ""},
		{"amazonlinux:2023", RHEL, "yum"},
		{"public.ecr.aws/amazonlinux/amazonlinux:2023", RHEL, "yum"},
		{"mcr.microsoft.com/azurelinux/base/core:3.0", RHEL, "tdnf"},
		{"gcr.io/distroless/static-debian12", ShellLess, "distroless"},
		{"gcr.io/distroless/base:nonroot", ShellLess, "distroless"},
		{"cgr.dev/chainguard/static", ShellLess, "chainguard"},
		{"cgr.dev/chainguard/python:latest-dev", Alpine, "wolfi"},
		{"cgr.dev/chainguard/wolfi-base", Alpine, "wolfi"},
		{"scratch", ShellLess, "scratch"},
		{"mcr.microsoft.com/windows/nanoserver:ltsc2022", Windows, ""},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", Debian, ""},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", ShellLess, "distroless"},
		{"mcr.microsoft.com/dotnet/runtime:8.0-alpine", Alpine, ""},
		{"mirror.gcr.io/library/debian:12", Debian, ""},
		{"registry.example.com/team/base:1.2", Unknown, ""},
		{"mycorp/python:3.12", Unknown, ""},
		{"${BASE}", Unknown, ""},
		{"localhost:5000/app", Unknown, ""},
	} {
		b := DetectBase(tc.image)
		if b.Family != tc.family || b.Variant != tc.variant {
			t.Errorf("DetectBase(%q) = %s/%s, want %s/%s", tc.image, b.Family, b.Variant, tc.family, tc.variant)
		}
	}
	if u := DetectBase("gcr.io/distroless/base:nonroot").Facts.User; u != "65532" {
		t.Errorf("distroless :nonroot default user = %q, want 65532", u)
	}
}

func TestExpandArgs(t *testing.T) {
	meta := map[string]string{"A": "debian", "T": "12", "E": ""}
	for in, want := range map[string]string{
		"$A:$T":          "debian:12",
		"${A}:${T}-slim": "debian:12-slim",
		"${X:-alpine}":   "alpine",
		"${E:-alpine}":   "alpine",
		"$X":             "$X",
		"${E}":           "${E}",
		"repo/${A}":      "repo/debian",
		"${unterminated": "${unterminated",
		"plain:tag":      "plain:tag",
		"$":              "$",
	} {
		if got := expandArgs(in, meta); got != want {
			t.Errorf("expandArgs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	for _, tc := range []struct {
		edits []Edit
		want  string
		err   bool
	}{
		{nil, "abcdef", false},
		{[]Edit{{2, 2, "X"}, {2, 2, "Y"}}, "abXYcdef", false},
		{[]Edit{{2, 4, "-"}, {2, 2, "I"}}, "abI-ef", false},
		{[]Edit{{4, 4, "!"}, {0, 1, "A"}}, "Abcd!ef", false},
		{[]Edit{{1, 3, "x"}, {2, 4, "y"}}, "", true},
		{[]Edit{{1, 3, "x"}, {2, 2, "y"}}, "", true},
		{[]Edit{{6, 6, "\n"}}, "abcdef\n", false},
		{[]Edit{{5, 9, ""}}, "", true},
	} {
		got, err := Apply(src, tc.edits)
		if (err != nil) != tc.err || err == nil && string(got) != tc.want {
			t.Errorf("Apply(%v) = %q, %v; want %q (error %v)", tc.edits, got, err, tc.want, tc.err)
		}
	}
	if string(src) != "abcdef" {
		t.Error("Apply modified its input")
	}
}

func TestParseDocument(t *testing.T) {
	d, err := Parse("x", []byte("\xef\xbb\xbf# escape=`\r\nfrom alpine\r\nrun echo `\r\n  hi\r\nCOPY a b"))
	if err != nil {
		t.Fatal(err)
	}
	if !d.BOM || d.EOL != "\r\n" || d.Escape != '`' || !d.Lower || d.Lines() != 5 {
		t.Errorf("BOM %v EOL %q escape %q lower %v lines %d", d.BOM, d.EOL, d.Escape, d.Lower, d.Lines())
	}
	if kw := d.Keyword(d.AST.Children[1]); kw != "run" {
		t.Errorf("keyword %q", kw)
	}
	if n := d.AST.Children[1]; n.StartLine != 3 || n.EndLine != 4 {
		t.Errorf("RUN spans %d-%d", n.StartLine, n.EndLine)
	}
}

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
	} {
		opts := DefaultOptions()
		if tc.name == "bad-target" {
			opts.Target = "nope"
		}
		_, err := Fix("in", []byte(tc.src), opts)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: want *Error, got %v", tc.name, err)
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

func TestSimpleCommands(t *testing.T) {
	got := simpleCommands(`set -eux; DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" && sudo useradd -u 5 'a b' | tee x`)
	want := [][]string{{"set", "-eux"}, {"apt-get", "install", "-y", "curl"}, {"useradd", "-u", "5", "a b"}, {"tee", "x"}}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("command %d = %q, want %q", i, got[i], want[i])
		}
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
