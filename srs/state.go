package srs

import (
	"sort"
	"time"
)

// MatureInterval is the interval, in days, from which a card counts as
// mature rather than young (Anki's definition).
const MatureInterval = 21

// Params are the learner's scheduling settings.
type Params struct {
	MaxInterval int // longest interval in days; 0 means DefaultMaxInterval
}

// CardState is what replaying a card's records says about it.
type CardState struct {
	Schedule
	Due        Day  // day the card is next due (meaningful once answered)
	Answers    int  // scheduling answers, one per day at most
	Lapses     int  // scheduling answers below 3, not counting a card's first
	Drills     int  // same-day re-drill answers
	LastDay    Day  // day of the latest scheduling answer
	Introduced Day  // day of the first scheduling answer
	Suspended  bool // hidden until unsuspended
	BuriedOn   Day  // day the card was buried on, if Buried
	Buried     bool
	// DrillDay is the day on which the card is waiting for a re-drill
	// (it was answered below 4 and has not yet been answered 4 or 5 since).
	DrillDay     Day
	DrillPending bool
}

// NewCardState returns the state of a card with no records.
func NewCardState() CardState { return CardState{Schedule: NewSchedule()} }

// IsNew reports whether the card has never been answered.
func (c *CardState) IsNew() bool { return c.Answers == 0 }

// BuriedToday reports whether the card is hidden for the day today.
func (c *CardState) BuriedToday(today Day) bool { return c.Buried && c.BuriedOn == today }

// NeedsDrill reports whether the card must come back today for a re-drill.
func (c *CardState) NeedsDrill(today Day) bool { return c.DrillPending && c.DrillDay == today }

// AnsweredOn reports whether the card had its scheduling answer on day d.
func (c *CardState) AnsweredOn(d Day) bool { return c.Answers > 0 && c.LastDay == d }

// Maturity is how well established a card is, in Anki's terms.
type Maturity uint8

// The maturities of a card.
const (
	MaturityNew      Maturity = iota // never answered
	MaturityLearning                 // fewer than 2 successful repetitions in the current run
	MaturityYoung                    // interval under 21 days
	MaturityMature                   // interval of 21 days or more
)

var maturityNames = [...]string{"new", "learning", "young", "mature"}

// String returns "new", "learning", "young" or "mature".
func (m Maturity) String() string { return maturityNames[m] }

// Maturity classifies the card.
func (c *CardState) Maturity() Maturity {
	switch {
	case c.IsNew():
		return MaturityNew
	case c.Repetitions < 2:
		return MaturityLearning
	case c.Interval < MatureInterval:
		return MaturityYoung
	default:
		return MaturityMature
	}
}

// Apply returns the state after one graded answer on day, and whether the
// answer scheduled the card (true) or was a same-day re-drill (false).
func (c CardState) Apply(q Grade, day Day, p Params) (CardState, bool) {
	if c.AnsweredOn(day) {
		c.Drills++
		if q >= Hesitant && c.DrillDay == day {
			c.DrillPending = false
		}
		return c, false
	}
	if !q.Passed() && c.Answers > 0 {
		c.Lapses++
	}
	if c.Answers == 0 {
		c.Introduced = day
	}
	c.Answers++
	c.Schedule = c.Schedule.Next(q, p.MaxInterval)
	c.Due = day + Day(c.Interval)
	c.LastDay = day
	c.DrillDay = day
	c.DrillPending = q < Hesitant
	return c, true
}

// apply folds one record that is in force into the state.
func (c CardState) apply(r *Record, p Params) CardState {
	switch r.Event {
	case Answer, Drill:
		c, _ = c.Apply(r.Grade, r.Day, p)
	case Bury:
		c.Buried, c.BuriedOn = true, r.Day
	case Suspend:
		c.Suspended = true
	case Unsuspend:
		c.Suspended = false
	case Reset:
		c = NewCardState()
	}
	return c
}

// History is a sequence of review records, such as a review log.
type History interface {
	Len() int
	At(i int) Record
}

// Records is a History held in a slice.
type Records []Record

// Len returns the number of records.
func (r Records) Len() int { return len(r) }

// At returns the i-th record.
func (r Records) At(i int) Record { return r[i] }

// Replay folds review records into the state of every card they mention.
// Records are taken in time order (ties keep their order in the history);
// an Undo cancels the card's most recent record still in force. Whether an
// answer schedules the card or re-drills it is recomputed from the days,
// so that logs merged from several devices replay to the same states.
func Replay(h History, p Params) map[string]*CardState {
	n := h.Len()
	// First pass: is the history in time order, and which cards have an
	// undo? Only those need their records kept; the others fold as they go.
	sorted := true
	undone := map[string]bool{}
	var prev time.Time
	for i := 0; i < n; i++ {
		r := h.At(i)
		if i > 0 && r.Time.Before(prev) {
			sorted = false
		}
		prev = r.Time
		if r.Event == Undo {
			undone[r.Card] = true
		}
	}
	var order []int32
	if !sorted {
		order = make([]int32, n)
		times := make([]int64, n)
		for i := range order {
			order[i] = int32(i)
			times[i] = h.At(i).Time.UnixNano()
		}
		sort.SliceStable(order, func(a, b int) bool { return times[order[a]] < times[order[b]] })
	}

	states := map[string]*CardState{}
	var slab []CardState
	state := func(card string) *CardState {
		if st := states[card]; st != nil {
			return st
		}
		if len(slab) == 0 {
			slab = make([]CardState, 1024)
		}
		st := &slab[0]
		slab = slab[1:]
		*st = NewCardState()
		states[card] = st
		return st
	}
	inForce := map[string][]int32{} // cards with undos: their records in force
	for k := 0; k < n; k++ {
		i := int32(k)
		if order != nil {
			i = order[k]
		}
		r := h.At(int(i))
		if !undone[r.Card] {
			st := state(r.Card)
			*st = st.apply(&r, p)
			continue
		}
		if r.Event == Undo {
			if s := inForce[r.Card]; len(s) > 0 {
				inForce[r.Card] = s[:len(s)-1]
			}
			continue
		}
		inForce[r.Card] = append(inForce[r.Card], i)
	}
	for card, idx := range inForce {
		st := state(card)
		for _, i := range idx {
			r := h.At(int(i))
			*st = st.apply(&r, p)
		}
	}
	return states
}
