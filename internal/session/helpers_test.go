package session

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// memoryLog is an Appender that keeps the records in memory.
type memoryLog struct{ records []srs.Record }

func (m *memoryLog) Append(r srs.Record) error {
	m.records = append(m.records, r)
	return nil
}

// lines writes each record as "event card [grade [missed]]", as in
// "answer k/scen 3 2,4".
func (m *memoryLog) lines() []string {
	var out []string
	for _, r := range m.records {
		s := r.Event.String() + " " + r.Card
		if r.Event.Graded() {
			s += " " + strconv.Itoa(int(r.Grade))
		}
		if len(r.Missed) > 0 {
			var ms []string
			for _, n := range r.Missed {
				ms = append(ms, strconv.Itoa(n))
			}
			s += " " + strings.Join(ms, ",")
		}
		out = append(out, s)
	}
	return out
}

// testRun is a session over one deck, with its input, output and log in
// memory.
type testRun struct {
	t       *testing.T
	lib     *library.Library
	streams *tui.Streams
	out     *strings.Builder
	log     *memoryLog
	now     func() time.Time
}

// newRun opens a library of one deck (no built-in decks, an empty log) as
// of 09:00 UTC on 1 December 2026, with keys as the session's input.
func newRun(t *testing.T, deckText, keys string) *testRun {
	t.Helper()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	lib, err := library.Open(library.Options{
		DataDir:  t.TempDir(),
		Sources:  []deck.Source{{FS: fstest.MapFS{"k.toml": {Data: []byte(deckText)}}, Label: "test", Origin: "test"}},
		Settings: config.Defaults(),
		Parts:    library.WithStates,
		Now:      at,
		Loc:      time.UTC,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Warnings) > 0 {
		t.Fatalf("the deck does not load: %v", lib.Warnings)
	}
	out := &strings.Builder{}
	// The clock moves on by a second at each reading.
	clock := at
	now := func() time.Time { clock = clock.Add(time.Second); return clock }
	return &testRun{t: t, lib: lib, out: out, log: &memoryLog{}, now: now,
		streams: &tui.Streams{In: strings.NewReader(keys), Out: out, Err: out, Getenv: func(string) string { return "" }, Loc: time.UTC}}
}

// run studies today's whole queue.
func (r *testRun) run() error {
	sel, err := r.lib.Select(nil, nil)
	if err != nil {
		r.t.Fatal(err)
	}
	return Run(context.Background(), Options{Streams: r.streams, Now: r.now, Lib: r.lib, Sel: sel,
		Queue: r.lib.Queue(sel, r.lib.Settings.Limits), Log: r.log})
}
