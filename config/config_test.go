package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
)

func write(t *testing.T, dir, name, s string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, FileName, `
uid: 2000
gid: 3000
user: svc
group: svcgrp
target: app
family: debian
families:
  - image: registry.example.com/team/*
    family: alpine
disable: [DH009, unpinned-base]
exclude: [legacy/, "*.generated.Dockerfile"]
patterns: ["*.containerfile"]
`)
	f, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	o := rewrite.DefaultOptions()
	f.Apply(&o)
	if o.UID != 2000 || o.GID != 3000 || o.User != "svc" || o.Group != "svcgrp" || o.Target != "app" || o.Family != images.Debian {
		t.Errorf("options %+v", o)
	}
	if len(o.Families) != 1 || o.Families[0].Family != images.Alpine || !o.Disabled["DH009"] || !o.Disabled["DH008"] {
		t.Errorf("families %v disabled %v", o.Families, o.Disabled)
	}
	if !f.IsDockerfile("x.containerfile") || f.IsDockerfile("x.txt") {
		t.Error("patterns")
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"uid: 1\ncolour: red\n", `:2: unknown key "colour"`},
		{"uid: -5\n", `:1: uid: want a positive number, got "-5"`},
		{"uid: abc\n", `:1: uid: want a positive number`},
		{"family: plan9\n", `:1: family: unknown family "plan9"`},
		{"disable: [DH999]\n", `:1: disable: unknown rule "DH999"`},
		{"disable:\n  - DH001\n  - nope\n", `:3: disable: unknown rule "nope"`},
		{"exclude: legacy\n", `:1: exclude: want a list of strings`},
		{"families:\n  - image: x\n", `:2: families: each entry needs exactly image: PATTERN and family: FAMILY`},
		{"patterns: [a/b]\n", `:1: patterns: "a/b" is not a file name glob`},
		{"- just a list\n", `:1: expected a mapping`},
		{"uid: [1\n", `: invalid YAML`},
	} {
		p := write(t, t.TempDir(), FileName, tc.src)
		_, err := Load(p)
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p+":") {
			t.Errorf("Load(%q) = %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestExcluded(t *testing.T) {
	f := &File{Dir: "/repo", Exclude: []string{"legacy/", "*.gen.Dockerfile", "/build/Dockerfile", "svc/**/old", "!keep.gen.Dockerfile"}}
	for p, want := range map[string]bool{
		"/repo/legacy/Dockerfile":       true,
		"/repo/a/legacy/Dockerfile":     true,
		"/repo/x.gen.Dockerfile":        true,
		"/repo/sub/keep.gen.Dockerfile": false,
		"/repo/build/Dockerfile":        true,
		"/repo/sub/build/Dockerfile":    false,
		"/repo/svc/a/b/old/Dockerfile":  true,
		"/repo/svc/old":                 true,
		"/repo/Dockerfile":              false,
		"/elsewhere/legacy/Dockerfile":  false,
	} {
		if got := f.Excluded(p, false); got != want {
			t.Errorf("Excluded(%s) = %v, want %v", p, got, want)
		}
	}
	if f.Excluded("/repo/legacy", false) {
		t.Error(`"legacy/" matches only directories`)
	}
	if !f.Excluded("/repo/legacy", true) {
		t.Error(`"legacy/" should match the directory`)
	}
}

func TestFinder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, FileName, "uid: 4242\n")
	write(t, dir, "a/b/Dockerfile", "FROM alpine\n")
	var fd Finder
	f, err := fd.For(filepath.Join(dir, "a/b"))
	if err != nil || f == nil || *f.UID != 4242 {
		t.Fatalf("For = %v, %v", f, err)
	}
	if g, _ := fd.For(filepath.Join(dir, "a")); g != f {
		t.Error("lookups should share the parsed file")
	}
}
