package srs

import (
	"testing"
	"time"
)

func TestTrace(t *testing.T) {
	at := func(day Day, ev Event, g Grade) Record {
		return Record{Time: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, int(day-DateDay(2026, 11, 1))),
			Day: day, Event: ev, Card: "d/c", Grade: g}
	}
	d0 := DateDay(2026, 11, 1)
	recs := []Record{
		at(d0, Answer, 4),   // 1 day
		at(d0+1, Answer, 5), // 6 days
		at(d0+1, Undo, 0),   // back to 1 day, due d0+1
		at(d0+1, Answer, 3), // 6 days, ease 2.36
		at(d0+7, Bury, 0),
	}
	got := Trace(recs, Params{})
	want := []struct {
		interval int
		due      Day
		ease     Ease
		inForce  bool
		buried   bool
	}{
		{1, d0 + 1, 250, true, false},
		{6, d0 + 7, 260, false, false},
		{1, d0 + 1, 250, false, false},
		{6, d0 + 7, 236, true, false},
		{6, d0 + 7, 236, true, true},
	}
	for i, w := range want {
		g := got[i]
		if g.After.Interval != w.interval || g.After.Due != w.due || g.After.Ease != w.ease || g.InForce != w.inForce || g.After.Buried != w.buried {
			t.Errorf("record %d (%s): interval %d due %s ease %s in force %v buried %v; want %d %s %s %v %v", i, g.Event,
				g.After.Interval, g.After.Due, g.After.Ease, g.InForce, g.After.Buried, w.interval, w.due, w.ease, w.inForce, w.buried)
		}
	}
	// The last state is the replayed state.
	if st := Replay(Records(recs), Params{})["d/c"]; *st != got[len(got)-1].After {
		t.Errorf("Trace ends in %+v, Replay gives %+v", got[len(got)-1].After, *st)
	}
}
