package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// JSON-RPC 2.0 over the LSP base protocol: each message is a header block
// ("Content-Length: N\r\n", optionally "Content-Type: …\r\n", then "\r\n")
// followed by N bytes of JSON. The server only needs requests and
// notifications in and responses and notifications out, so this is a small
// loop over encoding/json rather than a library: no dependency, nothing to
// initialise at start-up (the same binary runs `fix` on every save).

// Error codes (JSON-RPC 2.0 and LSP).
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
)

// maxMessage bounds one message: rewrite refuses files over 16 MiB, and
// JSON escaping can at most sextuple that.
const maxMessage = 100 << 20

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// incoming is one decoded message. A request has an ID and a method, a
// notification only a method; a response (to a request of ours; the server
// sends none) only an ID.
type incoming struct {
	ID     json.RawMessage // nil when absent; "null" when null
	Method string
	Params json.RawMessage
}

func (m *incoming) isRequest() bool { return m.ID != nil }

// readMessage reads one framed message body. A header block without a
// usable Content-Length is reported as errBadHeader after it was consumed:
// the stream can continue with the next message.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	sawHeader := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && (line != "" || sawHeader) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if !sawHeader {
				continue // stray blank line between messages
			}
			break
		}
		sawHeader = true
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err == nil && n >= 0 {
				length = n
			}
		}
	}
	if length < 0 {
		return nil, errBadHeader
	}
	if length > maxMessage {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, errTooLarge
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

var (
	errBadHeader = errors.New("message header without a valid Content-Length")
	errTooLarge  = fmt.Errorf("message larger than %d MiB", maxMessage>>20)
)

// decode parses a message body. A body that is not JSON is a ParseError;
// JSON that is not a request or notification is an InvalidRequest.
func decode(body []byte) (*incoming, *rpcError) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || !json.Valid(body) {
			return nil, &rpcError{Code: codeParseError, Message: "parse error: " + err.Error()}
		}
		return nil, &rpcError{Code: codeInvalidRequest, Message: "invalid request: not a JSON object"}
	}
	m := &incoming{ID: raw["id"], Params: raw["params"]}
	if v, ok := raw["jsonrpc"]; ok && string(v) != `"2.0"` {
		return m, &rpcError{Code: codeInvalidRequest, Message: `invalid request: jsonrpc must be "2.0"`}
	}
	if m.ID != nil {
		switch m.ID[0] {
		case '"', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		default:
			m.ID = json.RawMessage("null")
			return m, &rpcError{Code: codeInvalidRequest, Message: "invalid request: id must be a number or a string"}
		}
	}
	if v, ok := raw["method"]; ok {
		if err := json.Unmarshal(v, &m.Method); err != nil || m.Method == "" {
			return m, &rpcError{Code: codeInvalidRequest, Message: "invalid request: method must be a string"}
		}
	} else if m.ID == nil {
		return m, &rpcError{Code: codeInvalidRequest, Message: "invalid request: no method"}
	}
	return m, nil
}

// conn writes framed messages; it is safe for concurrent use. After close
// nothing more is written (diagnostics computed while the server exits are
// dropped).
type conn struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
	err    error
}

func (c *conn) send(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.err != nil {
		return c.err
	}
	_, c.err = c.w.Write(b.Bytes())
	return c.err
}

func (c *conn) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
	Error   *rpcError       `json:"error,omitempty"`
}

// errorResponse omits result: JSON-RPC forbids both.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (c *conn) reply(id json.RawMessage, result any, rerr *rpcError) error {
	if id == nil {
		id = json.RawMessage("null")
	}
	if rerr != nil {
		return c.send(errorResponse{JSONRPC: "2.0", ID: id, Error: rerr})
	}
	return c.send(response{JSONRPC: "2.0", ID: id, Result: result})
}

func (c *conn) notify(method string, params any) error {
	return c.send(notification{JSONRPC: "2.0", Method: method, Params: params})
}
