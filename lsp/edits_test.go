package lsp

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dockerharden/dockerharden/rewrite"
)

// editCases are Dockerfiles whose layout makes positions hard, written for
// these tests.
var editCases = []struct{ name, text string }{
	{"lf", debianApp},
	{"crlf-bom", "\uFEFFFROM debian:bookworm-slim\r\nWORKDIR /srv\r\nCOPY app /srv/app\r\nCMD [\"sh\", \"/srv/app\"]\r\n"},
	{"tabs-unicode-no-final-newline", "# Dienst für Grüße 😀\nFROM alpine:3.20\n\tRUN apk add --no-cache curl\n\tWORKDIR /srv\n\tCOPY grüße-😀.txt /srv/\n\tCMD [\"cat\", \"/srv/grüße-😀.txt\"]"},
	{"continuation-trailing-user-root", "FROM ubuntu:24.04\nRUN apt-get update \\\n && apt-get install -y python3\n# the app\nCOPY --from=build /out /opt/app\nWORKDIR /opt/app\nCMD [\"python3\", \"main.py\"]\nUSER root\n"},
	{"user-before-install", "FROM debian:bookworm-slim\nRUN useradd --uid 10001 --create-home app\nUSER app\nRUN apt-get update && apt-get install -y curl\nCOPY run.sh /home/app/\nCMD [\"/home/app/run.sh\"]\n"},
	{"lone-cr-in-comment", "FROM debian:bookworm-slim\nWORKDIR /srv\n# an old Mac line\rending\nCOPY app /srv/app\nCMD [\"sh\", \"/srv/app\"]\n"},
	{"crlf-indented-multistage", "FROM golang:1.23 AS build\r\n  RUN go build -o /out/app .\r\n\r\nFROM gcr.io/distroless/static-debian12\r\n  COPY --from=build /out/app /app\r\n  ENTRYPOINT [\"/app\"]\r\n"},
	{"pinned-nothing-to-do", hardened},
}

var encodings = []string{encUTF16, encUTF8, encUTF32}

// TestFormattingReproducesFix: applying the formatting edits to the buffer
// gives exactly Fix's output, in every encoding, and the edits are
// minimal: none spans lines, none replaces what Fix keeps.
func TestFormattingReproducesFix(t *testing.T) {
	for _, enc := range encodings {
		c := startServer(t, Options{})
		c.initialize(enc)
		for _, tc := range editCases {
			uri := uriFor(t, "Dockerfile")
			c.open(uri, tc.text)
			res, err := runFix(mustPath(t, uri), []byte(tc.text), rewrite.DefaultOptions())
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			es := c.format(uri)
			if got := applyEdits(t, tc.text, es, enc); got != string(res.output) {
				t.Errorf("%s/%s: edits %+v give\n%q\nwant\n%q", enc, tc.name, es, got, res.output)
			}
			if !res.changed && len(es) != 0 {
				t.Errorf("%s/%s: %d edits for a file that needs none", enc, tc.name, len(es))
			}
			for _, e := range es {
				// an insertion, a replacement within a line, or the
				// deletion of one whole line (a USER that moves)
				r := e.Range
				if r.Start.Line != r.End.Line && (r.End.Line != r.Start.Line+1 || r.Start.Character != 0 || r.End.Character != 0 || e.NewText != "") {
					t.Errorf("%s/%s: edit %+v replaces more than a line", enc, tc.name, e)
				}
			}
			c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		}
		c.shutdown()
	}
}

func mustPath(t *testing.T, uri string) string {
	p, ok := uriPath(uri)
	if !ok {
		t.Fatalf("not a file URI: %s", uri)
	}
	return p
}

// TestFormattingFallbackLineDiff: the line-diff fallback (used only when the
// findings' edits do not reproduce Fix's output) also reproduces it.
func TestFormattingFallbackLineDiff(t *testing.T) {
	for _, tc := range editCases {
		res, err := runFix("Dockerfile", []byte(tc.text), rewrite.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		a := &analysis{src: []byte(tc.text), text: newText(tc.text)}
		for _, enc := range encodings {
			es := a.lineDiff(res.output, enc)
			if got := applyEdits(t, tc.text, es, enc); got != string(res.output) {
				t.Errorf("%s/%s: line diff gives %q", enc, tc.name, got)
			}
			if res.changed && len(es) == 1 && es[0].Range.Start == (Position{}) && len(es[0].NewText) >= len(res.output) {
				t.Errorf("%s/%s: the fallback replaced the whole file", enc, tc.name)
			}
		}
	}
}

// TestPositions: columns count in the negotiated encoding; tabs are one
// unit; a byte order mark the client sent is character 0 of line 0.
func TestPositions(t *testing.T) {
	tabs := editCases[2].text
	bom := editCases[1].text
	copyLine := "\tCOPY grüße-😀.txt /srv/"
	for _, enc := range encodings {
		c := startServer(t, Options{})
		c.initialize(enc)

		uri := uriFor(t, "Dockerfile")
		c.open(uri, tabs)
		d := find(t, c.diagnostics(uri).Diagnostics, "DH002")
		want := Range{Position{4, 1}, Position{4, refUnits(copyLine, enc)}}
		if d.Range != want {
			t.Errorf("%s: DH002 range %+v, want %+v", enc, d.Range, want)
		}
		for _, e := range c.format(uri) {
			if e.NewText == " --chown=10001:10001" && e.Range.Start != (Position{4, 5}) {
				t.Errorf("%s: --chown inserted at %+v, want after the tab and COPY (4:5)", enc, e.Range.Start)
			}
		}

		uri2 := uriFor(t, "Dockerfile")
		c.open(uri2, bom)
		d = find(t, c.diagnostics(uri2).Diagnostics, "DH001")
		bomUnits := refUnits("\uFEFF", enc)
		want = Range{Position{0, bomUnits}, Position{0, bomUnits + len("FROM debian:bookworm-slim")}}
		if d.Range != want {
			t.Errorf("%s: DH001 range after a BOM %+v, want %+v", enc, d.Range, want)
		}
		// The pragma goes after the BOM, which must stay first.
		for _, a := range c.codeActions(uri2, d.Range) {
			if a.Title == "Disable DH001 for this line" {
				got := applyEdits(t, bom, a.Edit.Changes[uri2], enc)
				if !strings.HasPrefix(got, "\uFEFF# dockerharden ignore=DH001\r\nFROM") {
					t.Errorf("%s: pragma on the first line: %q", enc, got)
				}
			}
		}

		// A lone CR ends a line for LSP but not for buildkit.
		uri3 := uriFor(t, "Dockerfile")
		c.open(uri3, editCases[5].text)
		d = find(t, c.diagnostics(uri3).Diagnostics, "DH002")
		if want := (Range{Position{4, 0}, Position{4, 17}}); d.Range != want {
			t.Errorf("%s: DH002 after a lone CR: %+v, want %+v", enc, d.Range, want)
		}
		c.shutdown()
	}
}

func refUnits(s, enc string) int {
	switch enc {
	case encUTF8:
		return len(s)
	case encUTF32:
		return utf8.RuneCountInString(s)
	}
	return len(utf16.Encode([]rune(s)))
}

func find(t *testing.T, ds []Diagnostic, code string) Diagnostic {
	t.Helper()
	for _, d := range ds {
		if d.Code == code {
			return d
		}
	}
	t.Fatalf("no %s in %+v", code, ds)
	return Diagnostic{}
}

func TestCodeActions(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	c.open(uri, debianApp)
	c.diagnostics(uri)
	full, _ := runFix(mustPath(t, uri), []byte(debianApp), rewrite.DefaultOptions())

	titles := func(acts []CodeAction) map[string]CodeAction {
		m := map[string]CodeAction{}
		for _, a := range acts {
			m[a.Kind+": "+a.Title] = a
		}
		return m
	}
	// On the COPY line: its own quick fix, its pragma, and the whole file.
	acts := titles(c.codeActions(uri, Range{Position{3, 2}, Position{3, 2}}))
	chown, ok := acts["quickfix: Add --chown=10001:10001"]
	if !ok || !chown.IsPreferred || len(chown.Diagnostics) != 1 || chown.Diagnostics[0].Code != "DH002" {
		t.Fatalf("COPY line actions: %v", keys(acts))
	}
	if _, ok := acts["quickfix: Disable DH002 for this line"]; !ok {
		t.Errorf("no pragma action: %v", keys(acts))
	}
	fixAll, ok := acts["source.fixAll.dockerharden: Harden this file"]
	if !ok || applyEdits(t, debianApp, fixAll.Edit.Changes[uri], encUTF16) != string(full.output) {
		t.Errorf("Harden this file missing or wrong: %v", keys(acts))
	}
	if len(acts) != 3 {
		t.Errorf("COPY line: %v, want 3 actions", keys(acts))
	}
	// The --chown alone is a step towards the full fix.
	step := applyEdits(t, debianApp, chown.Edit.Changes[uri], encUTF16)
	if !strings.Contains(step, "COPY --chown=10001:10001 server") || strings.Contains(step, "USER") {
		t.Errorf("Add --chown changed more than the COPY:\n%s", step)
	}

	// On FROM: DH001's edits only make sense with DH002's, so its quick
	// fix is the whole file.
	acts = titles(c.codeActions(uri, Range{Position{0, 0}, Position{0, 4}}))
	if a, ok := acts["quickfix: Harden this file"]; !ok || a.Diagnostics[0].Code != "DH001" {
		t.Errorf("FROM line: %v", keys(acts))
	}
	for _, k := range []string{"quickfix: Disable DH001 for this line", "quickfix: Disable DH009 for this line"} {
		if _, ok := acts[k]; !ok {
			t.Errorf("FROM line: no %q in %v", k, keys(acts))
		}
	}

	// context.only filters by kind prefix.
	for _, tc := range []struct {
		only []string
		want int
	}{{[]string{"source.fixAll"}, 1}, {[]string{"source"}, 1}, {[]string{"quickfix"}, 2}, {[]string{"refactor"}, 0}} {
		if got := c.codeActions(uri, Range{Position{3, 0}, Position{3, 0}}, tc.only...); len(got) != tc.want {
			t.Errorf("only %v: %d actions, want %d", tc.only, len(got), tc.want)
		}
	}
	// Whole lines selected (EXPOSE and CMD): the end at the start of the
	// next line does not take that line in.
	if got := c.codeActions(uri, Range{Position{4, 0}, Position{6, 0}}); len(got) != 1 {
		t.Errorf("lines 5-6 selected: %+v", got)
	}
	if got := c.codeActions(uri, Range{Position{2, 0}, Position{4, 0}}); len(got) != 3 {
		t.Errorf("lines 3-4 selected: %d actions, want the COPY's 2 and the fixAll", len(got))
	}
	// A line without findings, in a file that needs fixing: only the fixAll.
	if got := c.codeActions(uri, Range{Position{4, 0}, Position{4, 0}}); len(got) != 1 || got[0].Kind != kindFixAll {
		t.Errorf("EXPOSE line: %+v", got)
	}
	c.shutdown()
}

// TestCodeActionsApply: over every test file and encoding, each action's
// edits apply cleanly; a quick fix leaves a file that hardens to exactly
// what the whole fix gives; a pragma silences its finding.
func TestCodeActionsApply(t *testing.T) {
	for _, enc := range encodings {
		c := startServer(t, Options{})
		c.initialize(enc)
		for _, tc := range editCases {
			uri := uriFor(t, "Dockerfile")
			name := mustPath(t, uri)
			c.open(uri, tc.text)
			before := c.diagnostics(uri).Diagnostics
			full, err := runFix(name, []byte(tc.text), rewrite.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range c.codeActions(uri, Range{End: Position{Line: 100}}) {
				got := applyEdits(t, tc.text, a.Edit.Changes[uri], enc)
				res, err := runFix(name, []byte(got), rewrite.DefaultOptions())
				if err != nil {
					t.Errorf("%s/%s: %q leaves a file Fix refuses: %v\n%s", enc, tc.name, a.Title, err, got)
					continue
				}
				if strings.HasPrefix(a.Title, "Disable ") {
					rule := strings.Fields(a.Title)[1]
					if count(res.findings, rule) >= countDiag(before, rule) || !silenced(t, tc.text, got, a, res, enc) {
						t.Errorf("%s/%s: %q did not silence %s:\n%s", enc, tc.name, a.Title, rule, got)
					}
					continue
				}
				if string(res.output) != string(full.output) {
					t.Errorf("%s/%s: after %q, hardening gives\n%s\nnot\n%s", enc, tc.name, a.Title, res.output, full.output)
				}
			}
		}
		c.shutdown()
	}
}

func countDiag(ds []Diagnostic, rule string) int {
	n := 0
	for _, d := range ds {
		if d.Code == rule {
			n++
		}
	}
	return n
}

func keys(m map[string]CodeAction) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestFixTitles(t *testing.T) {
	a := analyze("file:///nonexistent/Dockerfile", editCases[4].text)
	var got []string
	for _, f := range a.res.findings {
		if f.fixable {
			got = append(got, fixTitle(f))
		}
	}
	want := "Move USER app below line 4"
	if !strings.Contains(strings.Join(got, "|"), want) {
		t.Errorf("titles %q, want one %q", got, want)
	}
	a = analyze("file:///nonexistent/Dockerfile", editCases[3].text)
	for _, f := range a.res.findings {
		if f.rule == ruleRunAsRoot {
			if got := fixTitle(f); !strings.HasPrefix(got, "Create a user and add USER 10001:10001") && got != "Add USER 10001:10001" {
				t.Errorf("DH001 title %q", got)
			}
		}
	}
}

// TestPragmaIndentation: the pragma matches the instruction's indentation
// once rewrite honours indented pragmas, and goes in column 0 until then
// (TestCodeActionsApply and TestCorpusEdits prove that either silences).
func TestPragmaIndentation(t *testing.T) {
	src := "FROM debian:bookworm-slim\r\nWORKDIR /srv/app\r\n\t  COPY app /srv/app/\r\n\t  EXPOSE 80\r\nCMD [\"sh\", \"/srv/app/app\"]\r\n"
	a := analyze("file:///nonexistent/Dockerfile", src)
	if a.err != nil {
		t.Fatal(a.err)
	}
	var f *finding // any finding on an indented instruction (line 3 or 4)
	for i, x := range a.res.findings {
		if x.line == 3 || x.line == 4 {
			f = &a.res.findings[i]
		}
	}
	if f == nil {
		t.Fatalf("no finding on the indented lines: %+v", a.res.findings)
	}
	te, _, ok := a.pragma(*f, encUTF16)
	if !ok {
		t.Fatal("no pragma edit")
	}
	want := "# dockerharden ignore=" + f.rule + "\r\n"
	if indentedPragmas() {
		want = "\t  " + want
	} else {
		t.Log("rewrite ignores indented pragmas (buildkit keeps their '#'): pragma in column 0")
	}
	if te.NewText != want || te.Range.Start != (Position{f.line - 1, 0}) {
		t.Errorf("pragma %+v, want %q at %d:0", te, want, f.line-1)
	}
}
