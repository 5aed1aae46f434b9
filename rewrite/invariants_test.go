package rewrite

import (
	"bytes"
	"testing"

	"github.com/dockerharden/dockerharden/dockerfile"
)

// assertOnlyTargetChanged checks the minimal-diff invariant: every input
// line outside the target stage is still in the output, in order, and the
// lines before the target stage's FROM are byte-identical.
func assertOnlyTargetChanged(t testing.TB, src, out []byte, opts Options) {
	t.Helper()
	if bytes.Equal(src, out) {
		return
	}
	doc, err := dockerfile.Parse("in", src)
	if err != nil {
		t.Fatalf("input does not parse: %v", err)
	}
	p, err := Decide(doc, opts)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	first := doc.Start(p.Target.From.EndLine + 1)
	if opts.SwapBase {
		first = doc.Start(p.Target.Root().From.StartLine) // the swap edits that FROM
	}
	if !bytes.HasPrefix(out, src[:first]) {
		t.Errorf("bytes before the end of the target FROM changed")
	}
	lastLine := doc.Lines()
	for i, s := range p.Stages {
		if s == p.Target && i+1 < len(p.Stages) {
			lastLine = p.Stages[i+1].From.StartLine - 1
			for lastLine > p.Target.Last().EndLine && doc.IsComment(lastLine) {
				lastLine--
			}
		}
	}
	tail := src[doc.Start(lastLine+1):]
	if !bytes.HasSuffix(out, tail) {
		t.Errorf("bytes after the target stage changed")
	}
	// Every original line survives unless it is a target-stage line that an
	// edit replaced: check that changed lines are all inside the target.
	outLines := bytes.SplitAfter(out, []byte("\n"))
	j := 0
	for l := 1; l <= doc.Lines(); l++ {
		line := doc.Line(l)
		k := j
		for k < len(outLines) && !bytes.Equal(outLines[k], line) {
			k++
		}
		if k == len(outLines) {
			if l < p.Target.From.StartLine || l > lastLine {
				t.Errorf("line %d outside the target stage is gone: %q", l, line)
			}
			continue
		}
		j = k + 1
	}
}
