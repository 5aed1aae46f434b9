package lsp

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/internal/dfgen"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestCorpusEdits holds the formatting and code-action contracts over the
// project's golden inputs and generated Dockerfiles (every family,
// continuations, heredocs, comments, CRLF, BOM, escape directive):
// formatting edits reproduce Fix's output in every encoding; every code
// action applies cleanly and leaves a file Fix accepts; a quick fix is a
// step towards the full fix; a pragma silences its finding.
func TestCorpusEdits(t *testing.T) {
	type input struct{ name, src string }
	var ins []input
	goldens := goldenInputs(t)
	for _, g := range goldens {
		ins = append(ins, input{g[0], g[1]})
	}
	n := 300
	if testing.Short() {
		n = 30
	}
	r := rand.New(rand.NewSource(11))
	for i := range n {
		ins = append(ins, input{"generated-" + string(rune('0'+i%10)), string(dfgen.Generate(r, dfgen.Options{}))})
	}
	opts := rewrite.DefaultOptions()
	checked, actions := 0, 0
	for _, in := range ins {
		a := analyze("file:///nonexistent/Dockerfile", in.src)
		if a.err != nil {
			continue
		}
		checked++
		for _, enc := range encodings {
			if got := applyEdits(t, in.src, a.formatting(enc), enc); got != string(a.res.output) {
				t.Fatalf("%s/%s: formatting gives\n%q\nwant\n%q", in.name, enc, got, a.res.output)
			}
		}
		for _, act := range a.codeActions("u", Range{End: Position{Line: 1 << 20}}, nil, encUTF16) {
			actions++
			got := applyEdits(t, in.src, act.Edit.Changes["u"], encUTF16)
			res, err := runFix(a.name, []byte(got), opts)
			if err != nil {
				t.Fatalf("%s: %q leaves a file Fix refuses: %v\n%s", in.name, act.Title, err, got)
			}
			if strings.HasPrefix(act.Title, "Disable ") {
				if !silenced(t, in.src, got, act, res, encUTF16) {
					t.Errorf("%s: %q did not silence its line:\n%s", in.name, act.Title, got)
				}
			} else if string(res.output) != string(a.res.output) {
				t.Errorf("%s: after %q hardening gives\n%s\nnot\n%s", in.name, act.Title, res.output, a.res.output)
			}
		}
	}
	t.Logf("%d files (%d goldens), %d code actions checked", checked, len(goldens), actions)
}

// silenced reports whether a "Disable RULE for this line" action, applied,
// leaves no finding of RULE on the instruction it was offered for. (Another
// instruction may then report the rule: DH010 stops at the first
// step-down it sees.)
func silenced(t *testing.T, src, got string, act CodeAction, res *fixResult, enc string) bool {
	t.Helper()
	rule := strings.Fields(strings.TrimPrefix(act.Title, "Disable "))[0]
	if strings.HasSuffix(act.Title, " for this file") {
		return count(res.findings, rule) == 0
	}
	var edit TextEdit
	for _, es := range act.Edit.Changes {
		edit = es[0]
	}
	at := refOffset(t, src, edit.Range.Start, enc) + len(edit.NewText)
	line := newText(got).dkLineOf(at)
	for _, f := range res.findings {
		if f.rule == rule && f.line == line {
			return false
		}
	}
	return true
}

// goldenInputs reads the inputs of the golden cases that take no flags,
// in either layout: NAME.Dockerfile (with NAME.args for flags), or one
// NAME.txtar per case with a "Dockerfile" section (and an "args" one).
func goldenInputs(t *testing.T) [][2]string {
	var out [][2]string
	plain, _ := filepath.Glob("../testdata/golden/*.Dockerfile")
	for _, g := range plain {
		if _, err := os.Stat(strings.TrimSuffix(g, ".Dockerfile") + ".args"); err == nil {
			continue // needs flags the server does not take
		}
		src, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]string{filepath.Base(g), string(src)})
	}
	archives, _ := filepath.Glob("../testdata/golden/*.txtar")
	for _, g := range archives {
		ar, err := txtar.ParseFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var src string
		flags := false
		for _, f := range ar.Files {
			switch f.Name {
			case "Dockerfile":
				src = string(f.Data)
			case "args":
				flags = len(strings.TrimSpace(string(f.Data))) > 0
			}
		}
		if src != "" && !flags {
			out = append(out, [2]string{filepath.Base(g), src})
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d golden inputs found", len(out))
	}
	return out
}
