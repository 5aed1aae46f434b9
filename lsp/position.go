package lsp

import (
	"sort"
	"unicode/utf8"
)

// Position encodings (LSP 3.17 PositionEncodingKind). UTF-16 is the
// protocol's default and every server must support it.
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
	encUTF32 = "utf-32"
)

// pickEncoding returns the first encoding of the client's list that the
// server supports, else UTF-16 (also when the client sends no list).
func pickEncoding(offered []string) string {
	for _, e := range offered {
		switch e {
		case encUTF8, encUTF16, encUTF32:
			return e
		}
	}
	return encUTF16
}

// Position is an LSP position: a zero-based line and a column counted in
// the negotiated encoding's code units.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range; End is exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// text is a document's text with the LSP line table. LSP and buildkit do
// not split lines the same way: LSP ends a line at "\n", "\r\n" or a lone
// "\r"; buildkit (and rewrite's line numbers) only at "\n". Everything here
// therefore goes through byte offsets: buildkit line → offset via dkStarts,
// offset → LSP position via starts.
//
// A byte order mark is part of the text the client sent (most clients,
// VS Code and Neovim among them, strip it and keep it as a file property;
// then it is simply absent here). When it is present it is what it is in
// the client's buffer: character 0 of line 0, one UTF-16/UTF-32 unit,
// three UTF-8 bytes. Positions never land inside it: edits at the start of
// the file go after it.
type text struct {
	src      string
	starts   []int // LSP line starts
	dkStarts []int // dkStarts[l-1] = offset of buildkit line l (1-based)
}

func newText(src string) *text {
	t := &text{src: src, starts: []int{0}, dkStarts: []int{0}}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			t.starts = append(t.starts, i+1)
			if i+1 < len(src) {
				t.dkStarts = append(t.dkStarts, i+1)
			}
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue // the '\n' ends the line
			}
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// dkLines is the number of buildkit lines.
func (t *text) dkLines() int { return len(t.dkStarts) }

// dkLineOf is the buildkit line (1-based) holding offset off.
func (t *text) dkLineOf(off int) int {
	return sort.Search(len(t.dkStarts), func(i int) bool { return t.dkStarts[i] > off })
}

// dkLineStart is the offset of buildkit line l (1-based), clamped.
func (t *text) dkLineStart(l int) int {
	l = min(max(l, 1), len(t.dkStarts))
	return t.dkStarts[l-1]
}

// dkLineEnd is the offset of the end of buildkit line l's text, before its
// "\n" or "\r\n".
func (t *text) dkLineEnd(l int) int {
	l = min(max(l, 1), len(t.dkStarts))
	end := len(t.src)
	if l < len(t.dkStarts) {
		end = t.dkStarts[l] - 1 // the '\n'
	} else if end > t.dkStarts[l-1] && t.src[end-1] == '\n' {
		end--
	}
	if end > t.dkStarts[l-1] && t.src[end-1] == '\r' {
		end--
	}
	return end
}

// eol is the file's line ending as rewrite decides it: that of the first
// line.
func (t *text) eol() string {
	if len(t.dkStarts) > 1 && t.dkStarts[1] >= 2 && t.src[t.dkStarts[1]-2] == '\r' {
		return "\r\n"
	}
	return "\n"
}

const bomText = "\uFEFF"

// contentStart is the offset of buildkit line l after a byte order mark.
func (t *text) contentStart(l int) int {
	off := t.dkLineStart(l)
	if off == 0 && len(t.src) >= len(bomText) && t.src[:len(bomText)] == bomText {
		off += len(bomText)
	}
	return off
}

// lineOf is the LSP line holding offset off.
func (t *text) lineOf(off int) int {
	return sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > off }) - 1
}

// pos converts a byte offset to a position in encoding enc.
func (t *text) pos(off int, enc string) Position {
	off = min(max(off, 0), len(t.src))
	line := t.lineOf(off)
	return Position{Line: line, Character: units(t.src[t.starts[line]:off], enc)}
}

// validOffset reports whether off is a place a position can name: not
// inside a "\r\n" pair nor inside a character (or, for UTF-16, inside a
// surrogate pair, which only a character outside the BMP makes).
func (t *text) validOffset(off int) bool {
	if off < 0 || off > len(t.src) {
		return false
	}
	if off > 0 && off < len(t.src) && t.src[off-1] == '\r' && t.src[off] == '\n' {
		return false
	}
	return off == len(t.src) || utf8.RuneStart(t.src[off])
}

// lineEnd is the offset where LSP line l's text ends (before its EOL).
func (t *text) lineEnd(l int) int {
	if l+1 >= len(t.starts) {
		return len(t.src)
	}
	end := t.starts[l+1] - 1
	if t.src[end] == '\n' && end > t.starts[l] && t.src[end-1] == '\r' {
		end--
	}
	return end
}

// offset converts a position to a byte offset. As the protocol asks, a
// character past the end of the line means the end of the line, and a
// line past the end of the document means its end.
func (t *text) offset(p Position, enc string) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.starts) {
		return len(t.src)
	}
	start, end := t.starts[p.Line], t.lineEnd(p.Line)
	line := t.src[start:end]
	if enc == encUTF8 {
		off := start + min(max(p.Character, 0), len(line))
		for off > start && !utf8.RuneStart(t.src[off]) && off < end {
			off-- // inside a character: its start
		}
		return off
	}
	n := 0
	for i, r := range line {
		if n >= p.Character {
			return start + i
		}
		n += runeUnits(r, enc)
	}
	return end
}

// units counts s in encoding enc.
func units(s string, enc string) int {
	switch enc {
	case encUTF8:
		return len(s)
	case encUTF32:
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		n += runeUnits(r, encUTF16)
	}
	return n
}

func runeUnits(r rune, enc string) int {
	switch enc {
	case encUTF8:
		return utf8.RuneLen(r) // the text came through JSON: valid UTF-8
	case encUTF32:
		return 1
	}
	if r >= 0x10000 {
		return 2
	}
	return 1
}
