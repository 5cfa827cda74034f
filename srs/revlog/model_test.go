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

// An SM-2 device's file keeps the header it always had; a device that
// answers with FSRS goes on in a file with the model column, and every
// later session, of either model, appends there.
func TestModelColumn(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	sm2 := sample()[0]
	if err := w.Append(sm2); err != nil {
		t.Fatal(err)
	}
	fsrs := sm2
	fsrs.Time, fsrs.Day, fsrs.Model, fsrs.Due = sm2.Time.Add(24*time.Hour), sm2.Day+1, srs.ModelFSRS, sm2.Day+4
	if err := w.Append(fsrs); err == nil || !strings.Contains(err.Error(), "no model column") {
		t.Errorf("Append(FSRS answer) to an SM-2 file = %v, want a refusal", err)
	}
	w.Close()
	if b, _ := os.ReadFile(DeviceFile(dir, "laptop")); !strings.HasPrefix(string(b), Header+"\n") || strings.Contains(string(b), "model") {
		t.Errorf("an SM-2 device's file =\n%q", b)
	}

	w, err = OpenModels(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Append(fsrs); err != nil {
		t.Fatal(err)
	}
	w.Close()
	second := filepath.Join(Dir(dir), "laptop+2.tsv")
	b, err := os.ReadFile(second)
	if err != nil || !strings.HasPrefix(string(b), ModelHeader+"\n") || !strings.HasSuffix(string(b), "\tfsrs\n") {
		t.Fatalf("laptop+2.tsv = %q, %v", b, err)
	}

	// A later SM-2 session appends to the latest file, naming its model.
	w, err = Open(dir, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	back := sm2
	back.Time, back.Day, back.Due = fsrs.Time.Add(24*time.Hour), fsrs.Day+1, fsrs.Day+2
	resched := srs.Record{Time: back.Time.Add(time.Second), Day: back.Day, Event: srs.Reschedule, Card: "net/osi-l3", Due: back.Day + 9, Model: srs.ModelFSRS}
	for _, r := range []srs.Record{back, resched} {
		if err := w.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	if b, _ := os.ReadFile(second); strings.Count(string(b), "\n") != 4 || !strings.Contains(string(b), "\tsm2\n") {
		t.Errorf("laptop+2.tsv after an SM-2 session =\n%q", b)
	}
	log, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := log.Records()
	want := []srs.Record{sm2, fsrs, back, resched}
	if diff := cmp.Diff(want, got, ignoreSource); diff != "" {
		t.Errorf("records read back (-want +got):\n%s", diff)
	}
}

func TestModelColumnDamage(t *testing.T) {
	for _, tc := range []struct{ name, line, want string }{
		{"unknown model", "2026-11-25T07:12:32.123Z\tanswer\tnet/a\t4\t0\t2026-11-25\t1\t1\t2.50\t2026-11-26\t\t\tanki", `model "anki" is not sm2 or fsrs`},
		{"reschedule without a due day", "2026-11-25T07:12:32.123Z\treschedule\tnet/a\t\t\t2026-11-25\t\t\t\t\t\t\tfsrs", "a reschedule needs its due day"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Parse(strings.NewReader(ModelHeader+"\n"+tc.line+"\n"), "x.tsv")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "x.tsv:2") {
				t.Errorf("Parse = %v, want x.tsv:2 and %q", err, tc.want)
			}
		})
	}
}

// TestCramRecord: a cram answer keeps its grade, time and missed points,
// and no schedule, and reads back as written.
func TestCramRecord(t *testing.T) {
	day := srs.DateDay(2026, 11, 25)
	r := srs.Record{Time: t0, Day: day, Event: srs.Cram, Card: "net/osi-l3", Grade: 2, Millis: 41000, Missed: []int{1, 3}}
	line := Format(r)
	if want := "2026-11-25T07:12:32.123Z\tcram\tnet/osi-l3\t2\t41000\t2026-11-25\t\t\t\t\t1 3\t"; line != want {
		t.Fatalf("Format(cram) =\n%q\nwant\n%q", line, want)
	}
	recs, _, err := Parse(strings.NewReader(Header+"\n"+line+"\n"), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]srs.Record{r}, recs, ignoreSource); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

// TestMockRecord: a mock answer keeps its grade, time, missed points and
// the time its mock began, and reads back as written.
func TestMockRecord(t *testing.T) {
	day := srs.DateDay(2026, 11, 25)
	began := t0.Add(-3 * time.Minute)
	r := srs.Record{Time: t0, Day: day, Event: srs.Mock, Card: "lead/conflict", Grade: 3, Millis: 131000, Missed: []int{2, 5}, Mock: began}
	line := Format(r)
	if want := "2026-11-25T07:12:32.123Z\tmock\tlead/conflict\t3\t131000\t2026-11-25\t\t\t\t\t2 5\t2026-11-25T07:09:32.123Z"; line != want {
		t.Fatalf("Format(mock) =\n%q\nwant\n%q", line, want)
	}
	recs, _, err := Parse(strings.NewReader(Header+"\n"+line+"\n"), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]srs.Record{r}, recs, ignoreSource); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
	bad := strings.Replace(line, "\t2026-11-25T07:09:32.123Z", "\tyesterday", 1)
	if _, _, err := Parse(strings.NewReader(Header+"\n"+bad+"\n"), "x.tsv"); err == nil || !strings.Contains(err.Error(), "the time its mock began") {
		t.Errorf("a mock without its mock's time: %v", err)
	}
	states := srs.Replay(srs.Records{r}, srs.Params{})
	if st := states["lead/conflict"]; st == nil || !st.IsNew() {
		t.Errorf("a mock answer changed the card's state: %+v", st)
	}
}
