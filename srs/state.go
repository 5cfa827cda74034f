package srs

import (
	"math"
	"sort"
	"time"
)

// MatureInterval is the interval, in days, from which a card counts as
// mature rather than young (Anki's definition).
const MatureInterval = 21

// Params are the learner's scheduling settings.
type Params struct {
	MaxInterval int // longest interval in days; 0 means DefaultMaxInterval
	// Model schedules the answers made now (SM-2 unless set). A replay
	// schedules each answer by the model its record names instead.
	Model Model
	// FSRS, when not nil, holds FSRS's weights and desired retention, and
	// a replay keeps every card's FSRS memory. Nil with Model FSRS means
	// the published defaults.
	FSRS *FSRSParams
}

// defaultFSRS is FSRS with the published weights and default retention.
var defaultFSRS = DefaultFSRS()

// fsrs returns the FSRS settings that keep cards' memory, nil when none
// do (SM-2 with no FSRS settings).
func (p *Params) fsrs() *FSRSParams {
	switch {
	case p.FSRS != nil:
		return p.FSRS
	case p.Model == ModelFSRS:
		return defaultFSRS
	}
	return nil
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
	// Model is the scheduler that set Due, at the latest scheduling answer
	// or reschedule.
	Model Model
	// Memory is the card's FSRS state after its latest scheduling answer,
	// kept when the replay's Params have FSRS settings.
	Memory Memory
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

// ReviewDay returns the day the card's next scheduled review is owed, as
// of today, and false for a card that is owed none (new, or suspended). It
// is the card's due day, except that a card buried today that was due by
// today is owed tomorrow. A day before today means overdue.
//
// This is the one meaning of "due" everywhere: a card is due today when its
// ReviewDay is today or earlier, due tomorrow when it is tomorrow. Same-day
// re-drills are not reviews: see [CardState.NeedsDrill].
func (c *CardState) ReviewDay(today Day) (Day, bool) {
	if c.IsNew() || c.Suspended {
		return 0, false
	}
	if c.Due <= today && c.BuriedToday(today) {
		return today + 1, true
	}
	return c.Due, true
}

// OwesDrill reports whether the card still owes a same-day re-drill today
// (and is neither suspended nor buried).
func (c *CardState) OwesDrill(today Day) bool {
	return c.NeedsDrill(today) && !c.Suspended && !c.BuriedToday(today)
}

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

// Days returns the card's interval in force, in days: SM-2's interval
// for a card SM-2 scheduled, and the days from its last answer to its due
// day for one FSRS scheduled.
func (c *CardState) Days() int {
	if c.Model == ModelFSRS {
		return int(c.Due - c.LastDay)
	}
	return c.Interval
}

// Maturity classifies the card.
func (c *CardState) Maturity() Maturity {
	switch {
	case c.IsNew():
		return MaturityNew
	case c.Repetitions < 2:
		return MaturityLearning
	case c.Days() < MatureInterval:
		return MaturityYoung
	default:
		return MaturityMature
	}
}

// Apply returns the state after one graded answer on day, scheduled by
// p.Model, and whether the answer scheduled the card (true) or was a
// same-day re-drill (false).
func (c CardState) Apply(q Grade, day Day, p Params) (CardState, bool) {
	next, scheduled, _ := c.apply(q, day, p, p.Model, 0)
	return next, scheduled
}

// apply is Apply with the model that schedules the answer, and the due day
// to keep when the answer's record names one (0 when none). It also
// returns FSRS's retrievability at the answer, when the card has FSRS
// memory; NaN when not.
func (c CardState) apply(q Grade, day Day, p Params, model Model, due Day) (CardState, bool, float64) {
	recall := math.NaN()
	if c.AnsweredOn(day) {
		c.Drills++
		if q >= Hesitant && c.DrillDay == day {
			c.DrillPending = false
		}
		return c, false, recall
	}
	if !q.Passed() && c.Answers > 0 {
		c.Lapses++
	}
	elapsed := 0
	if c.Answers == 0 {
		c.Introduced = day
	} else {
		// A day before the last answer's (the clock moved west) counts as
		// the same day.
		elapsed = max(int(day-c.LastDay), 0)
	}
	f := p.fsrs()
	if model == ModelFSRS && f == nil && due <= day {
		model = ModelSM2 // no memory to schedule from: SM-2 does it
	}
	if f != nil {
		if model == ModelFSRS && due <= day {
			due = day + Day(f.Intervals(c.Memory, elapsed, p.MaxInterval)[RatingOf(q)-1])
		}
		if c.Memory != (Memory{}) {
			recall = f.Recall(c.Memory, elapsed)
		}
		c.Memory = f.Weights.nextAt(c.Memory, float64(elapsed), RatingOf(q), recall)
	}
	c.Answers++
	c.Schedule = c.Schedule.Next(q, p.MaxInterval)
	c.Model = model
	c.Due = day + Day(c.Interval)
	if model == ModelFSRS {
		c.Due = due
	}
	c.LastDay = day
	c.DrillDay = day
	c.DrillPending = q < Hesitant
	return c, true, recall
}

// applyRecord is Apply for a graded record, scheduled by the model the
// record names. An FSRS answer keeps the due day its record names (the
// one the learner was given, with the weights then in force). An SM-2
// answer keeps it when load balancing moved it (see [Balance]): a
// scheduling answer whose written schedule is the one SM-2 computes here,
// and whose due day is another day of the balancing window. Any other
// SM-2 record gets SM-2's due day, so a log written without balancing
// replays as before. It also returns FSRS's retrievability at the answer, as apply does.
func (c CardState) applyRecord(r *Record, p Params) (CardState, bool, float64) {
	if r.Model == ModelFSRS {
		var due Day
		if r.Event == Answer {
			due = r.Due
		}
		return c.apply(r.Grade, r.Day, p, ModelFSRS, due)
	}
	next, scheduled, recall := c.apply(r.Grade, r.Day, p, ModelSM2, 0)
	if scheduled && r.Event == Answer && r.Due != next.Due && r.Schedule == next.Schedule {
		if lo, hi := BalanceWindow(next.Interval, p.MaxInterval); int(r.Due-r.Day) >= lo && int(r.Due-r.Day) <= hi {
			next.Due = r.Due
		}
	}
	return next, scheduled, recall
}

// Fold returns the state after one record that is in force: the one
// path by which a record changes a card, in a replay and in a session.
func (c CardState) Fold(r *Record, p Params) CardState {
	switch r.Event {
	case Answer, Drill:
		c, _, _ = c.applyRecord(r, p)
	case Bury:
		c.Buried, c.BuriedOn = true, r.Day
	case Suspend:
		c.Suspended = true
	case Unsuspend:
		c.Suspended = false
	case Reset:
		c = NewCardState()
	case Reschedule:
		if !c.IsNew() && r.Due > c.LastDay {
			c.Due, c.Model = r.Due, r.Model
		}
	}
	return c
}

// History is a sequence of review records, such as a review log.
type History interface {
	Len() int
	At(i int) Record
}

// IndexedHistory is a History that numbers its cards, so that replaying
// it needs no lookups by card id: CardIndex(i) is the number, below
// NumCards(), of the card of record i.
type IndexedHistory interface {
	History
	NumCards() int
	CardIndex(i int) int
}

// Records is a History held in a slice.
type Records []Record

// Len returns the number of records.
func (r Records) Len() int { return len(r) }

// At returns the i-th record.
func (r Records) At(i int) Record { return r[i] }

// Replay folds review records into the state of every card they mention.
// Records are taken in time order (ties keep their order in the history);
// an Undo cancels the record it names, if that is in force (see
// [Record.Undoes]), or else, when it names none, the card's most recent
// record still in force. Whether an
// answer schedules the card or re-drills it is recomputed from the days,
// so that logs merged from several devices replay to the same states.
func Replay(h History, p Params) map[string]*CardState { return replay(h, p, nil, nil, nil) }

// replay folds the records of the cards keep accepts (all when keep is
// nil) and calls fn, when not nil, for every graded answer still in force.
// A card starts from its state in start, if it has one there, else new;
// with start, replay updates it and returns it.
func replay(h History, p Params, keep func(card string) bool, fn func(Step), start map[string]*CardState) map[string]*CardState {
	ih, ok := h.(IndexedHistory)
	if !ok {
		ih = indexCards(h)
	}
	n, cards := ih.Len(), ih.NumCards()
	// First pass: is the history in time order, and which cards have an
	// undo? Only those need their records kept; the others fold as they go.
	sorted := true
	undone := make([]bool, cards)
	var prev time.Time
	for i := 0; i < n; i++ {
		r := ih.At(i)
		if i > 0 && r.Time.Before(prev) {
			sorted = false
		}
		prev = r.Time
		if r.Event == Undo {
			undone[ih.CardIndex(i)] = true
		}
	}
	var order []int32
	if !sorted {
		order = make([]int32, n)
		times := make([]int64, n)
		for i := range order {
			order[i] = int32(i)
			times[i] = ih.At(i).Time.UnixNano()
		}
		sort.SliceStable(order, func(a, b int) bool { return times[order[a]] < times[order[b]] })
	}

	const (
		unknown int8 = iota
		kept
		skipped
	)
	verdict := make([]int8, cards) // keep's answer, asked once per card
	states := make([]CardState, cards)
	seen := make([]bool, cards)
	names := make([]string, cards)
	fold := func(st *CardState, r *Record, c int) {
		if fn != nil && r.Event.Graded() {
			next, scheduled, recall := st.applyRecord(r, p)
			fn(Step{Record: r, Before: *st, Scheduled: scheduled, CardIndex: c, recall: recall, recallKnown: !math.IsNaN(recall)})
			*st = next
			return
		}
		*st = st.Fold(r, p)
	}
	inForce := map[int][]int32{} // cards with undos: their records in force
	var undoneCards []int
	for k := 0; k < n; k++ {
		i := k
		if order != nil {
			i = int(order[k])
		}
		c := ih.CardIndex(i)
		if verdict[c] == unknown {
			r := ih.At(i)
			verdict[c] = kept
			if keep != nil && !keep(r.Card) {
				verdict[c] = skipped
			}
		}
		if verdict[c] == skipped {
			continue
		}
		r := ih.At(i)
		if !undone[c] {
			if !seen[c] {
				seen[c], names[c], states[c] = true, r.Card, startState(start, r.Card)
			}
			fold(&states[c], &r, c)
			continue
		}
		if r.Event == Undo {
			if s := inForce[c]; len(s) > 0 {
				inForce[c] = takeBack(s, &r, func(i int32) time.Time { return ih.At(int(i)).Time })
			}
			continue
		}
		if _, ok := inForce[c]; !ok {
			undoneCards = append(undoneCards, c)
			seen[c], names[c], states[c] = true, r.Card, startState(start, r.Card)
		}
		inForce[c] = append(inForce[c], int32(i))
	}
	for _, c := range undoneCards {
		for _, i := range inForce[c] {
			r := ih.At(int(i))
			fold(&states[c], &r, c)
		}
	}
	out := start
	if out == nil {
		out = make(map[string]*CardState, cards)
	}
	for c := range states {
		if seen[c] {
			out[names[c]] = &states[c]
		}
	}
	return out
}

// startState is a card's state in start, or a new one.
func startState(start map[string]*CardState, card string) CardState {
	if st := start[card]; st != nil {
		return *st
	}
	return NewCardState()
}

// takeBack removes from inForce (a card's records in force, oldest first)
// the one that the undo u takes back: the one at the time it names, else
// (an undo from an older log) the most recent. timeOf gives a record's time.
func takeBack[T any](inForce []T, u *Record, timeOf func(T) time.Time) []T {
	if len(inForce) == 0 {
		return inForce
	}
	if u.Undoes.IsZero() {
		return inForce[:len(inForce)-1]
	}
	for i := len(inForce) - 1; i >= 0; i-- {
		if timeOf(inForce[i]).Equal(u.Undoes) {
			return append(inForce[:i], inForce[i+1:]...)
		}
	}
	return inForce // the record is not in force (undone already, or not synced here yet)
}

// indexed numbers the cards of a plain History.
type indexed struct {
	History
	index []int32
	cards int
}

func (x *indexed) NumCards() int       { return x.cards }
func (x *indexed) CardIndex(i int) int { return int(x.index[i]) }

func indexCards(h History) *indexed {
	x := &indexed{History: h, index: make([]int32, h.Len())}
	ids := map[string]int32{}
	for i := range x.index {
		card := h.At(i).Card
		c, ok := ids[card]
		if !ok {
			c = int32(len(ids))
			ids[card] = c
		}
		x.index[i] = c
	}
	x.cards = len(ids)
	return x
}

// Before returns the records of h from days before day, in their order:
// the history as it stood when day began. It numbers cards as h does when
// h is an IndexedHistory.
func Before(h History, day Day) History {
	var keep []int32
	for i := 0; i < h.Len(); i++ {
		if h.At(i).Day < day {
			keep = append(keep, int32(i))
		}
	}
	if ih, ok := h.(IndexedHistory); ok {
		return &indexedSubset{subset{h, keep}, ih}
	}
	return &subset{h, keep}
}

// subset is some of a history's records.
type subset struct {
	h    History
	keep []int32
}

func (s *subset) Len() int        { return len(s.keep) }
func (s *subset) At(i int) Record { return s.h.At(int(s.keep[i])) }

type indexedSubset struct {
	subset
	ih IndexedHistory
}

func (s *indexedSubset) NumCards() int       { return s.ih.NumCards() }
func (s *indexedSubset) CardIndex(i int) int { return s.ih.CardIndex(int(s.keep[i])) }
