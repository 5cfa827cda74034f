//go:build unix

package revlog

import (
	"os"

	"github.com/gofrs/flock"
)

// lockLogFile takes an exclusive lock on the log file itself, as well as
// the data folder's lock: a sync tool that deletes or replaces the folder's
// lock file cannot then let a second writer in. It returns false when
// another process holds it. The lock is on the file f is open on, or the
// error says that the file was replaced meanwhile.
func lockLogFile(path string, f file) (release func(), ok bool, err error) {
	lock := flock.New(path, flock.SetPermissions(0o600))
	if ok, err := lock.TryLock(); err != nil || !ok {
		return nil, false, err
	}
	locked, err1 := lock.Stat()
	open, err2 := f.Stat()
	if err1 == nil && err2 == nil && !os.SameFile(locked, open) {
		lock.Unlock()
		return nil, false, errReplaced
	}
	return func() { lock.Unlock() }, true, nil
}
