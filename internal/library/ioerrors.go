package library

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/rehearse/rehearse/internal/hint"
)

// IOHint says what the learner can do about a file operation in the data
// folder dir that failed, from the cause the system gave; "" for causes it
// has no advice for.
func IOHint(err error, dir string) string {
	switch {
	case errors.Is(err, syscall.ENOSPC) && outOfInodes(dir):
		return fmt.Sprintf("the file system holding %s has no free inodes (room for new files) left: delete files you do not need, many small ones best, then run the command again", dir)
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Sprintf("the disk holding %s is full: free some space, then run the command again", dir)
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("%s is on a read-only file system: make it writable, or point REHEARSE_HOME (or --data-dir) at a writable folder", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("you may not use %s: check its owner and permissions (ls -ld %s), or point REHEARSE_HOME (or --data-dir) at a folder of yours", dir, dir)
	case errors.Is(err, syscall.EFBIG):
		return "the review log reached this shell's file size limit (ulimit -f): raise it, then run the command again"
	case errors.Is(err, syscall.EIO):
		return fmt.Sprintf("the disk reported an I/O error: copy %s somewhere safe, then check the disk", dir)
	}
	return ""
}

// DataDirError adds IOHint's advice to an error from reading or writing
// the data folder, unless the error carries hints already.
func DataDirError(err error, dir string) error {
	if err == nil || hint.Has(err) {
		return err
	}
	if advice := IOHint(err, dir); advice != "" {
		return hint.With(err, advice)
	}
	return err
}
