// Package dfgen is a deterministic random Dockerfile generator. It is used to
// seed and extend fuzzing corpora and to build large benchmark trees.
//
// Output is realistic rather than uniformly random: each file picks a
// "style" (keyword case, escape token, line endings, comment density, ...),
// plans a set of stages (builder stages, runtime stages, stage references)
// and then emits instructions appropriate for each stage's base image family.
// Every generated file is meant to be accepted by the BuildKit Dockerfile
// parser (github.com/moby/buildkit/frontend/dockerfile/parser).
package dfgen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/images"
)

// Options controls the shape of a generated Dockerfile.
type Options struct {
	MaxStages int // maximum number of FROM stages; <= 0 means 3
	Lines     int // approximate target size in lines; 0 = random small (10-60)
}

// Generate returns one Dockerfile's bytes, deterministic for the given rng.
func Generate(r *rand.Rand, opt Options) []byte {
	if opt.MaxStages <= 0 {
		opt.MaxStages = 3
	}
	target := opt.Lines
	if target <= 0 {
		target = 10 + r.Intn(51)
	}
	g := &gen{r: r, target: target}
	g.windows = g.chance(0.025)
	g.pickStyle()
	g.plan(opt.MaxStages)
	g.header()
	g.body()
	return g.bytes()
}

// Tree writes n Dockerfiles under dir in nested subdirectories
// (dir/svcNNN/[sub/]name) with mixed families and sizes, deterministic for
// seed. It returns the paths written, in creation order.
func Tree(dir string, n int, seed int64) ([]string, error) {
	r := rand.New(rand.NewSource(seed))
	width := len(strconv.Itoa(n))
	if width < 3 {
		width = 3
	}
	paths := make([]string, 0, n)
	for svc := 1; len(paths) < n; svc++ {
		svcDir := filepath.Join(dir, fmt.Sprintf("svc%0*d", width, svc))
		used := map[string]bool{}
		k := 1 + r.Intn(6)
		for j := 0; j < k && len(paths) < n; j++ {
			rel := treeFileName(r)
			for used[rel] {
				rel = treeFileName(r)
			}
			used[rel] = true
			opt := Options{MaxStages: 3, Lines: treeSize(r)}
			if r.Intn(10) == 0 {
				opt.MaxStages = 5
			}
			data := Generate(rand.New(rand.NewSource(r.Int63())), opt)
			p := filepath.Join(svcDir, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return paths, err
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return paths, err
			}
			paths = append(paths, p)
		}
	}
	return paths, nil
}

var (
	treeSubdirs = []string{
		"", "", "", "", "docker", "build", "deploy", "deploy/prod",
		"services/api", "services/worker", "cmd/server", "ci", ".devcontainer",
	}
	treeNames = []string{
		"Dockerfile", "Dockerfile", "Dockerfile", "Dockerfile", "Containerfile",
		"app.Dockerfile", "Dockerfile.prod", "Dockerfile.dev", "worker.Dockerfile", "Dockerfile.alpine",
	}
)

func treeFileName(r *rand.Rand) string {
	return filepath.Join(treeSubdirs[r.Intn(len(treeSubdirs))], treeNames[r.Intn(len(treeNames))])
}

// treeSize: most files 20-80 lines, some tiny, some medium, a few 300-1000.
func treeSize(r *rand.Rand) int {
	switch x := r.Intn(100); {
	case x < 2:
		return 300 + r.Intn(701)
	case x < 7:
		return 80 + r.Intn(220)
	case x < 12:
		return 10 + r.Intn(10)
	default:
		return 20 + r.Intn(61)
	}
}

// ---------------------------------------------------------------------------
// Base image tables

type family int

const (
	famDebian   family = iota // apt-get, bash
	famAlpine                 // apk, ash
	famDNF                    // dnf: fedora, ubi9, amazonlinux:2023
	famMicroDNF               // microdnf: ubi-minimal
	famYum                    // yum: amazonlinux:2, centos:7
	famBusybox                // sh + adduser, no package manager
	famNoShell                // distroless, chainguard/static
	famScratch                // empty
	famWindows                // nanoserver / servercore
	famUnknown                // private images: assume a POSIX shell only
)

func (f family) hasShell() bool { return f != famNoShell && f != famScratch }

func (f family) hasBash() bool { return f == famDebian || f == famDNF || f == famYum }

func (f family) hasPkg() bool {
	return f == famDebian || f == famAlpine || f == famDNF || f == famMicroDNF || f == famYum
}

type lang int

const (
	langNone lang = iota
	langGo
	langNode
	langPython
	langRust
	langJava
	langDotnet
)

type baseImage struct {
	ref    string
	fam    family // from the image table (images.Lookup), set in init
	lang   lang
	weight int
	argVar string // if set, ref uses ${argVar}; a global ARG argVar=argDef is emitted
	argDef string
}

var builderBases = []baseImage{
	{ref: "golang:1.22", lang: langGo, weight: 6},
	{ref: "golang:1.22-alpine", lang: langGo, weight: 3},
	{ref: "golang:1.22-bookworm", lang: langGo, weight: 1},
	{ref: "docker.io/library/golang:1.22", lang: langGo, weight: 1},
	{ref: "node:20", lang: langNode, weight: 4},
	{ref: "node:20-alpine", lang: langNode, weight: 3},
	{ref: "python:3.12", lang: langPython, weight: 4},
	{ref: "python:3.12-slim", lang: langPython, weight: 2},
	{ref: "cgr.dev/chainguard/python:latest-dev", lang: langPython, weight: 1},
	{ref: "rust:1.79", lang: langRust, weight: 1},
	{ref: "maven:3.9-eclipse-temurin-21", lang: langJava, weight: 1},
	{ref: "golang:${GO_VERSION}-alpine", lang: langGo, weight: 1, argVar: "GO_VERSION", argDef: "1.22"},
	{ref: "node:${NODE_VERSION}-bookworm-slim", lang: langNode, weight: 1, argVar: "NODE_VERSION", argDef: "20"},
	{ref: "python:${PYTHON_VERSION}-slim", lang: langPython, weight: 1, argVar: "PYTHON_VERSION", argDef: "3.12"},
}

var runtimeBases = []baseImage{
	{ref: "debian:bookworm-slim", weight: 8},
	{ref: "docker.io/library/debian:12", weight: 1},
	{ref: "ubuntu:24.04", weight: 6},
	{ref: "ubuntu:22.04", weight: 2},
	{ref: "python:3.12", lang: langPython, weight: 3},
	{ref: "python:3.12-slim", lang: langPython, weight: 3},
	{ref: "node:20", lang: langNode, weight: 3},
	{ref: "node:20-alpine", lang: langNode, weight: 3},
	{ref: "nginx:1.27", weight: 1},
	{ref: "nginx:1.27-alpine", weight: 1},
	{ref: "eclipse-temurin:21-jre", lang: langJava, weight: 1},
	{ref: "alpine:3.20", weight: 7},
	{ref: "alpine", weight: 1},
	{ref: "busybox", weight: 2},
	{ref: "busybox:1.36-musl", weight: 1},
	{ref: "redhat/ubi9", weight: 2},
	{ref: "registry.access.redhat.com/ubi9/ubi-minimal", weight: 2},
	{ref: "registry.access.redhat.com/ubi9/ubi-minimal:9.4", weight: 1},
	{ref: "fedora:40", weight: 2},
	{ref: "amazonlinux:2023", weight: 2},
	{ref: "amazonlinux:2", weight: 1},
	{ref: "centos:7", weight: 1},
	{ref: "gcr.io/distroless/static-debian12", weight: 4},
	{ref: "gcr.io/distroless/base:nonroot", weight: 2},
	{ref: "gcr.io/distroless/python3-debian12", lang: langPython, weight: 1},
	{ref: "cgr.dev/chainguard/static", weight: 2},
	{ref: "cgr.dev/chainguard/static:latest", weight: 1},
	{ref: "cgr.dev/chainguard/python:latest-dev", lang: langPython, weight: 1},
	{ref: "scratch", weight: 3},
	{ref: "registry.example.com/team/base:1.2", weight: 3},
	{ref: "registry.example.com:5000/platform/runtime:2024.06", weight: 1},
	{ref: "ghcr.io/example-org/app-base:v3", weight: 1},
}

// familyOf maps dockerharden's image table to the generator's families,
// which also say which package manager to write. Reading the one table
// keeps the generator's idea of an image the tool's.
func familyOf(ref string) family {
	if strings.Contains(ref, "${") {
		name, def, _ := strings.Cut(ref, "${")
		_, rest, _ := strings.Cut(def, "}")
		ref = name + "x" + rest // "golang:${V}-alpine": only the tag's shape matters
	}
	img := images.Lookup(ref)
	switch img.Family {
	case images.Debian:
		return famDebian
	case images.Alpine:
		if img.Variant == "busybox" {
			return famBusybox
		}
		return famAlpine
	case images.RHEL:
		switch img.PkgMgr {
		case "microdnf":
			return famMicroDNF
		case "yum":
			return famYum
		case "":
			return famNoShell // ubi-micro: a shell, but nothing to install with
		}
		return famDNF
	case images.ShellLess:
		if img.Variant == "scratch" {
			return famScratch
		}
		return famNoShell
	case images.Windows:
		return famWindows
	}
	return famUnknown
}

func init() {
	for _, t := range [][]baseImage{builderBases, runtimeBases, windowsBuilders, windowsRuntimes} {
		for i := range t {
			t[i].fam = familyOf(t[i].ref)
		}
	}
}

var windowsBuilders = []baseImage{
	{ref: "mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022", lang: langDotnet, weight: 1},
}

var windowsRuntimes = []baseImage{
	{ref: "mcr.microsoft.com/windows/nanoserver:ltsc2022", weight: 3},
	{ref: "mcr.microsoft.com/windows/servercore:ltsc2022", weight: 1},
	{ref: "mcr.microsoft.com/dotnet/runtime:8.0-nanoserver-ltsc2022", lang: langDotnet, weight: 1},
}

// ---------------------------------------------------------------------------
// Generator state

type caseMode int

const (
	caseUpper caseMode = iota
	caseLower
	caseTitle
	caseMixed
)

type style struct {
	kw           caseMode
	kwNoise      float64 // probability a keyword deviates from the majority case
	esc          string  // escape / line-continuation token: `\` or "`"
	escDirective string  // "" or the full escape directive line
	syntax       string  // "" or the full syntax directive line
	crlf         bool
	bom          bool
	noFinalNL    bool
	contSuffix   string // appended to continued lines, e.g. " \"
	contIndent   string
	bodyIndent   string  // leading indentation of non-FROM instructions
	commentP     float64 // whole-line comment between instructions
	blankP       float64 // blank line between instructions
	contCommentP float64 // comment line inside a continuation
	contBlankP   float64 // blank line inside a continuation
}

type artifact struct{ src, dst string }

type stage struct {
	index     int
	name      string // as written after AS; "" if unnamed
	from      string // FROM argument (image, ${ARG} or stage reference)
	platform  string
	fam       family
	lang      lang
	builder   bool
	final     bool
	parent    int    // index of the stage this one is built FROM, or -1
	user      string // user created in this stage ("" if none)
	uid       int
	workdir   string
	artifacts []artifact
}

type gen struct {
	r          *rand.Rand
	target     int
	windows    bool
	st         style
	lines      []string
	stages     []*stage
	globalArgs []string // ARG lines before the first FROM (without keyword)
	usedNames  map[string]bool
	healthDone bool
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) pick(xs []string) string { return xs[g.r.Intn(len(xs))] }

func (g *gen) pickBase(bs []baseImage) baseImage {
	total := 0
	for _, b := range bs {
		total += b.weight
	}
	n := g.r.Intn(total)
	for _, b := range bs {
		if n < b.weight {
			return b
		}
		n -= b.weight
	}
	return bs[0]
}

// sample returns k distinct elements of xs in random order.
func (g *gen) sample(xs []string, k int) []string {
	if k > len(xs) {
		k = len(xs)
	}
	out := make([]string, 0, k)
	for _, i := range g.r.Perm(len(xs))[:k] {
		out = append(out, xs[i])
	}
	return out
}

func (g *gen) pickStyle() {
	s := &g.st
	switch x := g.r.Intn(100); {
	case x < 78:
		s.kw = caseUpper
		if g.chance(0.2) {
			s.kwNoise = 0.1
		}
	case x < 92:
		s.kw, s.kwNoise = caseLower, 0.12
	default:
		s.kw, s.kwNoise = caseTitle, 0.12
	}
	s.esc = `\`
	backtickP := 0.04
	if g.windows {
		backtickP = 0.5
	}
	if g.chance(backtickP) {
		s.esc = "`"
		s.escDirective = g.pick([]string{"# escape=`", "# escape=`", "#escape=`", "# escape = `"})
	} else if g.chance(0.01) {
		s.escDirective = `# escape=\`
	}
	if g.chance(0.25) {
		s.syntax = g.pick([]string{
			"# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1",
			"# syntax=docker/dockerfile:1.7", "#syntax=docker/dockerfile:1",
		})
	}
	crlfP := 0.05
	if g.windows {
		crlfP = 0.5
	}
	s.crlf = g.chance(crlfP)
	s.bom = g.chance(0.02)
	s.noFinalNL = g.chance(0.04)
	switch x := g.r.Intn(20); {
	case x == 0:
		s.contSuffix = s.esc // no space before the token
	case x == 1:
		s.contSuffix = " " + s.esc + "  " // trailing whitespace after the token
	default:
		s.contSuffix = " " + s.esc
	}
	s.contIndent = g.pick([]string{"    ", "    ", "    ", "  ", "\t", "        ", ""})
	if g.chance(0.1) {
		s.bodyIndent = g.pick([]string{"  ", "    ", "\t"})
	}
	s.commentP = []float64{0, 0.05, 0.15, 0.3}[g.r.Intn(4)]
	s.blankP = []float64{0, 0.1, 0.3, 0.6}[g.r.Intn(4)]
	if g.chance(0.3) {
		s.contCommentP = 0.15
	}
	if g.chance(0.15) {
		s.contBlankP = 0.1
	}
}

// kw renders an instruction keyword in the file's majority case, occasionally
// deviating.
func (g *gen) kw(k string) string {
	m := g.st.kw
	if g.st.kwNoise > 0 && g.chance(g.st.kwNoise) {
		m = caseMode(g.r.Intn(4))
	}
	switch m {
	case caseLower:
		return strings.ToLower(k)
	case caseTitle:
		return k[:1] + strings.ToLower(k[1:])
	case caseMixed:
		b := []byte(strings.ToLower(k))
		for i := range b {
			if g.chance(0.5) {
				b[i] = strings.ToUpper(string(b[i]))[0]
			}
		}
		return string(b)
	}
	return strings.ToUpper(k)
}

// ---------------------------------------------------------------------------
// Low-level emitters

func (g *gen) emit(line string) { g.lines = append(g.lines, line) }

// instr emits a single-line instruction.
func (g *gen) instr(kw, args string) {
	g.emit(g.st.bodyIndent + g.kw(kw) + " " + args)
}

// multi emits an instruction spread over several physical lines joined by
// the escape token, with occasional comment and blank lines inside the
// continuation.
func (g *gen) multi(kw string, parts ...string) {
	if len(parts) == 1 {
		g.instr(kw, parts[0])
		return
	}
	g.emit(g.st.bodyIndent + g.kw(kw) + " " + parts[0] + g.st.contSuffix)
	for i, p := range parts[1:] {
		if g.st.contCommentP > 0 && g.chance(g.st.contCommentP) {
			g.emit(g.st.bodyIndent + g.st.contIndent + "# " + g.pick(contComments))
		}
		if g.st.contBlankP > 0 && g.chance(g.st.contBlankP) {
			g.emit("")
		}
		line := g.st.bodyIndent + g.st.contIndent + p
		if i < len(parts)-2 {
			line += g.st.contSuffix
		}
		g.emit(line)
	}
}

// heredoc emits `KW pre<<NAME post` (one or more heredocs), the bodies and
// the terminators. Some heredocs are chomped (<<-, tab-indented) or quoted.
func (g *gen) heredoc(kw, pre, post string, names []string, bodies [][]string) {
	type hd struct {
		name  string
		chomp bool
	}
	docs := make([]hd, len(names))
	words := make([]string, len(names))
	for i, name := range names {
		chomp := g.chance(0.25)
		quote := ""
		if g.chance(0.25) {
			quote = g.pick([]string{"'", "'", `"`})
		}
		op := "<<"
		if chomp {
			op = "<<-"
		}
		docs[i] = hd{name, chomp}
		words[i] = op + quote + name + quote
	}
	g.instr(kw, pre+strings.Join(words, " ")+post)
	for i, d := range docs {
		for _, l := range bodies[i] {
			if strings.TrimLeft(l, "\t") == d.name {
				continue // would terminate the heredoc early
			}
			if d.chomp && l != "" {
				l = strings.Repeat("\t", 1+g.r.Intn(2)) + l
			}
			g.emit(l)
		}
		term := d.name
		if d.chomp && g.chance(0.85) {
			term = "\t" + term
		}
		g.emit(term)
	}
}

// jsonArr renders an exec-form JSON array with varying spacing.
func (g *gen) jsonArr(items ...string) string {
	sep, open, closing := ", ", "[", "]"
	switch g.r.Intn(8) {
	case 0:
		sep = ","
	case 1:
		open, closing = "[ ", " ]"
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return open + strings.Join(q, sep) + closing
}

// between emits optional trivia between instructions.
func (g *gen) between() {
	if g.chance(g.st.blankP) {
		g.emit("")
	}
	if g.chance(g.st.commentP) {
		indent := g.st.bodyIndent
		if g.chance(0.1) {
			indent = "  "
		}
		g.emit(indent + g.pick(comments))
		if g.chance(0.2) {
			g.emit(indent + g.pick(comments))
		}
	}
}

func (g *gen) bytes() []byte {
	nl := "\n"
	if g.st.crlf {
		nl = "\r\n"
	}
	var b strings.Builder
	if g.st.bom {
		b.WriteString("\xEF\xBB\xBF")
	}
	b.WriteString(strings.Join(g.lines, nl))
	if !g.st.noFinalNL {
		b.WriteString(nl)
	}
	return []byte(b.String())
}

// ---------------------------------------------------------------------------
// Planning

var (
	builderNames = []string{"builder", "build", "compile", "deps", "assets", "frontend", "backend", "build-env"}
	midNames     = []string{"base", "runtime-base", "prep", "test", "certs", "tools"}
	finalNames   = []string{"runtime", "final", "prod", "release", "app"}
)

func (g *gen) plan(maxStages int) {
	n := 1 + g.r.Intn(maxStages)
	g.usedNames = map[string]bool{}
	for i := 0; i < n; i++ {
		st := &stage{index: i, parent: -1, final: i == n-1}
		refP := 0.12
		if st.final {
			refP = 0.2
		}
		var b baseImage
		switch {
		case i > 0 && g.chance(refP):
			j := g.r.Intn(i)
			p := g.stages[j]
			st.parent, st.fam, st.lang = j, p.fam, p.lang
			st.from = g.stageRef(j, true)
		case g.windows && !st.final:
			b, st.builder = g.pickBase(windowsBuilders), true
		case g.windows:
			b = g.pickBase(windowsRuntimes)
		case !st.final && g.chance(0.75):
			b, st.builder = g.pickBase(builderBases), true
		case g.chance(0.1):
			// ARG BASE=... before the first FROM, FROM ${BASE}.
			b = g.pickBase(runtimeBases)
			v := g.pick([]string{"BASE", "BASE", "BASE_IMAGE", "RUNTIME_IMAGE"})
			if g.chance(0.15) {
				g.globalArgs = append(g.globalArgs, v)
				b.ref = "${" + v + ":-" + b.ref + "}"
			} else {
				g.globalArgs = append(g.globalArgs, v+"="+b.ref)
				b.ref = g.pick([]string{"${" + v + "}", "${" + v + "}", "$" + v})
			}
		default:
			b = g.pickBase(runtimeBases)
		}
		if st.parent < 0 {
			st.fam, st.lang, st.from = b.fam, b.lang, b.ref
			if b.argVar != "" {
				g.globalArgs = append(g.globalArgs, b.argVar+"="+b.argDef)
			}
			if b.ref != "scratch" && !strings.Contains(b.ref, "$") && g.chance(0.05) {
				st.from += "@sha256:" + g.hex(64)
			}
		}
		st.name = g.stageName(st)
		if st.builder && g.chance(0.35) {
			st.platform = g.pick([]string{"$BUILDPLATFORM", "$BUILDPLATFORM", "${BUILDPLATFORM}"})
		} else if st.parent < 0 && g.chance(0.04) {
			st.platform = g.pick([]string{"linux/amd64", "$TARGETPLATFORM", "linux/arm64"})
		}
		st.artifacts = artifactsFor(st.lang, st.fam)
		g.stages = append(g.stages, st)
	}
	if g.chance(0.15) {
		g.globalArgs = append(g.globalArgs, g.pick([]string{"TARGETPLATFORM", "APP_UID=10001", "VERSION=0.0.0-dev", "HTTP_PROXY"}))
	}
}

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.r.Intn(16)]
	}
	return string(b)
}

// stageName picks a unique (case-insensitively) stage name in varying case,
// or "" for an unnamed stage.
func (g *gen) stageName(st *stage) string {
	var pool []string
	switch {
	case st.final:
		if !g.chance(0.35) {
			return ""
		}
		pool = finalNames
	case st.builder:
		if !g.chance(0.88) {
			return ""
		}
		pool = builderNames
	default:
		if !g.chance(0.8) {
			return ""
		}
		pool = midNames
	}
	name := g.pick(pool)
	if g.usedNames[name] {
		name += strconv.Itoa(st.index)
	}
	g.usedNames[name] = true
	switch x := g.r.Intn(20); {
	case x < 2:
		name = strings.ToUpper(name[:1]) + name[1:]
	case x < 3:
		name = strings.ToUpper(name)
	}
	return name
}

// stageRef returns a reference to stage j: its name (sometimes in a
// different case) or its index.
func (g *gen) stageRef(j int, forFrom bool) string {
	name := g.stages[j].name
	if name == "" || (!forFrom && g.chance(0.08)) {
		return strconv.Itoa(j)
	}
	if g.chance(0.15) {
		if g.chance(0.5) {
			return strings.ToLower(name)
		}
		return strings.ToUpper(name)
	}
	return name
}

func artifactsFor(l lang, f family) []artifact {
	switch l {
	case langGo:
		return []artifact{{"/out/app", "/usr/local/bin/app"}}
	case langNode:
		return []artifact{{"/app/dist", "/app/dist"}, {"/app/node_modules", "/app/node_modules"}}
	case langPython:
		return []artifact{{"/install", "/usr/local"}, {"/app", "/app"}}
	case langRust:
		return []artifact{{"/usr/local/bin/app", "/usr/local/bin/app"}}
	case langJava:
		return []artifact{{"/app/target/app.jar", "/app/app.jar"}}
	case langDotnet:
		return []artifact{{"/app/publish", "."}}
	}
	if f == famWindows {
		return []artifact{{"C:/app", "C:/app"}}
	}
	return []artifact{{"/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs/"}, {"/etc/passwd", "/etc/passwd"}}
}

// ---------------------------------------------------------------------------
// Emission

var headerComments = []string{
	"# Build with: docker build -t example/app .",
	"# Dockerfile for the example service",
	"# Maintained by the platform team.",
	"#",
	"# --------------------------------------------------------------------",
	"# NOTE: keep base images pinned",
}

func (g *gen) header() {
	dirs := []string{}
	if g.st.syntax != "" {
		dirs = append(dirs, g.st.syntax)
	}
	if g.st.escDirective != "" {
		dirs = append(dirs, g.st.escDirective)
	}
	if len(dirs) == 2 && g.chance(0.3) {
		dirs[0], dirs[1] = dirs[1], dirs[0]
	}
	for _, d := range dirs {
		g.emit(d)
	}
	if len(dirs) > 0 && g.chance(0.5) {
		g.emit("")
	}
	if g.chance(0.3) {
		for i := 0; i < 1+g.r.Intn(3); i++ {
			g.emit(g.pick(headerComments))
		}
		if g.chance(0.7) {
			g.emit("")
		}
	}
	for _, a := range g.globalArgs {
		g.instr("ARG", a)
	}
	if len(g.globalArgs) > 0 && g.chance(0.7) {
		g.emit("")
	}
}

func (g *gen) body() {
	remaining := g.target - len(g.lines)
	weights := 0.0
	for _, st := range g.stages {
		if st.final {
			weights += 1.5
		} else {
			weights += 1
		}
	}
	for i, st := range g.stages {
		w := 1.0
		if st.final {
			w = 1.5
		}
		budget := int(float64(remaining) * w / weights)
		if i > 0 {
			if g.chance(0.85) {
				g.emit("")
			}
			if g.chance(0.25) {
				g.emit(g.pick(stageComments))
			}
		}
		g.emitStage(st, budget)
	}
}

var stageComments = []string{
	"# ---- build ----", "# Runtime image", "# Stage: dependencies",
	"# final image", "################################", "## Build stage",
}

func (g *gen) emitFrom(st *stage) {
	var b strings.Builder
	b.WriteString(g.kw("FROM"))
	if st.platform != "" {
		b.WriteString(" --platform=" + st.platform)
	}
	b.WriteString(" " + st.from)
	if st.name != "" {
		b.WriteString(" " + g.kw("AS") + " " + st.name)
	}
	g.emit(b.String())
}

func (g *gen) emitStage(st *stage, budget int) {
	start := len(g.lines)
	g.emitFrom(st)
	var steps, trailer []func(*stage)
	switch {
	case st.fam == famWindows:
		steps, trailer = g.windowsSteps(st)
	case st.builder:
		steps = g.builderSteps(st)
	case st.final:
		steps, trailer = g.finalSteps(st)
	default:
		steps = g.midSteps(st)
	}
	for _, s := range steps {
		g.between()
		s(st)
	}
	reserve := 2 * len(trailer)
	for len(g.lines)-start < budget-reserve {
		g.between()
		g.filler(st)
	}
	for _, s := range trailer {
		g.between()
		s(st)
	}
}

// ---------------------------------------------------------------------------
// Stage plans

func (g *gen) builderSteps(st *stage) []func(*stage) {
	var s []func(*stage)
	if st.platform != "" && g.chance(0.7) {
		s = append(s, func(*stage) { g.instr("ARG", "TARGETOS") }, func(*stage) { g.instr("ARG", "TARGETARCH") })
	}
	if g.chance(0.3) {
		s = append(s, g.env)
	}
	if st.fam.hasPkg() && g.chance(0.4) {
		s = append(s, g.runInstall)
	}
	s = append(s, func(st *stage) {
		st.workdir = g.pick([]string{"/src", "/app", "/app", "/build", "/go/src/app", "/usr/src/app"})
		if st.lang != langGo && st.workdir == "/go/src/app" {
			st.workdir = "/app"
		}
		g.instr("WORKDIR", st.workdir)
	})
	cm := func(target string) string {
		if g.chance(0.6) {
			return "--mount=type=cache,target=" + target + " "
		}
		return ""
	}
	switch st.lang {
	case langGo:
		s = append(s,
			func(*stage) { g.instr("COPY", "go.mod go.sum ./") },
			func(*stage) { g.instr("RUN", cm("/go/pkg/mod")+"go mod download") },
			func(*stage) { g.instr("COPY", ". .") },
			func(*stage) {
				mounts := cm("/go/pkg/mod") + cm("/root/.cache/go-build")
				cmd := `CGO_ENABLED=0 GOOS=${TARGETOS:-linux} GOARCH=${TARGETARCH} go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app`
				if g.chance(0.5) {
					g.multi("RUN", strings.TrimSpace(mounts), cmd)
				} else {
					g.instr("RUN", mounts+cmd)
				}
			})
	case langNode:
		s = append(s,
			func(*stage) { g.instr("COPY", "package.json package-lock.json ./") },
			func(*stage) { g.instr("RUN", cm("/root/.npm")+"npm ci") },
			func(*stage) { g.instr("COPY", ". .") },
			func(*stage) { g.instr("RUN", "npm run build && npm prune --omit=dev") })
	case langPython:
		s = append(s,
			func(*stage) { g.instr("COPY", "requirements.txt .") },
			func(*stage) {
				g.instr("RUN", cm("/root/.cache/pip")+"pip install --prefix=/install -r requirements.txt")
			},
			func(*stage) { g.instr("COPY", ". /app") })
	case langRust:
		s = append(s,
			func(*stage) { g.instr("COPY", "Cargo.toml Cargo.lock ./") },
			func(*stage) { g.instr("COPY", "src ./src") },
			func(*stage) {
				g.multi("RUN", "--mount=type=cache,target=/usr/local/cargo/registry",
					"--mount=type=cache,target=/app/target,sharing=locked",
					"cargo build --release && cp target/release/app /usr/local/bin/app")
			})
	case langJava:
		s = append(s,
			func(*stage) { g.instr("COPY", "pom.xml .") },
			func(*stage) { g.instr("RUN", cm("/root/.m2")+"mvn -B -q dependency:go-offline") },
			func(*stage) { g.instr("COPY", "src ./src") },
			func(*stage) { g.instr("RUN", "mvn -B package -DskipTests && cp target/*.jar target/app.jar") })
	}
	return s
}

func (g *gen) midSteps(st *stage) []func(*stage) {
	var s []func(*stage)
	if st.fam.hasPkg() && g.chance(0.7) {
		s = append(s, g.runInstall)
	}
	if st.fam.hasShell() && g.chance(0.5) {
		s = append(s, g.runUser)
	}
	if g.chance(0.5) {
		s = append(s, g.workdir)
	}
	return s
}

func (g *gen) finalSteps(st *stage) (steps, trailer []func(*stage)) {
	if g.chance(0.25) {
		steps = append(steps, g.label)
	}
	if g.chance(0.2) {
		steps = append(steps, g.arg)
	}
	if g.chance(0.3) {
		steps = append(steps, g.env)
	}
	if st.fam.hasPkg() && g.chance(0.7) {
		steps = append(steps, g.runInstall)
	}
	if st.fam.hasShell() && g.chance(0.6) {
		steps = append(steps, g.runUser)
	}
	if g.chance(0.7) {
		steps = append(steps, g.workdir)
	}
	for j := 0; j < st.index; j++ {
		if g.stages[j].builder || g.chance(0.3) {
			j := j
			steps = append(steps, func(st *stage) { g.copyFromStage(st, j) })
		}
	}
	if g.chance(0.5) {
		steps = append(steps, g.copyLocal)
	}
	if st.fam.hasShell() && g.chance(0.4) {
		steps = append(steps, g.runMkdir)
	}

	if g.chance(0.15) {
		trailer = append(trailer, g.volume)
	}
	if g.chance(0.6) {
		trailer = append(trailer, g.expose)
	}
	if g.chance(0.7) {
		trailer = append(trailer, g.user)
	}
	if g.chance(0.25) {
		trailer = append(trailer, g.healthcheck)
	}
	switch x := g.r.Intn(10); {
	case x < 3:
		trailer = append(trailer, g.entrypoint, g.cmd)
	case x < 5:
		trailer = append(trailer, g.entrypoint)
	case x < 9:
		trailer = append(trailer, g.cmd)
	}
	return steps, trailer
}

// ---------------------------------------------------------------------------
// Filler

type fillKind struct {
	weight int
	ok     func(*stage) bool
	emit   func(*gen, *stage)
}

var (
	always   = func(*stage) bool { return true }
	shellOK  = func(st *stage) bool { return st.fam.hasShell() }
	pkgOK    = func(st *stage) bool { return st.fam.hasPkg() }
	finalOK  = func(st *stage) bool { return st.final }
	laterOK  = func(st *stage) bool { return st.index > 0 }
	shellCmd = func(st *stage) bool { return st.fam.hasShell() && st.fam != famBusybox }
)

var fillKinds = []fillKind{
	{10, shellOK, (*gen).runSimple},
	{5, pkgOK, (*gen).runInstall},
	{5, shellOK, (*gen).runHeredoc},
	{4, shellOK, (*gen).runExec},
	{2, shellOK, (*gen).runUser},
	{4, shellOK, (*gen).runMkdir},
	{3, shellCmd, (*gen).runMount},
	{10, always, (*gen).copyLocal},
	{3, always, (*gen).add},
	{3, always, (*gen).copyHeredoc},
	{3, laterOK, func(g *gen, st *stage) { g.copyFromStage(st, g.r.Intn(st.index)) }},
	{6, always, (*gen).env},
	{3, always, (*gen).arg},
	{3, always, (*gen).label},
	{3, always, (*gen).workdir},
	{2, always, (*gen).expose},
	{2, always, (*gen).volume},
	{3, always, (*gen).user},
	{1, shellOK, (*gen).shell},
	{1, always, (*gen).onbuild},
	{1, always, (*gen).stopsignal},
	{1, always, (*gen).maintainer},
	{1, finalOK, (*gen).healthcheck},
	{1, always, (*gen).cmd},
}

func (g *gen) filler(st *stage) {
	if st.fam == famWindows {
		g.windowsFiller(st)
		return
	}
	total := 0
	for _, k := range fillKinds {
		if k.ok(st) {
			total += k.weight
		}
	}
	n := g.r.Intn(total)
	for _, k := range fillKinds {
		if !k.ok(st) {
			continue
		}
		if n < k.weight {
			k.emit(g, st)
			return
		}
		n -= k.weight
	}
}

// ---------------------------------------------------------------------------
// Instruction helpers: RUN

var (
	aptPkgs = []string{
		"ca-certificates", "curl", "tini", "gosu", "libpq5", "tzdata", "git", "openssl",
		"procps", "dumb-init", "netcat-openbsd", "jq", "unzip", "less", "locales", "wget", "libssl3",
	}
	apkPkgs = []string{
		"ca-certificates", "curl", "tini", "su-exec", "tzdata", "git", "bash",
		"libstdc++", "openssl", "jq", "shadow", "libcap", "wget",
	}
	rpmPkgs = []string{
		"shadow-utils", "ca-certificates", "tar", "gzip", "procps-ng", "findutils",
		"openssl", "jq", "hostname", "util-linux", "which",
	}
)

// pkgList returns a package list whose length grows with the target size.
func (g *gen) pkgList(pool []string) []string {
	k := 1 + g.r.Intn(4)
	if g.target > 200 {
		k += g.r.Intn(len(pool))
	}
	return g.sample(pool, k)
}

func (g *gen) runInstall(st *stage) {
	switch st.fam {
	case famDebian:
		pkgs := g.pkgList(aptPkgs)
		switch g.r.Intn(5) {
		case 0:
			g.instr("RUN", "apt-get update && apt-get install -y --no-install-recommends "+
				strings.Join(pkgs, " ")+" && rm -rf /var/lib/apt/lists/*")
		case 1:
			g.multi("RUN", "--mount=type=cache,target=/var/cache/apt,sharing=locked",
				"--mount=type=cache,target=/var/lib/apt,sharing=locked",
				"apt-get update && apt-get install -y --no-install-recommends "+strings.Join(pkgs, " "))
		case 2:
			g.instr("RUN", "DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -yq "+strings.Join(pkgs, " "))
		default:
			parts := []string{"set -eux;", "apt-get update;", "apt-get install -y --no-install-recommends"}
			if g.chance(0.5) {
				parts = []string{"apt-get update", "&& apt-get install -y --no-install-recommends"}
			}
			for _, p := range pkgs {
				parts = append(parts, "    "+p)
			}
			if strings.HasSuffix(parts[0], ";") {
				parts[len(parts)-1] += ";"
				parts = append(parts, "rm -rf /var/lib/apt/lists/*")
			} else {
				parts = append(parts, "&& apt-get clean", "&& rm -rf /var/lib/apt/lists/*")
			}
			g.multi("RUN", parts...)
		}
	case famAlpine:
		pkgs := g.pkgList(apkPkgs)
		switch g.r.Intn(4) {
		case 0:
			g.instr("RUN", "--mount=type=cache,target=/var/cache/apk apk add --update "+strings.Join(pkgs, " "))
		case 1:
			g.multi("RUN", "apk add --no-cache --virtual .build-deps gcc musl-dev",
				"&& apk add --no-cache "+strings.Join(pkgs, " "),
				"&& apk del .build-deps")
		default:
			g.instr("RUN", "apk add --no-cache "+strings.Join(pkgs, " "))
		}
	case famDNF:
		pkgs := g.pkgList(rpmPkgs)
		if g.chance(0.5) {
			g.instr("RUN", "dnf install -y --setopt=install_weak_deps=False "+strings.Join(pkgs, " ")+" && dnf clean all")
		} else {
			g.multi("RUN", "dnf -y update", "&& dnf -y install "+strings.Join(pkgs, " "), "&& dnf clean all", "&& rm -rf /var/cache/dnf")
		}
	case famMicroDNF:
		g.instr("RUN", "microdnf install -y "+strings.Join(g.pkgList(rpmPkgs), " ")+" && microdnf clean all")
	case famYum:
		g.instr("RUN", "yum install -y "+strings.Join(g.pkgList(rpmPkgs), " ")+" && yum clean all && rm -rf /var/cache/yum")
	default:
		g.runSimple(st)
	}
}

var userNames = []string{"app", "app", "appuser", "nonroot", "svc", "worker", "runner"}

func (g *gen) runUser(st *stage) {
	name := g.pick(userNames)
	uid := []int{1000, 1000, 1001, 10001, 999, 65532}[g.r.Intn(6)]
	st.user, st.uid = name, uid
	u := strconv.Itoa(uid)
	switch st.fam {
	case famAlpine, famBusybox:
		switch g.r.Intn(3) {
		case 0:
			g.instr("RUN", "addgroup -S "+name+" && adduser -S -G "+name+" -u "+u+" "+name)
		case 1:
			g.instr("RUN", "adduser -D -u "+u+" -h /home/"+name+" "+name)
		default:
			g.multi("RUN", "addgroup -g "+u+" -S "+name, "&& adduser -u "+u+" -S "+name+" -G "+name)
		}
	default:
		switch g.r.Intn(6) {
		case 0:
			g.instr("RUN", "useradd -m -u "+u+" "+name)
		case 1:
			g.multi("RUN", "groupadd --system --gid "+u+" "+name,
				"&& useradd --system --uid "+u+" --gid "+name+" --create-home --shell /usr/sbin/nologin "+name)
		case 2:
			g.instr("RUN", "useradd -r -u "+u+" -g 0 "+name)
		case 3:
			g.instr("RUN", `adduser --disabled-password --gecos "" --uid `+u+" "+name)
		case 4:
			g.instr("RUN", `echo "`+name+":x:"+u+":"+u+"::/home/"+name+`:/sbin/nologin" >> /etc/passwd`)
		default:
			g.instr("RUN", g.jsonArr("useradd", "-u", u, "-U", name))
		}
	}
}

func (g *gen) userOr(st *stage, def string) string {
	if st.user != "" {
		return st.user
	}
	return def
}

func (g *gen) runMkdir(st *stage) {
	u := g.userOr(st, "1000")
	switch g.r.Intn(4) {
	case 0:
		g.instr("RUN", "mkdir -p /app/data /var/log/app && chown -R "+u+":"+u+" /app /var/log/app")
	case 1:
		g.instr("RUN", "mkdir /data && chmod 0775 /data")
	case 2:
		g.instr("RUN", "install -d -o "+u+" -g "+u+" -m 0755 /run/app")
	default:
		g.instr("RUN", g.jsonArr("mkdir", "-p", "/app/cache"))
	}
}

var simpleRuns = []string{
	"ln -sf /usr/share/zoneinfo/UTC /etc/localtime",
	"chmod +x /usr/local/bin/entrypoint.sh",
	`echo "$VERSION" > /VERSION`,
	"set -eux; mkdir -p /srv/cache; chmod 0775 /srv/cache",
	`find / -xdev -perm /6000 -type f -exec chmod a-s {} \; || true`,
	"update-ca-certificates",
	"chown -R {u}:0 /app && chmod -R g=u /app",
	"test -x /usr/local/bin/app",
	"true",
	`sh -c 'echo "hello from $(uname -m)"'`,
	"rm -rf /tmp/* /var/tmp/*",
	"touch /var/log/app.log && chmod 666 /var/log/app.log",
	"id && whoami",
	`echo "done" # not a comment: part of the command`,
	"chown {u} /home/{u}",
	"ls -la /app",
	"sed -i 's/^#\\s*PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config || true",
}

var langRuns = map[lang][]string{
	langPython: {"pip install --no-cache-dir -r requirements.txt", "python -m compileall -q /app"},
	langNode:   {"npm ci --omit=dev", "npm cache clean --force"},
	langGo:     {"go vet ./...", "go test ./..."},
}

func (g *gen) runSimple(st *stage) {
	cmds := simpleRuns
	if extra := langRuns[st.lang]; len(extra) > 0 && g.chance(0.3) {
		cmds = extra
	}
	cmd := strings.ReplaceAll(g.pick(cmds), "{u}", g.userOr(st, "1000"))
	if g.chance(0.15) {
		second := strings.ReplaceAll(g.pick(simpleRuns), "{u}", g.userOr(st, "1000"))
		g.multi("RUN", cmd, "&& "+second)
		return
	}
	g.instr("RUN", cmd)
}

func (g *gen) runExec(st *stage) {
	switch g.r.Intn(5) {
	case 0:
		g.instr("RUN", g.jsonArr("/bin/sh", "-c", "echo building && mkdir -p /app"))
	case 1:
		g.instr("RUN", g.jsonArr("pip", "install", "--no-cache-dir", "-r", "requirements.txt"))
	case 2:
		g.instr("RUN", g.jsonArr("/bin/bash", "-c", "set -o pipefail && curl -fsSL https://example.com/install.sh | sh"))
	case 3:
		g.instr("RUN", g.jsonArr("chmod", "0755", "/usr/local/bin/entrypoint.sh"))
	default:
		g.multi("RUN", `["sh", "-c",`, `"echo multi-line exec form"]`)
	}
}

func (g *gen) runMount(st *stage) {
	switch g.r.Intn(7) {
	case 0:
		g.instr("RUN", "--mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt")
	case 1:
		g.multi("RUN", "--mount=type=bind,source=package.json,target=package.json",
			"--mount=type=cache,target=/root/.npm,id=npm",
			"npm ci")
	case 2:
		g.instr("RUN", "--mount=type=secret,id=npmrc,target=/root/.npmrc npm ci")
	case 3:
		g.instr("RUN", "--mount=type=ssh git clone git@github.com:example/private.git /src/private")
	case 4:
		g.instr("RUN", "--mount=type=tmpfs,target=/tmp make test")
	case 5:
		g.instr("RUN", "--network=none make check")
	default:
		g.instr("RUN", "--mount=type=cache,target=/var/cache/build,uid="+strconv.Itoa(max(st.uid, 1000))+" make")
	}
}

var heredocNames = []string{"EOF", "EOF", "EOF", "EOT", "SCRIPT", "END", "_EOF_"}

func (g *gen) scriptBody(st *stage) []string {
	var body []string
	switch st.fam {
	case famDebian:
		body = []string{
			"set -eux", "apt-get update", "apt-get install -y --no-install-recommends \\",
			"    ca-certificates curl", "rm -rf /var/lib/apt/lists/*",
		}
	case famAlpine:
		body = []string{"set -eux", "apk add --no-cache ca-certificates tini", "addgroup -S app", "adduser -S -G app app"}
	case famDNF:
		body = []string{"set -eux", "dnf install -y shadow-utils", "dnf clean all"}
	default:
		body = []string{"set -e", "mkdir -p /app/data", `echo "built at $(date)" > /app/BUILD_INFO`}
	}
	if g.chance(0.3) {
		body = append(body, "# a comment inside the heredoc", `if [ -n "$HOME" ]; then`, `  echo "$HOME"`, "fi")
	}
	if g.chance(0.2) {
		body = append(body, "")
	}
	return g.grow(body, func(i int) string { return fmt.Sprintf(`echo "step %d" >> /var/log/build.log`, i) })
}

// grow lengthens heredoc bodies in large files.
func (g *gen) grow(body []string, line func(int) string) []string {
	if g.target > 200 && g.chance(0.5) {
		n := g.r.Intn(g.target / 20)
		for i := 0; i < n; i++ {
			body = append(body, line(i))
		}
	}
	return body
}

func (g *gen) runHeredoc(st *stage) {
	name := g.pick(heredocNames)
	switch g.r.Intn(6) {
	case 0:
		body := g.grow([]string{
			"import sys", "# python comment", `print("python", sys.version)`,
			`with open("/tmp/VERSION", "w") as f:`, `    f.write("1.0\n")`,
		},
			func(i int) string { return fmt.Sprintf("print(%d)", i) })
		g.heredoc("RUN", "python3 ", "", []string{name}, [][]string{body})
	case 1:
		g.heredoc("RUN", "cat ", " > /etc/motd", []string{name},
			[][]string{{"Welcome to $HOSTNAME", "Unauthorized access prohibited."}})
	case 2:
		pre := "--mount=type=cache,target=/var/cache/apt "
		if st.fam == famAlpine {
			pre = "--mount=type=cache,target=/var/cache/apk "
		}
		g.heredoc("RUN", pre, "", []string{name}, [][]string{g.scriptBody(st)})
	case 3:
		if st.fam.hasBash() {
			g.heredoc("RUN", "", " bash", []string{name}, [][]string{g.scriptBody(st)})
			return
		}
		fallthrough
	default:
		g.heredoc("RUN", "", "", []string{name}, [][]string{g.scriptBody(st)})
	}
}

// ---------------------------------------------------------------------------
// COPY / ADD

var copyPairs = [][2]string{
	{".", "/app"},
	{".", "."},
	{"./src", "/app/src"},
	{"requirements.txt", "."},
	{"entrypoint.sh", "/usr/local/bin/"},
	{"config/", "/etc/app/"},
	{"package*.json", "./"},
	{"docker-entrypoint.sh", "/docker-entrypoint.sh"},
	{"bin/app", "/usr/local/bin/app"},
	{"static", "/usr/share/nginx/html"},
	{"nginx.conf", "/etc/nginx/conf.d/default.conf"},
	{"scripts/healthcheck.sh", "/healthcheck.sh"},
}

func (g *gen) chownSpec(st *stage) string {
	if st.user != "" && g.chance(0.6) {
		if g.chance(0.5) {
			return st.user + ":" + st.user
		}
		return st.user
	}
	return g.pick([]string{"app:app", "1000:1000", "10001", "nonroot:nonroot", "65532:65532", "${UID}:${GID}", "root:root", "0:0"})
}

// copyFlags returns a random mix of --chown/--chmod/--link flags.
func (g *gen) copyFlags(st *stage) []string {
	var f []string
	if g.chance(0.35) {
		f = append(f, "--chown="+g.chownSpec(st))
	}
	if g.chance(0.2) {
		f = append(f, "--chmod="+g.pick([]string{"0755", "0644", "755", "0444", "u=rwx,g=rx,o=rx"}))
	}
	if g.chance(0.15) {
		f = append(f, g.pick([]string{"--link", "--link", "--link=true"}))
	}
	g.r.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i] })
	return f
}

func joinFlags(f []string) string {
	if len(f) == 0 {
		return ""
	}
	return strings.Join(f, " ") + " "
}

func (g *gen) copyLocal(st *stage) {
	p := copyPairs[g.r.Intn(len(copyPairs))]
	flags := joinFlags(g.copyFlags(st))
	switch g.r.Intn(8) {
	case 0:
		g.instr("COPY", flags+g.jsonArr(p[0], p[1]))
	case 1:
		g.instr("COPY", flags+g.jsonArr("config/app settings.yaml", "/etc/app/"))
	case 2:
		g.instr("COPY", flags+"go.mod go.sum README.md /src/")
	default:
		g.instr("COPY", flags+p[0]+" "+p[1])
	}
}

func (g *gen) add(st *stage) {
	flags := joinFlags(g.copyFlags(st))
	switch g.r.Intn(5) {
	case 0:
		g.instr("ADD", flags+"https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini")
	case 1:
		g.instr("ADD", "--checksum=sha256:"+g.hex(64)+" https://example.com/releases/tool-1.2.3.tar.gz /tmp/")
	case 2:
		g.instr("ADD", flags+"app.tar.gz /opt/")
	case 3:
		g.instr("ADD", "--keep-git-dir=false https://github.com/example/repo.git#v1.0.0 /src/repo")
	default:
		g.instr("ADD", flags+g.jsonArr("rootfs.tar.xz", "/"))
	}
}

func (g *gen) copyFromStage(st *stage, j int) {
	src := g.stages[j]
	ref := g.stageRef(j, false)
	if g.chance(0.08) {
		ref = g.pick([]string{"nginx:1.27", "busybox:1.36", "docker.io/library/alpine:3.20"})
		g.instr("COPY", "--from="+ref+" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/")
		return
	}
	arts := src.artifacts
	if len(arts) > 1 && g.chance(0.5) {
		arts = arts[:1]
	}
	for _, a := range arts {
		flags := append([]string{"--from=" + ref}, g.copyFlags(st)...)
		g.r.Shuffle(len(flags), func(i, j int) { flags[i], flags[j] = flags[j], flags[i] })
		g.instr("COPY", joinFlags(flags)+a.src+" "+a.dst)
	}
}

func (g *gen) copyHeredoc(st *stage) {
	name := g.pick(heredocNames)
	switch g.r.Intn(4) {
	case 0:
		body := []string{"#!/bin/sh", "set -e", `if [ "$(id -u)" = "0" ]; then`, `  exec su-exec app "$@"`, "fi", `exec "$@"`}
		g.heredoc("COPY", "--chmod=0755 ", " /usr/local/bin/docker-entrypoint.sh", []string{name}, [][]string{body})
	case 1:
		g.heredoc("COPY", "", " /etc/app/", []string{"app.ini", "logging.ini"},
			[][]string{{"[server]", "port = 8080"}, {"[logging]", "level = info"}})
	default:
		body := g.grow([]string{"listen = 0.0.0.0:8080", "log_level = info", "# config comment", "user = app"},
			func(i int) string { return fmt.Sprintf("option_%d = value%d", i, i) })
		flags := ""
		if g.chance(0.3) {
			flags = "--chown=" + g.chownSpec(st) + " "
		}
		g.heredoc("COPY", flags, " /etc/app.conf", []string{name}, [][]string{body})
	}
}

// ---------------------------------------------------------------------------
// Metadata and runtime instructions

func (g *gen) env(st *stage) {
	switch g.r.Intn(9) {
	case 0:
		g.instr("ENV", "NODE_ENV=production")
	case 1:
		g.instr("ENV", "PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1")
	case 2:
		g.instr("ENV", `PATH="/app/.venv/bin:$PATH"`)
	case 3:
		g.instr("ENV", "LANG C.UTF-8")
	case 4:
		g.multi("ENV", "APP_HOME=/app", "APP_PORT=8080", `APP_NAME="example service"`)
	case 5:
		g.instr("ENV", `GOFLAGS="-mod=readonly" CGO_ENABLED=0`)
	case 6:
		g.instr("ENV", "HOME=/home/"+g.userOr(st, "app"))
	case 7:
		g.instr("ENV", "TZ=UTC")
	default:
		g.instr("ENV", fmt.Sprintf("FEATURE_%d=%t", g.r.Intn(100), g.chance(0.5)))
	}
}

func (g *gen) arg(st *stage) {
	g.instr("ARG", g.pick([]string{
		"VERSION=dev", "TARGETOS", "TARGETARCH", "UID=1000", "GID=1000",
		"BUILD_DATE", "COMMIT_SHA", "HTTP_PROXY", "APP_UID=10001",
	}))
}

func (g *gen) label(st *stage) {
	switch g.r.Intn(5) {
	case 0:
		g.instr("LABEL", `org.opencontainers.image.source="https://github.com/example/app"`)
	case 1:
		g.instr("LABEL", `maintainer="ops@example.com"`)
	case 2:
		g.instr("LABEL", `version="1.2.3" description="An example service"`)
	case 3:
		g.instr("LABEL", `"com.example.vendor"="Example Inc."`)
	default:
		g.multi("LABEL", `org.opencontainers.image.title="app"`,
			`org.opencontainers.image.licenses="Apache-2.0"`,
			`org.opencontainers.image.revision="`+g.hex(12)+`"`)
	}
}

func (g *gen) workdir(st *stage) {
	st.workdir = g.pick([]string{"/app", "/app", "/srv/app", "/usr/src/app", "/home/app", "/opt/service", "$APP_HOME", "data"})
	g.instr("WORKDIR", st.workdir)
}

func (g *gen) expose(st *stage) {
	g.instr("EXPOSE", g.pick([]string{
		"8080", "8080", "80", "443", "80 443", "22", "53/udp", "3000/tcp",
		"9090 9100", "25", "8000", "5432", "${PORT}", "8443/tcp",
	}))
}

func (g *gen) volume(st *stage) {
	switch g.r.Intn(4) {
	case 0:
		g.instr("VOLUME", g.jsonArr("/data"))
	case 1:
		g.instr("VOLUME", g.jsonArr("/var/lib/app", "/var/log/app"))
	case 2:
		g.instr("VOLUME", "/tmp /var/cache/app")
	default:
		g.instr("VOLUME", "/data")
	}
}

var userValues = []string{
	"root", "0", "0:0", "app", "1000:1000", "nobody", "app:app", "10001",
	"65532:65532", "nonroot", "nonroot:nonroot", "${APP_UID}", "$UID:$GID", "www-data", "node", "root:root",
}

func (g *gen) user(st *stage) {
	v := g.pick(userValues)
	if st.user != "" && g.chance(0.6) {
		v = g.pick([]string{st.user, st.user + ":" + st.user, fmt.Sprintf("%d:%d", st.uid, st.uid), strconv.Itoa(st.uid)})
	}
	if !st.fam.hasShell() && g.chance(0.5) {
		v = g.pick([]string{"nonroot", "65532:65532", "65532"})
	}
	g.instr("USER", v)
}

func (g *gen) shell(st *stage) {
	switch {
	case st.fam.hasBash() && g.chance(0.8):
		g.instr("SHELL", g.pick([]string{`["/bin/bash", "-o", "pipefail", "-c"]`, `["/bin/bash","-o","pipefail","-c"]`}))
	case st.fam == famAlpine:
		g.instr("SHELL", g.jsonArr("/bin/ash", "-eo", "pipefail", "-c"))
	default:
		g.instr("SHELL", g.jsonArr("/bin/sh", "-c"))
	}
}

func (g *gen) onbuild(st *stage) {
	sub := g.pick([]string{
		"RUN npm install", "COPY . /app/src", "ADD . /usr/src/app",
		"RUN pip install -r requirements.txt", "USER app",
	})
	kw, rest, _ := strings.Cut(sub, " ")
	g.instr("ONBUILD", g.kw(kw)+" "+rest)
}

func (g *gen) stopsignal(st *stage) {
	g.instr("STOPSIGNAL", g.pick([]string{"SIGTERM", "SIGQUIT", "SIGINT", "15"}))
}

func (g *gen) maintainer(st *stage) {
	g.instr("MAINTAINER", "Jane Doe <jane@example.com>")
}

func (g *gen) healthcheck(st *stage) {
	if g.healthDone {
		g.env(st)
		return
	}
	g.healthDone = true
	switch g.r.Intn(5) {
	case 0:
		g.instr("HEALTHCHECK", "--interval=30s --timeout=5s --start-period=10s --retries=3 CMD curl -fsS http://localhost:8080/healthz || exit 1")
	case 1:
		g.instr("HEALTHCHECK", "CMD "+g.jsonArr("/app", "healthcheck"))
	case 2:
		g.instr("HEALTHCHECK", "NONE")
	case 3:
		g.multi("HEALTHCHECK", "--interval=1m --timeout=3s", "CMD wget -qO- http://127.0.0.1:3000/ || exit 1")
	default:
		g.instr("HEALTHCHECK", "--interval=10s CMD ["+`"/healthcheck.sh"`+"]")
	}
}

// program returns an exec-form argv for the stage's main process.
func (g *gen) program(st *stage) []string {
	switch st.lang {
	case langPython:
		return []string{"python", "-m", "app"}
	case langNode:
		return []string{"node", "dist/server.js"}
	case langJava:
		return []string{"java", "-jar", "/app/app.jar"}
	}
	return []string{"/usr/local/bin/app", "serve"}
}

func (g *gen) entrypoint(st *stage) {
	prog := g.program(st)
	u := g.userOr(st, "app")
	switch {
	case !st.fam.hasShell():
		g.instr("ENTRYPOINT", g.jsonArr(prog...))
	default:
		switch g.r.Intn(7) {
		case 0:
			g.instr("ENTRYPOINT", g.jsonArr("/usr/bin/tini", "--"))
		case 1:
			g.instr("ENTRYPOINT", g.jsonArr(append([]string{"gosu", u}, prog...)...))
		case 2:
			g.instr("ENTRYPOINT", g.jsonArr("/sbin/su-exec", "1000:1000", "/docker-entrypoint.sh"))
		case 3:
			g.instr("ENTRYPOINT", "/docker-entrypoint.sh")
		case 4:
			g.instr("ENTRYPOINT", "exec gosu "+u+" "+strings.Join(prog, " "))
		default:
			g.instr("ENTRYPOINT", g.jsonArr("/docker-entrypoint.sh"))
		}
	}
}

func (g *gen) cmd(st *stage) {
	prog := g.program(st)
	if !st.fam.hasShell() {
		g.instr("CMD", g.jsonArr(prog[1:]...))
		return
	}
	switch g.r.Intn(7) {
	case 0:
		g.instr("CMD", strings.Join(prog, " "))
	case 1:
		g.instr("CMD", "exec su-exec "+g.userOr(st, "nobody")+" "+strings.Join(prog, " "))
	case 2:
		g.instr("CMD", g.jsonArr("gosu", g.userOr(st, "app")+":"+g.userOr(st, "app"), prog[0]))
	case 3:
		g.multi("CMD", `["gunicorn",`, `"--bind", "0.0.0.0:8000",`, `"app.wsgi:application"]`)
	case 4:
		g.instr("CMD", g.jsonArr("nginx", "-g", "daemon off;"))
	default:
		g.instr("CMD", g.jsonArr(prog...))
	}
}

// ---------------------------------------------------------------------------
// Windows

func (g *gen) windowsSteps(st *stage) (steps, trailer []func(*stage)) {
	if st.builder {
		return []func(*stage){
			func(*stage) { g.instr("WORKDIR", "/src") },
			func(*stage) { g.instr("COPY", "*.csproj ./") },
			func(*stage) { g.instr("RUN", "dotnet restore") },
			func(*stage) { g.instr("COPY", ". .") },
			func(*stage) { g.instr("RUN", "dotnet publish -c Release -o /app/publish --no-restore") },
		}, nil
	}
	if st.parent < 0 || !st.final {
		steps = append(steps, func(*stage) { g.instr("WORKDIR", g.pick([]string{`C:\app`, "C:/app", "/app"})) })
	}
	for j := 0; j < st.index; j++ {
		j := j
		steps = append(steps, func(st *stage) { g.copyFromStage(st, j) })
	}
	if st.final {
		if g.chance(0.6) {
			trailer = append(trailer, func(*stage) { g.instr("USER", g.pick([]string{"ContainerUser", "ContainerAdministrator"})) })
		}
		trailer = append(trailer, func(st *stage) {
			if st.lang == langDotnet || g.chance(0.5) {
				g.instr("ENTRYPOINT", g.jsonArr("dotnet", "App.dll"))
			} else {
				g.instr("ENTRYPOINT", g.jsonArr(`C:\app\app.exe`))
			}
		})
	}
	return steps, trailer
}

func (g *gen) windowsFiller(st *stage) {
	switch g.r.Intn(10) {
	case 0:
		g.instr("RUN", `cmd /S /C "mkdir C:\data"`)
	case 1:
		g.instr("RUN", `powershell -Command "New-Item -ItemType Directory -Force -Path C:\logs | Out-Null"`)
	case 2:
		g.multi("RUN", "powershell -Command",
			"$ErrorActionPreference = 'Stop';",
			"Invoke-WebRequest -Uri https://example.com/tool.zip -OutFile C:\\tool.zip;",
			"Expand-Archive C:\\tool.zip -DestinationPath C:\\tool;",
			"Remove-Item C:\\tool.zip -Force")
	case 3:
		g.instr("RUN", g.jsonArr("cmd", "/S", "/C", "echo hello"))
	case 4:
		g.instr("SHELL", g.pick([]string{
			`["cmd", "/S", "/C"]`,
			`["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]`,
		}))
	case 5:
		g.instr("ENV", `APP_HOME=C:\app`)
	case 6:
		g.instr("COPY", "config/ C:/app/config/")
	case 7:
		g.instr("EXPOSE", g.pick([]string{"80", "8080", "443"}))
	case 8:
		g.instr("USER", g.pick([]string{"ContainerUser", "ContainerAdministrator"}))
	default:
		g.label(st)
	}
}

// ---------------------------------------------------------------------------
// Trivia tables

var comments = []string{
	"# Install runtime dependencies",
	"# Create an unprivileged user",
	"# hadolint ignore=DL3008",
	"# TODO: pin package versions",
	"# --- build ---",
	"#",
	"## Runtime configuration",
	"#comment without a space",
	"# Copy the application",
	"# shellcheck disable=SC2086",
	"#   indented comment text",
	"# USER app  <- commented-out instruction",
}

var contComments = []string{"install deps", "pinned on purpose", "cleanup", "keep this list sorted", "   build tools"}
