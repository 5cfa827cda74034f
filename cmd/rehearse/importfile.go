package main

import (
	"fmt"
	"io"
	"os"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
)

// readImportFile reads a file to import with the limits of a deck file: a
// regular file (a device such as /dev/zero would be read until memory runs
// out, a named pipe could block forever) of at most deck.MaxFileSize bytes.
func readImportFile(path string) ([]byte, error) {
	advice := "give the path of a file exported from Anki, or a CSV or TSV file"
	info, err := os.Stat(path)
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, library.UnwrapPath(err)), advice)
	}
	if !info.Mode().IsRegular() {
		return nil, hint.With(fmt.Errorf("cannot read %s: it is not a regular file", path), advice)
	}
	tooLarge := hint.With(fmt.Errorf("cannot read %s: it is larger than %d MiB", path, deck.MaxFileSize>>20),
		"split it into several files and import each")
	if info.Size() > deck.MaxFileSize {
		return nil, tooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, library.UnwrapPath(err)), advice)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, deck.MaxFileSize+1))
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, library.UnwrapPath(err)), advice)
	}
	if len(data) > deck.MaxFileSize {
		return nil, tooLarge
	}
	return data, nil
}
