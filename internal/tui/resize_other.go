//go:build !unix

package tui

import "os"

// NotifyResize delivers nothing where the system has no resize signal.
func NotifyResize() (<-chan os.Signal, func()) { return nil, func() {} }
