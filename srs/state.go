package srs

import "sort"

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

// Replay folds review records into the state of every card they mention.
// Records are taken in time order (ties keep their order in the slice);
// an Undo cancels the card's most recent record still in force. Whether an
// answer schedules the card or re-drills it is recomputed from the days,
// so that logs merged from several devices replay to the same states.
func Replay(records []Record, p Params) map[string]*CardState {
	order := make([]int, len(records))
	for i := range order {
		order[i] = i
	}
	if !sort.SliceIsSorted(order, func(a, b int) bool { return records[order[a]].Time.Before(records[order[b]].Time) }) {
		sort.SliceStable(order, func(a, b int) bool { return records[order[a]].Time.Before(records[order[b]].Time) })
	}

	// In-force records per card, in order; an undo pops the latest.
	inForce := make(map[string][]int)
	for _, i := range order {
		r := &records[i]
		if r.Event == Undo {
			if s := inForce[r.Card]; len(s) > 0 {
				inForce[r.Card] = s[:len(s)-1]
			}
			continue
		}
		inForce[r.Card] = append(inForce[r.Card], i)
	}

	states := make(map[string]*CardState, len(inForce))
	for card, idx := range inForce {
		st := NewCardState()
		for _, i := range idx {
			st = st.apply(&records[i], p)
		}
		states[card] = &st
	}
	return states
}
