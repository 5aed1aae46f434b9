// Package lsp is dockerharden's language server: diagnostics from
// rewrite's findings, formatting that makes exactly fix's edits, and quick
// fixes, over JSON-RPC 2.0 on stdio. It is a thin layer: every decision is
// rewrite.Fix's, computed from the editor's buffer (not the file on disk)
// with the .dockerharden.yaml found from the document's path.
package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"
)

// DefaultDebounce is how long the server waits after the last change
// before it computes diagnostics: long enough to skip the intermediate
// states of a burst of keystrokes, short enough to feel immediate. One Fix
// of a 1,000-line file takes about 10 ms.
const DefaultDebounce = 100 * time.Millisecond

// Options configure Serve.
type Options struct {
	Version  string        // reported in serverInfo
	Debounce time.Duration // 0 = DefaultDebounce; negative = none
	Log      io.Writer     // protocol problems, one line each; nil = discard
}

// Serve runs the server until the client sends exit or closes in. It
// returns the process exit code: 0 after shutdown, 1 otherwise.
func Serve(in io.Reader, out io.Writer, opts Options) int {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{opts: opts, conn: &conn{w: out}, docs: map[string]*document{}, enc: encUTF16}
	defer s.stop()
	r := bufio.NewReaderSize(in, 64<<10)
	for {
		body, err := readMessage(r)
		switch {
		case errors.Is(err, errBadHeader) || errors.Is(err, errTooLarge):
			s.logf("%v", err)
			if errors.Is(err, errTooLarge) {
				s.conn.reply(nil, nil, &rpcError{Code: codeInvalidRequest, Message: err.Error()})
			}
			continue
		case err != nil:
			if err != io.EOF {
				s.logf("reading: %v", err)
			}
			return s.exitCode()
		}
		if s.handle(body) {
			return s.exitCode()
		}
	}
}

type server struct {
	opts Options
	conn *conn

	mu          sync.Mutex
	initialized bool // initialize was answered
	shutdown    bool // shutdown was answered
	enc         string
	docs        map[string]*document
}

// document is one open buffer.
type document struct {
	uri string

	mu      sync.Mutex
	text    string
	version int
	gen     uint64 // bumped on every change: results of older ones are dropped
	closed  bool
	timer   *time.Timer
	result  *analysis // the analysis of generation cached, if not nil
	cached  uint64
	running chan struct{} // closed when the analysis in flight is done
	// lastCompute is how long the last analysis took: how early the
	// next debounced one starts.
	lastCompute time.Duration
}

func (s *server) logf(format string, a ...any) {
	fmt.Fprintf(s.opts.Log, "dockerharden lsp: "+format+"\n", a...)
}

func (s *server) exitCode() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return 0
	}
	return 1
}

// stop cancels pending diagnostics and silences the connection.
func (s *server) stop() {
	s.closeDocs()
	s.conn.close()
}

// closeDocs cancels pending diagnostics.
func (s *server) closeDocs() {
	s.mu.Lock()
	for _, d := range s.docs {
		d.mu.Lock()
		if d.timer != nil {
			d.timer.Stop()
		}
		d.closed = true
		d.mu.Unlock()
	}
	s.mu.Unlock()
}

// handle processes one message; it returns true on exit.
func (s *server) handle(body []byte) (exit bool) {
	m, rerr := decode(body)
	if rerr != nil {
		s.logf("%s", rerr.Message)
		if m == nil || m.isRequest() || m.Method == "" {
			id := json.RawMessage(nil)
			if m != nil {
				id = m.ID
			}
			s.conn.reply(id, nil, rerr)
		}
		return false
	}
	if m.Method == "" {
		return false // a response: the server sends no requests
	}
	defer func() {
		if p := recover(); p != nil {
			s.logf("internal error in %s: %v\n%s", m.Method, p, debug.Stack())
			if m.isRequest() {
				s.conn.reply(m.ID, nil, &rpcError{Code: codeInternalError, Message: fmt.Sprintf("internal error: %v", p)})
			}
		}
	}()
	if m.Method == "exit" {
		return true
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	if !m.isRequest() {
		if initialized && !shutdown {
			s.notification(m)
		}
		return false
	}
	switch {
	case m.Method == "initialize" && initialized:
		s.conn.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "initialize was already received"})
	case m.Method == "initialize":
		s.conn.reply(m.ID, s.initialize(m.Params), nil)
	case !initialized:
		s.conn.reply(m.ID, nil, &rpcError{Code: codeServerNotInitialized, Message: "the server is not initialized"})
	case shutdown:
		s.conn.reply(m.ID, nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shutting down"})
	default:
		result, rerr := s.request(m)
		s.conn.reply(m.ID, result, rerr)
	}
	return false
}

func (s *server) initialize(params json.RawMessage) any {
	var p initializeParams
	_ = json.Unmarshal(params, &p) // everything in it is optional
	s.mu.Lock()
	s.enc = pickEncoding(p.Capabilities.General.PositionEncodings)
	s.initialized = true
	enc := s.enc
	s.mu.Unlock()
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": enc,
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full: the whole buffer on every change
				"save":      map[string]any{"includeText": false},
			},
			"documentFormattingProvider": true,
			"codeActionProvider": map[string]any{
				"codeActionKinds": []string{kindQuickFix, kindFixAll},
			},
		},
		"serverInfo": map[string]any{"name": "dockerharden", "version": s.opts.Version},
	}
}

func (s *server) encoding() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// unmarshal decodes params; a mismatch is InvalidParams.
func unmarshal(params json.RawMessage, v any) *rpcError {
	if len(params) == 0 {
		return &rpcError{Code: codeInvalidParams, Message: "missing params"}
	}
	if err := json.Unmarshal(params, v); err != nil {
		return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

func (s *server) request(m *incoming) (any, *rpcError) {
	switch m.Method {
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.closeDocs()
		return nil, nil
	case "textDocument/formatting":
		var p formattingParams
		if err := unmarshal(m.Params, &p); err != nil {
			return nil, err
		}
		a := s.current(p.TextDocument.URI)
		if a == nil {
			return []TextEdit{}, nil
		}
		return a.formatting(s.encoding()), nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := unmarshal(m.Params, &p); err != nil {
			return nil, err
		}
		a := s.current(p.TextDocument.URI)
		if a == nil {
			return []CodeAction{}, nil
		}
		return a.codeActions(p.TextDocument.URI, p.Range, p.Context.Only, s.encoding()), nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: "method not found: " + m.Method}
}

// notification handles the document lifecycle; others (including
// $/cancelRequest: every request is answered promptly and in order) are
// ignored.
func (s *server) notification(m *incoming) {
	switch m.Method {
	case "textDocument/didOpen":
		var p didOpenParams
		if unmarshal(m.Params, &p) != nil {
			s.logf("didOpen: bad params")
			return
		}
		d := &document{uri: p.TextDocument.URI, text: p.TextDocument.Text, version: p.TextDocument.Version}
		s.mu.Lock()
		if old := s.docs[d.uri]; old != nil {
			old.mu.Lock()
			old.closed = true
			if old.timer != nil {
				old.timer.Stop()
			}
			old.mu.Unlock()
		}
		s.docs[d.uri] = d
		s.mu.Unlock()
		s.schedule(d, 0)
	case "textDocument/didChange":
		var p didChangeParams
		if unmarshal(m.Params, &p) != nil {
			s.logf("didChange: bad params")
			return
		}
		d := s.doc(p.TextDocument.URI)
		if d == nil || len(p.ContentChanges) == 0 {
			return
		}
		d.mu.Lock()
		for _, c := range p.ContentChanges {
			if c.Range == nil {
				d.text = c.Text
				continue
			}
			// Incremental changes are not announced, but cost little to honour.
			t := newText(d.text)
			enc := s.encoding()
			start, end := t.offset(c.Range.Start, enc), t.offset(c.Range.End, enc)
			if end < start {
				start, end = end, start
			}
			d.text = d.text[:start] + c.Text + d.text[end:]
		}
		d.version = p.TextDocument.Version
		d.gen++
		d.mu.Unlock()
		s.schedule(d, s.opts.Debounce)
	case "textDocument/didSave":
		var p didSaveParams
		if unmarshal(m.Params, &p) != nil {
			return
		}
		if d := s.doc(p.TextDocument.URI); d != nil {
			s.schedule(d, 0)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if unmarshal(m.Params, &p) != nil {
			return
		}
		s.mu.Lock()
		d := s.docs[p.TextDocument.URI]
		delete(s.docs, p.TextDocument.URI)
		s.mu.Unlock()
		if d == nil {
			return
		}
		d.mu.Lock()
		d.closed = true
		if d.timer != nil {
			d.timer.Stop()
		}
		s.conn.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
		d.mu.Unlock()
	case "workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration":
		// A .dockerharden.yaml may have changed: recompute everything.
		s.mu.Lock()
		var docs []*document
		for _, d := range s.docs {
			docs = append(docs, d)
		}
		s.mu.Unlock()
		for _, d := range docs {
			d.mu.Lock()
			d.gen++ // the cached analysis used the old config
			d.mu.Unlock()
			s.schedule(d, 0)
		}
	}
}

func (s *server) doc(uri string) *document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[uri]
}

// schedule publishes d's diagnostics delay after now (at once when delay
// is not positive), replacing a pending publication.
//
// The debounce is a pause in typing, not a queue: to publish when it ends
// rather than a Fix later, the computation starts early by the time the
// last one took (with a margin, at most half the delay) and the result is
// held until the delay is over. A keystroke in that last stretch makes it
// stale (it is dropped, and the next publication follows the new pause).
func (s *server) schedule(d *document, delay time.Duration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	if delay <= 0 {
		d.timer = nil
		go s.publish(d, time.Time{})
		return
	}
	due := time.Now().Add(delay)
	lead := min(d.lastCompute+d.lastCompute/4, delay/2)
	d.timer = time.AfterFunc(delay-lead, func() { s.publish(d, due) })
}

// publish computes and sends the diagnostics of d's current text, not
// before due, unless the text changed meanwhile (a newer publication
// follows).
func (s *server) publish(d *document, due time.Time) {
	defer func() {
		if p := recover(); p != nil { // never take the editor's server down
			s.logf("internal error publishing diagnostics: %v\n%s", p, debug.Stack())
		}
	}()
	a, gen := s.analysis(d)
	enc := s.encoding()
	diags := a.diagnostics(enc)
	if wait := time.Until(due); wait > 0 {
		time.Sleep(wait)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.gen != gen {
		return
	}
	v := d.version
	s.conn.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags})
}

// current is the analysis of the open document uri's text, or nil.
func (s *server) current(uri string) *analysis {
	d := s.doc(uri)
	if d == nil {
		return nil
	}
	a, _ := s.analysis(d)
	return a
}

// analysis returns the analysis of d's current text, computing it at most
// once per change even when diagnostics and a request want it at the same
// time.
func (s *server) analysis(d *document) (*analysis, uint64) {
	for {
		d.mu.Lock()
		gen := d.gen
		if d.result != nil && d.cached == gen {
			a := d.result
			d.mu.Unlock()
			return a, gen
		}
		if wait := d.running; wait != nil {
			d.mu.Unlock()
			<-wait // then look again: it may be of an older text
			continue
		}
		done := make(chan struct{})
		d.running = done
		uri, text := d.uri, d.text
		d.mu.Unlock()

		start := time.Now()
		a := analyze(uri, text)
		took := time.Since(start)

		d.mu.Lock()
		d.running = nil
		d.lastCompute = took
		if d.gen == gen {
			d.result, d.cached = a, gen
		}
		close(done)
		d.mu.Unlock()
		return a, gen
	}
}
