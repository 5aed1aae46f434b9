package dockerfile

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/dockerharden/dockerharden/internal/golden"
)

// sameAST reports the first difference between two parses.
func sameAST(a, b *Document) string {
	if a.Escape != b.Escape || a.Lower != b.Lower || a.EOL != b.EOL || a.BOM != b.BOM {
		return fmt.Sprintf("document: escape %q/%q lower %v/%v", a.Escape, b.Escape, a.Lower, b.Lower)
	}
	if !slices.Equal(a.starts, b.starts) {
		return "line starts differ"
	}
	x, y := a.AST, b.AST
	if x.StartLine != y.StartLine || x.EndLine != y.EndLine || len(x.Children) != len(y.Children) {
		return fmt.Sprintf("root: lines %d-%d/%d-%d, %d/%d instructions", x.StartLine, x.EndLine, y.StartLine, y.EndLine, len(x.Children), len(y.Children))
	}
	for i := range x.Children {
		m, n := x.Children[i], y.Children[i]
		if !sameNode(m, n) || !slices.Equal(m.Flags, n.Flags) || fmt.Sprint(m.Heredocs) != fmt.Sprint(n.Heredocs) {
			return fmt.Sprintf("instruction %d: %d-%d %q %q vs %d-%d %q %q", i, m.StartLine, m.EndLine, m.Original, m.PrevComment, n.StartLine, n.EndLine, n.Original, n.PrevComment)
		}
	}
	return ""
}

// snippets are texts edits insert at a line start: whole instructions,
// comments, and ones that run on into the next line, which Reparse must
// refuse or get right.
var snippets = []string{
	"USER 10001:10001\n",
	"RUN groupadd -g 1 app \\\n    && useradd app\n",
	"# a comment\n",
	"\n",
	"RUN mkdir -p /x \\\n",      // continues into the next line
	"RUN <<EOF\necho hi\n",      // an unterminated heredoc
	"RUN <<EOF\necho hi\nEOF\n", // a whole heredoc
	"# escape=`\n",
	"COPY --chown=1:1 a /b\n",
	"RUN echo `\n",
}

// reparseRounds is the number of random edit sets per golden input.
var reparseRounds = 60

// TestReparse checks Reparse against a full parse of the same output, for
// random edits to every golden input.
func TestReparse(t *testing.T) {
	cases, err := golden.Load("../testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(1))
	tried, vouched := 0, 0
	for _, c := range cases {
		d, err := Parse(c.Name, c.Input)
		if err != nil {
			continue
		}
		for range reparseRounds {
			edits := randomEdits(r, d)
			out, err := Apply(d.Src, edits)
			if err != nil {
				continue
			}
			tried++
			nd, ok := d.Reparse(out, edits)
			full, err := Parse(c.Name, out)
			if !ok {
				continue
			}
			vouched++
			if err != nil {
				t.Fatalf("%s: Reparse vouched for output that does not parse (%v):\n%s", c.Name, err, out)
			}
			if diff := sameAST(nd, full); diff != "" {
				t.Fatalf("%s: Reparse differs from Parse: %s\nedits %+v\noutput:\n%s", c.Name, diff, edits, out)
			}
		}
	}
	t.Logf("%d edited outputs, Reparse vouched for %d", tried, vouched)
	if vouched < tried/3 {
		t.Errorf("Reparse vouched for only %d of %d outputs", vouched, tried)
	}
}

// randomEdits are one to three edits of the kinds rules make: insertions
// at line starts, flags after a keyword, a deleted line.
func randomEdits(r *rand.Rand, d *Document) []Edit {
	var es []Edit
	used := map[int]bool{}
	for range 1 + r.Intn(3) {
		l := 1 + r.Intn(d.Lines()+1)
		if used[l] {
			continue
		}
		used[l] = true
		start := len(d.Src)
		if l <= d.Lines() {
			start = d.Start(l)
		}
		switch r.Intn(4) {
		case 0, 1:
			es = append(es, Edit{Start: start, End: start, New: snippets[r.Intn(len(snippets))]})
		case 2:
			for _, n := range d.AST.Children {
				if n.StartLine == l && strings.EqualFold(n.Value, "copy") {
					at := d.KeywordAt(n) + len(d.Keyword(n))
					es = append(es, Edit{Start: at, End: at, New: " --chown=1:1"})
				}
			}
		case 3:
			if l <= d.Lines() {
				es = append(es, Edit{Start: start, End: d.Start(l + 1)})
			}
		}
	}
	return es
}

// FuzzReparse: whatever the input and the edits, a Document Reparse
// vouches for is the one a full parse gives.
func FuzzReparse(f *testing.F) {
	f.Add([]byte("FROM alpine\nRUN a \\\n  b\nCMD [\"x\"]\n"), int64(1))
	f.Add([]byte("# escape=`\nFROM a\nRUN <<EOF\nx\nEOF\nCMD y `\n"), int64(2))
	f.Fuzz(func(t *testing.T, src []byte, seed int64) {
		d, err := Parse("fuzz", src)
		if err != nil {
			return
		}
		r := rand.New(rand.NewSource(seed))
		edits := randomEdits(r, d)
		out, err := Apply(d.Src, edits)
		if err != nil {
			return
		}
		nd, ok := d.Reparse(out, edits)
		if !ok {
			return
		}
		full, err := Parse("fuzz", out)
		if err != nil {
			t.Fatalf("Reparse vouched for output that does not parse (%v):\n%q", err, out)
		}
		if diff := sameAST(nd, full); diff != "" {
			t.Fatalf("Reparse differs from Parse: %s\nedits %+v\noutput:\n%q", diff, edits, out)
		}
	})
}
