//go:build unix

package main

import (
	"os"
	"syscall"
)

// peakKB returns a finished process's peak resident memory in KB (on
// Linux; other systems report other units or nothing).
func peakKB(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	return int64(ru.Maxrss), true
}
