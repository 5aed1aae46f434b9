package dockerfile

import (
	"fmt"
	"sort"
)

// An Edit replaces Src[Start:End] with New. Start == End is an insertion.
type Edit struct {
	Start, End int
	New        string
}

// OverlapError reports two edits that touch the same bytes. It is a bug in a
// rule, never something to merge silently.
type OverlapError struct{ A, B Edit }

func (e *OverlapError) Error() string {
	return fmt.Sprintf("internal error: overlapping edits [%d,%d) and [%d,%d)", e.A.Start, e.A.End, e.B.Start, e.B.End)
}

// Apply applies all edits to src in one pass. Insertions at the same offset
// keep the order in which they were given; an insertion at the start of a
// replaced range goes before it. Overlapping ranges are an error.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	es := make([]Edit, len(edits))
	copy(es, edits)
	size := len(src)
	for _, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("internal error: edit [%d,%d) out of range", e.Start, e.End)
		}
		size += len(e.New) - (e.End - e.Start)
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		// insertions before replacements at the same offset
		return es[i].End == es[i].Start && es[j].End != es[j].Start
	})
	out := make([]byte, 0, max(size, 0))
	pos := 0
	for i, e := range es {
		if e.Start < pos {
			return nil, &OverlapError{A: es[i-1], B: e}
		}
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.New...)
		pos = e.End
	}
	return append(out, src[pos:]...), nil
}
