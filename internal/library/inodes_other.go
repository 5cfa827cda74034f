//go:build !unix

package library

import "os"

// outOfInodes cannot tell here.
func outOfInodes(dir string) bool { return false }

// stampOf cannot tell a file's inode here: the deck cache checks every
// file's content hash.
func stampOf(path string) (fileStamp, bool) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	return fileStamp{Size: info.Size(), Mtime: info.ModTime().UnixNano()}, true
}
