package revlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// file is what a Writer needs of its log file. It is an *os.File, except
// in tests that make writes fail.
type file interface {
	io.Writer
	io.ReaderAt
	Stat() (fs.FileInfo, error)
	Truncate(size int64) error
	Sync() error
	Close() error
}

// openFile opens a device's log file for appending, creating it 0600.
// Tests replace it to inject write failures.
var openFile = func(path string) (file, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// SaveError says that a record could not be written to the log: the disk
// is full, the file system went read-only, an I/O error. Err is the cause
// as the system gave it (errors.Is(err, syscall.ENOSPC) works).
type SaveError struct {
	Path string
	Err  error
}

func (e *SaveError) Error() string {
	return fmt.Sprintf("cannot save to the review log %s: %v", e.Path, e.Err)
}

// Unwrap returns the cause.
func (e *SaveError) Unwrap() error { return e.Err }

// fail handles a write or flush of line, begun at offset start, that
// failed: it cuts the file back to start (a failed write may have left part
// of the line), and marks the writer so that it takes no more records. It
// cuts only when what follows start is this line's own bytes: should
// another writer have appended after them, its lines stay, and so does the
// broken one (readers then report it by its line).
func (w *Writer) fail(err error, start int64, line string) error {
	err = cause(err)
	if w.ownTail(start, line) && w.f.Truncate(start) == nil {
		w.f.Sync()
	}
	// If the cut failed too, the next Open cuts the torn line, and readers
	// skip it meanwhile.
	w.failed = err
	return &SaveError{Path: w.path, Err: err}
}

// ownTail reports whether the file's bytes from start to its end are a
// beginning of line (nothing, or part or all of it).
func (w *Writer) ownTail(start int64, line string) bool {
	info, err := w.f.Stat()
	if err != nil {
		return false
	}
	n := info.Size() - start
	if n < 0 || n > int64(len(line)) {
		return false
	}
	buf := make([]byte, n)
	if _, err := w.f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	return string(buf) == line[:n]
}

// checkRegular refuses a log file that is not a regular file, before it
// is opened: a named pipe would block the reader and a device such as
// /dev/zero would never end (a sync tool can bring in a symbolic link).
func checkRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil || info.Mode().IsRegular() {
		return nil // opening it reports the error
	}
	return &Error{File: path, Msg: "not a regular file: a review log is a text file",
		Hint: "move it out of the log folder"}
}

// cause drops the path from a *fs.PathError, for messages that name the
// file already.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readsBack checks that a line about to be appended is one the reader
// accepts, so that a bad value (a negative duration from a clock that went
// back, a date past year 9999) can never make the whole log unreadable.
func (w *Writer) readsBack(line string) error {
	p := &parser{layout: w.layout, log: &Log{}, cardIndex: map[string]uint32{}}
	_, err := p.parse(bytes.TrimSuffix([]byte(line), []byte("\n")))
	return err
}
