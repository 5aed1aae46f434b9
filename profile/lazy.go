package profile

import (
	"regexp"
	"sync"
)

// lazyRE compiles a regexp on first use: every command links this package,
// and compiling at start-up cost fix and check more than parsing a small file.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
