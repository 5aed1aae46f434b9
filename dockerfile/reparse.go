package dockerfile

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Reparse returns the Document of out, which must be d.Src with edits
// applied (Apply(d.Src, edits)), as buildkit would parse it, while running
// buildkit only over the instructions the edits touch and the one after
// each such run.
//
// It rests on one property of buildkit's parser: between two instructions
// its state is only the escape token (comments and directives are reset
// or done), so text that did not change parses as before, shifted by the
// lines inserted above it. Each run of touched instructions, with the
// comments and blank lines that lead into them, is parsed alone after a
// prelude that sets the escape token and ends the directives; the next
// untouched instruction (the guard) is parsed with it and must come out as
// it was, which proves that the run ends where an instruction ends (no
// continuation or heredoc runs on into the guard).
//
// ok is false when Reparse cannot vouch for the result: a region that does
// not parse, a guard that changed, a size over MaxSize. The caller then
// parses out in full, which also gives the right error.
func (d *Document) Reparse(out []byte, edits []Edit) (nd *Document, ok bool) {
	nodes := d.AST.Children
	n := len(nodes)
	if n == 0 || len(out) > MaxSize || len(edits) == 0 {
		return nil, false
	}
	es := slices.Clone(edits)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })

	// Segment i is instruction i with the lines that lead into it; segment
	// n is what follows the last instruction.
	segEnd := make([]int, n+1)
	for i, x := range nodes {
		segEnd[i] = d.starts[x.EndLine+1]
	}
	segEnd[n] = len(d.Src)
	segStart := func(i int) int {
		if i == 0 {
			return 0
		}
		return segEnd[i-1]
	}
	seg := func(x int) int { return sort.Search(n, func(i int) bool { return segEnd[i] > x }) }
	dirty := make([]bool, n+1)
	for _, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(d.Src) {
			return nil, false
		}
		last := e.End - 1
		if e.End == e.Start {
			last = e.Start
		}
		for i := seg(e.Start); i <= seg(last); i++ {
			dirty[i] = true
		}
	}
	// shift maps an offset of d.Src that no edit spans to out: edits that
	// start before it move it (an insertion at x itself lands after x's
	// predecessor, in the segment x starts).
	starts := make([]int, len(es))
	sum := make([]int, len(es)+1) // sum[k]: how far the first k edits move what follows
	for k, e := range es {
		starts[k] = e.Start
		sum[k+1] = sum[k] + len(e.New) - (e.End - e.Start)
	}
	shift := func(x int) int { return x + sum[sort.SearchInts(starts, x)] }

	nd = newDocument(d.Name, out)
	lineOf := func(off int) int { // the 1-based line of out starting at off
		return sort.SearchInts(nd.starts[1:], off) + 1
	}
	// Runs of touched segments, each widened by the instruction before it
	// (one that the end of the file cut short, a dangling continuation,
	// takes in what is appended after it) and the guard after it; runs
	// that then meet are merged.
	type run struct{ a, end, guard int }
	var runs []run
	for i := 0; i <= n; i++ {
		if !dirty[i] {
			continue
		}
		b := i
		for b+1 <= n && dirty[b+1] {
			b++
		}
		r := run{a: max(i-1, 0), end: n, guard: -1} // no guard: on to the end of the file
		if b+1 < n {
			r.end, r.guard = b+1, b+1
		}
		if k := len(runs) - 1; k >= 0 && r.a <= runs[k].end+mergeGap {
			runs[k].end, runs[k].guard = r.end, r.guard
		} else {
			runs = append(runs, r)
		}
		i = r.end
	}
	if len(runs) > maxRuns {
		return nil, false // one full parse costs less than this many small ones
	}
	var children []*parser.Node
	escape := d.Escape
	prev := 0 // the next original instruction to copy
	for _, r := range runs {
		// Untouched instructions before the run: as they were, moved down
		// by the lines inserted above them.
		for ; prev < r.a; prev++ {
			children = append(children, moved(nodes[prev], lineOf(shift(segStart(prev)))-lineOfOld(d, segStart(prev))))
		}
		from, to := shift(segStart(r.a)), shift(segEnd[r.end])
		if r.end == n {
			to = len(out) // what is inserted at the very end is the tail's
		}
		if from > to || to > len(out) {
			return nil, false
		}
		region := out[from:to]
		lineOff := lineOf(from) - 1
		src := region
		if from > 0 {
			src = make([]byte, 0, len(region)+16)
			if d.Escape != parser.DefaultEscapeToken {
				src = append(src, "# escape="...)
				src = append(src, string(d.Escape)...)
				src = append(src, '\n')
				lineOff--
			}
			src = append(src, "#\n"...) // ends the directives
			src = append(src, region...)
			lineOff--
		}
		var got []*parser.Node
		if len(bytes.TrimSpace(region)) > 0 {
			res, err := parser.Parse(bytes.NewReader(src))
			switch {
			case err == nil:
				got = res.AST.Children
				if from == 0 {
					escape = res.EscapeToken
				}
			case r.guard >= 0 || !strings.Contains(err.Error(), "no instructions"):
				// Only a tail left with nothing but comments parses to no
				// instructions; anything else is the full parse's to report.
				return nil, false
			}
		}
		for _, x := range got {
			x.StartLine += lineOff
			x.EndLine += lineOff
		}
		if r.guard >= 0 {
			want := moved(nodes[r.guard], lineOf(shift(segStart(r.guard)))-lineOfOld(d, segStart(r.guard)))
			if len(got) == 0 || !sameNode(got[len(got)-1], want) {
				return nil, false
			}
		}
		children = append(children, got...)
		prev = min(r.end+1, n)
	}
	for ; prev < n; prev++ {
		children = append(children, moved(nodes[prev], lineOf(shift(segStart(prev)))-lineOfOld(d, segStart(prev))))
	}
	if len(children) == 0 || escape != d.Escape {
		return nil, false
	}
	root := &parser.Node{StartLine: children[0].StartLine, EndLine: children[len(children)-1].EndLine, Children: children}
	nd.setAST(root, escape)
	return nd, true
}

// Each parser.Parse compiles its continuation regexps, as much work as
// parsing a few lines: runs closer than mergeGap instructions are parsed
// as one, and more than maxRuns runs (their regexps alone would weigh
// more than a full parse on a huge file) are left to a full parse.
const (
	mergeGap = 4
	maxRuns  = 1000
)

// lineOfOld is the 1-based line of d.Src that starts at off.
func lineOfOld(d *Document, off int) int {
	return sort.SearchInts(d.starts[1:], off) + 1
}

// moved is a copy of top-level node x, delta lines further down. Only
// top-level nodes carry line numbers.
func moved(x *parser.Node, delta int) *parser.Node {
	if delta == 0 {
		return x
	}
	c := *x
	c.StartLine += delta
	c.EndLine += delta
	return &c
}

// sameNode compares what the parser derives from an instruction's text.
func sameNode(a, b *parser.Node) bool {
	return a.StartLine == b.StartLine && a.EndLine == b.EndLine && a.Original == b.Original &&
		slices.Equal(a.PrevComment, b.PrevComment) && len(a.Heredocs) == len(b.Heredocs) &&
		a.Dump() == b.Dump()
}
