package revlog

import (
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rehearse/rehearse/srs"
)

var t0 = time.Date(2026, 11, 25, 7, 12, 32, 123e6, time.UTC)

func sample() []srs.Record {
	day := srs.DateDay(2026, 11, 25)
	return []srs.Record{
		{Time: t0, Day: day, Event: srs.Answer, Card: "net/osi-l3", Grade: 4, Millis: 5300,
			Schedule: srs.Schedule{Repetitions: 1, Interval: 1, Ease: 250}, Due: day + 1},
		{Time: t0.Add(time.Second), Day: day, Event: srs.Drill, Card: "net/osi-l3", Grade: 3, Millis: 800,
			Schedule: srs.Schedule{Repetitions: 1, Interval: 1, Ease: 250}, Due: day + 1},
		{Time: t0.Add(2 * time.Second), Day: day, Event: srs.Bury, Card: "sec/nist-csf"},
		{Time: t0.Add(3 * time.Second), Day: day, Event: srs.Undo, Card: "sec/nist-csf"},
	}
}

var ignoreSource = cmpopts.IgnoreFields(srs.Record{}, "File", "Line")

func TestFormat(t *testing.T) {
	got := Format(sample()[0])
	want := "2026-11-25T07:12:32.123Z\tanswer\tnet/osi-l3\t4\t5300\t2026-11-25\t1\t1\t2.50\t2026-11-26\t\t"
	if got != want {
		t.Errorf("Format =\n%q\nwant\n%q", got, want)
	}
	if got := Format(sample()[2]); got != "2026-11-25T07:12:34.123Z\tbury\tsec/nist-csf\t\t\t2026-11-25\t\t\t\t\t\t" {
		t.Errorf("Format(bury) = %q", got)
	}
	if n := strings.Count(Format(sample()[2]), "\t"); n != strings.Count(Header, "\t") {
		t.Errorf("bury record has %d tabs, want %d", n, strings.Count(Header, "\t"))
	}
	undo := srs.Record{Time: sample()[0].Time.Add(time.Second), Day: sample()[0].Day, Event: srs.Undo, Card: "net/osi-l3", Undoes: sample()[0].Time}
	if got := Format(undo); got != "2026-11-25T07:12:33.123Z\tundo\tnet/osi-l3\t\t\t2026-11-25\t\t\t\t\t\t2026-11-25T07:12:32.123Z" {
		t.Errorf("Format(undo) = %q", got)
	}
	recs, _, err := Parse(strings.NewReader(Header+"\n"+Format(undo)+"\n"), "x.tsv")
	if err != nil || len(recs) != 1 || !recs[0].Undoes.Equal(undo.Undoes) {
		t.Errorf("the undo reads back as %+v, %v", recs, err)
	}
}

func TestWriteRead(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sample() {
		if err := w.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	log, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sample(), log.Records(), ignoreSource); diff != "" {
		t.Errorf("(-wrote +read)\n%s", diff)
	}
	if log.Records()[0].Line != 2 || !strings.HasSuffix(log.Records()[0].File, "laptop.tsv") {
		t.Errorf("first record from %s:%d, want laptop.tsv:2", log.Records()[0].File, log.Records()[0].Line)
	}
	for _, path := range []string{DeviceFile(dir, "laptop"), Dir(dir)} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if info.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", path, info.Mode().Perm(), want)
		}
	}
}

func TestReplayEqualsStatesWritten(t *testing.T) {
	// The state columns written with each answer equal what replay computes.
	dir := t.TempDir()
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]srs.CardState{}
	day := srs.DateDay(2026, 1, 1)
	grades := []srs.Grade{5, 4, 3, 1, 4, 0, 5, 5, 2, 4, 4}
	for i, q := range grades {
		card := []string{"d/a", "d/b"}[i%2]
		st, ok := states[card]
		if !ok {
			st = srs.NewCardState()
		}
		st, _ = st.Apply(q, day, srs.Params{})
		states[card] = st
		rec := srs.Record{Time: day.Time().Add(10 * time.Hour), Day: day, Event: srs.Answer, Card: card, Grade: q, Schedule: st.Schedule, Due: st.Due}
		if err := w.Append(rec); err != nil {
			t.Fatal(err)
		}
		day += srs.Day(st.Interval)
	}
	w.Close()
	log, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	replayed := srs.Replay(log, srs.Params{})
	for card, want := range states {
		if diff := cmp.Diff(want, *replayed[card]); diff != "" {
			t.Errorf("%s (-written +replayed)\n%s", card, diff)
		}
	}
	last := map[string]srs.Record{}
	for _, r := range log.Records() {
		last[r.Card] = r
	}
	for card, r := range last {
		if r.Schedule != replayed[card].Schedule || r.Due != replayed[card].Due {
			t.Errorf("%s: log says %+v due %v, replay says %+v due %v", card, r.Schedule, r.Due, replayed[card].Schedule, replayed[card].Due)
		}
	}
}

func writeFile(t *testing.T, dir, device, content string) string {
	t.Helper()
	if err := os.MkdirAll(Dir(dir), 0o700); err != nil {
		t.Fatal(err)
	}
	path := DeviceFile(dir, device)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func lines(recs ...srs.Record) string {
	var b strings.Builder
	b.WriteString(Header + "\n")
	for _, r := range recs {
		b.WriteString(Format(r) + "\n")
	}
	return b.String()
}

func TestTornLastLine(t *testing.T) {
	dir := t.TempDir()
	recs := sample()
	whole := lines(recs[:2]...)
	torn := Format(recs[2])[:17]
	writeFile(t, dir, "laptop", whole+torn)

	log, err := Read(dir)
	if err != nil {
		t.Fatalf("a torn last line must not be an error: %v", err)
	}
	if len(log.Records()) != 2 {
		t.Errorf("read %d records, want 2", len(log.Records()))
	}
	if len(log.Warnings) != 1 || log.Warnings[0].Line != 4 || !strings.Contains(log.Warnings[0].Msg, "incomplete") {
		t.Fatalf("warnings = %v, want one about line 4", log.Warnings)
	}

	// The next writer cuts the torn tail off and appends on a clean line.
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if w.Repaired == nil || w.Repaired.Line != 4 {
		t.Errorf("Repaired = %v, want a note about line 4", w.Repaired)
	}
	if err := w.Append(recs[3]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	log, err = Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Warnings) != 0 || len(log.Records()) != 3 || log.Records()[2].Event != srs.Undo {
		t.Errorf("after repair: %d records, warnings %v", len(log.Records()), log.Warnings)
	}
}

func TestTornHeader(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "laptop", "time\tev")
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(sample()[0]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	log, err := Read(dir)
	if err != nil || len(log.Records()) != 1 {
		t.Fatalf("Read = %v, %v", log, err)
	}
}

func TestDamagedLines(t *testing.T) {
	good := Format(sample()[0])
	tests := []struct {
		name    string
		content string
		line    int
		msg     string
	}{
		{"bad time in the middle", lines() + strings.Replace(good, "2026-11-25T", "2026-13-25T", 1) + "\n" + good + "\n", 2, "time"},
		{"missing fields", lines() + "2026-11-25T07:12:32.123Z\tanswer\n" + good + "\n", 2, "fields"},
		{"grade out of range", lines() + strings.Replace(good, "\t4\t5300", "\t7\t5300", 1) + "\n" + good + "\n", 2, "grade"},
		{"unknown event", lines() + strings.Replace(good, "answer", "answr", 1) + "\n" + good + "\n", 2, "event"},
		{"card without deck", lines() + strings.Replace(good, "net/osi-l3", "osi-l3", 1) + "\n" + good + "\n", 2, "DECK/CARD"},
		{"no header", good + "\n", 1, "header"},
		{"bad ease", lines(sample()[0]) + strings.Replace(good, "2.50", "2.5x", 1) + "\n", 3, "ease"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "laptop", tt.content)
			_, err := Read(dir)
			var lerr *Error
			if !errors.As(err, &lerr) {
				t.Fatalf("Read error = %v, want *Error", err)
			}
			if lerr.Line != tt.line || !strings.Contains(lerr.Msg, tt.msg) || !strings.HasSuffix(lerr.File, "laptop.tsv") {
				t.Errorf("error = %v, want line %d mentioning %q", lerr, tt.line, tt.msg)
			}
			if lerr.Hint == "" {
				t.Error("error has no hint")
			}
		})
	}
}

func TestMergeDevices(t *testing.T) {
	dir := t.TempDir()
	recs := sample()
	writeFile(t, dir, "laptop", lines(recs[0], recs[2]))
	writeFile(t, dir, "desktop", lines(recs[1], recs[3]))
	// A sync tool's conflict copy repeats records: they count once.
	writeFile(t, dir, "laptop.sync-conflict", lines(recs[0]))
	log, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(recs, log.Records(), ignoreSource); diff != "" {
		t.Errorf("merged (-want +got)\n%s", diff)
	}
}

func TestExtraColumnsAreIgnored(t *testing.T) {
	dir := t.TempDir()
	good := Format(sample()[0])
	writeFile(t, dir, "laptop", Header+"\tnotes\n"+good+"\tfrom the other app\n")
	log, err := Read(dir)
	if err != nil || len(log.Records()) != 1 || log.Records()[0].Grade != 4 {
		t.Fatalf("Read = %+v, %v", log, err)
	}
}

func TestSecondWriterIsRefused(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, "laptop")
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("second Open = %v, want *LockedError", err)
	}
	if locked.PID != os.Getpid() || !strings.Contains(locked.Error(), "another rehearse session") {
		t.Errorf("locked error = %v (pid %d)", locked, locked.PID)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	w2, err := Open(dir, "laptop")
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	w2.Close()
	if _, err := os.Stat(filepath.Join(dir, "lock.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock.pid left behind: %v", err)
	}
}

func TestEmptyDataFolder(t *testing.T) {
	log, err := Read(filepath.Join(t.TempDir(), "nothing-here"))
	if err != nil || len(log.Records()) != 0 {
		t.Fatalf("Read = %+v, %v", log, err)
	}
}

func TestAppendRefusesBadCardID(t *testing.T) {
	w, err := Open(t.TempDir(), "laptop")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r := sample()[0]
	r.Card = "net/a\nb"
	if err := w.Append(r); err == nil {
		t.Error("Append took a card id with a line break")
	}
}

func TestMissedPoints(t *testing.T) {
	dir := t.TempDir()
	r := sample()[0]
	r.Missed = []int{2, 4}
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(r); err != nil {
		t.Fatal(err)
	}
	w.Close()
	log, err := Read(dir)
	if err != nil || len(log.Records()) != 1 {
		t.Fatalf("Read = %v, %v", log, err)
	}
	if diff := cmp.Diff([]int{2, 4}, log.Records()[0].Missed); diff != "" {
		t.Errorf("missed (-want +got)\n%s", diff)
	}
}

// TestAppendInTheFilesLayout: a file whose header has every column and
// more (a later version's) is appended to in its own layout; a file with
// an older header is never written again: the device goes on in a file of
// its own with today's header, and both are read.
func TestAppendInTheFilesLayout(t *testing.T) {
	t.Run("more columns", func(t *testing.T) {
		dir := t.TempDir()
		header := "extra\t" + Header
		writeFile(t, dir, "laptop", header+"\n")
		w, err := Open(dir, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Append(sample()[0]); err != nil {
			t.Fatal(err)
		}
		w.Close()
		b, _ := os.ReadFile(DeviceFile(dir, "laptop"))
		if want := header + "\n\t" + Format(sample()[0]) + "\n"; string(b) != want {
			t.Errorf("file =\n%q\nwant\n%q", b, want)
		}
	})
	t.Run("an older header", func(t *testing.T) {
		dir := t.TempDir()
		old := "time\tevent\tcard\tgrade\tms\tday\treps\tinterval\tease\tdue"
		oldLine := "2026-11-24T07:00:00.000Z\tanswer\tnet/osi-l3\t4\t5300\t2026-11-24\t1\t1\t2.50\t2026-11-25"
		writeFile(t, dir, "laptop", old+"\n"+oldLine+"\n")
		for i := 0; i < 2; i++ { // the second session finds the continuation at once
			w, err := Open(dir, "laptop")
			if err != nil {
				t.Fatal(err)
			}
			r := sample()[0]
			r.Time = r.Time.Add(time.Duration(i) * time.Second)
			r.Missed = []int{1}
			if err := w.Append(r); err != nil {
				t.Fatal(err)
			}
			w.Close()
		}
		if b, _ := os.ReadFile(DeviceFile(dir, "laptop")); string(b) != old+"\n"+oldLine+"\n" {
			t.Errorf("the older file changed:\n%q", b)
		}
		b, err := os.ReadFile(filepath.Join(Dir(dir), "laptop+2.tsv"))
		if err != nil || !strings.HasPrefix(string(b), Header+"\n") || strings.Count(string(b), "\n") != 3 {
			t.Errorf("laptop+2.tsv = %q, %v", b, err)
		}
		log, err := Read(dir)
		if err != nil || log.Len() != 3 || len(log.At(2).Missed) != 1 {
			t.Errorf("Read = %d records, %v", log.Len(), err)
		}
	})
}

func TestIsDeviceFile(t *testing.T) {
	for name, want := range map[string]bool{
		"laptop.tsv": true, "laptop+2.tsv": true, "laptop+17.tsv": true,
		"laptop+1.tsv": false, "laptop+x.tsv": false, "laptop2.tsv": false, "desk.tsv": false, "laptop.tsv.bak": false,
	} {
		if got := IsDeviceFile(name, "laptop"); got != want {
			t.Errorf("IsDeviceFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestRefuseToAppendToAForeignFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "laptop", "name,grade\nx,1\n")
	if w, err := Open(dir, "laptop"); err == nil {
		w.Close()
		t.Fatal("Open took a file without a review log header")
	}
}

func TestGather(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 60; n++ {
		for trial := 0; trial < 20; trial++ {
			es := make([]entry, n)
			for i := range es {
				es[i].ms = int64(i)
			}
			p := make([]int32, n)
			for i, v := range rng.Perm(n) {
				p[i] = int32(v)
			}
			want := append([]int32(nil), p...)
			gather(es, p)
			for i := range es {
				if es[i].ms != int64(want[i]) {
					t.Fatalf("n=%d: es[%d] = %d, want %d (p=%v)", n, i, es[i].ms, want[i], want)
				}
			}
		}
	}
}
