// Package atomicfile writes whole files so that a crash or an error leaves
// either the old file or the new one, never a mix: the data goes to a
// temporary file in the same folder, is flushed to disk, and then takes
// the target's place; the folder is flushed too.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace writes data to path, replacing the file if there is one. A file
// that is replaced keeps its permissions; a new one gets perm. A symbolic
// link is followed, so a file kept elsewhere (say in a git checkout) and
// linked into a folder is updated where it lives.
func Replace(path string, data []byte, perm fs.FileMode) error {
	return write(path, data, perm, true)
}

// Create writes data to a new file at path with perm. An existing file is
// never touched: the error then wraps [fs.ErrExist], also when the file
// appears while Create writes.
func Create(path string, data []byte, perm fs.FileMode) error {
	return write(path, data, perm, false)
}

// ReplaceUnsynced is Replace without flushing anything to disk: for
// derived files (caches) whose damage is noticed and rebuilt, where a
// crash may leave the old file, the new one or a torn one, but never a mix
// of the two that looks whole. It follows no links.
func ReplaceUnsynced(path string, data []byte, perm fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), perm)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return err
}

func write(path string, data []byte, perm fs.FileMode, replace bool) (err error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if info, err := os.Stat(path); err == nil {
		if !replace {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		}
		perm = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if replace {
		err = os.Rename(tmp.Name(), path)
	} else {
		// A hard link fails if path appeared in the meantime: no overwrite.
		if err = os.Link(tmp.Name(), path); err == nil {
			os.Remove(tmp.Name())
		} else if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, fs.ErrExist)
		} else if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
			err = os.Rename(tmp.Name(), path) // a file system without hard links
		}
	}
	if err != nil {
		return err
	}
	return SyncDir(dir)
}

// SyncDir flushes a folder's entries (a rename or a new file) to disk.
// File systems that cannot flush a folder are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
