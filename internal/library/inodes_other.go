//go:build !unix

package library

// outOfInodes cannot tell here.
func outOfInodes(dir string) bool { return false }
