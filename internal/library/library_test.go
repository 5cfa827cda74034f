package library

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

const twoCards = `[deck]
id = "k"

[[card]]
id = "a"
front = "A?"
back = "A."
reverse = true

[[card]]
id = "b"
front = "B?"
back = "B.
`

// openAt opens a library of the deck text (broken decks allowed) with the
// records written to its log first.
func openAt(t *testing.T, deckText string, now time.Time, recs ...srs.Record) *Library {
	t.Helper()
	dir := t.TempDir()
	if len(recs) > 0 {
		w, err := revlog.Open(dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if err := w.Append(r); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
	}
	lib, err := Open(Options{DataDir: dir, Settings: config.Defaults(), Parts: WithStates, Now: now, Loc: time.UTC,
		Sources: []deck.Source{{FS: fstest.MapFS{"k.toml": {Data: []byte(deckText)}, "ok.toml": {Data: []byte("[deck]\nid = \"ok\"\n[[card]]\nid = \"x\"\nfront = \"X?\"\nback = \"X.\"\n")}},
			Label: "test", Origin: "test"}}})
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// TestOpen: a deck that does not load is a warning with the lint hint;
// the other decks load, and states are replayed from the log.
func TestOpen(t *testing.T) {
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	lib := openAt(t, twoCards, at, srs.Record{Time: at.Add(-time.Hour), Day: srs.DateDay(2026, 12, 3), Event: srs.Answer, Card: "ok/x", Grade: 4})
	if len(lib.Warnings) != 1 || lib.Warnings[0].Hint == "" {
		t.Fatalf("warnings = %+v, want one for k.toml with a hint", lib.Warnings)
	}
	if lib.Decks.Deck("ok") == nil || lib.Decks.Deck("k") != nil {
		t.Errorf("decks loaded: %v", lib.Decks.Decks)
	}
	if st := lib.States["ok/x"]; st == nil || st.Due != srs.DateDay(2026, 12, 4) {
		t.Errorf("ok/x replayed to %+v", st)
	}
	if lib.Today != srs.DateDay(2026, 12, 3) {
		t.Errorf("today = %s", lib.Today)
	}
	if _, err := lib.Select([]string{"nope"}, nil); err == nil {
		t.Error("selecting a deck that is not there worked")
	}
	if key, err := lib.FindCard("x"); err != nil || key != "ok/x" {
		t.Errorf("FindCard(x) = %q, %v", key, err)
	}
}

// TestStamp: a record is stamped after the newest record of the log, even
// when this clock is behind it, unless the newest record is a day or more
// ahead (a clock that was plainly wrong).
func TestStamp(t *testing.T) {
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	rec := func(t time.Time) srs.Record {
		return srs.Record{Time: t, Day: srs.DateDay(2026, 12, 3), Event: srs.Answer, Card: "ok/x", Grade: 4}
	}
	tests := []struct {
		name   string
		newest time.Time
		want   time.Time
	}{
		{"clock ahead of the log", at.Add(-time.Minute), at},
		{"clock 30 minutes behind", at.Add(30 * time.Minute), at.Add(30*time.Minute + time.Millisecond)},
		{"log two days ahead: ignored", at.Add(48 * time.Hour), at},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := openAt(t, "", at, rec(tt.newest))
			if got := lib.Stamp(at.Add(123 * time.Microsecond)); !got.Equal(tt.want) {
				t.Errorf("Stamp = %s, want %s", got, tt.want)
			}
		})
	}
}
