package lsp

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// formatting returns the edits fix would make, as minimal text edits: the
// findings' own byte-range edits (each an insertion of a line, a flag, or a
// replaced USER line), converted to positions. Nothing for a buffer that
// does not parse, that Fix refuses, or that needs nothing: a half-typed file
// is never touched.
func (a *analysis) formatting(enc string) []TextEdit {
	if a.err != nil || a.res == nil || !a.res.changed {
		return []TextEdit{}
	}
	var all []byteEdit
	for _, f := range a.res.findings {
		all = append(all, f.edits...)
	}
	if es, ok := a.textEdits(all, a.res.output, enc); ok {
		return es
	}
	// The findings' edits do not reproduce Fix's output (they always
	// should): fall back to a line diff, which does by construction.
	return a.lineDiff(a.res.output, enc)
}

// textEdits converts byte-range edits to LSP edits, in the order rewrite
// applies them (by offset; insertions before a replacement at the same
// offset; otherwise as given), which is also the order in which LSP
// applies insertions at one position. ok is false when the edits overlap,
// split a character or a "\r\n", or, when want is not nil, do not turn the
// buffer into want.
func (a *analysis) textEdits(edits []byteEdit, want []byte, enc string) ([]TextEdit, bool) {
	es := sortEdits(edits)
	out, ok := apply(a.src, es)
	if !ok || (want != nil && !bytes.Equal(out, want)) {
		return nil, false
	}
	tes := make([]TextEdit, 0, len(es))
	for _, e := range es {
		if !a.text.validOffset(e.start) || !a.text.validOffset(e.end) {
			return nil, false
		}
		tes = append(tes, TextEdit{
			Range:   Range{Start: a.text.pos(e.start, enc), End: a.text.pos(e.end, enc)},
			NewText: e.text,
		})
	}
	return tes, true
}

func sortEdits(edits []byteEdit) []byteEdit {
	es := append([]byteEdit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].start != es[j].start {
			return es[i].start < es[j].start
		}
		return es[i].end == es[i].start && es[j].end != es[j].start
	})
	return es
}

// apply splices sorted edits into src; ok is false on overlap or a range
// out of bounds.
func apply(src []byte, es []byteEdit) ([]byte, bool) {
	var out []byte
	pos := 0
	for _, e := range es {
		if e.start < pos || e.end < e.start || e.end > len(src) {
			return nil, false
		}
		out = append(out, src[pos:e.start]...)
		out = append(out, e.text...)
		pos = e.end
	}
	return append(out, src[pos:]...), true
}

// lineDiff is a line-level diff from the buffer to want as text edits.
func (a *analysis) lineDiff(want []byte, enc string) []TextEdit {
	dmp := diffmatchpatch.New()
	c1, c2, lines := dmp.DiffLinesToChars(string(a.src), string(want))
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(c1, c2, false), lines)
	var es []byteEdit
	off := 0
	for _, d := range diffs {
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			off += len(d.Text)
		case diffmatchpatch.DiffDelete:
			es = append(es, byteEdit{start: off, end: off + len(d.Text)})
			off += len(d.Text)
		case diffmatchpatch.DiffInsert:
			if n := len(es); n > 0 && es[n-1].end == off {
				es[n-1].text += d.Text // a replacement
			} else {
				es = append(es, byteEdit{start: off, end: off, text: d.Text})
			}
		}
	}
	tes, ok := a.textEdits(es, want, enc)
	if !ok {
		return []TextEdit{} // cannot happen for whole lines; never risk the buffer
	}
	return tes
}

// codeActions lists, for the findings whose lines meet rng: a quick fix
// per fixable finding, "Disable RULE for this line" per finding, and
// "Harden this file" when fix would change anything.
func (a *analysis) codeActions(uri string, rng Range, only []string, enc string) []CodeAction {
	acts := []CodeAction{}
	if a.err != nil || a.res == nil {
		return acts
	}
	first := a.text.dkLineOf(a.text.offset(rng.Start, enc))
	end := a.text.offset(rng.End, enc)
	if rng.End.Character == 0 && rng.End.Line > rng.Start.Line && end > 0 {
		end-- // a selection of whole lines ends at the start of the next
	}
	last := a.text.dkLineOf(end)
	edit := func(tes []TextEdit) *workspaceEdit {
		return &workspaceEdit{Changes: map[string][]TextEdit{uri: tes}}
	}
	var all []TextEdit
	if a.res.changed {
		all = a.formatting(enc)
	}
	var hardenDiags []Diagnostic
	checks := 0
	quickfixes := wanted(kindQuickFix, only)
	for i, f := range a.res.findings {
		if f.endLine < first || f.line > last {
			continue
		}
		diag := a.diagnostic(f, enc)
		if f.fixable && len(f.edits) > 0 && len(all) > 0 {
			hardenDiags = append(hardenDiags, diag)
			if !quickfixes {
				continue
			}
			// Checking a fix alone costs a Fix; a selection over a
			// long file could ask for hundreds.
			checks++
			var tes []TextEdit
			ok := false
			if checks <= maxAloneChecks {
				tes, ok = a.aloneEdits(i, enc)
			}
			if ok {
				acts = append(acts, CodeAction{
					Title: fixTitle(f), Kind: kindQuickFix,
					Diagnostics: []Diagnostic{diag}, IsPreferred: true, Edit: edit(tes),
				})
			} else {
				// This finding's edits only make sense with the others'.
				acts = append(acts, CodeAction{
					Title: "Harden this file", Kind: kindQuickFix,
					Diagnostics: []Diagnostic{diag}, IsPreferred: true, Edit: edit(all),
				})
			}
		}
		if !quickfixes {
			continue
		}
		if te, scope, ok := a.pragma(f, enc); ok {
			acts = append(acts, CodeAction{
				Title: fmt.Sprintf("Disable %s for this %s", f.rule, scope), Kind: kindQuickFix,
				Diagnostics: []Diagnostic{diag}, Edit: edit([]TextEdit{te}),
			})
		}
	}
	if len(all) > 0 && wanted(kindFixAll, only) {
		acts = append(acts, CodeAction{
			Title: "Harden this file", Kind: kindFixAll,
			Diagnostics: hardenDiags, Edit: edit(all),
		})
	}
	return acts
}

// wanted reports whether actions of kind pass the client's context.only
// filter: kinds are hierarchical, "source" takes in "source.fixAll.x".
func wanted(kind string, only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if kind == k || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

const maxAloneChecks = 20

// aloneEdits returns finding i's own edits when they stand on their own: the
// result parses, and hardening it gives exactly what hardening the buffer
// gives, so the quick fix is a step towards "Harden this file", never a
// detour. Each --chown is such a step; DH001's edits are not (once the
// stage ends non-root, its COPYs no longer get --chown), so DH001's quick
// fix is the whole file.
// Editors ask for code actions whenever the cursor moves, so the verdict
// is kept with the analysis (one per finding and buffer version).
func (a *analysis) aloneEdits(i int, enc string) ([]TextEdit, bool) {
	f := a.res.findings[i]
	a.mu.Lock()
	r, done := a.alone[i]
	a.mu.Unlock()
	if !done {
		r.ok = a.standsAlone(f)
		a.mu.Lock()
		if a.alone == nil {
			a.alone = map[int]aloneResult{}
		}
		a.alone[i] = r
		a.mu.Unlock()
	}
	if !r.ok {
		return nil, false
	}
	return a.textEdits(f.edits, nil, enc)
}

type aloneResult struct{ ok bool }

func (a *analysis) standsAlone(f finding) bool {
	partial, ok := apply(a.src, sortEdits(f.edits))
	if !ok {
		return false
	}
	res, err := runFix(a.name, partial, a.opts)
	return err == nil && bytes.Equal(res.output, a.res.output)
}

// Compiled on first use: the binary that serves the editor also runs
// `fix` on every save, where start-up is most of the cost.
var (
	userLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?im)^[ \t]*user[ \t]+(\S+)`) })
	moveRE     = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`USER (\S+) comes before the package install on line (\d+)`)
	})
)

// fixTitle names what a finding's quick fix does, from its edits.
func fixTitle(f finding) string {
	switch f.rule {
	case ruleCopyChown:
		if len(f.edits) == 1 {
			if flag := strings.TrimSpace(f.edits[0].text); strings.HasPrefix(flag, "--chown=") {
				return "Add " + flag
			}
		}
	case ruleRunAsRoot:
		var user string
		creates := false
		for _, e := range f.edits {
			if m := userLineRE().FindStringSubmatch(e.text); m != nil {
				user = m[1]
			}
			creates = creates || strings.Contains(e.text, "useradd") || strings.Contains(e.text, "adduser")
		}
		if user != "" {
			if creates {
				return "Create a user and add USER " + user
			}
			return "Add USER " + user
		}
	case ruleUserBeforeInstall:
		if m := moveRE().FindStringSubmatch(f.message); m != nil {
			return fmt.Sprintf("Move USER %s below line %s", m[1], m[2])
		}
	}
	if f.name != "" {
		return fmt.Sprintf("Fix %s (%s)", f.rule, f.name)
	}
	return "Fix " + f.rule
}

// pragma is the edit that disables a finding's rule for its instruction:
// a "# dockerharden ignore=RULE" comment directly above the line the
// finding starts on (buildkit attaches the comment block above an
// instruction to it, and rewrite reads pragmas from that block), indented
// like that line when rewrite honours that, ending with the file's line
// ending. A finding on a comment line (a "generated file" notice) has no
// instruction to attach to: it gets "# dockerharden ignore-file=RULE",
// right above that comment, so that parser directives above stay first.
// scope is "line" or "file", for the title.
func (a *analysis) pragma(f finding, enc string) (te TextEdit, scope string, ok bool) {
	t := a.text
	if f.line < 1 || f.line > t.dkLines() {
		return TextEdit{}, "", false
	}
	at := t.contentStart(f.line)
	indent := at
	for indent < len(t.src) && (t.src[indent] == ' ' || t.src[indent] == '\t') {
		indent++
	}
	kind, scope := "ignore", "line"
	if indent < len(t.src) && t.src[indent] == '#' {
		kind, scope = "ignore-file", "file"
	}
	prefix := ""
	if indentedPragmas() {
		prefix = t.src[at:indent]
	}
	line := prefix + "# dockerharden " + kind + "=" + f.rule + t.eol()
	p := t.pos(at, enc)
	return TextEdit{Range: Range{Start: p, End: p}, NewText: line}, scope, true
}

// indentedPragmas reports whether rewrite honours an indented pragma. With
// buildkit v0.34 it does not: buildkit keeps the "#" of an indented
// comment in Node.PrevComment ("# dockerharden ignore=X" instead of
// "dockerharden ignore=X"), which rewrite's pragma pattern does not expect.
// Until that changes the pragma goes in column 0, which works at any
// indentation of the instruction; once it does, pragmas match the
// instruction's indentation. Asked once, of two three-line files: an
// indented, untagged FROM is reported as unpinned (DH008), and an indented
// pragma above it must silence that.
var indentedPragmas = sync.OnceValue(func() bool {
	const file = "\tFROM debian\n\tRUN true\n"
	opts := rewrite.DefaultOptions()
	plain, err1 := runFix("probe", []byte(file), opts)
	with, err2 := runFix("probe", []byte("\t# dockerharden ignore="+ruleUnpinnedBase+"\n"+file), opts)
	return err1 == nil && err2 == nil && count(plain.findings, ruleUnpinnedBase) == 1 && count(with.findings, ruleUnpinnedBase) == 0
})

func count(fs []finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.rule == rule {
			n++
		}
	}
	return n
}
