package dockerfile

import (
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// scripts memoizes Commands by script text. The rules split the same RUN
// many times, and a Document re-parsed after edits (Reparse) shares its
// original's memo, since most scripts come out unchanged.
type scripts struct {
	mu sync.Mutex
	m  map[string][][]string
}

// RunCommands is Commands(RunScript(n)), computed once per script text.
// The result is shared: callers must not modify it.
func (d *Document) RunCommands(n *parser.Node) [][]string {
	s := RunScript(n)
	if d.cmds == nil { // a Document not made by Parse
		return Commands(s)
	}
	d.cmds.mu.Lock()
	defer d.cmds.mu.Unlock()
	if c, ok := d.cmds.m[s]; ok {
		return c
	}
	if d.cmds.m == nil {
		d.cmds.m = map[string][][]string{}
	}
	c := Commands(s)
	d.cmds.m[s] = c
	return c
}
