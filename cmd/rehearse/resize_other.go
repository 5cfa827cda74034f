//go:build !unix

package main

import "os"

// notifyResize delivers nothing where the system has no resize signal.
func notifyResize() (<-chan os.Signal, func()) { return nil, func() {} }
