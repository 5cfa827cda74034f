package revlog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/srs"
)

// TestReadAfterReadsWhatWasAppended: the records read whole are those
// read up to the marks and those read after them, with the same lines.
func TestReadAfterReadsWhatWasAppended(t *testing.T) {
	dir := t.TempDir()
	recs := sample()
	path := writeFile(t, dir, "laptop", lines(recs[:2]...))
	first, marks, err := ReadMarked(dir, "laptop")
	if err != nil || first.Len() != 2 || len(marks) != 1 {
		t.Fatalf("read %v, %v, %v", first, marks, err)
	}
	if info, _ := os.Stat(path); marks[0].Offset != info.Size() || marks[0].Lines != 3 {
		t.Fatalf("mark %+v for a file of %d bytes and 3 lines", marks[0], info.Size())
	}
	// Appended: a whole line, then a torn one.
	os.WriteFile(path, []byte(lines(recs[:3]...)+strings.TrimSuffix(Format(recs[3]), "\n")[:20]), 0o600)
	tail, next, ok, err := ReadAfter(dir, "laptop", marks)
	if err != nil || !ok {
		t.Fatalf("ReadAfter: %v, %v", ok, err)
	}
	if tail.Len() != 1 || tail.At(0).Card != recs[2].Card || tail.At(0).Line != 4 || len(tail.Warnings) != 1 {
		t.Fatalf("tail %+v, warnings %v", tail.Records(), tail.Warnings)
	}
	whole, wholeMarks, _ := ReadMarked(dir, "laptop")
	if !cmp.Equal(next, wholeMarks) {
		t.Errorf("marks after reading on %+v, after reading whole %+v", next, wholeMarks)
	}
	if got := append(first.Records(), tail.Records()...); !cmp.Equal(got, whole.Records()) {
		t.Errorf("records read in two parts differ:\n%s", cmp.Diff(whole.Records(), got))
	}
	// The torn line completed; another device's file appears.
	os.WriteFile(path, []byte(lines(recs...)), 0o600)
	writeFile(t, dir, "phone", lines(srs.Record{Time: t0.Add(time.Hour), Day: recs[0].Day, Event: srs.Suspend, Card: "a/b"}))
	tail, next, ok, err = ReadAfter(dir, "laptop", next)
	if err != nil || !ok || tail.Len() != 2 || tail.At(0).Event != srs.Undo || tail.At(0).Line != 5 || tail.At(1).Card != "a/b" {
		t.Fatalf("after a completed line and a new file: %v %v %+v", ok, err, tail.Records())
	}
	if _, whole, _ := ReadMarked(dir, "laptop"); !cmp.Equal(next, whole) {
		t.Errorf("marks %+v, want %+v", next, whole)
	}
}

// TestReadAfterRefusesOtherChanges: anything but an append to the
// files read is not read on from the marks.
func TestReadAfterRefusesOtherChanges(t *testing.T) {
	recs := sample()
	for name, change := range map[string]func(path string){
		"an edit before the mark": func(path string) {
			b, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(strings.Replace(string(b), "net/osi-l3", "net/osi-l4", 1)), 0o600)
		},
		"a truncation": func(path string) {
			b, _ := os.ReadFile(path)
			os.WriteFile(path, b[:len(b)-10], 0o600)
		},
		"a removed file":   func(path string) { os.Remove(path) },
		"a removed folder": func(path string) { os.RemoveAll(filepath.Dir(path)) },
		"another header": func(path string) {
			b, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(strings.Replace(string(b), Header, Header+"\textra", 1)), 0o600)
		},
	} {
		dir := t.TempDir()
		path := writeFile(t, dir, "laptop", lines(recs...))
		_, marks, err := ReadMarked(dir, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		change(path)
		if log, _, ok, err := ReadAfter(dir, "laptop", marks); ok || err != nil || log != nil {
			t.Errorf("%s: read on from the marks (%v, %v)", name, ok, err)
		}
	}
}
