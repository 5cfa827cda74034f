package revlog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gofrs/flock"

	"github.com/rehearse/rehearse/internal/atomicfile"

	"github.com/rehearse/rehearse/srs"
)

// LockedError says that another rehearse process holds the data folder.
type LockedError struct {
	Path string
	PID  int // the holder's process id, 0 when unknown
}

func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("another rehearse session is running on this data folder (pid %d)", e.PID)
	}
	return "another rehearse session is running on this data folder"
}

// Hints returns what the learner can do about it.
func (e *LockedError) Hints() []string {
	return []string{"finish or quit the other session first (its lock is " + e.Path + ")"}
}

// Writer appends records to this device's log file. It holds the data
// folder's lock, and a lock on the file itself, from Open to Close.
type Writer struct {
	f       file
	lock    *flock.Flock
	release func() // releases the lock on the file itself
	path    string
	layout  layout // the columns of the file's header
	header  string // the header a new or emptied file gets
	size    int64  // bytes in the file up to the end of the last saved record
	failed  error  // set when an append failed: the writer takes no more
	// Repaired is set when Open cut off a torn last line left by a crash.
	Repaired *Error
}

// errReplaced says that the log file was replaced while it was opened.
var errReplaced = errors.New("the file was replaced while it was opened (a sync tool?); run the command again")

// DeviceFile returns the log file of a device inside the data folder (its
// first: see [Open] for the files that continue it).
func DeviceFile(dataDir, device string) string {
	return filepath.Join(Dir(dataDir), device+".tsv")
}

// continuation returns the n-th file of a device's log (n >= 2): the file
// the device goes on in when the one before has an older header.
func continuation(first string, n int) string {
	return strings.TrimSuffix(first, ".tsv") + "+" + strconv.Itoa(n) + ".tsv"
}

// maxFiles bounds the files a device's log may go on in.
const maxFiles = 100

// IsDeviceFile reports whether name (a file name in the log folder) is one
// of device's log files: DEVICE.tsv or a continuation, DEVICE+N.tsv.
func IsDeviceFile(name, device string) bool {
	rest, ok := strings.CutPrefix(name, device)
	if !ok || !strings.HasSuffix(rest, ".tsv") {
		return false
	}
	rest = strings.TrimSuffix(rest, ".tsv")
	if rest == "" {
		return true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(rest, "+"))
	return strings.HasPrefix(rest, "+") && err == nil && n >= 2
}

// Open takes the data folder's lock and opens this device's log file for
// appending, creating the folders (0700) and the file (0600) as needed. If
// another process holds the lock it returns a *LockedError at once.
//
// A device's log is DEVICE.tsv; when that file's header lacks a column
// this version writes (a file begun by an older version), the device goes
// on in DEVICE+2.tsv, and so on: a file is never rewritten, and every file
// of the folder is read. The writer appends to the device's latest file.
//
// Open's writer takes SM-2's answers only, and leaves a file without a
// model column as it is; see [OpenModels].
func Open(dataDir, device string) (w *Writer, err error) { return open(dataDir, device, false) }

// OpenModels is [Open] for a device whose answers may be scheduled by
// FSRS: its file must have the model column, and a file without one is
// continued in the next, with [ModelHeader].
func OpenModels(dataDir, device string) (w *Writer, err error) { return open(dataDir, device, true) }

func open(dataDir, device string, withModel bool) (w *Writer, err error) {
	if err := os.MkdirAll(Dir(dataDir), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data folder: %w", err)
	}
	lockPath := filepath.Join(dataDir, "lock")
	lock := flock.New(lockPath, flock.SetPermissions(0o600))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("cannot lock the data folder: %w", err)
	}
	if !ok {
		return nil, &LockedError{Path: lockPath, PID: readPID(lockPath)}
	}
	defer func() {
		if err != nil {
			lock.Unlock()
		}
	}()
	first := DeviceFile(dataDir, device)
	var repaired *Error
	for n := 1; ; n++ {
		path := first
		if n > 1 {
			path = continuation(first, n)
		}
		if n < maxFiles {
			if _, err := os.Stat(continuation(first, n+1)); err == nil {
				continue // a later file exists: append there
			}
		}
		w, err := openDeviceFile(path, lock, lockPath, withModel)
		if err != nil {
			return nil, err
		}
		if repaired == nil {
			repaired = w.Repaired
		}
		if w.layout.complete(withModel) || n == maxFiles {
			w.Repaired = repaired
			// The pid only names the holder in LockedError, written once
			// both locks are held: a full disk that cannot take it must not
			// stop a session the log still has room for.
			if err := os.WriteFile(lockPath+".pid", []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600); err != nil {
				os.Remove(lockPath + ".pid")
			}
			return w, nil
		}
		w.f.Close()
		w.release()
	}
}

// openDeviceFile opens and locks one of the device's log files, and
// prepares it for appending.
func openDeviceFile(path string, lock *flock.Flock, lockPath string, withModel bool) (w *Writer, err error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, &Error{File: path, Msg: "the review log is not a regular file",
			Hint: "move it out of the log folder: rehearse starts this device's log again there, and reads every other file"}
	}
	f, err := openFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the review log: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	release, ok, err := lockLogFile(path, f)
	if err != nil {
		return nil, fmt.Errorf("cannot lock the review log %s: %w", path, cause(err))
	}
	if !ok {
		return nil, &LockedError{Path: path, PID: readPID(lockPath)}
	}
	w = &Writer{f: f, lock: lock, release: release, path: path, header: Header}
	if withModel {
		w.header = ModelHeader
	}
	if err := w.prepare(); err != nil {
		release()
		return nil, fmt.Errorf("cannot prepare the review log %s: %w", path, cause(err))
	}
	return w, nil
}

// prepare writes the header to a new file, or cuts a torn last line off an
// old one so that the next record starts on a line of its own.
func (w *Writer) prepare() error {
	info, err := w.f.Stat()
	if err != nil {
		return err
	}
	size := info.Size()
	w.layout = mustLayout(w.header)
	if size > 0 {
		if err := w.readLayout(); err != nil {
			return err
		}
	}
	if size == 0 {
		if _, err := w.f.Write([]byte(w.header + "\n")); err != nil {
			return err
		}
		if err := w.f.Sync(); err != nil {
			return err
		}
		w.size = int64(len(w.header) + 1)
		return atomicfile.SyncDir(filepath.Dir(w.path))
	}
	// Look back for the last newline.
	const chunk = 64 << 10
	end := size
	for end > 0 {
		start := max(end-chunk, 0)
		buf := make([]byte, end-start)
		if _, err := w.f.ReadAt(buf, start); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if end == size && len(buf) > 0 && buf[len(buf)-1] == '\n' {
			w.size = size
			return nil
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			return w.cut(start+int64(i)+1, size)
		}
		end = start
	}
	return w.cut(0, size)
}

// readLayout takes the column layout from the file's header line, so that
// records are appended in the columns the file already has.
func (w *Writer) readLayout() error {
	buf := make([]byte, 4096)
	n, err := w.f.ReadAt(buf, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	line, _, complete := bytes.Cut(buf[:n], []byte("\n"))
	if !complete {
		return nil // a torn header: cut writes a new one
	}
	l, err := parseHeader(bytes.TrimSuffix(line, []byte("\r")))
	if err != nil {
		return fmt.Errorf("%s:1: %v; the file is not a review log rehearse can append to", w.path, err)
	}
	w.layout = l
	return nil
}

// cut drops the torn bytes from keep to size. A file torn inside its
// header gets the header back.
func (w *Writer) cut(keep, size int64) error {
	lines := 0
	if keep > 0 {
		buf := make([]byte, keep)
		if _, err := w.f.ReadAt(buf, 0); err != nil {
			return err
		}
		lines = bytes.Count(buf, []byte("\n"))
	}
	w.Repaired = &Error{File: w.path, Line: lines + 1,
		Msg:  fmt.Sprintf("removed an incomplete last line (%d bytes) left by a crash mid-write", size-keep),
		Hint: "no answered card is lost: an answer counts once its whole line is on disk"}
	if err := w.f.Truncate(keep); err != nil {
		return err
	}
	w.size = keep
	if keep == 0 {
		w.layout = mustLayout(w.header)
		if _, err := w.f.Write([]byte(w.header + "\n")); err != nil {
			return err
		}
		w.size = int64(len(w.header) + 1)
	}
	return w.f.Sync()
}

// Append writes one record as one line with a single write, then flushes
// it to disk. When Append returns nil the record survives a crash.
//
// A record that would not read back is refused before anything is
// written. When the write or the flush fails (a full disk, an I/O error),
// Append cuts off what it may have written, so that the file still ends
// with the last saved record, and the Writer refuses further records: the
// caller should stop and tell the learner. It cuts only its own bytes:
// never a line another writer put in the file.
func (w *Writer) Append(r srs.Record) error {
	if w.failed != nil {
		return fmt.Errorf("cannot save to the review log %s: an earlier save failed (%w)", w.path, w.failed)
	}
	if r.Card == "" || strings.ContainsAny(r.Card, "\t\r\n") {
		return fmt.Errorf("cannot save: card id %q is empty or holds a tab or line break", r.Card)
	}
	if r.Model != srs.ModelSM2 && w.layout.idx[colModel] < 0 {
		return fmt.Errorf("cannot save an answer scheduled by %s in %s: the file has no model column (open it with OpenModels)", r.Model, w.path)
	}
	line := formatIn(r, w.layout) + "\n"
	if err := w.readsBack(line); err != nil {
		return fmt.Errorf("cannot save: the record would not read back (%v)", err)
	}
	// Where this line starts: the end of the file, which is the end of the
	// last saved record unless something else wrote to the file.
	start := w.size
	if info, err := w.f.Stat(); err == nil {
		start = info.Size()
	}
	if _, err := w.f.Write([]byte(line)); err != nil {
		return w.fail(err, start, line)
	}
	if err := w.f.Sync(); err != nil {
		return w.fail(err, start, line)
	}
	w.size = start + int64(len(line))
	return nil
}

// Close closes the file and releases the locks.
func (w *Writer) Close() error {
	w.release()
	err := w.f.Close()
	os.Remove(w.lock.Path() + ".pid")
	if uerr := w.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}

func readPID(lockPath string) int {
	b, err := os.ReadFile(lockPath + ".pid")
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}
