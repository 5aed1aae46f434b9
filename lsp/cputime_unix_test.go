//go:build unix

package lsp

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system, all threads) this process used
// so far: unlike wall time it does not grow when other processes compete
// for the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
