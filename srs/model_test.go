package srs

import (
	"testing"
	"time"
)

func TestParseModel(t *testing.T) {
	for _, m := range []Model{ModelSM2, ModelFSRS} {
		if got, err := ParseModel(m.String()); err != nil || got != m {
			t.Errorf("ParseModel(%q) = %v, %v", m, got, err)
		}
	}
	if _, err := ParseModel("anki"); err == nil {
		t.Error("ParseModel(anki) = nil error")
	}
}

func TestApplyWithFSRS(t *testing.T) {
	day := DateDay(2026, 12, 1)
	p := Params{Model: ModelFSRS}
	c, scheduled := NewCardState().Apply(Hesitant, day, p)
	// A first answer: S0 = w[0..3] = 0.212, 1.2931, 2.3065, 8.2956 days,
	// intervals at 90% of 1, 1, 2 and 8 days, made strictly increasing:
	// 1, 2, 3, 8. So a first Good is due in 3 days.
	if !scheduled || c.Due != day+3 || c.Model != ModelFSRS || c.Memory.Stability != DefaultWeights[2] {
		t.Fatalf("first Good = %+v", c)
	}
	if c.Days() != 3 {
		t.Errorf("Days() = %d, want 3", c.Days())
	}
	// A re-drill the same day leaves the memory as it was.
	d, scheduled := c.Apply(Blackout, day, p)
	if scheduled || d.Memory != c.Memory || d.Due != c.Due {
		t.Errorf("same-day re-drill changed the FSRS state: %+v", d)
	}
	// Two days on, Good again: the due day is NextIntervals' Good.
	want := DefaultWeights.NextIntervals(c.Memory, 2, 0.9, 0)[RateGood-1]
	e, _ := c.Apply(Hesitant, day+2, p)
	if e.Due != day+2+Day(want) || e.Memory != DefaultWeights.Next(c.Memory, 2, RateGood) {
		t.Errorf("second Good: due %v memory %+v, want due %v", e.Due, e.Memory, day+2+Day(want))
	}
	// SM-2's schedule goes on beside FSRS's, for a switch back.
	if e.Repetitions != 2 || e.Interval != 6 {
		t.Errorf("SM-2 schedule under FSRS = %+v", e.Schedule)
	}
}

func TestReplayKeepsEachModelsDueDay(t *testing.T) {
	day := DateDay(2026, 12, 1)
	at := func(d int) time.Time { return time.Date(2026, 12, 1+d, 9, 0, 0, 0, time.UTC) }
	recs := Records{
		// SM-2 answer; then an FSRS answer naming a due day other weights gave.
		{Time: at(0), Day: day, Event: Answer, Card: "d/a", Grade: 4, Due: day + 1},
		{Time: at(1), Day: day + 1, Event: Answer, Card: "d/a", Grade: 4, Model: ModelFSRS, Due: day + 1 + 5},
		// An FSRS answer without a usable due day gets FSRS's own.
		{Time: at(0), Day: day, Event: Answer, Card: "d/b", Grade: 4, Model: ModelFSRS},
		// A reschedule moves an answered card; a new one it leaves alone.
		{Time: at(0), Day: day, Event: Answer, Card: "d/c", Grade: 5, Due: day + 1},
		{Time: at(0).Add(time.Minute), Day: day, Event: Reschedule, Card: "d/c", Model: ModelFSRS, Due: day + 3},
		{Time: at(0), Day: day, Event: Reschedule, Card: "d/new", Model: ModelFSRS, Due: day + 3},
	}
	for _, p := range []Params{{}, {Model: ModelFSRS}, {FSRS: DefaultFSRS()}} {
		states := Replay(recs, p)
		if a := states["d/a"]; a.Due != day+6 || a.Model != ModelFSRS || a.Days() != 5 {
			t.Errorf("%+v: d/a due %v model %v", p, a.Due, a.Model)
		}
		b := states["d/b"]
		if p.fsrs() == nil {
			if b.Due != day+1 || b.Model != ModelSM2 {
				t.Errorf("no FSRS settings: d/b = due %v model %v, want SM-2's", b.Due, b.Model)
			}
		} else if b.Due != day+3 || b.Model != ModelFSRS || b.Memory.Stability != DefaultWeights[2] {
			t.Errorf("%+v: d/b = %+v, want FSRS's 3 days", p, b)
		}
		if c := states["d/c"]; c.Due != day+3 || c.Model != ModelFSRS {
			t.Errorf("rescheduled d/c = due %v model %v", c.Due, c.Model)
		}
		if n := states["d/new"]; !n.IsNew() || n.Due != 0 {
			t.Errorf("a reschedule changed a new card: %+v", n)
		}
		if (p.fsrs() == nil) != (states["d/a"].Memory == Memory{}) {
			t.Errorf("%+v: memory kept = %v", p, states["d/a"].Memory)
		}
	}
}

// With FSRS settings, SM-2's answers replay to the same schedule and due
// days as without them: only the memory is added.
func TestFSRSMemoryLeavesSM2Alone(t *testing.T) {
	day := DateDay(2026, 12, 1)
	var recs Records
	for i, g := range []Grade{4, 5, 2, 3, 4, 4, 1, 5} {
		recs = append(recs, Record{Time: time.Date(2026, 12, 1+3*i, 9, 0, 0, 0, time.UTC), Day: day + Day(3*i), Event: Answer, Card: "d/a", Grade: g})
	}
	plain := Replay(recs, Params{})["d/a"]
	with := Replay(recs, Params{FSRS: DefaultFSRS()})["d/a"]
	if with.Memory == (Memory{}) {
		t.Fatal("no memory kept")
	}
	with.Memory = Memory{}
	if *plain != *with {
		t.Errorf("SM-2 state changed by FSRS settings:\n%+v\n%+v", *plain, *with)
	}
}
