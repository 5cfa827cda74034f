package revlog

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// TestDeletedLockAdmitsNoSecondWriter: a sync tool that deletes (or
// replaces) the data folder's lock file mid-session must not let a second
// session write the same device's log.
func TestDeletedLockAdmitsNoSecondWriter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the log file is locked on unix systems only")
	}
	for _, how := range []string{"deleted", "replaced"} {
		t.Run(how, func(t *testing.T) {
			dir := t.TempDir()
			w, err := Open(dir, "laptop")
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			lock := filepath.Join(dir, "lock")
			if err := os.Remove(lock); err != nil {
				t.Fatal(err)
			}
			if how == "replaced" {
				if err := os.WriteFile(lock, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			w2, err := Open(dir, "laptop")
			var locked *LockedError
			if !errors.As(err, &locked) {
				if w2 != nil {
					w2.Close()
				}
				t.Fatalf("a second Open after the lock file was %s = %v, want *LockedError", how, err)
			}
			if err := w.Append(sample()[0]); err != nil {
				t.Fatalf("the first session cannot save: %v", err)
			}
		})
	}
}

// TestFailedSaveKeepsAnotherWritersLine: when a save fails on a full disk,
// the writer cuts only its own bytes. Here another writer (a second session
// let in by some other means) appended a whole line since the last save:
// it must survive the cut.
func TestFailedSaveKeepsAnotherWritersLine(t *testing.T) {
	dir := t.TempDir()
	ff := withFaultyFile(t)
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	recs := sample()
	if err := w.Append(recs[0]); err != nil {
		t.Fatal(err)
	}
	other, err := os.OpenFile(DeviceFile(dir, "laptop"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	theirs := Format(recs[1]) + "\n"
	if _, err := other.WriteString(theirs); err != nil {
		t.Fatal(err)
	}
	other.Close()
	ff.budget, ff.writeErr = 10, syscall.ENOSPC // our next line gets 10 bytes in
	if err := w.Append(recs[2]); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Append on a full disk = %v", err)
	}
	b, _ := os.ReadFile(DeviceFile(dir, "laptop"))
	want := Header + "\n" + Format(recs[0]) + "\n" + theirs
	if string(b) != want {
		t.Errorf("after the failed save the file holds\n%q\nwant\n%q", b, want)
	}
}

// TestByteOrderMark: a log saved by Excel or Notepad starts with a UTF-8
// byte-order mark; it reads as if there were none, and appends keep it.
func TestByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "laptop", "\ufeff"+Header+"\r\n"+Format(sample()[0])+"\r\n")
	log, err := Read(dir)
	if err != nil || log.Len() != 1 {
		t.Fatalf("Read = %v, %v", log, err)
	}
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(sample()[1]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if log, err := Read(dir); err != nil || log.Len() != 2 {
		t.Fatalf("Read after an append = %v, %v", log, err)
	}
	if entries, _ := os.ReadDir(Dir(dir)); len(entries) != 1 {
		t.Errorf("the file with a byte-order mark was not appended to: %v", entries)
	}
}

// TestUndoNamesItsRecord: device a answers x with 5 and leaves its session
// open; device b answers x with 2 later, and its file syncs to a; then a
// undoes. The undo takes back a's answer, not b's, whenever it comes and
// whatever is synced after it.
func TestUndoNamesItsRecord(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	day := srs.DateDay(2026, 12, 3)
	a, err := Open(dir, "a")
	if err != nil {
		t.Fatal(err)
	}
	mine := srs.Record{Time: at, Day: day, Event: srs.Answer, Card: "d/x", Grade: 5}
	if err := a.Append(mine); err != nil {
		t.Fatal(err)
	}
	// b's file arrives by sync, with a lapse at 12:20.
	writeFile(t, dir, "b", Header+"\n"+Format(srs.Record{Time: at.Add(20 * time.Minute), Day: day, Event: srs.Answer, Card: "d/x", Grade: 2})+"\n")
	if err := a.Append(srs.Record{Time: at.Add(time.Hour), Day: day, Event: srs.Undo, Card: "d/x", Undoes: mine.Time}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	log, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	st := srs.Replay(log, srs.Params{})["d/x"]
	if st == nil || st.Answers != 1 || st.Ease != 218 || st.Repetitions != 0 {
		t.Errorf("after a's undo the card is %+v; want b's lapse in force (ease 2.18, repetitions 0) and a's 5 gone", st)
	}
	// An undo from an older log (naming no record) keeps its meaning: the
	// card's latest record in force.
	writeFile(t, dir, "c", "time\tevent\tcard\tgrade\tms\tday\n"+strings.Join([]string{
		at.Add(2 * time.Hour).Format(timeLayout), "undo", "d/x", "", "", day.String()}, "\t")+"\n")
	log, _ = Read(dir)
	if st := srs.Replay(log, srs.Params{})["d/x"]; st.Answers != 0 {
		t.Errorf("an old-style undo after b's lapse leaves %+v; want the lapse taken back too", st)
	}
}

// TestReadForLeavesOutOtherDevicesDamage: damage in another device's file
// is a warning and ends that file there; in the device's own files (the
// first and a continuation) it is an error.
func TestReadForLeavesOutOtherDevicesDamage(t *testing.T) {
	dir := t.TempDir()
	recs := sample()
	damaged := Header + "\n" + Format(recs[0]) + "\nbroken\n" + Format(recs[1]) + "\n"
	writeFile(t, dir, "phone", damaged)
	log, err := ReadFor(dir, "laptop")
	if err != nil || log.Len() != 1 || len(log.Warnings) != 1 || log.Warnings[0].Line != 3 {
		t.Fatalf("ReadFor(laptop) = %d records, warnings %v, %v; want 1 record and a warning for line 3", log.Len(), log.Warnings, err)
	}
	if _, err := Read(dir); err == nil {
		t.Error("Read (no device) let the damage through")
	}
	for _, own := range []string{"phone", "phone+2"} {
		writeFile(t, dir, own, damaged)
		if _, err := ReadFor(dir, "phone"); err == nil {
			t.Errorf("damage in %s.tsv, the device's own, is not an error", own)
		}
	}
}

// TestLogPathsThatAreFolders: a folder named like a log file, or a log
// folder that is a file, is an error with a hint for readers and writers
// alike, never silently passed over.
func TestLogPathsThatAreFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(Dir(dir), "laptop.tsv"), 0o700); err != nil {
		t.Fatal(err)
	}
	var e *Error
	if _, err := ReadFor(dir, "phone"); !errors.As(err, &e) || e.Hint == "" {
		t.Errorf("Read with a folder named laptop.tsv = %v, want an error with a hint", err)
	}
	if _, err := Open(dir, "laptop"); !errors.As(err, &e) || e.Hint == "" {
		t.Errorf("Open with a folder named laptop.tsv = %v, want an error with a hint", err)
	}
	other := t.TempDir()
	if err := os.WriteFile(Dir(other), []byte("not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(other); !errors.As(err, &e) || e.Hint == "" {
		t.Errorf("Read with a file as the log folder = %v, want an error with a hint", err)
	}
}
