package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func frame(msgs ...string) *bytes.Buffer {
	var b bytes.Buffer
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return &b
}

// TestLSPCommand: `dockerharden lsp` is wired to package lsp on the
// command's streams, and its exit code is the protocol's.
func TestLSPCommand(t *testing.T) {
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	for _, tc := range []struct {
		msgs []string
		code int
	}{
		{[]string{initialize, `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`}, 0},
		{[]string{initialize, `{"jsonrpc":"2.0","method":"exit"}`}, 1},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"dockerharden", "lsp", "--stdio"}, frame(tc.msgs...), &stdout, &stderr)
		if code != tc.code {
			t.Errorf("exit code %d, want %d; stderr %s", code, tc.code, stderr.String())
		}
		if !strings.Contains(stdout.String(), `"serverInfo":{"name":"dockerharden","version":"`+versionString()+`"}`) {
			t.Errorf("no initialize result in %q", stdout.String())
		}
	}
}
