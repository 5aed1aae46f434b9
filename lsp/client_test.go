package lsp

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// client drives a Serve over pipes, as an editor would.
type client struct {
	t      testing.TB
	w      *io.PipeWriter // the server's stdin
	exit   chan int       // Serve's return value
	mu     sync.Mutex
	nextID int
	resps  map[string]chan rawMsg
	notes  chan rawMsg // notifications from the server
	closed chan struct{}
}

type rawMsg struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
	raw    []byte
	at     time.Time
}

func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{
		t: t, w: inW, exit: make(chan int, 1), resps: map[string]chan rawMsg{},
		notes: make(chan rawMsg, 1000), closed: make(chan struct{}),
	}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	go func() {
		code := Serve(inR, outW, opts)
		outW.Close()
		c.exit <- code
	}()
	go func() {
		defer close(c.closed)
		r := bufio.NewReader(outR)
		for {
			body, err := readMessage(r)
			if err != nil {
				return
			}
			var m rawMsg
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("server sent bad JSON: %q", body)
				return
			}
			m.raw, m.at = body, time.Now()
			if m.Method != "" {
				c.notes <- m
				continue
			}
			c.mu.Lock()
			ch := c.resps[string(m.ID)]
			c.mu.Unlock()
			if ch == nil {
				t.Errorf("unexpected response: %s", body)
				continue
			}
			ch <- m
		}
	}()
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-c.exit:
		case <-time.After(5 * time.Second):
			t.Errorf("server did not stop after its input closed")
		}
	})
	return c
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Logf("%s", strings.TrimSpace(string(p)))
	return len(p), nil
}

func (c *client) sendRaw(body string) {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.sendRaw(string(b))
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// expect registers interest in the response to id.
func (c *client) expect(id string) chan rawMsg {
	ch := make(chan rawMsg, 1)
	c.mu.Lock()
	c.resps[id] = ch
	c.mu.Unlock()
	return ch
}

// call sends a request and waits for its response.
func (c *client) call(method string, params any) rawMsg {
	c.t.Helper()
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	c.mu.Unlock()
	ch := c.expect(fmt.Sprint(id))
	msg := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	c.send(msg)
	return c.wait(ch)
}

func (c *client) wait(ch chan rawMsg) rawMsg {
	c.t.Helper()
	select {
	case m := <-ch:
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatalf("no response")
	}
	return rawMsg{}
}

// result calls and decodes a successful result into v.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: error %v", method, m.Error)
	}
	if v != nil {
		if err := json.Unmarshal(m.Result, v); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

func (c *client) initialize(encodings ...string) map[string]any {
	c.t.Helper()
	caps := map[string]any{}
	if encodings != nil {
		caps["general"] = map[string]any{"positionEncodings": encodings}
	}
	var res map[string]any
	c.result("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": caps}, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// diagnostics waits for the next publishDiagnostics of uri.
func (c *client) diagnostics(uri string) publishDiagnosticsParams {
	c.t.Helper()
	p, _ := c.diagnosticsAt(uri)
	return p
}

func (c *client) diagnosticsAt(uri string) (publishDiagnosticsParams, time.Time) {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-c.notes:
			if m.Method != "textDocument/publishDiagnostics" {
				continue
			}
			var p publishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			if p.URI == uri {
				return p, m.at
			}
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s", uri)
		}
	}
}

// noNotification checks that the server sends nothing for d.
func (c *client) noNotification(d time.Duration) {
	c.t.Helper()
	select {
	case m := <-c.notes:
		c.t.Fatalf("unexpected notification: %s", m.raw)
	case <-time.After(d):
	}
}

func (c *client) open(uri, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text,
	}})
}

func (c *client) change(uri string, version int, text string) {
	c.t.Helper()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

func (c *client) format(uri string) []TextEdit {
	c.t.Helper()
	var es []TextEdit
	c.result("textDocument/formatting", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"options":      map[string]any{"tabSize": 4, "insertSpaces": true},
	}, &es)
	return es
}

func (c *client) codeActions(uri string, r Range, only ...string) []CodeAction {
	c.t.Helper()
	ctx := map[string]any{"diagnostics": []any{}}
	if only != nil {
		ctx["only"] = only
	}
	var acts []CodeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": r, "context": ctx,
	}, &acts)
	return acts
}

func (c *client) shutdown() int {
	c.t.Helper()
	m := c.call("shutdown", nil)
	if m.Error != nil || string(m.Result) != "null" {
		c.t.Fatalf("shutdown: %s", m.raw)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		c.exit <- code // for Cleanup
		return code
	case <-time.After(5 * time.Second):
		c.t.Fatal("server did not exit")
	}
	return -1
}

// applyEdits applies LSP text edits to text the way the protocol defines,
// written independently of the server's position code: lines end at "\n",
// "\r\n" or "\r"; characters count in enc; edits never overlap and
// insertions at one position apply in array order.
func applyEdits(t testing.TB, text string, edits []TextEdit, enc string) string {
	t.Helper()
	type span struct {
		start, end int
		s          string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{refOffset(t, text, e.Range.Start, enc), refOffset(t, text, e.Range.End, enc), e.NewText})
	}
	// stable by start: equal starts keep array order
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j-1].start > spans[j].start; j-- {
			spans[j-1], spans[j] = spans[j], spans[j-1]
		}
	}
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.start < pos || s.end < s.start {
			t.Fatalf("overlapping or inverted edits: %+v", edits)
		}
		b.WriteString(text[pos:s.start])
		b.WriteString(s.s)
		pos = s.end
	}
	b.WriteString(text[pos:])
	return b.String()
}

// refOffset is the reference position → offset conversion; it fails on
// positions that are not exactly on a character boundary of a line.
func refOffset(t testing.TB, text string, p Position, enc string) int {
	t.Helper()
	var lines []string // each with its terminator
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			lines = append(lines, text)
			break
		}
		n := i + 1
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			n++
		}
		lines = append(lines, text[:n])
		text = text[n:]
	}
	off := 0
	for l := 0; l < p.Line; l++ {
		if l >= len(lines) {
			t.Fatalf("position %+v past the end", p)
		}
		off += len(lines[l])
	}
	if p.Line == len(lines) && p.Character == 0 {
		return off
	}
	if p.Line > len(lines) {
		t.Fatalf("position %+v past the end", p)
	}
	line := strings.TrimRight(lines[p.Line], "\r\n")
	n := 0
	for i, r := range line {
		if n == p.Character {
			return off + i
		}
		switch enc {
		case encUTF8:
			n += utf8.RuneLen(r)
		case encUTF32:
			n++
		default:
			n += len(utf16.Encode([]rune{r}))
		}
		if n > p.Character {
			t.Fatalf("position %+v is inside a character", p)
		}
	}
	if n != p.Character {
		t.Fatalf("position %+v past the end of line %q", p, line)
	}
	return off + len(line)
}
