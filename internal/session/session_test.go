package session

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

const threeCards = `[deck]
id = "k"

[[card]]
id = "a"
front = "A?"
back = "A."

[[card]]
id = "b"
front = "B?"
back = "B."

[[card]]
id = "c"
front = "C?"
back = "C."
`

// withYesterday gives the library of r one answer to k/a yesterday (grade
// 4: due today) and a leech threshold of one lapse.
func withYesterday(t *testing.T, r *testRun, suspendLeeches bool) {
	t.Helper()
	w, err := revlog.Open(r.lib.DataDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	rec := srs.Record{Time: time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), Day: r.lib.Today - 1, Event: srs.Answer, Card: "k/a", Grade: 4}
	if err := w.Append(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	settings := r.lib.Settings
	settings.LeechThreshold, settings.LeechSuspend = 1, suspendLeeches
	lib, err := library.Open(library.Options{DataDir: r.lib.DataDir, Sources: r.lib.Sources, Settings: settings,
		Parts: library.WithStates, Now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	r.lib = lib
}

// TestWholeSession runs a session from its first card to its summary with
// no terminal: answers, a lapse that makes a leech and comes back as a
// re-drill, a bury taken back by undo, and the summary's numbers. The
// states the session keeps must be the replay of the records it wrote.
func TestWholeSession(t *testing.T) {
	// The queue is b (new), a (due), c (new), then a's re-drill.
	keys := strings.Join([]string{
		"", "5", // b: reveal, perfect
		"", "1", // a: a lapse, so a leech, and a re-drill later today
		"b",     // c: bury
		"u",     // at a's re-drill: take back the bury; c comes back
		"", "4", // c
		"", "4", // a's re-drill
	}, "\n") + "\n"
	r := newRun(t, threeCards, keys)
	withYesterday(t, r, false)
	if err := r.run(); err != nil {
		t.Fatal(err)
	}
	want := []string{"answer k/b 5", "answer k/a 1", "bury k/c", "undo k/c", "answer k/c 4", "drill k/a 4"}
	if diff := cmp.Diff(want, r.log.lines()); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	out := r.out.String()
	for _, s := range []string{
		"leech: forgotten 1 time",
		"saved · comes back later today",
		"undone: bury of k/c",
		"re-drill: the schedule stays as it is",
		// Three first answers (b, a, c), one re-drill; each took two seconds
		// of the test's clock.
		"Done for today: 4 answers in 8 s (2 s per answer). Passed 2 of 3 first answers (66.7%).",
		"Re-drilled 1 card, 1 answer. Tomorrow: 3 due.",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("the session never said %q:\n%s", s, out)
		}
	}
	// One path for state changes: what the session holds is what the
	// records replay to.
	all := append(r.lib.Log.Records(), r.log.records...)
	replayed := srs.Replay(srs.Records(all), r.lib.Settings.Params)
	for _, card := range []string{"k/a", "k/b", "k/c"} {
		if diff := cmp.Diff(*replayed[card], *r.lib.States[card]); diff != "" {
			t.Errorf("%s: the session's state differs from the replay (-replay +session):\n%s", card, diff)
		}
	}
	if st := r.lib.States["k/a"]; st.Lapses != 1 || st.NeedsDrill(r.lib.Today) {
		t.Errorf("k/a after its re-drill: %+v", st)
	}
}

// TestLeechSuspended: with leech_action = "suspend" a leech is suspended
// at once, with its own record, and does not come back for a re-drill.
func TestLeechSuspended(t *testing.T) {
	r := newRun(t, threeCards, "\n5\n\n1\nq\n")
	withYesterday(t, r, true)
	if err := r.run(); err != nil {
		t.Fatal(err)
	}
	want := []string{"answer k/b 5", "answer k/a 1", "suspend k/a"}
	if diff := cmp.Diff(want, r.log.lines()); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	if st := r.lib.States["k/a"]; !st.Suspended {
		t.Errorf("k/a is not suspended: %+v", st)
	}
	if !strings.Contains(r.out.String(), `suspended as a leech (leech_action = "suspend")`) {
		t.Errorf("the session did not say the leech was suspended:\n%s", r.out.String())
	}
}

// TestLoadBalance: with load_balance on, ten cards that fall due together
// and are answered alike get due days spread over the balancing window, and
// what the session holds is still exactly what the log replays to.
func TestLoadBalance(t *testing.T) {
	var deckText strings.Builder
	deckText.WriteString("[deck]\nid = \"k\"\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&deckText, "\n[[card]]\nid = \"c%d\"\nfront = \"Q%d?\"\nback = \"A%d.\"\n", i, i, i)
	}
	r := newRun(t, deckText.String(), strings.Repeat("\n5\n", 10))
	w, err := revlog.Open(r.lib.DataDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		for _, ago := range []srs.Day{7, 6} {
			day := r.lib.Today - ago
			rec := srs.Record{Time: day.Time().Add(9*time.Hour + time.Duration(i)*time.Second), Day: day, Event: srs.Answer,
				Card: fmt.Sprintf("k/c%d", i), Grade: 5}
			if err := w.Append(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	w.Close()
	settings := r.lib.Settings
	settings.LoadBalance = true
	lib, err := library.Open(library.Options{DataDir: r.lib.DataDir, Sources: r.lib.Sources, Settings: settings,
		Parts: library.WithStates, Now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	r.lib = lib
	if err := r.run(); err != nil {
		t.Fatal(err)
	}
	days := map[srs.Day]int{}
	for i := 0; i < 10; i++ {
		days[r.lib.States[fmt.Sprintf("k/c%d", i)].Due]++
	}
	if len(days) < 3 {
		t.Errorf("due days %v: the ten cards were not spread", days)
	}
	all := append(r.lib.Log.Records(), r.log.records...)
	replayed := srs.Replay(srs.Records(all), settings.Params)
	for i := 0; i < 10; i++ {
		card := fmt.Sprintf("k/c%d", i)
		if diff := cmp.Diff(*replayed[card], *r.lib.States[card]); diff != "" {
			t.Errorf("%s: the session's state differs from the replay (-replay +session):\n%s", card, diff)
		}
	}
}
