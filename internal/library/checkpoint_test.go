package library

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// TestCheckpointResumes: after answers, drills and undos are appended,
// status reads on from the checkpoint (it does not replay the whole log)
// and its facts are those of replaying the whole log, with each model.
func TestCheckpointResumes(t *testing.T) {
	today := srs.DateDay(2026, 11, 25)
	for _, model := range []srs.Model{srs.ModelSM2, srs.ModelFSRS} {
		dir := t.TempDir()
		if err := gen.Write(dir, gen.S, today); err != nil {
			t.Fatal(err)
		}
		settings := config.Defaults()
		settings.Params.Model = model
		srcs := []deck.Source{{FS: os.DirFS(filepath.Join(dir, "decks")), Dir: filepath.Join(dir, "decks"), Label: "decks", Origin: "--decks"}}
		now := time.Date(2026, 11, 25, 22, 0, 0, 0, time.UTC)
		o := Options{DataDir: filepath.Join(dir, "data"), Sources: srcs, Settings: settings, Device: "laptop",
			Now: now, Loc: time.UTC, Cache: true}
		key, err := settingsKey(o.DataDir, o.Device, settings)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := TodayStatus(o, true, func([]Warning) {}); err != nil {
			t.Fatal(err)
		}
		cp := readCheckpoint(o.DataDir, key)
		if cp == nil {
			t.Fatal("no checkpoint written")
		}
		// Append a session: answers, a drill, an answer taken back.
		lib, err := Open(Options{DataDir: o.DataDir, Sources: srcs, Settings: settings, Parts: WithLog, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		w, err := lib.OpenLog("laptop")
		if err != nil {
			t.Fatal(err)
		}
		at := lib.Stamp(now)
		recs := []srs.Record{
			{Event: srs.Answer, Card: "deck-000/card-00000", Grade: 2, Millis: 4000},
			{Event: srs.Drill, Card: "deck-000/card-00000", Grade: 4, Millis: 3000},
			{Event: srs.Answer, Card: "deck-001/card-00002", Grade: 5, Millis: 2000},
			{Event: srs.Answer, Card: "deck-002/card-00003", Grade: 1, Millis: 9000},
			{Event: srs.Undo, Card: "deck-002/card-00003"},
			{Event: srs.Answer, Card: "deck-002/card-00003", Grade: 4, Millis: 7000},
		}
		for i, r := range recs {
			r.Time, r.Day = at.Add(time.Duration(i)*time.Second), today
			if r.Event == srs.Undo {
				r.Undoes = at.Add(time.Duration(i-1) * time.Second)
			}
			if err := w.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()

		resumed, _, err := resumeStatusFacts(o, key)
		if err != nil || resumed == nil {
			t.Fatalf("%v: did not read on from the checkpoint: %v", model, err)
		}
		whole, _, _, err := computeStatusFacts(Options{DataDir: o.DataDir, Sources: srcs, Settings: settings, Device: "laptop", Now: now, Loc: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		sortFacts := cmpopts.SortSlices(func(a, b string) bool { return a < b })
		if diff := cmp.Diff(whole.StateMap(), resumed.StateMap()); diff != "" {
			t.Fatalf("%v: states read on differ (-whole +resumed):\n%s", model, diff)
		}
		resumed.Keys, resumed.States, whole.Keys, whole.States = nil, nil, nil, nil
		if diff := cmp.Diff(whole, resumed, sortFacts); diff != "" {
			t.Fatalf("%v: facts read on differ (-whole +resumed):\n%s", model, diff)
		}
		// A record from before the checkpoint (another device's, synced
		// late) is not read on from it.
		os.WriteFile(filepath.Join(o.DataDir, "log", "phone.tsv"),
			[]byte(revlog.Header+"\n"+revlog.Format(srs.Record{Time: now.Add(-48 * time.Hour), Day: today - 2, Event: srs.Suspend, Card: "deck-000/card-00001"})+"\n"), 0o600)
		if f, _, _ := resumeStatusFacts(o, key); f != nil {
			t.Fatalf("%v: read on past a record older than the checkpoint", model)
		}
	}
}

// TestCheckpointCodec: what is written reads back; damage reads as none.
func TestCheckpointCodec(t *testing.T) {
	st := srs.NewCardState()
	st.Answers, st.Due, st.Memory = 3, 20000, srs.Memory{Stability: 3.25, Difficulty: 6.5}
	cp := &checkpoint{Settings: 42, Newest: 1764000000000, Marks: []revlog.Mark{{Name: "laptop.tsv", Offset: 900, Lines: 10, Hash: 7}},
		Keys: []string{"a/b", "a/c"}, States: []srs.CardState{st, srs.NewCardState()},
		StepCard: []uint32{0, 1, 0}, StepDay: []srs.Day{19990, 19991, 19999}, StepFlag: []uint8{0, stepMature, stepMature | stepPassed},
		Millis: []int32{1000, 2500}}
	b := appendCheckpoint(nil, cp)
	if diff := cmp.Diff(cp, decodeCheckpoint(b)); diff != "" {
		t.Fatalf("decoded checkpoint differs:\n%s", diff)
	}
	for cut := 0; cut < len(b); cut++ {
		if decodeCheckpoint(b[:cut]) != nil {
			t.Fatalf("a checkpoint cut to %d bytes decodes", cut)
		}
	}
	dir := t.TempDir()
	if err := cp.write(dir); err != nil {
		t.Fatal(err)
	}
	if readCheckpoint(dir, 42) == nil || readCheckpoint(dir, 43) != nil {
		t.Fatal("a checkpoint is read for other settings, or not for its own")
	}
	raw, _ := os.ReadFile(CheckpointPath(dir))
	raw[len(raw)-1] ^= 1
	os.WriteFile(CheckpointPath(dir), raw, 0o600)
	if readCheckpoint(dir, 42) != nil {
		t.Fatal("a damaged checkpoint is read")
	}
}

// TestOpenResumes: a library opened with Resume has the states, queue and
// newest record of one that replays the whole log, reads on from the
// checkpoint (its Log holds only what was appended), and replays the
// whole log while an interview plan, which needs it, is in force.
func TestOpenResumes(t *testing.T) {
	today := srs.DateDay(2026, 11, 25)
	dir := t.TempDir()
	if err := gen.Write(dir, gen.S, today); err != nil {
		t.Fatal(err)
	}
	srcs := []deck.Source{{FS: os.DirFS(filepath.Join(dir, "decks")), Dir: filepath.Join(dir, "decks"), Label: "decks", Origin: "--decks"}}
	now := time.Date(2026, 11, 25, 22, 0, 0, 0, time.UTC)
	o := Options{DataDir: filepath.Join(dir, "data"), Sources: srcs, Settings: config.Defaults(), Device: "laptop",
		Parts: WithStates, Now: now, Loc: time.UTC, Cache: true, Resume: true}
	whole := func() *Library {
		t.Helper()
		lib, err := Open(Options{DataDir: o.DataDir, Sources: srcs, Settings: o.Settings, Device: "laptop", Parts: WithStates, Now: now, Loc: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	same := func(what string, got *Library, tail int) {
		t.Helper()
		want := whole()
		if got.Log.Len() != tail {
			t.Errorf("%s: the library holds %d records, want %d", what, got.Log.Len(), tail)
		}
		if diff := cmp.Diff(want.States, got.States); diff != "" {
			t.Errorf("%s: states differ (-whole +resumed):\n%s", what, diff)
		}
		wantNewest, _ := want.Newest(now)
		if gotNewest, _ := got.Newest(now); !gotNewest.Equal(wantNewest) || gotNewest.IsZero() {
			t.Errorf("%s: newest record %v, want %v", what, gotNewest, wantNewest)
		}
		ws, _ := want.Select(nil, nil)
		gs, _ := got.Select(nil, nil)
		if diff := cmp.Diff(want.Queue(ws, want.Settings.Limits), got.Queue(gs, got.Settings.Limits)); diff != "" {
			t.Errorf("%s: queues differ (-whole +resumed):\n%s", what, diff)
		}
	}
	first, err := Open(o) // no checkpoint yet: the whole log, and one written
	if err != nil {
		t.Fatal(err)
	}
	same("without a checkpoint", first, whole().Log.Len())
	lib, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	same("from the checkpoint", lib, 0)

	at := lib.Stamp(now)
	answer := func(n int) {
		t.Helper()
		w, err := lib.OpenLog("laptop")
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		for i := 0; i < n; i++ {
			at = at.Add(time.Second)
			card := lib.Prompts[i%len(lib.Prompts)].Key
			if err := w.Append(srs.Record{Time: at, Day: today, Event: srs.Answer, Card: card, Grade: srs.Grade(i%4 + 2), Millis: 3000}); err != nil {
				t.Fatal(err)
			}
		}
	}
	reopen := func() *Library {
		t.Helper()
		lib, err := Open(o)
		if err != nil {
			t.Fatal(err)
		}
		return lib
	}
	answer(3)
	same("three answers on", reopen(), 3)
	same("three answers on, again (too few to rewrite the checkpoint)", reopen(), 3)
	answer(rewriteAfter)
	same("many answers on", reopen(), 3+rewriteAfter)
	same("from the rewritten checkpoint", reopen(), 0)

	if _, err := WriteInterview(o.DataDir, Interview{Date: today + 10, Set: now, Device: "laptop"}); err != nil {
		t.Fatal(err)
	}
	lib, err = Open(o)
	if err != nil {
		t.Fatal(err)
	}
	same("under an interview plan", lib, whole().Log.Len())
}
