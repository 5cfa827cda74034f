package revlog

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/srs"
)

// faultyFile is a log file whose writes, flushes or truncations fail on
// demand, as on a full disk or a failing one.
type faultyFile struct {
	*os.File
	budget   int   // bytes that may still be written; below 0: no limit
	writeErr error // returned once the budget is spent
	syncErr  error
	truncErr error
}

func (f *faultyFile) Write(b []byte) (int, error) {
	if f.budget < 0 {
		return f.File.Write(b)
	}
	if len(b) > f.budget {
		n, _ := f.File.Write(b[:f.budget]) // a short write, as a filling disk does
		f.budget = 0
		return n, &os.PathError{Op: "write", Path: f.Name(), Err: f.writeErr}
	}
	f.budget -= len(b)
	return f.File.Write(b)
}

func (f *faultyFile) Sync() error {
	if f.syncErr != nil {
		return &os.PathError{Op: "sync", Path: f.Name(), Err: f.syncErr}
	}
	return f.File.Sync()
}

func (f *faultyFile) Truncate(size int64) error {
	if f.truncErr != nil {
		return &os.PathError{Op: "truncate", Path: f.Name(), Err: f.truncErr}
	}
	return f.File.Truncate(size)
}

// withFaultyFile makes the next Open use a faulty file; set its fields to
// make later operations fail.
func withFaultyFile(t *testing.T) *faultyFile {
	t.Helper()
	ff := &faultyFile{budget: -1}
	orig := openFile
	openFile = func(path string) (file, error) {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return nil, err
		}
		ff.File = f
		return ff, nil
	}
	t.Cleanup(func() { openFile = orig })
	return ff
}

// TestAppendFailures makes the write or the flush of the third record
// fail and checks what the issue promises: the failure is reported at once
// with its cause, the file still ends with the last saved record, nothing
// saved before is damaged, and the writer takes no more records.
func TestAppendFailures(t *testing.T) {
	tests := []struct {
		name      string
		fault     func(ff *faultyFile)
		cause     error
		tornAfter bool // the cut fails too, so a torn line is left for readers
	}{
		{name: "disk full mid-line", fault: func(ff *faultyFile) { ff.budget, ff.writeErr = 17, syscall.ENOSPC }, cause: syscall.ENOSPC},
		{name: "disk full at the line's start", fault: func(ff *faultyFile) { ff.budget, ff.writeErr = 0, syscall.ENOSPC }, cause: syscall.ENOSPC},
		{name: "quota exceeded", fault: func(ff *faultyFile) { ff.budget, ff.writeErr = 5, syscall.EDQUOT }, cause: syscall.EDQUOT},
		{name: "file too large", fault: func(ff *faultyFile) { ff.budget, ff.writeErr = 40, syscall.EFBIG }, cause: syscall.EFBIG},
		{name: "flush fails with an I/O error", fault: func(ff *faultyFile) { ff.syncErr = syscall.EIO }, cause: syscall.EIO},
		{name: "file system went read-only", fault: func(ff *faultyFile) { ff.budget, ff.writeErr = 0, syscall.EROFS }, cause: syscall.EROFS},
		{name: "disk full and the cut fails", fault: func(ff *faultyFile) {
			ff.budget, ff.writeErr, ff.truncErr = 23, syscall.ENOSPC, syscall.EIO
		}, cause: syscall.ENOSPC, tornAfter: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			ff := withFaultyFile(t)
			w, err := Open(dir, "laptop")
			if err != nil {
				t.Fatal(err)
			}
			recs := sample()
			for _, r := range recs[:2] {
				if err := w.Append(r); err != nil {
					t.Fatal(err)
				}
			}
			before, _ := os.ReadFile(DeviceFile(dir, "laptop"))

			tt.fault(ff)
			err = w.Append(recs[2])
			var serr *SaveError
			if !errors.As(err, &serr) || !errors.Is(err, tt.cause) {
				t.Fatalf("Append = %v, want a *SaveError caused by %v", err, tt.cause)
			}
			if want := "cannot save to the review log " + DeviceFile(dir, "laptop") + ": " + tt.cause.Error(); err.Error() != want {
				t.Errorf("error = %q, want %q", err, want)
			}
			// Once failed, the writer refuses more, even if the disk recovers.
			ff.budget, ff.syncErr, ff.truncErr = -1, nil, nil
			if err := w.Append(recs[3]); err == nil || !strings.Contains(err.Error(), "an earlier save failed") {
				t.Errorf("Append after a failure = %v, want a refusal", err)
			}
			w.Close()

			after, _ := os.ReadFile(DeviceFile(dir, "laptop"))
			if !tt.tornAfter && string(after) != string(before) {
				t.Errorf("file after the failure:\n%q\nwant it as it was:\n%q", after, before)
			}
			if tt.tornAfter && !strings.HasPrefix(string(after), string(before)) {
				t.Errorf("the saved records were damaged:\n%q", after)
			}
			log, err := Read(dir)
			if err != nil {
				t.Fatalf("the log does not read after the failure: %v", err)
			}
			if diff := cmp.Diff(recs[:2], log.Records(), ignoreSource); diff != "" {
				t.Errorf("records after the failure (-saved +read)\n%s", diff)
			}
			if tt.tornAfter != (len(log.Warnings) == 1) {
				t.Errorf("warnings = %v, want a torn line only when the cut failed", log.Warnings)
			}

			// The next session repairs what is left and goes on.
			w, err = Open(dir, "laptop")
			if err != nil {
				t.Fatal(err)
			}
			if tt.tornAfter != (w.Repaired != nil) {
				t.Errorf("Repaired = %v", w.Repaired)
			}
			if err := w.Append(recs[2]); err != nil {
				t.Fatal(err)
			}
			w.Close()
			log, err = Read(dir)
			if err != nil || log.Len() != 3 || len(log.Warnings) != 0 {
				t.Fatalf("after the repair: %d records, warnings %v, %v", log.Len(), log.Warnings, err)
			}
		})
	}
}

// TestOpenFailsOnAFullDisk: a new log whose header cannot be written is an
// error naming the cause, and the lock is released.
func TestOpenFailsOnAFullDisk(t *testing.T) {
	dir := t.TempDir()
	ff := withFaultyFile(t)
	ff.budget, ff.writeErr = 10, syscall.ENOSPC
	if w, err := Open(dir, "laptop"); !errors.Is(err, syscall.ENOSPC) {
		if w != nil {
			w.Close()
		}
		t.Fatalf("Open = %v, want ENOSPC", err)
	}
	ff.budget = -1
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatalf("Open after the disk recovered: %v", err)
	}
	if err := w.Append(sample()[0]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if log, err := Read(dir); err != nil || log.Len() != 1 {
		t.Fatalf("Read = %v, %v", log, err)
	}
}

// TestAppendRefusesWhatWouldNotReadBack: a record the reader would reject
// (here a negative time taken, as a clock going back makes) is refused
// before anything is written, so the log stays readable.
func TestAppendRefusesWhatWouldNotReadBack(t *testing.T) {
	bad := []func(r *srs.Record){
		func(r *srs.Record) { r.Millis = -5 },
		func(r *srs.Record) { r.Grade = 9 },
		func(r *srs.Record) { r.Interval = -1 },
		func(r *srs.Record) { r.Due = srs.DateDay(10000, 1, 1) },
		func(r *srs.Record) { r.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		func(r *srs.Record) { r.Card = "no-deck" },
		func(r *srs.Record) { r.Card = "d/a b" },
	}
	dir := t.TempDir()
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i, f := range bad {
		r := sample()[0]
		f(&r)
		if err := w.Append(r); err == nil {
			t.Errorf("case %d: Append took %+v", i, r)
		}
	}
	// The writer is still usable: nothing was written.
	if err := w.Append(sample()[0]); err != nil {
		t.Fatal(err)
	}
	if log, err := Read(dir); err != nil || log.Len() != 1 {
		t.Fatalf("Read = %+v, %v", log, err)
	}
}
