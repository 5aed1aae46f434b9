package rewrite

import (
	"regexp"
	"sync"
)

// lazyRE compiles a regexp on first use: an editor runs dockerharden once
// per save, and process start-up is most of a small file's cost.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
