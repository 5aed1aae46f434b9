package dockerfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// MaxSize is the largest input Fix accepts. Real Dockerfiles are a few
// kilobytes; the limit keeps memory bounded when a tool is pointed at the
// wrong file.
const MaxSize = 16 << 20

var bom = []byte{0xEF, 0xBB, 0xBF}

// Document is a parsed Dockerfile that keeps its original bytes. Line numbers
// are 1-based and count '\n'-terminated lines, exactly as buildkit does.
type Document struct {
	Name   string
	Src    []byte       // never modified
	AST    *parser.Node // buildkit's AST; used to locate, never to print
	EOL    string       // "\n" or "\r\n", from the first line
	Escape rune         // '\\' or '`'
	BOM    bool
	Lower  bool // most instruction keywords are written in lower case

	starts []int // starts[i] = offset of line i; starts[len-1] = len(Src)
	cmds   *scripts
}

// Error is a problem with an input file, located at a line (0 = whole file).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parse reads src into a Document. It rejects what buildkit would reject and
// what is plainly not a Dockerfile (empty, binary, oversized).
func Parse(name string, src []byte) (*Document, error) {
	fail := func(line int, format string, a ...any) (*Document, error) {
		return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf(format, a...)}
	}
	if len(src) > MaxSize {
		return fail(0, "file too large (%d bytes; the limit is %d MiB)", len(src), MaxSize>>20)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, bom))) == 0 {
		return fail(0, "empty file")
	}
	d := newDocument(name, src)
	if line, ok := binaryLine(d); ok {
		return fail(line, "binary data: not a Dockerfile")
	}
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		line := errorLine(err)
		if l := longLine(d); l > 0 {
			line = l // buildkit's scanner error carries no line (it said 1)
		}
		return fail(line, "%s", errorText(err))
	}
	d.setAST(res.AST, res.EscapeToken)
	return d, nil
}

// newDocument indexes src's lines; the AST comes later.
func newDocument(name string, src []byte) *Document {
	d := &Document{Name: name, Src: src, EOL: "\n", BOM: bytes.HasPrefix(src, bom), cmds: &scripts{}}
	d.starts = make([]int, 0, len(src)/32+3)
	d.starts = append(d.starts, 0, 0) // line 0 is unused
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 || i+j+1 >= len(src) {
			break
		}
		i += j + 1
		d.starts = append(d.starts, i)
	}
	d.starts = append(d.starts, len(src))
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		d.EOL = "\r\n"
	}
	return d
}

func (d *Document) setAST(ast *parser.Node, escape rune) {
	d.AST = ast
	d.Escape = escape
	lower, upper := 0, 0
	for _, n := range d.AST.Children {
		kw := d.Keyword(n)
		if kw == strings.ToLower(kw) {
			lower++
		} else {
			upper++
		}
	}
	d.Lower = lower > upper
}

// binaryLine reports the first line holding a NUL byte or invalid UTF-8.
func binaryLine(d *Document) (int, bool) {
	for l := 1; l < d.Lines()+1; l++ {
		b := d.Line(l)
		if bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(b) {
			return l, true
		}
	}
	return 0, false
}

// longLine is the first line longer than buildkit's scanner accepts
// (bufio.MaxScanTokenSize-1 bytes without its newline), or 0.
func longLine(d *Document) int {
	for l := 1; l < d.Lines()+1; l++ {
		if len(bytes.TrimSuffix(d.Line(l), []byte("\n"))) > bufio.MaxScanTokenSize-1 {
			return l
		}
	}
	return 0
}

func errorLine(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		return le.Locations[0][0].Start.Line
	}
	return 0
}

// errorText is the parser's message without the location wrapper.
func errorText(err error) string {
	var le *parser.LocationError
	if errors.As(err, &le) && le.Unwrap() != nil {
		err = le.Unwrap()
	}
	return err.Error()
}

// Lines is the number of lines in the file.
func (d *Document) Lines() int { return len(d.starts) - 2 }

// Start is the byte offset where line l begins; Start(Lines()+1) is len(Src).
func (d *Document) Start(l int) int { return d.starts[l] }

// Line is line l with its line ending.
func (d *Document) Line(l int) []byte { return d.Src[d.starts[l]:d.starts[l+1]] }

// Text is the original source of node n: its lines, continuations, comments
// and heredoc bodies included, with the final line ending.
func (d *Document) Text(n *parser.Node) []byte {
	return d.Src[d.starts[n.StartLine]:d.starts[n.EndLine+1]]
}

// keywordStart is the offset of the first byte on line l that buildkit
// does not trim as leading white space (any Unicode space, like it).
func (d *Document) keywordStart(l int) int {
	off := d.starts[l]
	if l == 1 && d.BOM {
		off += len(bom)
	}
	line := d.Src[off:d.starts[l+1]]
	return off + len(line) - len(bytes.TrimLeftFunc(line, unicode.IsSpace))
}

// KeywordAt is the offset of node n's keyword. It is on n.StartLine except
// in odd files where the instruction opens with an empty continuation line
// (" \" then "USER x"): then it is on the first line with content.
func (d *Document) KeywordAt(n *parser.Node) int {
	for l := n.StartLine; l <= n.EndLine; l++ {
		off := d.keywordStart(l)
		rest := bytes.TrimRight(d.Src[off:d.starts[l+1]], " \t\r\n")
		if len(rest) == 0 || (l > n.StartLine && rest[0] == '#') || (len(rest) == 1 && rune(rest[0]) == d.Escape) {
			continue
		}
		return off
	}
	return d.keywordStart(n.StartLine)
}

// Keyword is node n's instruction keyword as written ("COPY", "copy").
func (d *Document) Keyword(n *parser.Node) string {
	off := d.KeywordAt(n)
	end := off
	for end < len(d.Src) && isWordByte(d.Src[end]) {
		end++
	}
	return string(d.Src[off:end])
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Indent is the leading spaces and tabs of line l: what inserted lines
// copy (other white space that buildkit tolerates is not propagated).
func (d *Document) Indent(l int) string {
	start := d.starts[l]
	if l == 1 && d.BOM {
		start += len(bom)
	}
	end := start
	for end < len(d.Src) && (d.Src[end] == ' ' || d.Src[end] == '\t') {
		end++
	}
	return string(d.Src[start:end])
}

// Spell spells an inserted keyword the way most of the file does.
func (d *Document) Spell(k string) string {
	if d.Lower {
		return strings.ToLower(k)
	}
	return strings.ToUpper(k)
}

// IsComment reports whether line l is a comment line.
func (d *Document) IsComment(l int) bool {
	b := d.Line(l)
	if l == 1 {
		b = bytes.TrimPrefix(b, bom)
	}
	b = bytes.TrimLeftFunc(b, unicode.IsSpace)
	return len(b) > 0 && b[0] == '#'
}

// CommentStart is the first line of the comment block directly above n (no
// blank line in between), or n.StartLine when there is none. Text inserted
// "before n" goes above it so that the comment stays with its instruction.
func (d *Document) CommentStart(n *parser.Node) int {
	l := n.StartLine
	for l > 1 && d.IsComment(l-1) {
		l--
	}
	return l
}

// EndsWithEOL reports whether the file ends with a line ending.
func (d *Document) EndsWithEOL() bool {
	return len(d.Src) > 0 && d.Src[len(d.Src)-1] == '\n'
}

// LineEnd is the offset of line l's line ending (or of EOF).
func (d *Document) LineEnd(l int) int {
	end := d.starts[l+1]
	if end > d.starts[l] && d.Src[end-1] == '\n' {
		end--
		if end > d.starts[l] && d.Src[end-1] == '\r' {
			end--
		}
	}
	return end
}

// InsertBefore inserts whole lines above line l.
func (d *Document) InsertBefore(l int, lines ...string) Edit {
	var b strings.Builder
	for _, s := range lines {
		b.WriteString(s)
		b.WriteString(d.EOL)
	}
	return Edit{Start: d.starts[l], End: d.starts[l], New: b.String()}
}

// InsertAfter inserts whole lines below line l, keeping a missing final
// newline missing.
func (d *Document) InsertAfter(l int, lines ...string) Edit {
	if l < d.Lines() || d.EndsWithEOL() {
		return d.InsertBefore(l+1, lines...)
	}
	var b strings.Builder
	for _, s := range lines {
		b.WriteString(d.EOL)
		b.WriteString(s)
	}
	return Edit{Start: len(d.Src), End: len(d.Src), New: b.String()}
}

// Dangling reports whether node n ends in an open line continuation (only
// possible at the end of the file): a line inserted after it would become
// part of n.
func (d *Document) Dangling(n *parser.Node) bool {
	if len(n.Heredocs) > 0 {
		return false
	}
	for l := n.EndLine; l >= n.StartLine; l-- {
		// buildkit skips comment lines and lines of only white space
		// inside a continuation, so they cannot close it.
		if len(bytes.TrimFunc(d.Line(l), unicode.IsSpace)) == 0 || d.IsComment(l) {
			continue
		}
		b := bytes.TrimRight(d.Line(l), " \t\r\n")
		esc := byte(d.Escape)
		return b[len(b)-1] == esc && (len(b) < 2 || b[len(b)-2] != esc)
	}
	return false
}

// Pos is a place in the source: a 1-based line, as buildkit counts them,
// and a 0-based byte column within that line. Line 1's columns start after
// a BOM: the BOM is an encoding mark, not text an editor shows.
type Pos struct{ Line, Col int }

// Range is a half-open span of source text, [Start, End).
type Range struct{ Start, End Pos }

// PosOf is the position of byte offset off (0 ≤ off ≤ len(Src)).
func (d *Document) PosOf(off int) Pos {
	l := sort.Search(len(d.starts)-1, func(i int) bool { return d.starts[i] > off }) - 1
	if l > d.Lines() {
		l = d.Lines()
	}
	if l < 1 {
		l = 1
	}
	start := d.starts[l]
	if l == 1 && d.BOM {
		start += len(bom)
	}
	return Pos{Line: l, Col: max(off-start, 0)}
}

// Offset is the byte offset of p.
func (d *Document) Offset(p Pos) int {
	off := d.starts[p.Line] + p.Col
	if p.Line == 1 && d.BOM {
		off += len(bom)
	}
	return off
}

// RangeOf is the span of node n's text from its keyword to the end of its
// last line, line ending excluded: what an editor underlines.
func (d *Document) RangeOf(n *parser.Node) Range {
	return Range{Start: d.PosOf(d.KeywordAt(n)), End: d.PosOf(d.LineEnd(n.EndLine))}
}
