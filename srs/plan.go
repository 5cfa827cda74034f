package srs

import (
	"math"
	"sort"
	"time"
)

// The interview plan: from today to an interview date, how many new cards
// to introduce each day, which reviews to expect and how long it all takes,
// so that every card in scope is seen, reviewed again before the date, and
// predicted (by FSRS) to be recalled on the date with at least the target
// probability, within a daily time budget.
//
// The plan looks ahead along each card's likeliest path: every review is
// answered Good (4), on its due day, by the model in force; the chance of a
// lapse adds the expected time of its re-drill. New cards are placed one
// at a time on the earliest day that keeps every day of their future
// reviews within the budget (with no budget, or when no day does, on the
// day that keeps the busiest of those days lightest), no later than a day
// whose first review still falls before the date. Introducing cards early
// leaves the later days room for the re-drills that lapses bring. Then, in the last [FinalWindow] days, each card in scope whose
// predicted recall on the date is below the target gets a last look: a
// review brought forward to the window day that lifts it to the target with
// the least load. The plan is computed afresh each day from the card
// states as of the start of the day, so it follows what the learner
// actually did.

// FinalWindow is how many days before the date (at most) the plan gives
// last looks to the cards whose recall on the date would fall short.
const FinalWindow = 3

// Pace is how long the learner takes per answer.
type Pace struct {
	New    time.Duration // the first answer of a card
	Review time.Duration // any later answer, same-day re-drills included
}

// DefaultPace is the pace assumed with no history to measure.
var DefaultPace = Pace{New: 20 * time.Second, Review: 10 * time.Second}

// PaceOf measures the learner's pace from the log: the mean time of the
// first answers of cards, and of every later answer (each capped at
// [MaxAnswerMillis]; answers without a time, or under a second, which no
// one reads and grades a card in, left out), or [DefaultPace]'s for a
// kind with none.
func PaceOf(h History) Pace {
	pace := DefaultPace
	seen := map[string]bool{}
	var newSum, newN, revSum, revN int
	for i := 0; i < h.Len(); i++ {
		r := h.At(i)
		if !r.Event.Graded() {
			continue
		}
		first := r.Event == Answer && !seen[r.Card]
		seen[r.Card] = true
		if r.Millis < 1000 {
			continue
		}
		ms := min(r.Millis, MaxAnswerMillis)
		if first {
			newSum, newN = newSum+ms, newN+1
		} else {
			revSum, revN = revSum+ms, revN+1
		}
	}
	if newN > 0 {
		pace.New = time.Duration(newSum/newN) * time.Millisecond
	}
	if revN > 0 {
		pace.Review = time.Duration(revSum/revN) * time.Millisecond
	}
	return pace
}

// PlanCard is a card the plan looks at.
type PlanCard struct {
	Card    string
	Group   string     // its deck
	State   *CardState // nil for a card never answered
	InScope bool       // prepared for the interview; the others keep their schedule
}

// PlanGoal is what the learner asks of the plan.
type PlanGoal struct {
	Date   Day           // the day of the interview
	Budget time.Duration // study time a day; 0 for no limit
	Target float64       // recall wanted on the date, 0 to 1
}

// PlanDay is one day of the plan.
type PlanDay struct {
	Day       Day
	New       int           // cards to introduce
	Reviews   int           // reviews of cards in scope, last looks included
	LastLooks int           // of Reviews, cards brought forward for the date
	Other     int           // reviews due of cards outside the scope
	Time      time.Duration // expected time for New and Reviews
}

// Plan is the way from today to the date.
type Plan struct {
	Goal  PlanGoal
	Today Day
	Pace  Pace      // the pace the plan's times assume
	Days  []PlanDay // today to the day before the date
	// In scope: every card, those already answered, those never answered.
	Cards, Seen, Unseen int
	// NewBy is the last day new cards are introduced: the last whose first
	// review still falls before the date.
	NewBy Day
	// LastLooks are the cards in scope given a last look, and its day.
	LastLooks map[string]Day
	// Recall is each card in scope's predicted recall on the date if the
	// plan is followed.
	Recall map[string]float64
	// Feasible says whether the plan fits the budget every day and has
	// time to review every new card before the date.
	Feasible bool
	// TooClose is set when the date leaves no day to review a card seen
	// for the first time today.
	TooClose bool
	// When not feasible: the budget the plan needs (its busiest day), the
	// first date the budget can make (0 if none within a year), and the
	// decks that, left out, would make it fit (nil if none would).
	NeedBudget time.Duration
	FirstDate  Day
	Drop       []string
}

// Busiest returns the plan's longest day.
func (pl *Plan) Busiest() time.Duration {
	var most time.Duration
	for _, d := range pl.Days {
		most = max(most, d.Time)
	}
	return most
}

// BelowTarget counts the cards in scope whose predicted recall on the date
// is below the target.
func (pl *Plan) BelowTarget() int {
	n := 0
	for _, r := range pl.Recall {
		if r < pl.Goal.Target {
			n++
		}
	}
	return n
}

// MakePlan plans the days from today to goal.Date for cards, studied at
// pace, scheduled as p says. p's FSRS settings (the published weights when
// nil) predict recall; the states must come from a replay with them, so
// that answered cards have FSRS memory. A date of today or earlier gives a
// plan with no days.
func MakePlan(cards []PlanCard, today Day, goal PlanGoal, pace Pace, p Params) *Plan {
	if p.FSRS == nil {
		p.FSRS = p.fsrs()
		if p.FSRS == nil {
			p.FSRS = defaultFSRS
		}
	}
	pl := makePlan(cards, today, goal, pace, p)
	if pl.Feasible || len(pl.Days) == 0 {
		return pl
	}
	pl.NeedBudget = pl.Busiest()
	if goal.Budget <= 0 {
		return pl
	}
	// The first date that works, within a year: more days never make a
	// plan harder, so search for it.
	later := func(date Day) bool {
		g := goal
		g.Date = date
		return makePlan(cards, today, g, pace, p).Feasible
	}
	if lo, hi := goal.Date+1, goal.Date+366; later(hi) {
		for lo < hi {
			if mid := lo + (hi-lo)/2; later(mid) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		pl.FirstDate = lo
	}
	pl.Drop = decksToDrop(cards, today, goal, pace, p)
	return pl
}

// decksToDrop leaves out, one at a time, the deck in scope with the most
// cards never answered, until the plan fits; nil if it never does (or only
// with every deck gone).
func decksToDrop(cards []PlanCard, today Day, goal PlanGoal, pace Pace, p Params) []string {
	kept := append([]PlanCard(nil), cards...)
	var dropped []string
	for {
		unseen := map[string]int{}
		var order []string // the decks in scope, as the cards list them
		for _, c := range kept {
			if !c.InScope {
				continue
			}
			if _, listed := unseen[c.Group]; !listed {
				order = append(order, c.Group)
				unseen[c.Group] = 0
			}
			if c.State == nil || c.State.IsNew() {
				unseen[c.Group]++
			}
		}
		if len(order) <= 1 {
			return nil
		}
		worst := order[0]
		for _, g := range order[1:] {
			if unseen[g] > unseen[worst] {
				worst = g
			}
		}
		if unseen[worst] == 0 {
			return nil
		}
		dropped = append(dropped, worst)
		for i := range kept {
			if kept[i].Group == worst {
				kept[i].InScope = false
			}
		}
		if makePlan(kept, today, goal, pace, p).Feasible {
			return dropped
		}
	}
}

// planLoad is what one card adds to one day.
type planLoad struct {
	day    Day
	time   time.Duration
	review bool // a review (else a first answer)
}

// planner holds what makePlan works with.
type planner struct {
	today, date Day
	goal        PlanGoal
	pace        Pace
	p           Params
	f           *FSRSParams
	days        []PlanDay
}

func (pn *planner) at(d Day) *PlanDay { return &pn.days[d-pn.today] }

// follow runs a card forward from state st along its likeliest path (each
// review answered Good on its due day) until the date, and returns its
// state then and what it costs on each day. A fresh card is introduced on
// day introduce.
func (pn *planner) follow(st CardState, introduce Day, fresh bool) (CardState, []planLoad) {
	var loads []planLoad
	if fresh {
		st, _ = NewCardState().Apply(Hesitant, introduce, pn.p)
		loads = append(loads, planLoad{introduce, pn.pace.New, false})
	} else if st.OwesDrill(pn.today) {
		loads = append(loads, planLoad{pn.today, pn.pace.Review, true})
	}
	for !st.Suspended {
		due, ok := st.ReviewDay(pn.today)
		if !ok {
			break
		}
		if due = max(due, pn.today); due >= pn.date {
			break
		}
		loads = append(loads, pn.review(&st, due))
	}
	return st, loads
}

// review answers st Good on day d and returns what that costs: a review,
// and with the chance of a lapse, its re-drill.
func (pn *planner) review(st *CardState, d Day) planLoad {
	lapse := 1 - pn.f.Recall(st.Memory, int(d-st.LastDay))
	*st, _ = st.Apply(Hesitant, d, pn.p)
	return planLoad{d, pn.pace.Review + time.Duration(lapse*float64(pn.pace.Review)), true}
}

func (pn *planner) add(loads []planLoad) {
	for _, l := range loads {
		day := pn.at(l.day)
		day.Time += l.time
		if l.review {
			day.Reviews++
		} else {
			day.New++
		}
	}
}

// recallOnDate is a state's predicted recall on the date.
func (pn *planner) recallOnDate(st *CardState) float64 {
	if st.IsNew() {
		return 0
	}
	return pn.f.Recall(st.Memory, int(pn.date-st.LastDay))
}

func makePlan(cards []PlanCard, today Day, goal PlanGoal, pace Pace, p Params) *Plan {
	pl := &Plan{Goal: goal, Today: today, Pace: pace, LastLooks: map[string]Day{}, Recall: map[string]float64{}}
	for _, c := range cards {
		if c.InScope {
			pl.Cards++
			if c.State == nil || c.State.IsNew() {
				pl.Unseen++
			} else {
				pl.Seen++
			}
		}
	}
	if goal.Date <= today {
		pl.Feasible = pl.Unseen == 0
		pl.TooClose = pl.Unseen > 0
		return pl
	}
	pn := &planner{today: today, date: goal.Date, goal: goal, pace: pace, p: p, f: p.fsrs(),
		days: make([]PlanDay, goal.Date-today)}
	for i := range pn.days {
		pn.days[i].Day = today + Day(i)
	}

	// The cards already answered, along their likeliest path.
	type ending struct {
		card string
		st   CardState
	}
	var ends []ending
	var fresh []PlanCard
	for _, c := range cards {
		if c.State == nil || c.State.IsNew() {
			if c.InScope {
				fresh = append(fresh, c)
			}
			continue
		}
		st, loads := pn.follow(*c.State, 0, false)
		if !c.InScope {
			for _, l := range loads {
				pn.at(l.day).Other++
			}
			continue
		}
		pn.add(loads)
		ends = append(ends, ending{c.Card, st})
	}

	// New cards: introduced no later than the last day whose first review
	// (a Good answer's interval) falls before the date.
	first, _ := NewCardState().Apply(Hesitant, today, p)
	pl.NewBy = goal.Date - 1 - (first.Due - today)
	if pl.NewBy < today {
		pl.TooClose = len(fresh) > 0
		pl.NewBy = today
	}
	type path struct {
		st    CardState
		loads []planLoad
	}
	paths := make([]path, pl.NewBy-today+1)
	for j := range paths {
		st, loads := pn.follow(CardState{}, today+Day(j), true)
		paths[j] = path{st, loads}
	}
	for _, c := range fresh {
		best, bestPeak := 0, time.Duration(math.MaxInt64)
		for j, pa := range paths {
			var peak time.Duration
			for _, l := range pa.loads {
				peak = max(peak, pn.at(l.day).Time+l.time)
			}
			if goal.Budget > 0 && peak <= goal.Budget {
				best = j // the earliest day within the budget
				break
			}
			if peak < bestPeak {
				best, bestPeak = j, peak
			}
		}
		pn.add(paths[best].loads)
		ends = append(ends, ending{c.Card, paths[best].st})
	}

	// Last looks, the cards furthest below the target first, each on the
	// window day that lifts it to the target with the least load (the
	// latest day when none does).
	sort.SliceStable(ends, func(a, b int) bool { return pn.recallOnDate(&ends[a].st) < pn.recallOnDate(&ends[b].st) })
	window := max(goal.Date-FinalWindow, today)
	for i := range ends {
		e := &ends[i]
		r := pn.recallOnDate(&e.st)
		if r >= goal.Target {
			pl.Recall[e.card] = r
			continue
		}
		bestDay, bestTime, bestR, reaches := Day(0), time.Duration(0), 0.0, false
		for d := goal.Date - 1; d >= window; d-- {
			if d <= e.st.LastDay {
				break
			}
			st := e.st
			pn.review(&st, d)
			rd := pn.recallOnDate(&st)
			t := pn.at(d).Time
			switch {
			case rd >= goal.Target && (!reaches || t < bestTime):
				bestDay, bestTime, bestR, reaches = d, t, rd, true
			case !reaches && bestDay == 0:
				bestDay, bestTime, bestR = d, t, rd
			}
		}
		if bestDay == 0 {
			pl.Recall[e.card] = r
			continue
		}
		l := pn.review(&e.st, bestDay)
		pn.add([]planLoad{l})
		pn.at(bestDay).LastLooks++
		pl.LastLooks[e.card] = bestDay
		pl.Recall[e.card] = bestR
	}

	pl.Days = pn.days
	pl.Feasible = !pl.TooClose
	if goal.Budget > 0 {
		for _, d := range pl.Days {
			if d.Time > goal.Budget {
				pl.Feasible = false
			}
		}
	}
	return pl
}

// Queue returns the day's queue under the plan: the cards in scope first,
// with the plan's new cards for the day in place of the daily limit and
// the cards it gives a last look that day counted as due; then the reviews
// due of the other cards, within what lim.ReviewsPerDay and the day's
// budget leave. states are
// the cards' states now (the work already done today counts, as in
// [BuildQueue]).
func (pl *Plan) Queue(inScope, others []Candidate, states map[string]*CardState, today Day, lim Limits) []Item {
	quota := 0
	if len(pl.Days) > 0 && pl.Days[0].Day == today {
		quota = pl.Days[0].New
	}
	looks := states
	var moved map[string]*CardState
	for card, day := range pl.LastLooks {
		st := states[card]
		if day != today || st == nil || st.AnsweredOn(today) || st.Due <= today || st.Suspended {
			continue
		}
		if moved == nil {
			moved = make(map[string]*CardState, len(states))
			for k, v := range states {
				moved[k] = v
			}
		}
		brought := *st
		brought.Due = today
		moved[card] = &brought
	}
	if moved != nil {
		looks = moved
	}
	queue := BuildQueue(inScope, looks, today, Limits{NewPerDay: quota, ReviewsPerDay: lim.ReviewsPerDay})

	// The other cards' reviews, within what the daily limit and the
	// budget leave (at the review pace), today's answers counted.
	otherStates := make(map[string]*CardState, len(others))
	for _, c := range others {
		if st := states[c.Card]; st != nil {
			otherStates[c.Card] = st
		}
	}
	doneOther := CountToday(otherStates, today).Reviews
	doneIn := CountToday(states, today).Reviews - doneOther
	room := lim.ReviewsPerDay - doneIn - countReviews(queue)
	if len(pl.Days) > 0 && pl.Goal.Budget > 0 && pl.Pace.Review > 0 {
		room = min(room, int((pl.Goal.Budget-pl.Days[0].Time)/pl.Pace.Review))
	}
	rest := BuildQueue(others, otherStates, today, Limits{NewPerDay: 0, ReviewsPerDay: max(room, 0)})
	return append(queue, rest...)
}

func countReviews(q []Item) int {
	n := 0
	for _, it := range q {
		if it.Slot == SlotReview {
			n++
		}
	}
	return n
}
