//go:build !unix

package main

import "os"

// peakKB is not known on this system.
func peakKB(*os.ProcessState) (int64, bool) { return 0, false }
