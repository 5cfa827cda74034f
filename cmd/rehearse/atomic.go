package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// errExists says that a file is there already and was left alone.
var errExists = fs.ErrExist

// writeFileAtomic writes data to path so that a crash or an error leaves
// either the old file or the new one, never a mix: the data goes to a
// temporary file in the same folder, is flushed to disk, and then takes
// the old file's place; the folder is flushed too. A file that is
// replaced keeps its permissions; a new one gets perm. Unless replace is
// set, an existing file is never touched and the error wraps errExists.
// A symbolic link is followed, so a deck kept elsewhere (say in a git
// checkout) and linked into the deck folder is updated where it lives.
func writeFileAtomic(path string, data []byte, perm fs.FileMode, replace bool) (err error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if info, err := os.Stat(path); err == nil {
		if !replace {
			return fmt.Errorf("%s: %w", path, errExists)
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
			return fmt.Errorf("%s: %w", path, errExists)
		} else if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
			err = os.Rename(tmp.Name(), path) // a file system without hard links
		}
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir flushes a folder's entries (a rename or a new file) to disk.
func syncDir(dir string) error {
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
