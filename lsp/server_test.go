package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockerharden/dockerharden/rewrite"
)

// Test Dockerfiles, all written for these tests.
const (
	// A service on Debian that runs as root: DH001, DH002, DH009.
	debianApp = "FROM debian:bookworm-slim\n" +
		"RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n" +
		"WORKDIR /srv\n" +
		"COPY server /srv/server\n" +
		"EXPOSE 8080\n" +
		"CMD [\"python3\", \"/srv/server\"]\n"

	// Already hardened: nothing to fix.
	hardened = "FROM debian:bookworm-slim\n" +
		"COPY --chown=10001:10001 server /srv/server\n" +
		"USER 10001:10001\n" +
		"HEALTHCHECK CMD [\"/srv/server\", \"-ping\"]\n" +
		"CMD [\"/srv/server\"]\n"
)

func uriFor(t *testing.T, name string) string {
	return "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), name))
}

func TestInitializeAndShutdown(t *testing.T) {
	c := startServer(t, Options{Version: "1.2.3"})
	res := c.initialize()
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding = %v, want utf-16 when the client offers none", caps["positionEncoding"])
	}
	sync := caps["textDocumentSync"].(map[string]any)
	if sync["change"] != 1.0 || sync["openClose"] != true {
		t.Errorf("textDocumentSync = %v, want full sync with open/close", sync)
	}
	if caps["documentFormattingProvider"] != true || caps["codeActionProvider"] == nil {
		t.Errorf("capabilities = %v", caps)
	}
	if info := res["serverInfo"].(map[string]any); info["name"] != "dockerharden" || info["version"] != "1.2.3" {
		t.Errorf("serverInfo = %v", info)
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code after shutdown = %d, want 0", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	c.notify("exit", nil)
	if code := <-c.exit; code != 1 {
		t.Errorf("exit code without shutdown = %d, want 1", code)
	}
	c.exit <- 1
}

func TestEOFWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	c.w.Close()
	if code := <-c.exit; code != 1 {
		t.Errorf("exit code when the client vanishes = %d, want 1", code)
	}
	c.exit <- 1
}

func TestPositionEncodingNegotiation(t *testing.T) {
	for _, tc := range []struct {
		offered []string
		want    string
	}{
		{nil, "utf-16"},
		{[]string{}, "utf-16"},
		{[]string{"utf-8", "utf-16"}, "utf-8"},
		{[]string{"utf-32"}, "utf-32"},
		{[]string{"ucs-2", "utf-32", "utf-8"}, "utf-32"},
		{[]string{"ebcdic"}, "utf-16"},
	} {
		c := startServer(t, Options{})
		res := c.initialize(tc.offered...)
		if tc.offered != nil && len(tc.offered) == 0 {
			res = nil
		}
		if res != nil {
			if got := res["capabilities"].(map[string]any)["positionEncoding"]; got != tc.want {
				t.Errorf("offered %v: positionEncoding = %v, want %s", tc.offered, got, tc.want)
			}
		}
		c.shutdown()
	}
}

func TestBeforeInitialize(t *testing.T) {
	c := startServer(t, Options{})
	uri := uriFor(t, "Dockerfile")
	c.open(uri, debianApp) // dropped: not initialized
	m := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if m.Error == nil || m.Error.Code != codeServerNotInitialized {
		t.Fatalf("request before initialize: %s, want error %d", m.raw, codeServerNotInitialized)
	}
	c.noNotification(100 * time.Millisecond)
	c.initialize()
	if m := c.call("initialize", map[string]any{"capabilities": map[string]any{}}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("second initialize: %s, want InvalidRequest", m.raw)
	}
	c.shutdown()
}

func TestBadMessages(t *testing.T) {
	c := startServer(t, Options{})
	null := c.expect("null")
	c.sendRaw(`{"jsonrpc":"2.0","id":1,"method":`) // truncated JSON
	if m := c.wait(null); m.Error == nil || m.Error.Code != codeParseError || string(m.ID) != "null" {
		t.Fatalf("bad JSON: %s, want ParseError with id null", m.raw)
	}
	null = c.expect("null")
	c.sendRaw(`[1, 2]`)
	if m := c.wait(null); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Fatalf("not an object: %s, want InvalidRequest", m.raw)
	}
	// A header block without Content-Length is skipped; the stream goes on.
	if _, err := c.w.Write([]byte("Content-Type: application/vscode-jsonrpc\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	c.initialize()

	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("unknown request: %s, want MethodNotFound", m.raw)
	}
	if m := c.call("textDocument/formatting", []int{1}); m.Error == nil || m.Error.Code != codeInvalidParams {
		t.Errorf("bad params: %s, want InvalidParams", m.raw)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 99})
	c.notify("workspace/somethingNew", map[string]any{"x": 1})
	c.notify("$/setTrace", map[string]any{"value": "off"})
	c.noNotification(50 * time.Millisecond)
	// Still serving.
	uri := uriFor(t, "Dockerfile")
	c.open(uri, debianApp)
	if d := c.diagnostics(uri); len(d.Diagnostics) == 0 {
		t.Errorf("no diagnostics after bad messages")
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code = %d", code)
	}
}

func TestRequestAfterShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	c.call("shutdown", nil)
	if m := c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": "file:///x"}}); m.Error == nil || m.Error.Code != codeInvalidRequest {
		t.Errorf("request after shutdown: %s, want InvalidRequest", m.raw)
	}
	c.notify("exit", nil)
	if code := <-c.exit; code != 0 {
		t.Errorf("exit code = %d", code)
	}
	c.exit <- 0
}

func TestDiagnostics(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	c.open(uri, debianApp)
	p := c.diagnostics(uri)
	if p.Version == nil || *p.Version != 1 {
		t.Errorf("version = %v, want 1", p.Version)
	}
	got := map[string]Diagnostic{}
	for _, d := range p.Diagnostics {
		got[d.Code] = d
		if d.Source != "dockerharden" {
			t.Errorf("%s: source %q", d.Code, d.Source)
		}
	}
	want := map[string]struct {
		sev int
		rng Range
	}{
		"DH001": {sevError, Range{Position{0, 0}, Position{0, 25}}},
		"DH002": {sevWarning, Range{Position{3, 0}, Position{3, 23}}},
		"DH009": {sevInformation, Range{Position{0, 0}, Position{0, 25}}},
	}
	for code, w := range want {
		d, ok := got[code]
		if !ok {
			t.Errorf("no %s diagnostic in %+v", code, p.Diagnostics)
			continue
		}
		if d.Severity != w.sev || d.Range != w.rng {
			t.Errorf("%s: severity %d range %+v, want %d %+v", code, d.Severity, d.Range, w.sev, w.rng)
		}
		if d.CodeDescription == nil || d.CodeDescription.Href != "https://github.com/dockerharden/dockerharden/blob/main/README.md#"+strings.ToLower(code+"-"+ruleName(code)) {
			t.Errorf("%s: codeDescription %+v", code, d.CodeDescription)
		}
	}
	// The buffer, not the file on disk: the path does not even exist.
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != len(got) {
		t.Errorf("didSave: %d diagnostics, want %d", len(p.Diagnostics), len(got))
	}
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("didClose: diagnostics %+v, want none", p.Diagnostics)
	}
	c.noNotification(150 * time.Millisecond)
	c.shutdown()
}

func TestDiagnosticsDebounced(t *testing.T) {
	const debounce = 80 * time.Millisecond
	c := startServer(t, Options{Debounce: debounce})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	c.open(uri, hardened)
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Fatalf("hardened file: %+v", p.Diagnostics)
	}
	// A burst of keystrokes: only the last state is diagnosed. (A machine
	// that stalls longer than the debounce between two keystrokes would
	// see an intermediate publication; that is allowed, a stale one after
	// the last is not.)
	var last time.Time
	for v := 2; v <= 6; v++ {
		last = time.Now() // before sending: the server's pause starts later
		c.change(uri, v, strings.Replace(hardened, "USER 10001:10001\n", "USER root\n", 1)+strings.Repeat("#\n", v))
	}
	var p publishDiagnosticsParams
	var at time.Time
	for n := 1; ; n++ {
		p, at = c.diagnosticsAt(uri)
		if p.Version == nil {
			t.Fatalf("diagnostics without a version")
		}
		if *p.Version == 6 {
			if n > 1 {
				t.Logf("%d publications for a burst of 5 changes", n)
			}
			if n == 5 {
				t.Errorf("every change of the burst was published: no debounce")
			}
			break
		}
	}
	if at.Sub(last) < debounce {
		t.Errorf("published %v after the last change, before the %v debounce", at.Sub(last), debounce)
	}
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Code != "DH001" {
		t.Errorf("after USER root: %+v, want DH001", p.Diagnostics)
	}
	c.noNotification(2 * debounce)
	c.shutdown()
}

func TestParseErrorDiagnostic(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	for _, tc := range []struct {
		text string
		line int
	}{
		{"FROM alpine:3.20\nRUN <<EOF\necho half-typed\n", 2}, // unterminated heredoc
		{"# only a comment\nRUN echo no from\n", 2},
		{"FROM alpine:3.20\nRUN echo \x00\n", 2}, // a NUL: binary
	} {
		c.open(uri, tc.text)
		p := c.diagnostics(uri)
		if len(p.Diagnostics) != 1 {
			t.Errorf("%q: %+v, want one diagnostic", tc.text, p.Diagnostics)
			continue
		}
		d := p.Diagnostics[0]
		if d.Severity != sevError || d.Range.Start.Line != tc.line-1 || d.Message == "" || strings.Contains(d.Message, uri) {
			t.Errorf("%q: %+v, want an error at line %d", tc.text, d, tc.line)
		}
		if es := c.format(uri); len(es) != 0 {
			t.Errorf("%q: formatting a broken buffer gave %+v", tc.text, es)
		}
		if acts := c.codeActions(uri, Range{End: Position{Line: 5}}); len(acts) != 0 {
			t.Errorf("%q: code actions on a broken buffer: %+v", tc.text, acts)
		}
	}
	// An empty new buffer: nothing to say yet, and no edits.
	c.open(uri, "")
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("empty buffer: %+v", p.Diagnostics)
	}
	if es := c.format(uri); len(es) != 0 {
		t.Errorf("empty buffer formatted: %+v", es)
	}
	c.shutdown()
}

func TestConfigFromDocumentPath(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "svc", "api")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dockerharden.yaml"), []byte("uid: 2000\ngid: 2000\ndisable: [no-healthcheck]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// On disk the file is already hardened; the buffer is what counts.
	path := filepath.Join(sub, "Dockerfile")
	if err := os.WriteFile(path, []byte(hardened), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)
	c := startServer(t, Options{})
	c.initialize()
	c.open(uri, debianApp)
	p := c.diagnostics(uri)
	var codes []string
	for _, d := range p.Diagnostics {
		codes = append(codes, d.Code)
		if d.Code == "DH001" && !strings.Contains(d.Message, "2000:2000") {
			t.Errorf("DH001 %q does not use the config's uid 2000", d.Message)
		}
	}
	if strings.Join(codes, ",") != "DH001,DH002" {
		t.Errorf("codes %v, want DH001,DH002 (DH009 disabled by the config)", codes)
	}
	got := applyEdits(t, debianApp, c.format(uri), encUTF16)
	if !strings.Contains(got, "USER 2000:2000\n") {
		t.Errorf("formatted with the config's uid:\n%s", got)
	}

	// A broken config is reported on the document, not a crash.
	if err := os.WriteFile(filepath.Join(dir, ".dockerharden.yaml"), []byte("uid: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.change(uri, 2, debianApp+"\n")
	p = c.diagnostics(uri)
	if len(p.Diagnostics) != 1 || !strings.Contains(p.Diagnostics[0].Message, ".dockerharden.yaml") {
		t.Errorf("bad config: %+v", p.Diagnostics)
	}
	if es := c.format(uri); len(es) != 0 {
		t.Errorf("formatting under a bad config: %+v", es)
	}

	// An excluded file gets nothing.
	if err := os.WriteFile(filepath.Join(dir, ".dockerharden.yaml"), []byte("exclude: [svc/]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{}})
	if p = c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Errorf("excluded file: %+v", p.Diagnostics)
	}
	c.shutdown()
}

func TestNonFileURI(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	uri := "untitled:Untitled-1"
	c.open(uri, debianApp)
	if p := c.diagnostics(uri); len(p.Diagnostics) < 2 {
		t.Errorf("untitled buffer: %+v", p.Diagnostics)
	}
	c.shutdown()
}

func TestServerSurvivesRapidOpenClose(t *testing.T) {
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	for i := range 50 {
		c.open(uri, debianApp)
		c.change(uri, 2+i, hardened)
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// A raw check that responses are well-formed JSON-RPC.
func TestResponseShape(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	m := c.call("nope", nil)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(m.raw, &raw); err != nil {
		t.Fatal(err)
	}
	if string(raw["jsonrpc"]) != `"2.0"` || raw["error"] == nil {
		t.Errorf("error response %s", m.raw)
	}
	if _, ok := raw["result"]; ok {
		t.Errorf("error response has a result: %s", m.raw)
	}
	m = c.call("shutdown", nil)
	if err := json.Unmarshal(m.raw, &raw); err != nil {
		t.Fatal(err)
	}
	if r, ok := raw["result"]; !ok || string(r) != "null" {
		t.Errorf("shutdown response %s: want result null", m.raw)
	}
	c.notify("exit", nil)
}

// TestIncrementalChange: the server announces full sync, but a client that
// sends ranged changes anyway is understood (UTF-16 columns).
func TestIncrementalChange(t *testing.T) {
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	text := "# grüße 😀\n" + hardened
	c.open(uri, text)
	if p := c.diagnostics(uri); len(p.Diagnostics) != 0 {
		t.Fatalf("%+v", p.Diagnostics)
	}
	// "USER 10001:10001" on line 3 → "USER root"
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{
			"range": Range{Position{3, 5}, Position{3, 16}}, "text": "root",
		}},
	})
	p := c.diagnostics(uri)
	if len(p.Diagnostics) == 0 || p.Diagnostics[0].Code != "DH001" {
		t.Fatalf("after the ranged change: %+v", p.Diagnostics)
	}
	want := strings.Replace(text, "USER 10001:10001", "USER root", 1)
	res, _ := runFix(mustPath(t, uri), []byte(want), rewrite.DefaultOptions())
	if got := applyEdits(t, want, c.format(uri), encUTF16); got != string(res.output) {
		t.Errorf("formatting after a ranged change: %q", got)
	}
	c.shutdown()
}

// TestDebounceStartsEarly: on a file whose analysis takes a while, the
// computation starts before the pause is over, but nothing is published
// before it is, and a keystroke near its end leaves no stale publication.
func TestDebounceStartsEarly(t *testing.T) {
	const debounce = 100 * time.Millisecond
	src := genDockerfile(1000)
	c := startServer(t, Options{Debounce: debounce})
	c.initialize()
	uri := uriFor(t, "Dockerfile")
	c.open(uri, src) // measures the compute time
	c.diagnostics(uri)

	sent := time.Now() // before sending: the server's pause starts later
	c.change(uri, 2, src+"# 2\n")
	p, at := c.diagnosticsAt(uri)
	if *p.Version != 2 || at.Sub(sent) < debounce {
		t.Errorf("version %d published %v after the change, want 2 after at least %v", *p.Version, at.Sub(sent), debounce)
	}
	t.Logf("published %v after the change (debounce %v)", at.Sub(sent), debounce)

	// A keystroke just before the end of the pause, while the early
	// computation of version 3 may be running.
	c.change(uri, 3, src+"# 3\n")
	time.Sleep(debounce - 10*time.Millisecond)
	sent = time.Now()
	c.change(uri, 4, src+"# 4\n")
	for {
		p, at = c.diagnosticsAt(uri)
		if *p.Version == 4 {
			break
		}
		if *p.Version != 3 {
			t.Fatalf("published version %d", *p.Version)
		}
		t.Logf("version 3 was published before version 4 arrived (a stalled machine)")
	}
	if at.Sub(sent) < debounce {
		t.Errorf("version 4 published %v after its change, before the %v debounce", at.Sub(sent), debounce)
	}
	c.noNotification(2 * debounce)
	c.shutdown()
}

// TestMalformedMessages: whatever arrives, the server answers what it can
// and keeps serving; only the end of its input stops it.
func TestMalformedMessages(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	for _, tc := range []struct {
		body string
		code int // error code of the response with id null; 0 = no response
	}{
		{`null`, codeInvalidRequest},
		{`"just a string"`, codeInvalidRequest},
		{`{"id":1}`, 0}, // a response to nothing: ignored
		{`{"jsonrpc":"1.0","id":7,"method":"shutdown"}`, codeInvalidRequest},
		{`{"jsonrpc":"2.0","id":{"x":1},"method":"shutdown"}`, codeInvalidRequest},
		{`{"jsonrpc":"2.0","method":5}`, codeInvalidRequest},
		{`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":"nonsense"}`, 0},
		{`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///never/opened"},"contentChanges":[{"text":"FROM x"}]}}`, 0},
		{"\xff\xfe{", codeParseError},
	} {
		var ch chan rawMsg
		if tc.code != 0 {
			ch = c.expect("null")
		}
		if tc.body == `{"jsonrpc":"1.0","id":7,"method":"shutdown"}` {
			ch = c.expect("7")
		}
		c.sendRaw(tc.body)
		if ch != nil {
			if m := c.wait(ch); m.Error == nil || m.Error.Code != tc.code {
				t.Errorf("%q: %s, want error %d", tc.body, m.raw, tc.code)
			}
		}
	}
	// Headers without a usable length are skipped.
	for _, h := range []string{"Content-Length: -5\r\n\r\n", "Content-Length: abc\r\n\r\n", "X-Nothing: 1\r\n\r\n"} {
		if _, err := c.w.Write([]byte(h)); err != nil {
			t.Fatal(err)
		}
	}
	if m := c.call("nothing/here", nil); m.Error == nil || m.Error.Code != codeMethodNotFound {
		t.Errorf("after malformed messages: %s", m.raw)
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// TestTruncatedInput: input that ends inside a message ends the server
// (exit code 1: no shutdown), without a panic.
func TestTruncatedInput(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	if _, err := c.w.Write([]byte("Content-Length: 100\r\n\r\n{\"jsonrpc\"")); err != nil {
		t.Fatal(err)
	}
	c.w.Close()
	if code := <-c.exit; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	c.exit <- 1
}

func TestURIPath(t *testing.T) {
	for _, tc := range []struct {
		uri, path string
		ok        bool
	}{
		{"file:///srv/app/Dockerfile", "/srv/app/Dockerfile", true},
		{"file:///srv/my%20app/Docker%C3%A9file", "/srv/my app/Dockeréfile", true},
		{"file://localhost/srv/Dockerfile", "/srv/Dockerfile", true},
		{"untitled:Untitled-1", "", false},
		{"file://", "", false},
		{"%zz", "", false},
	} {
		p, ok := uriPath(tc.uri)
		if ok != tc.ok || (ok && p != filepath.FromSlash(tc.path)) {
			t.Errorf("uriPath(%q) = %q, %v; want %q, %v", tc.uri, p, ok, tc.path, tc.ok)
		}
	}
}
