package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has installed

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// steppingClock starts at start and moves by step at each reading (a
// negative step is a clock going back).
func steppingClock(start time.Time, step time.Duration) func() time.Time {
	now := start
	return func() time.Time {
		t := now
		now = now.Add(step)
		return t
	}
}

// runInZone runs the program in-process with the learner in zone.
func runInZone(t *testing.T, zone string, now func() time.Time, stdin string, args ...string) (string, string, int) {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = loc
	defer func() { time.Local = saved }()
	t.Setenv("REHEARSE_DEVICE", "test")
	var stdout, stderr strings.Builder
	code := runStreams(context.Background(), append([]string{"rehearse"}, args...), strings.NewReader(stdin), &stdout, &stderr, now)
	return stdout.String(), stderr.String(), code
}

// checkLog reads the log and checks what must hold whatever the clock
// did: it reads back clean; each record of the device's file is stamped
// after the one before; within one session (from the record at index
// from) the day never goes back; a card has at most one scheduling answer
// a day and is due after its last one. It returns the records and states.
func checkLog(t *testing.T, data string, from int) ([]srs.Record, map[string]*srs.CardState) {
	t.Helper()
	log, err := revlog.Read(data)
	if err != nil || len(log.Warnings) > 0 {
		t.Fatalf("log: %v %v", err, log.Warnings)
	}
	recs := log.Records()
	for i := 1; i < len(recs); i++ {
		if !recs[i].Time.After(recs[i-1].Time) || recs[i].Line != recs[i-1].Line+1 {
			t.Fatalf("record on line %d (%v) is not stamped after line %d (%v)", recs[i].Line, recs[i].Time, recs[i-1].Line, recs[i-1].Time)
		}
		if i > from && recs[i].Day < recs[i-1].Day {
			t.Fatalf("the day went back within a session: line %d is on %v, line %d on %v", recs[i].Line, recs[i].Day, recs[i-1].Line, recs[i-1].Day)
		}
	}
	states := srs.Replay(srs.Records(recs), srs.Params{})
	days := map[string]map[srs.Day]bool{}
	for _, r := range recs {
		if r.Event.Graded() {
			if days[r.Card] == nil {
				days[r.Card] = map[srs.Day]bool{}
			}
			days[r.Card][r.Day] = true
		}
	}
	for card, st := range states {
		if st.Answers > len(days[card]) {
			t.Errorf("%s: %d scheduling answers on %d days", card, st.Answers, len(days[card]))
		}
		if !st.IsNew() && st.Due <= st.LastDay {
			t.Errorf("%s: due %v, last answered %v", card, st.Due, st.LastDay)
		}
	}
	return recs, states
}

// TestClockGoingBack runs a session whose clock goes back three minutes at
// every reading, across the 4 AM day start, with an answer undone on the
// way: the records keep the order they were written in, the session's day
// does not go back, the undo takes back the right answer, and no answer is
// lost or doubled.
func TestClockGoingBack(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 6)
	data := filepath.Join(dir, "data")
	clock := steppingClock(time.Date(2026, 11, 25, 4, 20, 0, 0, time.UTC), -3*time.Minute)
	// c1: 5; c2: 2, undone at c3 and answered 3 instead; c3..c6: 5; then
	// c2 comes back for its re-drill: 4.
	keys := "\n5\n" + "\n2\n" + "u\n" + "\n3\n" + strings.Repeat("\n5\n", 4) + "\n4\n"
	stdout, stderr, code := runInZone(t, "UTC", clock, keys, "--no-builtin", "--data-dir", data, "--decks", deckPath, "review")
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "Done for today: 7 answers") {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	recs, states := checkLog(t, data, 0)
	for _, r := range recs {
		if r.Day != srs.DateDay(2026, 11, 25) {
			t.Errorf("line %d is on %v: the day went back with the clock", r.Line, r.Day)
		}
	}
	c2 := states["c/c2"]
	if c2.Answers != 1 || c2.Drills != 1 || c2.Ease != 236 || c2.DrillPending {
		t.Errorf("c/c2 after the undo = %+v, want one scheduling answer of 3 (ease 2.36) and one re-drill", *c2)
	}
	for i := 1; i <= 6; i++ {
		if st := states["c/c"+string(rune('0'+i))]; st == nil || st.Answers != 1 {
			t.Errorf("c/c%d: %+v", i, st)
		}
	}
}

// TestTimeZoneChange: a learner studies in Tokyo, flies to Los Angeles and
// studies there an hour later, on what is the day before in local time,
// then flies back. No card answered in Tokyo comes back in Los Angeles, no
// answer is lost or doubled, and every due day follows its answer.
func TestTimeZoneChange(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 20)
	data := filepath.Join(dir, "data")
	args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath}
	tokyo := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC) // 10:00 on the 25th in Tokyo
	out, errOut, code := runInZone(t, "Asia/Tokyo", steppingClock(tokyo, time.Second), strings.Repeat("\n5\n", 5)+"q\n", append(args, "review", "--new", "5")...)
	if code != exitOK || !strings.Contains(out, "Done for today: 5 answers") {
		t.Fatalf("Tokyo: exit %d\n%s%s", code, out, errOut)
	}
	n := 5
	la := tokyo.Add(time.Hour) // 18:00 on the 24th in Los Angeles
	out, errOut, code = runInZone(t, "America/Los_Angeles", steppingClock(la, time.Second), strings.Repeat("\n4\n", 3), append(args, "review", "--new", "3")...)
	if code != exitOK || !strings.Contains(out, "Done for today: 3 answers") || strings.Contains(out, "Question 1?") {
		t.Fatalf("Los Angeles: exit %d\n%s%s", code, out, errOut)
	}
	_, states := checkLog(t, data, n)
	n += 3
	if len(states) != 8 {
		t.Fatalf("%d cards studied, want 8", len(states))
	}
	// Back in Tokyo the next morning: the five from Tokyo are due, the
	// three from Los Angeles are a day overdue.
	home := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC) // 09:00 on the 26th in Tokyo
	out, _, _ = runInZone(t, "Asia/Tokyo", steppingClock(home, time.Second), "", append(args, "status")...)
	if !strings.HasPrefix(out, "Today: 8 due (3 overdue)") {
		t.Errorf("status at home:\n%s", out)
	}
	out, errOut, code = runInZone(t, "Asia/Tokyo", steppingClock(home, time.Second), strings.Repeat("\n5\n", 8), append(args, "review", "--new", "0")...)
	if code != exitOK || !strings.Contains(out, "Done for today: 8 answers") {
		t.Fatalf("home: exit %d\n%s%s", code, out, errOut)
	}
	_, states = checkLog(t, data, n)
	for card, st := range states {
		if st.Answers != 2 || st.Due < srs.DateDay(2026, 11, 27) {
			t.Errorf("%s: %+v", card, *st)
		}
	}
}

// TestSessionAcrossTheDayBoundary starts a session at 03:50 in New York
// and goes on past 4 AM, the start of the day: answers before 4 AM belong
// to the evening's day, later ones to the new day, where a card failed
// before 4 AM gets its new day's scheduling answer rather than a re-drill.
func TestSessionAcrossTheDayBoundary(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 6)
	data := filepath.Join(dir, "data")
	start := time.Date(2026, 11, 25, 8, 50, 0, 0, time.UTC) // 03:50 EST
	keys := "\n1\n" + strings.Repeat("\n5\n", 5) + "\n4\n"
	out, errOut, code := runInZone(t, "America/New_York", steppingClock(start, time.Minute), keys,
		"--no-builtin", "--data-dir", data, "--decks", deckPath, "review")
	if code != exitOK || !strings.Contains(out, "Done for today: 7 answers") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	recs, states := checkLog(t, data, 0)
	evening, morning := srs.DateDay(2026, 11, 24), srs.DateDay(2026, 11, 25)
	if recs[0].Day != evening || recs[len(recs)-1].Day != morning {
		t.Errorf("first record on %v, last on %v", recs[0].Day, recs[len(recs)-1].Day)
	}
	last := recs[len(recs)-1]
	if last.Card != "c/c1" || last.Event != srs.Answer {
		t.Errorf("the card failed before 4 AM came back as %v %s", last.Event, last.Card)
	}
	if c1 := states["c/c1"]; c1.Answers != 2 || c1.LastDay != morning || c1.Due != morning+1 {
		t.Errorf("c/c1: %+v", *c1)
	}
}

// TestDaylightSavingDays runs sessions through the night the clocks go
// forward and the night they go back (the hour from 1 to 2 AM happens
// twice) in New York: every answer before 4 AM belongs to the day before,
// the records keep their order, and due days are sane.
func TestDaylightSavingDays(t *testing.T) {
	for _, tt := range []struct {
		name  string
		start time.Time
		day   srs.Day // the day of answers before 4 AM
	}{
		{"spring forward", time.Date(2026, 3, 8, 6, 40, 0, 0, time.UTC), srs.DateDay(2026, 3, 7)}, // 01:40 EST
		{"fall back", time.Date(2026, 11, 1, 4, 50, 0, 0, time.UTC), srs.DateDay(2026, 10, 31)},   // 00:50 EDT
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			deckPath := writeDeck(t, dir, 40)
			data := filepath.Join(dir, "data")
			out, errOut, code := runInZone(t, "America/New_York", steppingClock(tt.start, 4*time.Minute), strings.Repeat("\n5\n", 40),
				"--no-builtin", "--data-dir", data, "--decks", deckPath, "review", "--new", "40")
			if code != exitOK {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			ny, _ := time.LoadLocation("America/New_York")
			recs, _ := checkLog(t, data, 0)
			before, after := 0, 0
			for _, r := range recs {
				want := tt.day
				if r.Time.In(ny).Hour() >= 4 && r.Time.In(ny).Day() != tt.start.In(ny).Day()-1 {
					want = tt.day + 1
				}
				if r.Day != want {
					t.Errorf("line %d at %v is on %v, want %v", r.Line, r.Time.In(ny), r.Day, want)
				}
				if r.Day == tt.day {
					before++
				} else {
					after++
				}
				if r.Due != r.Day+1 {
					t.Errorf("line %d: due %v after an answer on %v", r.Line, r.Due, r.Day)
				}
			}
			if before == 0 || after == 0 {
				t.Errorf("%d answers before 4 AM and %d after: the session did not cross the day start", before, after)
			}
		})
	}
}

// TestAYearAway: cards last studied a year ago are all overdue, come back
// most overdue first within the daily limit, and are scheduled from the
// day they are answered.
func TestAYearAway(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 30)
	data := filepath.Join(dir, "data")
	args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath}
	then := time.Date(2025, 11, 20, 9, 0, 0, 0, time.UTC)
	if _, errOut, code := runInZone(t, "UTC", steppingClock(then, time.Second), strings.Repeat("\n5\n", 30), append(args, "review", "--new", "30")...); code != exitOK {
		t.Fatal(errOut)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	out, _, _ := runInZone(t, "UTC", steppingClock(now, time.Second), "", append(args, "status")...)
	if !strings.HasPrefix(out, "Today: 30 due (30 overdue)") {
		t.Errorf("status after a year:\n%s", out)
	}
	out, errOut, code := runInZone(t, "UTC", steppingClock(now, time.Second), strings.Repeat("\n4\n", 30), append(args, "review", "--new", "0")...)
	if code != exitOK || !strings.Contains(out, "Done for today: 30 answers") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	_, states := checkLog(t, data, 30)
	today := srs.DateDay(2026, 11, 25)
	for card, st := range states {
		if st.Answers != 2 || st.Interval != 6 || st.Due != today+6 {
			t.Errorf("%s after a year away: %+v", card, *st)
		}
	}
}
