//go:build unix

package tui

import (
	"os"
	"os/signal"
	"syscall"
)

// NotifyResize delivers terminal window size changes.
func NotifyResize() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGWINCH)
	return ch, func() { signal.Stop(ch) }
}
