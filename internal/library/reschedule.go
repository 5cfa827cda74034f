package library

import (
	"time"

	"github.com/rehearse/rehearse/srs"
)

// Move is one card that a reschedule gives a new due day.
type Move struct {
	Card     string
	From, To srs.Day
}

// Reschedule returns the moves that make each card of sel in review (answered,
// not suspended) due when the model in force says, counted from its last
// answer: FSRS's interval for the desired retention from the card's memory,
// or SM-2's interval. Cards already due then are left out. A card keeps
// its due day until its next answer unless rescheduled, so switching
// models never floods the queue by itself.
func (lib *Library) Reschedule(sel *Selection) []Move {
	p := lib.Settings.Params
	var moves []Move
	for _, c := range sel.Candidates() {
		st := lib.States[c.Card]
		if st == nil || st.IsNew() || st.Suspended {
			continue
		}
		days := st.Interval
		if p.Model == srs.ModelFSRS && p.FSRS != nil {
			days = p.FSRS.Interval(st.Memory, p.MaxInterval)
		}
		to := st.LastDay + srs.Day(days)
		if to != st.Due || st.Model != p.Model {
			moves = append(moves, Move{Card: c.Card, From: st.Due, To: to})
		}
	}
	return moves
}

// DueLoad counts the reviews of sel due on each of the next n days, today
// (with the overdue) first: as they stand, and after the moves.
func (lib *Library) DueLoad(sel *Selection, moves []Move, n int) (before, after []int) {
	before, after = make([]int, n), make([]int, n)
	moved := make(map[string]srs.Day, len(moves))
	for _, m := range moves {
		moved[m.Card] = m.To
	}
	count := func(load []int, due srs.Day) {
		if i := int(due - lib.Today); i < n {
			load[max(i, 0)]++
		}
	}
	for _, c := range sel.Candidates() {
		st := lib.States[c.Card]
		if st == nil {
			continue
		}
		due, ok := st.ReviewDay(lib.Today)
		if !ok {
			continue
		}
		count(before, due)
		if to, ok := moved[c.Card]; ok {
			moved := *st
			moved.Due = to
			due, _ = moved.ReviewDay(lib.Today)
		}
		count(after, due)
	}
	return before, after
}

// RescheduleRecords are the log records of the moves, each naming the
// model in force, stamped one millisecond apart after the newest record
// (so that they take effect even when this clock is behind).
func (lib *Library) RescheduleRecords(moves []Move, now time.Time) []srs.Record {
	t := lib.Stamp(now)
	recs := make([]srs.Record, len(moves))
	for i, m := range moves {
		recs[i] = srs.Record{Time: t.Add(time.Duration(i) * time.Millisecond), Day: lib.Today, Event: srs.Reschedule,
			Card: m.Card, Due: m.To, Model: lib.Settings.Params.Model}
	}
	return recs
}
