package srs

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// learner answers a day's queue as FSRS predicts: a new card is answered
// Good; a review is recalled (Good) with the probability FSRS gives it,
// else it lapses (Again) and comes back that day until answered Good. It
// returns the time the day took at pace.
func learner(rng *rand.Rand, queue func() []Item, states map[string]*CardState, day Day, pace Pace, p Params) time.Duration {
	var spent time.Duration
	for {
		q := queue()
		if len(q) == 0 {
			return spent
		}
		for _, it := range q {
			st := states[it.Card]
			if st == nil {
				fresh := NewCardState()
				st = &fresh
				states[it.Card] = st
			}
			grade := Hesitant
			switch {
			case st.IsNew():
				spent += pace.New
			case it.Slot == SlotDrill:
				spent += pace.Review
			default:
				spent += pace.Review
				if rng.Float64() >= p.FSRS.Recall(st.Memory, int(day-st.LastDay)) {
					grade = Blackout
				}
			}
			*st, _ = st.Apply(grade, day, p)
		}
	}
}

type simulation struct {
	seen, ready, cards int
	busiest            time.Duration // the longest day the learner actually had
	plans              []*Plan       // the plan as made each morning
}

// simulate runs a learner with n new cards in 4 decks through the days to
// the interview, with the plan (plan set) or with 20 new cards a day.
func simulate(t *testing.T, n, days int, budget time.Duration, plan bool) simulation {
	t.Helper()
	p := Params{Model: ModelFSRS, FSRS: DefaultFSRS()}
	today := DateDay(2027, time.January, 4)
	goal := PlanGoal{Date: today + Day(days), Budget: budget, Target: 0.9}
	var cands []Candidate
	for i := 0; i < n; i++ {
		cands = append(cands, Candidate{Card: fmt.Sprintf("d%d/c%03d", i%4, i), Group: fmt.Sprintf("d%d", i%4)})
	}
	states := map[string]*CardState{}
	rng := rand.New(rand.NewSource(16))
	var sim simulation
	for day := today; day < goal.Date; day++ {
		var queue func() []Item
		if plan {
			pcs := make([]PlanCard, len(cands))
			for i, c := range cands {
				pcs[i] = PlanCard{Card: c.Card, Group: c.Group, State: states[c.Card], InScope: true}
			}
			pl := MakePlan(pcs, day, goal, DefaultPace, p)
			sim.plans = append(sim.plans, pl)
			queue = func() []Item { return pl.Queue(cands, nil, states, day, DefaultLimits) }
		} else {
			queue = func() []Item { return BuildQueue(cands, states, day, DefaultLimits) }
		}
		sim.busiest = max(sim.busiest, learner(rng, queue, states, day, DefaultPace, p))
	}
	sim.cards = n
	for _, c := range cands {
		st := states[c.Card]
		if st == nil || st.IsNew() {
			continue
		}
		sim.seen++
		if p.FSRS.Recall(st.Memory, int(goal.Date-st.LastDay)) >= goal.Target {
			sim.ready++
		}
	}
	return sim
}

// TestPlanSimulation is the case the README quotes: 400 new cards, an
// interview in 10 days, 30 minutes a day.
func TestPlanSimulation(t *testing.T) {
	with := simulate(t, 400, 10, 30*time.Minute, true)
	first := with.plans[0]
	if !first.Feasible {
		t.Fatalf("the first plan is not feasible: busiest day %v", first.Busiest())
	}
	for i, pl := range with.plans {
		if !pl.Feasible {
			t.Errorf("day %d: the plan is no longer feasible (busiest day %v)", i, pl.Busiest())
		}
	}
	if with.seen != with.cards {
		t.Errorf("with the plan, %d of %d cards seen by the date", with.seen, with.cards)
	}
	if share := float64(with.ready) / float64(with.cards); share < 0.95 {
		t.Errorf("with the plan, %d of %d cards (%.1f%%) predicted at 90%% or more on the date, want 95%%", with.ready, with.cards, 100*share)
	}
	if with.busiest > 33*time.Minute {
		t.Errorf("with the plan, the longest day took %v against a budget of 30 min", with.busiest)
	}
	without := simulate(t, 400, 10, 30*time.Minute, false)
	if without.seen != 200 {
		t.Errorf("without the plan, %d cards seen, want 200 (20 a day for 10 days)", without.seen)
	}
	t.Logf("with the plan: %d of %d seen, %d at 90%%+ on the date, longest day %v; without: %d seen, %d at 90%%+",
		with.seen, with.cards, with.ready, with.busiest, without.seen, without.ready)
	for _, d := range first.Days {
		t.Logf("%v: new %d, reviews %d (last looks %d), %v", d.Day, d.New, d.Reviews, d.LastLooks, d.Time)
	}
}

func newCards(n int, groups ...string) []PlanCard {
	out := make([]PlanCard, n)
	for i := range out {
		g := groups[i%len(groups)]
		out[i] = PlanCard{Card: fmt.Sprintf("%s/c%03d", g, i), Group: g, InScope: true}
	}
	return out
}

var planParams = Params{Model: ModelFSRS, FSRS: DefaultFSRS()}

func TestPlanNotFeasible(t *testing.T) {
	today := DateDay(2027, time.March, 1)
	cards := newCards(726, "big", "big", "big", "small")
	goal := PlanGoal{Date: today + 7, Budget: 20 * time.Minute, Target: 0.9}
	pl := MakePlan(cards, today, goal, DefaultPace, planParams)
	if pl.Feasible || pl.TooClose {
		t.Fatalf("726 new cards in 7 days at 20 min a day: feasible %v, too close %v", pl.Feasible, pl.TooClose)
	}
	if pl.NeedBudget <= goal.Budget || pl.NeedBudget != pl.Busiest() {
		t.Errorf("NeedBudget = %v, busiest day %v, want more than the budget", pl.NeedBudget, pl.Busiest())
	}
	with := goal
	with.Budget = pl.NeedBudget
	if !MakePlan(cards, today, with, DefaultPace, planParams).Feasible {
		t.Errorf("with the budget it names (%v) the plan is still not feasible", pl.NeedBudget)
	}
	if pl.FirstDate <= goal.Date {
		t.Fatalf("FirstDate = %v, want after %v", pl.FirstDate, goal.Date)
	}
	at, before := goal, goal
	at.Date, before.Date = pl.FirstDate, pl.FirstDate-1
	if !MakePlan(cards, today, at, DefaultPace, planParams).Feasible || MakePlan(cards, today, before, DefaultPace, planParams).Feasible {
		t.Errorf("FirstDate %v is not the first feasible date", pl.FirstDate)
	}
	if len(pl.Drop) == 0 || pl.Drop[0] != "big" {
		t.Errorf("Drop = %v, want the deck with the most new cards first", pl.Drop)
	}
}

func TestPlanTooCloseAndPast(t *testing.T) {
	today := DateDay(2027, time.March, 1)
	cards := newCards(10, "d")
	pl := MakePlan(cards, today, PlanGoal{Date: today + 1, Target: 0.9}, DefaultPace, planParams)
	if !pl.TooClose || pl.Feasible || len(pl.Days) != 1 || pl.Days[0].New != 10 {
		t.Errorf("interview tomorrow: too close %v, feasible %v, days %+v", pl.TooClose, pl.Feasible, pl.Days)
	}
	pl = MakePlan(cards, today, PlanGoal{Date: today, Target: 0.9}, DefaultPace, planParams)
	if len(pl.Days) != 0 || pl.Feasible {
		t.Errorf("interview today with cards never seen: days %+v, feasible %v", pl.Days, pl.Feasible)
	}
}

func TestPlanLastLooksAndOtherCards(t *testing.T) {
	today := DateDay(2027, time.March, 1)
	// A card last answered 4 days ago and due in 20 days: its recall on the
	// date, 10 days on, is well below 90%.
	weak := CardState{Answers: 3, Introduced: today - 40, LastDay: today - 4, Due: today + 20, Model: ModelFSRS,
		Memory: Memory{Stability: 6, Difficulty: 5}, Schedule: NewSchedule()}
	other := weak
	other.Due = today + 2
	cards := []PlanCard{
		{Card: "d/weak", Group: "d", State: &weak, InScope: true},
		{Card: "x/other", Group: "x", State: &other},
	}
	goal := PlanGoal{Date: today + 10, Target: 0.9}
	pl := MakePlan(cards, today, goal, DefaultPace, planParams)
	day, ok := pl.LastLooks["d/weak"]
	if !ok || day < goal.Date-FinalWindow || day >= goal.Date {
		t.Fatalf("last look of d/weak on %v (%v), want in the %d days before %v", day, ok, FinalWindow, goal.Date)
	}
	if r := pl.Recall["d/weak"]; r < goal.Target {
		t.Errorf("d/weak's recall on the date after its last look = %v, want at least %v", r, goal.Target)
	}
	d := pl.Days[day-today]
	if d.Reviews != 1 || d.LastLooks != 1 || d.Time < DefaultPace.Review {
		t.Errorf("the last look's day: %+v", d)
	}
	if o := pl.Days[2]; o.Other != 1 || o.Reviews != 0 || o.Time != 0 {
		t.Errorf("the other deck's review on day 2: %+v, want it counted apart, with no time", o)
	}
	if _, ok := pl.Recall["x/other"]; ok || pl.Cards != 1 || pl.Seen != 1 {
		t.Errorf("cards in scope %d, seen %d, recall %v: the other deck is not in scope", pl.Cards, pl.Seen, pl.Recall)
	}

	// On the day, the queue brings it as a review; before, it does not.
	states := map[string]*CardState{"d/weak": &weak, "x/other": &other}
	inScope := []Candidate{{Card: "d/weak", Group: "d"}}
	q := pl.Queue(inScope, nil, states, today, DefaultLimits)
	if len(q) != 0 {
		t.Errorf("queue today = %+v, want nothing", q)
	}
	pl.Days = pl.Days[day-today:]
	q = pl.Queue(inScope, []Candidate{{Card: "x/other", Group: "x"}}, states, day, DefaultLimits)
	if len(q) != 2 || q[0].Card != "d/weak" || q[0].Slot != SlotReview || q[1].Card != "x/other" {
		t.Errorf("queue on the last look's day = %+v, want d/weak then x/other", q)
	}
	if states["d/weak"].Due != today+20 {
		t.Errorf("the queue changed the card's state: due %v", states["d/weak"].Due)
	}
}

func TestPlanQueueTakesTheQuota(t *testing.T) {
	today := DateDay(2027, time.March, 1)
	cards := newCards(100, "a", "b")
	pl := MakePlan(cards, today, PlanGoal{Date: today + 10, Budget: 15 * time.Minute, Target: 0.9}, DefaultPace, planParams)
	var cands []Candidate
	for _, c := range cards {
		cands = append(cands, Candidate{Card: c.Card, Group: c.Group})
	}
	q := pl.Queue(cands, nil, map[string]*CardState{}, today, Limits{NewPerDay: 5, ReviewsPerDay: 200})
	if len(q) != pl.Days[0].New || len(q) <= 5 {
		t.Errorf("queue of %d new cards, the plan says %d for today (new_per_day 5 does not apply)", len(q), pl.Days[0].New)
	}
	total := 0
	for _, d := range pl.Days {
		total += d.New
	}
	if total != 100 {
		t.Errorf("the plan introduces %d of 100 cards", total)
	}
}

func TestPaceOf(t *testing.T) {
	day := DateDay(2027, time.March, 1)
	at := func(min int) time.Time { return day.Time().Add(time.Duration(min) * time.Minute) }
	h := Records{
		{Time: at(0), Day: day, Event: Answer, Card: "d/a", Grade: 4, Millis: 30000},
		{Time: at(1), Day: day, Event: Answer, Card: "d/b", Grade: 1, Millis: 90000}, // capped at a minute
		{Time: at(2), Day: day, Event: Drill, Card: "d/b", Grade: 4, Millis: 6000},
		{Time: at(3), Day: day + 2, Event: Answer, Card: "d/a", Grade: 4, Millis: 8000},
		{Time: at(4), Day: day + 2, Event: Answer, Card: "d/c", Grade: 4},             // no time
		{Time: at(5), Day: day + 2, Event: Answer, Card: "d/d", Grade: 4, Millis: 40}, // a script, not a learner
	}
	if got, want := PaceOf(h), (Pace{New: 45 * time.Second, Review: 7 * time.Second}); got != want {
		t.Errorf("PaceOf = %+v, want %+v", got, want)
	}
	if got := PaceOf(Records{}); got != DefaultPace {
		t.Errorf("PaceOf(nothing) = %+v, want %+v", got, DefaultPace)
	}
}

func TestPlanQueueOtherCardsWithinTheBudget(t *testing.T) {
	today := DateDay(2027, time.March, 1)
	other := CardState{Answers: 2, Introduced: today - 10, LastDay: today - 5, Due: today, Schedule: NewSchedule(), Memory: Memory{Stability: 5, Difficulty: 5}}
	cards := append(newCards(3, "d"), PlanCard{Card: "x/other", Group: "x", State: &other})
	var inScope []Candidate
	for _, c := range cards[:3] {
		inScope = append(inScope, Candidate{Card: c.Card, Group: c.Group})
	}
	others := []Candidate{{Card: "x/other", Group: "x"}}
	for _, tc := range []struct {
		budget time.Duration
		want   int
	}{{60 * time.Second, 3}, {70 * time.Second, 4}} {
		pl := MakePlan(cards, today, PlanGoal{Date: today + 10, Budget: tc.budget, Target: 0.9}, DefaultPace, planParams)
		q := pl.Queue(inScope, others, map[string]*CardState{"x/other": &other}, today, DefaultLimits)
		if pl.Days[0].New != 3 || len(q) != tc.want {
			t.Errorf("budget %v: queue %+v, want %d cards (the other deck's review only when the budget leaves room)", tc.budget, q, tc.want)
		}
	}
}
