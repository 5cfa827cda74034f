//go:build unix

package library

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// outOfInodes reports whether the file system holding dir (or, when dir
// does not exist yet, its nearest folder that does) has no free inodes
// left: a full disk for new files even when it has free space.
func outOfInodes(dir string) bool {
	var st unix.Statfs_t
	for unix.Statfs(dir, &st) != nil {
		up := filepath.Dir(dir)
		if up == dir {
			return false
		}
		dir = up
	}
	return st.Files > 0 && st.Ffree == 0
}
