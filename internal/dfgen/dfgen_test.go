package dfgen

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// corpus generates n files from a spread of seeds and options.
func corpus(n int) [][]byte {
	out := make([][]byte, 0, n)
	for i := 0; i < n; i++ {
		opt := Options{}
		switch i % 10 {
		case 7:
			opt.Lines = 80 + i%200
		case 8:
			opt.MaxStages = 5
		case 9:
			if i%50 == 9 {
				opt.Lines = 300 + i%700
			}
		}
		out = append(out, Generate(rand.New(rand.NewSource(int64(i)*7919+1)), opt))
	}
	return out
}

// logicalLines strips BOM and line endings; good enough for the checks here.
func logicalLines(b []byte) []string {
	s := strings.TrimPrefix(string(b), "\xEF\xBB\xBF")
	return strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
}

func hasFrom(b []byte) bool {
	for _, l := range logicalLines(b) {
		f := strings.Fields(l)
		if len(f) > 1 && strings.EqualFold(f[0], "from") {
			return true
		}
	}
	return false
}

func TestDeterministic(t *testing.T) {
	for seed := int64(0); seed < 200; seed++ {
		opt := Options{Lines: int(seed%5) * 100}
		a := Generate(rand.New(rand.NewSource(seed)), opt)
		b := Generate(rand.New(rand.NewSource(seed)), opt)
		if !bytes.Equal(a, b) {
			t.Fatalf("seed %d: output differs between runs", seed)
		}
	}
	a := Generate(rand.New(rand.NewSource(1)), Options{})
	b := Generate(rand.New(rand.NewSource(2)), Options{})
	if bytes.Equal(a, b) {
		t.Fatal("seeds 1 and 2 produced identical output")
	}
}

var knownInstructions = map[string]bool{
	"add": true, "arg": true, "cmd": true, "copy": true, "entrypoint": true, "env": true,
	"expose": true, "from": true, "healthcheck": true, "label": true, "maintainer": true,
	"onbuild": true, "run": true, "shell": true, "stopsignal": true, "user": true,
	"volume": true, "workdir": true,
}

// TestBuildkitParses checks that 2,000 generated files parse with the
// BuildKit parser and contain at least one FROM.
func TestBuildkitParses(t *testing.T) {
	for i, f := range corpus(2000) {
		res, err := parser.Parse(bytes.NewReader(f))
		if err != nil {
			t.Fatalf("file %d: %v\n%s", i, err, f)
		}
		froms := 0
		for j, n := range res.AST.Children {
			v := strings.ToLower(n.Value)
			// The parser silently ignores unknown instructions; one would
			// mean a leaked heredoc body or a broken continuation.
			if !knownInstructions[v] {
				t.Fatalf("file %d: unknown instruction %q at line %d\n%s", i, n.Value, n.StartLine, f)
			}
			if j == 0 && v != "from" && v != "arg" {
				t.Fatalf("file %d: first instruction is %q", i, v)
			}
			if v == "from" {
				froms++
			}
		}
		if froms == 0 || !hasFrom(f) {
			t.Fatalf("file %d: no FROM\n%s", i, f)
		}
		for _, w := range res.Warnings {
			if !strings.HasPrefix(w.Short, "Empty continuation line") {
				t.Fatalf("file %d: unexpected warning %q", i, w.Short)
			}
		}
	}
}

func TestLinesApproximate(t *testing.T) {
	for _, want := range []int{20, 50, 300, 1000} {
		for seed := int64(0); seed < 20; seed++ {
			got := len(logicalLines(Generate(rand.New(rand.NewSource(seed)), Options{Lines: want})))
			if got < want*6/10 || got > want*2+15 {
				t.Errorf("Lines=%d seed=%d: got %d lines", want, seed, got)
			}
		}
	}
	for seed := int64(0); seed < 100; seed++ {
		got := len(logicalLines(Generate(rand.New(rand.NewSource(seed)), Options{})))
		if got < 5 || got > 130 {
			t.Errorf("default size seed=%d: got %d lines", seed, got)
		}
	}
}

func TestMaxStages(t *testing.T) {
	from := regexp.MustCompile(`(?im)^(\x{FEFF})?from\s`)
	for seed := int64(0); seed < 300; seed++ {
		b := Generate(rand.New(rand.NewSource(seed)), Options{MaxStages: 1})
		if n := len(from.FindAll(b, -1)); n != 1 {
			t.Fatalf("MaxStages=1 seed=%d: %d FROM lines", seed, n)
		}
	}
}

// TestCoverage checks that the corpus exercises every feature the rewriter
// and fuzzers care about.
func TestCoverage(t *testing.T) {
	all := corpus(2000)
	features := map[string]*regexp.Regexp{
		"unnamed stage":         regexp.MustCompile(`(?im)^from \S+\r?$`),
		"lowercase as":          regexp.MustCompile(`(?m)^from .* as \w`),
		"capitalized name":      regexp.MustCompile(`(?im)^from .* as [A-Z][a-z]`),
		"platform flag":         regexp.MustCompile(`--platform=\$BUILDPLATFORM`),
		"ARG BASE":              regexp.MustCompile(`(?im)^arg BASE=`),
		"FROM ${BASE}":          regexp.MustCompile(`(?im)^from \$\{?BASE`),
		"FROM stage index":      regexp.MustCompile(`(?im)^from [0-9]\r?$`),
		"digest":                regexp.MustCompile(`@sha256:[0-9a-f]{64}`),
		"debian":                regexp.MustCompile(`debian:bookworm-slim`),
		"ubuntu":                regexp.MustCompile(`ubuntu:24\.04`),
		"python":                regexp.MustCompile(`python:3\.12`),
		"node":                  regexp.MustCompile(`node:20 `),
		"node alpine":           regexp.MustCompile(`node:20-alpine`),
		"golang builder":        regexp.MustCompile(`(?i)golang:1\.22 as`),
		"alpine":                regexp.MustCompile(`alpine:3\.20`),
		"busybox":               regexp.MustCompile(`(?im)^from busybox`),
		"ubi9":                  regexp.MustCompile(`redhat/ubi9`),
		"ubi-minimal":           regexp.MustCompile(`ubi9/ubi-minimal`),
		"fedora":                regexp.MustCompile(`fedora:40`),
		"amazonlinux":           regexp.MustCompile(`amazonlinux:2023`),
		"distroless static":     regexp.MustCompile(`gcr\.io/distroless/static-debian12`),
		"distroless nonroot":    regexp.MustCompile(`gcr\.io/distroless/base:nonroot`),
		"chainguard static":     regexp.MustCompile(`cgr\.dev/chainguard/static`),
		"chainguard dev":        regexp.MustCompile(`cgr\.dev/chainguard/python:latest-dev`),
		"scratch":               regexp.MustCompile(`(?im)^from scratch`),
		"nanoserver":            regexp.MustCompile(`windows/nanoserver:ltsc2022`),
		"private registry":      regexp.MustCompile(`registry\.example\.com/team/base:1\.2`),
		"apt-get":               regexp.MustCompile(`apt-get install`),
		"apk":                   regexp.MustCompile(`apk add`),
		"dnf":                   regexp.MustCompile(`dnf( -y)? install`),
		"microdnf":              regexp.MustCompile(`microdnf install`),
		"yum":                   regexp.MustCompile(`yum install`),
		"useradd":               regexp.MustCompile(`useradd`),
		"adduser":               regexp.MustCompile(`adduser`),
		"cache mount":           regexp.MustCompile(`--mount=type=cache,`),
		"RUN exec form":         regexp.MustCompile(`(?im)^\s*run \[`),
		"RUN heredoc":           regexp.MustCompile(`(?im)^\s*run (--\S+ )?<<['"]?[A-Z_]+['"]?\r?$`),
		"chomp heredoc":         regexp.MustCompile(`<<-['"]?EOT`),
		"tab terminator":        regexp.MustCompile(`(?m)^\t+[A-Z_]+\r?$`),
		"quoted heredoc":        regexp.MustCompile(`<<-?'EOF'`),
		"COPY heredoc":          regexp.MustCompile(`(?im)^\s*copy .*<<.* /etc/app\.conf`),
		"COPY --from":           regexp.MustCompile(`(?i)copy .*--from=`),
		"COPY --chown":          regexp.MustCompile(`--chown=`),
		"COPY --chmod":          regexp.MustCompile(`--chmod=`),
		"COPY --link":           regexp.MustCompile(`--link`),
		"COPY JSON":             regexp.MustCompile(`(?im)^\s*copy (--\S+ )*\[`),
		"ADD":                   regexp.MustCompile(`(?im)^\s*add `),
		"WORKDIR":               regexp.MustCompile(`(?im)^\s*workdir `),
		"VOLUME JSON":           regexp.MustCompile(`(?im)^\s*volume \[`),
		"VOLUME plain":          regexp.MustCompile(`(?im)^\s*volume /`),
		"ENV k=v":               regexp.MustCompile(`(?im)^\s*env \w+=`),
		"EXPOSE <1024":          regexp.MustCompile(`(?im)^\s*expose (80|443|22|25)\b`),
		"USER root":             regexp.MustCompile(`(?im)^\s*user root\r?$`),
		"USER 0":                regexp.MustCompile(`(?im)^\s*user 0\r?$`),
		"USER 0:0":              regexp.MustCompile(`(?im)^\s*user 0:0\r?$`),
		"USER app":              regexp.MustCompile(`(?im)^\s*user app\r?$`),
		"USER 1000:1000":        regexp.MustCompile(`(?im)^\s*user 1000:1000\r?$`),
		"USER nobody":           regexp.MustCompile(`(?im)^\s*user nobody\r?$`),
		"ENTRYPOINT exec":       regexp.MustCompile(`(?im)^\s*entrypoint \[`),
		"ENTRYPOINT shell":      regexp.MustCompile(`(?im)^\s*entrypoint [^\[]`),
		"CMD exec":              regexp.MustCompile(`(?im)^\s*cmd \[`),
		"CMD shell":             regexp.MustCompile(`(?im)^\s*cmd [^\[]`),
		"gosu":                  regexp.MustCompile(`gosu`),
		"su-exec":               regexp.MustCompile(`su-exec`),
		"HEALTHCHECK":           regexp.MustCompile(`(?im)^\s*healthcheck `),
		"SHELL pipefail":        regexp.MustCompile(`SHELL \["/bin/bash", ?"-o", ?"pipefail", ?"-c"\]`),
		"ONBUILD RUN":           regexp.MustCompile(`(?i)onbuild run `),
		"LABEL":                 regexp.MustCompile(`(?im)^\s*label `),
		"ARG in stage":          regexp.MustCompile(`(?is)\nfrom .*\n\s*arg `),
		"comment":               regexp.MustCompile(`(?m)^\s*#`),
		"comment in cont.":      regexp.MustCompile(`\\\r?\n\s*# `),
		"blank in cont.":        regexp.MustCompile(`\\\r?\n\r?\n`),
		"indented instr":        regexp.MustCompile(`(?im)^[ \t]+(run|copy|env) `),
		"lowercase keywords":    regexp.MustCompile(`(?m)^from `),
		"mixed-case keyword":    regexp.MustCompile(`(?m)^(From|Run|Copy) `),
		"syntax directive":      regexp.MustCompile(`\A(\x{FEFF})?#\s*syntax=docker/dockerfile:1`),
		"escape backtick":       regexp.MustCompile("(?m)^#\\s*escape\\s*=\\s*`"),
		"backtick continuation": regexp.MustCompile("`\\r?\\n"),
		"CRLF":                  regexp.MustCompile(`\r\n`),
		"BOM":                   regexp.MustCompile(`\A\x{FEFF}`),
		"no final newline":      regexp.MustCompile(`[^\n]\z`),
	}
	for name, re := range features {
		found := false
		for _, f := range all {
			if re.Match(f) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("feature %q never generated", name)
		}
	}
}

func TestTree(t *testing.T) {
	const n = 300
	dir := t.TempDir()
	paths, err := Tree(dir, n, 42)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != n {
		t.Fatalf("Tree returned %d paths, want %d", len(paths), n)
	}
	seen := map[string]bool{}
	names := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Fatalf("duplicate path %s", p)
		}
		seen[p] = true
		names[filepath.Base(p)] = true
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !hasFrom(b) {
			t.Fatalf("%s has no FROM", p)
		}
		rel, _ := filepath.Rel(dir, p)
		if !strings.HasPrefix(rel, "svc") {
			t.Fatalf("unexpected layout: %s", rel)
		}
	}
	for _, want := range []string{"Dockerfile", "Containerfile", "app.Dockerfile", "Dockerfile.prod"} {
		if !names[want] {
			t.Errorf("no file named %s", want)
		}
	}
	var count int
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
		if !d.IsDir() {
			count++
		}
		return nil
	})
	if count != n {
		t.Fatalf("found %d files on disk, want %d", count, n)
	}

	// Same seed, different directory: same relative layout and contents.
	dir2 := t.TempDir()
	paths2, err := Tree(dir2, n, 42)
	if err != nil {
		t.Fatal(err)
	}
	for i := range paths {
		r1, _ := filepath.Rel(dir, paths[i])
		r2, _ := filepath.Rel(dir2, paths2[i])
		b1, _ := os.ReadFile(paths[i])
		b2, _ := os.ReadFile(paths2[i])
		if r1 != r2 || !bytes.Equal(b1, b2) {
			t.Fatalf("Tree not deterministic at %d: %s vs %s", i, r1, r2)
		}
	}
}
