package dockerfile

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

const diffContext = 3

type diffLine struct {
	op   byte // ' ', '-', '+'
	text string
}

// Diff returns a unified diff from a to b with "a/" and "b/" headers that
// git apply and patch -p1 accept, or nil when they are equal. go-diff finds
// the changed lines; its own patch text is not a unified diff, so the hunks
// are written here.
func Diff(name string, a, b []byte) []byte {
	if string(a) == string(b) {
		return nil
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // the same input must give the same diff on any machine
	ra, rb, lines := dmp.DiffLinesToRunes(string(a), string(b))
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)
	var all []diffLine
	for _, d := range diffs {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for _, l := range splitLines(d.Text) {
			all = append(all, diffLine{op, l})
		}
	}
	name = strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/")
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	// Walk hunks: runs of changes with up to 2*context equal lines between.
	oldLine, newLine := 1, 1
	for i := 0; i < len(all); {
		if all[i].op == ' ' {
			i, oldLine, newLine = i+1, oldLine+1, newLine+1
			continue
		}
		start := max(i-diffContext, 0)
		for start < i && all[start].op != ' ' {
			start++
		}
		end := i
		for j := i; j < len(all); j++ {
			if all[j].op != ' ' {
				end = j
			} else if j-end > 2*diffContext {
				break
			}
		}
		stop := min(end+1+diffContext, len(all))
		os, ns := oldLine-(i-start), newLine-(i-start)
		oc, nc := 0, 0
		for _, l := range all[start:stop] {
			if l.op != '+' {
				oc++
			}
			if l.op != '-' {
				nc++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(os, oc), hunkRange(ns, nc))
		for _, l := range all[start:stop] {
			out.WriteByte(l.op)
			out.WriteString(l.text)
			if !strings.HasSuffix(l.text, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
		for _, l := range all[i:stop] {
			if l.op != '+' {
				oldLine++
			}
			if l.op != '-' {
				newLine++
			}
		}
		i = stop
	}
	return []byte(out.String())
}

func hunkRange(start, n int) string {
	if n == 0 {
		start--
	}
	if n == 1 {
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits after each '\n', keeping the line endings.
func splitLines(s string) []string {
	var ls []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			ls = append(ls, s)
			break
		}
		ls = append(ls, s[:i+1])
		s = s[i+1:]
	}
	return ls
}
