package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/dockerharden/dockerharden/config"
	"github.com/dockerharden/dockerharden/rewrite"
)

// analysis is what rewrite.Fix says about one version of a buffer.
type analysis struct {
	name string // the file's path, or the URI when it is not a file
	src  []byte
	text *text
	opts rewrite.Options // what Fix ran with
	res  *fixResult      // nil when err is set or the file is skipped
	err  error           // the buffer does not parse, Fix failed, or the config is bad
	// errLine is err's 1-based line in the buffer (0 = none).
	errLine int

	mu    sync.Mutex
	alone map[int]aloneResult // by finding index: see aloneEdits
}

// analyze runs rewrite.Fix over a buffer, with the options of the
// .dockerharden.yaml found by walking up from the document's path (flags
// do not exist here). The config is looked up afresh every time (a few
// stat calls), so editing it takes effect on the next change.
func analyze(uri, src string) (a *analysis) {
	a = &analysis{name: uri, src: []byte(src), text: newText(src)}
	defer func() {
		if p := recover(); p != nil { // a bug in a rule must not take the editor's server down
			a.res, a.err, a.errLine = nil, fmt.Errorf("internal error: %v; please report this", p), 0
		}
	}()
	opts := rewrite.DefaultOptions()
	path, isFile := uriPath(uri)
	if isFile {
		a.name = path
		var finder config.Finder
		cf, err := finder.For(filepath.Dir(path))
		if err != nil {
			a.err = err
			return a
		}
		if cf.Excluded(path, false) {
			return a // excluded: like the CLI, treat it as needing nothing
		}
		cf.Apply(&opts)
		if err := opts.Validate(); err != nil {
			a.err = err
			return a
		}
	}
	if strings.TrimSpace(strings.TrimPrefix(src, bomText)) == "" {
		return a // a new, empty buffer: nothing to say yet
	}
	a.opts = opts
	a.res, a.err = runFix(a.name, a.src, opts)
	if a.err != nil {
		a.errLine, _ = located(a.err, a.name)
	}
	return a
}

// diagnostics converts the findings, or the one error, to diagnostics.
func (a *analysis) diagnostics(enc string) []Diagnostic {
	ds := []Diagnostic{}
	if a.err != nil {
		_, msg := located(a.err, a.name) // the file and line are the diagnostic's own
		return append(ds, Diagnostic{
			Range: a.lineRange(max(a.errLine, 1), max(a.errLine, 1), enc), Severity: sevError,
			Source: "dockerharden", Message: msg,
		})
	}
	if a.res == nil {
		return ds
	}
	for _, f := range a.res.findings {
		ds = append(ds, a.diagnostic(f, enc))
	}
	return ds
}

// diagnostic is one finding's diagnostic.
func (a *analysis) diagnostic(f finding, enc string) Diagnostic {
	rng := a.lineRange(f.line, f.endLine, enc)
	if f.end > f.start {
		rng = Range{Start: a.text.pos(f.start, enc), End: a.text.pos(f.end, enc)}
	}
	d := Diagnostic{
		Range:    rng,
		Severity: f.severity,
		Code:     f.rule,
		Source:   "dockerharden",
		Message:  f.message,
	}
	if f.href != "" {
		d.CodeDescription = &codeDescription{Href: f.href}
	}
	return d
}

// lineRange covers an instruction's text on buildkit lines [line, end]:
// from the first non-blank character of line (after a byte order mark) to
// the end of end's text, line ending excluded.
func (a *analysis) lineRange(line, end int, enc string) Range {
	end = max(end, line)
	t := a.text
	start := t.contentStart(line)
	stop := t.dkLineEnd(end)
	for start < stop && (t.src[start] == ' ' || t.src[start] == '\t') {
		start++
	}
	if start == stop { // a blank line: the whole of it
		start = t.contentStart(line)
	}
	return Range{Start: t.pos(start, enc), End: t.pos(stop, enc)}
}

// uriPath returns the local path of a file:// URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // file:///C:/x → C:/x
		if u.Host != "" && u.Host != "localhost" {
			p = `\\` + u.Host + `\` + p // UNC
		}
	}
	if p == "" {
		return "", false
	}
	return filepath.FromSlash(p), true
}
