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
// comments and blank lines that lead into them, is parsed together with
// the next untouched instruction (the guard), which must come out as it
// was: that proves the run ends where an instruction ends (no continuation
// or heredoc runs on into the guard). All runs go to buildkit as one text,
// after a prelude that sets the escape token and ends the directives.
//
// ok is false when Reparse cannot vouch for the result (the runs do not
// parse, a guard changed, a size over MaxSize) or when a full parse costs
// no more (the runs cover the output). The caller then
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
	nd.cmds = d.cmds
	lineOf := func(off int) int { // the 1-based line of out starting at off
		return sort.SearchInts(nd.starts[1:], off) + 1
	}
	// Runs of touched segments, each widened by the guard after it; runs
	// that then meet are merged. An instruction before the file's end
	// ended where a line did not continue, so text edited after it cannot
	// join it; only the last one, which the end of the file may have cut
	// short (a dangling continuation), can take in what is appended after
	// it, so a touched tail brings it in.
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
		r := run{a: i, end: n, guard: -1} // no guard: on to the end of the file
		if i == n {
			r.a = n - 1 // the tail alone: the last instruction may take it in
		}
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
	// All runs are parsed in one buildkit call: each Parse compiles its
	// continuation regexps, as much work as parsing a few lines. A run
	// follows the previous one's guard, an instruction's end, just as its
	// first lines follow an instruction's end in out.
	type region struct {
		from, to int // in out
		line     int // 1-based line of src where the region starts
	}
	regions := make([]region, len(runs))
	size := 0
	for k, r := range runs {
		from, to := shift(segStart(r.a)), shift(segEnd[r.end])
		if r.end == n {
			to = len(out) // what is inserted at the very end is the tail's
		}
		if from > to || to > len(out) || k > 0 && from < regions[k-1].to {
			return nil, false
		}
		regions[k] = region{from: from, to: to}
		size += to - from
	}
	if size >= len(out) {
		return nil, false // a full parse costs no more
	}
	src := make([]byte, 0, size+16)
	line := 1
	if regions[0].from > 0 {
		if d.Escape != parser.DefaultEscapeToken {
			src = append(src, "# escape="...)
			src = append(src, string(d.Escape)...)
			src = append(src, '\n')
			line++
		}
		src = append(src, "#\n"...) // ends the directives
		line++
	}
	for k := range regions {
		regions[k].line = line
		part := out[regions[k].from:regions[k].to]
		src = append(src, part...)
		line += bytes.Count(part, []byte("\n"))
	}
	var got []*parser.Node
	escape := d.Escape
	res, err := parser.Parse(bytes.NewReader(src))
	switch {
	case err == nil:
		got = res.AST.Children
		escape = res.EscapeToken
	case runs[len(runs)-1].guard >= 0 || len(runs) > 1 || !strings.Contains(err.Error(), "no instructions"):
		// Only a tail left with nothing but comments parses to no
		// instructions; anything else is the full parse's to report.
		return nil, false
	}

	var children []*parser.Node
	prev := 0 // the next original instruction to copy
	for k, r := range runs {
		// Untouched instructions before the run: as they were, moved down
		// by the lines inserted above them.
		for ; prev < r.a; prev++ {
			children = append(children, moved(nodes[prev], lineOf(shift(segStart(prev)))-lineOfOld(d, segStart(prev))))
		}
		// The run's nodes: those that start within its region of src.
		next := line
		if k+1 < len(regions) {
			next = regions[k+1].line
		}
		delta := lineOf(regions[k].from) - regions[k].line
		var last *parser.Node
		for len(got) > 0 && got[0].StartLine < next {
			x := got[0]
			got = got[1:]
			x.StartLine += delta
			x.EndLine += delta
			children = append(children, x)
			last = x
		}
		if r.guard >= 0 {
			want := moved(nodes[r.guard], lineOf(shift(segStart(r.guard)))-lineOfOld(d, segStart(r.guard)))
			if last == nil || !sameNode(last, want) {
				return nil, false
			}
		}
		prev = min(r.end+1, n)
	}
	if len(got) > 0 {
		return nil, false
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

// Runs closer than mergeGap instructions are merged: at 0, those that
// share an instruction (one's guard is the next one's lead); the
// instructions between runs are copied, which costs less than parsing.
const mergeGap = 0

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
