package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

const threeCards = "[deck]\nid = \"k\"\n[[card]]\nid = \"a\"\nfront = \"A?\"\nback = \"A.\"\n" +
	"[[card]]\nid = \"b\"\nfront = \"B?\"\nback = \"B.\"\n[[card]]\nid = \"c\"\nfront = \"C?\"\nback = \"C.\"\n"

func openDir(t *testing.T, dir string, model srs.Model, now time.Time) *Library {
	t.Helper()
	s := config.Defaults()
	s.Params.Model = model
	lib, err := Open(Options{DataDir: dir, Settings: s, Parts: WithStates, Now: now, Loc: time.UTC,
		Sources: []deck.Source{{FS: fstest.MapFS{"k.toml": {Data: []byte(threeCards)}}, Label: "test", Origin: "test"}}})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// answer appends the day's answers of one device, scheduled by its model.
func answer(t *testing.T, dir, device string, model srs.Model, now time.Time, grades map[string]srs.Grade) {
	t.Helper()
	lib := openDir(t, dir, model, now)
	w, err := lib.OpenLog(device)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	i := 0
	for _, card := range []string{"k/a", "k/b", "k/c"} {
		g, ok := grades[card]
		if !ok {
			continue
		}
		after, _ := lib.State(card).Apply(g, lib.Today, lib.Settings.Params)
		rec := srs.Record{Time: lib.Stamp(now).Add(time.Duration(i) * time.Millisecond), Day: lib.Today, Event: srs.Answer, Card: card,
			Grade: g, Schedule: after.Schedule, Due: after.Due, Model: model}
		if err := w.Append(rec); err != nil {
			t.Fatal(err)
		}
		i++
	}
}

// Two devices share a data folder, one answering with SM-2 and one with
// FSRS: whatever either device's setting, both replay the same due days,
// and the FSRS fit of the folder is in force for every device.
func TestDevicesWithDifferentSchedulersAgree(t *testing.T) {
	dir := t.TempDir()
	day := func(d int) time.Time { return time.Date(2026, 12, 1+d, 9, 0, 0, 0, time.UTC) }
	answer(t, dir, "laptop", srs.ModelSM2, day(0), map[string]srs.Grade{"k/a": 4, "k/b": 5, "k/c": 2})
	answer(t, dir, "phone", srs.ModelFSRS, day(1), map[string]srs.Grade{"k/a": 4, "k/c": 4})
	answer(t, dir, "laptop", srs.ModelSM2, day(4), map[string]srs.Grade{"k/b": 3})

	sm2, fsrs := openDir(t, dir, srs.ModelSM2, day(5)), openDir(t, dir, srs.ModelFSRS, day(5))
	for _, card := range []string{"k/a", "k/b", "k/c"} {
		a, b := sm2.States[card], fsrs.States[card]
		if a.Due != b.Due || a.Model != b.Model {
			t.Errorf("%s: SM-2 settings give due %v (%v), FSRS settings %v (%v)", card, a.Due, a.Model, b.Due, b.Model)
		}
	}
	if a := sm2.States["k/a"]; a.Model != srs.ModelFSRS || a.Due != srs.DateDay(2026, 12, 2)+srs.Day(fsrs.States["k/a"].Days()) {
		t.Errorf("k/a, last answered on the phone, = %+v", a)
	}
	if b := sm2.States["k/b"]; b.Model != srs.ModelSM2 {
		t.Errorf("k/b, last answered on the laptop, = %+v", b)
	}
	if _, err := os.Stat(filepath.Join(revlog.Dir(dir), "phone.tsv")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(revlog.Dir(dir), "laptop.tsv")); strings.Contains(string(b), "model") {
		t.Errorf("the SM-2 device's file has a model column:\n%s", b)
	}

	// A fit by either device is in force for both: the newest.
	fit := srs.DefaultWeights
	fit[2] = 3.5
	if _, err := WriteFit(dir, Fit{Weights: fit, Fitted: day(5), Device: "phone", Answers: 9, Cards: 3}); err != nil {
		t.Fatal(err)
	}
	older := srs.DefaultWeights
	older[2] = 1.5
	if _, err := WriteFit(dir, Fit{Weights: older, Fitted: day(3), Device: "laptop"}); err != nil {
		t.Fatal(err)
	}
	lib := openDir(t, dir, srs.ModelFSRS, day(5))
	if lib.Fit == nil || lib.Fit.Device != "phone" || lib.Settings.Params.FSRS.Weights != fit {
		t.Fatalf("fit in force = %+v", lib.Fit)
	}
	if diff := cmp.Diff(fsrs.States["k/a"].Due, lib.States["k/a"].Due); diff != "" {
		t.Errorf("a new fit moved a due day: %s", diff)
	}
}

func TestReadFitErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"syntax", "weights = [1,\n", "laptop.toml:"},
		{"too few", "weights = [1.0, 2.0]\n", "weights has 2 numbers, FSRS-6 has 21"},
		{"out of bounds", "weights = [0.2,1.3,2.3,8.3,6.4,0.8,3.0,0.001,1.9,0.17,0.8,1.5,0.06,0.26,1.6,0.6,1.9,0.5,0.09,0.07,5.0]\n", "w[20] = 5 is outside"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(FitDir(dir), 0o700)
			os.WriteFile(filepath.Join(FitDir(dir), "laptop.toml"), []byte(tc.text), 0o600)
			_, err := ReadFit(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadFit = %v, want %q", err, tc.want)
			}
		})
	}
	if f, err := ReadFit(t.TempDir()); f != nil || err != nil {
		t.Errorf("ReadFit of a folder without fits = %v, %v", f, err)
	}
}

// Reschedule moves each card in review to its due day under the model in
// force, and DueLoad counts the next days before and after.
func TestReschedule(t *testing.T) {
	dir := t.TempDir()
	day := func(d int) time.Time { return time.Date(2026, 12, 1+d, 9, 0, 0, 0, time.UTC) }
	answer(t, dir, "laptop", srs.ModelSM2, day(0), map[string]srs.Grade{"k/a": 4, "k/b": 5})
	lib := openDir(t, dir, srs.ModelFSRS, day(1))
	sel, _ := lib.Select(nil, nil)
	moves := lib.Reschedule(sel)
	// FSRS: a first Good is due in round(2.3065) = 2 days, a first Easy in 8.
	want := []Move{{Card: "k/a", From: srs.DateDay(2026, 12, 2), To: srs.DateDay(2026, 12, 3)},
		{Card: "k/b", From: srs.DateDay(2026, 12, 2), To: srs.DateDay(2026, 12, 9)}}
	if diff := cmp.Diff(want, moves); diff != "" {
		t.Fatalf("moves (-want +got):\n%s", diff)
	}
	before, after := lib.DueLoad(sel, moves, 10)
	if before[0] != 2 || after[0] != 0 || after[1] != 1 || after[7] != 1 {
		t.Errorf("load before %v, after %v", before, after)
	}
	recs := lib.RescheduleRecords(moves, day(1))
	if len(recs) != 2 || recs[0].Event != srs.Reschedule || recs[0].Model != srs.ModelFSRS || !recs[1].Time.After(recs[0].Time) {
		t.Errorf("records = %+v", recs)
	}
}
