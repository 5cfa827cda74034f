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

// stampOf returns what the file system says of the file at path, following
// links.
func stampOf(path string) (fileStamp, bool) {
	var st unix.Stat_t
	if unix.Stat(path, &st) != nil {
		return fileStamp{}, false
	}
	return fileStamp{Size: st.Size, Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Inode: st.Ino, Device: uint64(st.Dev)}, true
}
