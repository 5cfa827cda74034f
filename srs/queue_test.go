package srs

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func cands(group string, n int) []Candidate {
	var out []Candidate
	for i := 1; i <= n; i++ {
		out = append(out, Candidate{Card: fmt.Sprintf("%s/%d", group, i), Group: group})
	}
	return out
}

// stateDue returns a reviewed card due on day due, last answered before it.
func stateDue(due Day) *CardState {
	return &CardState{Schedule: Schedule{2, 6, 250}, Due: due, Answers: 2, LastDay: due - 6, Introduced: due - 7}
}

func keys(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s:%s", it.Card, it.Slot))
	}
	return out
}

func TestQueueOverdueFirst(t *testing.T) {
	today := day0 + 30
	states := map[string]*CardState{
		"a/1": stateDue(today),
		"a/2": stateDue(today - 5),
		"a/3": stateDue(today + 1), // not yet due
		"a/4": stateDue(today - 1),
	}
	got := keys(BuildQueue(cands("a", 4), states, today, Limits{NewPerDay: 0, ReviewsPerDay: 100}))
	want := []string{"a/2:review", "a/4:review", "a/1:review"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestQueueNewMixedInRoundRobin(t *testing.T) {
	today := day0 + 30
	all := append(cands("a", 3), cands("b", 3)...)
	all = append(all, cands("r", 4)...)
	states := map[string]*CardState{}
	for i := 1; i <= 4; i++ {
		states[fmt.Sprintf("r/%d", i)] = stateDue(today - Day(i))
	}
	got := keys(BuildQueue(all, states, today, Limits{NewPerDay: 4, ReviewsPerDay: 100}))
	want := []string{"r/4:review", "a/1:new", "r/3:review", "b/1:new", "r/2:review", "a/2:new", "r/1:review", "b/2:new"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestQueueLimitsHoldAcrossSessions answers cards as a first session would
// and checks that a second session the same day gets only what is left.
func TestQueueLimitsHoldAcrossSessions(t *testing.T) {
	today := day0 + 40
	all := append(cands("n", 30), cands("r", 10)...)
	states := map[string]*CardState{}
	for i := 1; i <= 10; i++ {
		states[fmt.Sprintf("r/%d", i)] = stateDue(today)
	}
	lim := Limits{NewPerDay: 20, ReviewsPerDay: 8}

	first := BuildQueue(all, states, today, lim)
	if n := count(first, SlotNew); n != 20 {
		t.Fatalf("first session: %d new, want 20", n)
	}
	if n := count(first, SlotReview); n != 8 {
		t.Fatalf("first session: %d reviews, want 8", n)
	}
	// The first session answers 12 new cards and 5 reviews, all with 5.
	answeredNew, answeredReview := 0, 0
	for _, it := range first {
		if it.Slot == SlotNew && answeredNew < 12 {
			answeredNew++
		} else if it.Slot == SlotReview && answeredReview < 5 {
			answeredReview++
		} else {
			continue
		}
		st := NewCardState()
		if old := states[it.Card]; old != nil {
			st = *old
		}
		st, _ = st.Apply(Perfect, today, Params{})
		states[it.Card] = &st
	}
	second := BuildQueue(all, states, today, lim)
	if n := count(second, SlotNew); n != 8 {
		t.Errorf("second session: %d new, want 8 (20 a day, 12 done)", n)
	}
	if n := count(second, SlotReview); n != 3 {
		t.Errorf("second session: %d reviews, want 3 (8 a day, 5 done)", n)
	}
	// The next day the limits start again.
	third := BuildQueue(all, states, today+1, lim)
	if n := count(third, SlotNew); n != 18 {
		t.Errorf("next day: %d new, want the 18 never studied", n)
	}
}

func count(items []Item, slot Slot) int {
	n := 0
	for _, it := range items {
		if it.Slot == slot {
			n++
		}
	}
	return n
}

func TestQueueRedrillUntilFour(t *testing.T) {
	today := day0 + 10
	all := cands("a", 1)
	states := map[string]*CardState{}
	st := NewCardState()
	st, _ = st.Apply(Hard, today, Params{}) // passes, but below 4
	states["a/1"] = &st
	if got := keys(BuildQueue(all, states, today, DefaultLimits)); !cmp.Equal(got, []string{"a/1:again"}) {
		t.Fatalf("after a 3: %v, want a re-drill", got)
	}
	st, _ = st.Apply(WrongEasy, today, Params{}) // still below 4
	if got := keys(BuildQueue(all, states, today, DefaultLimits)); !cmp.Equal(got, []string{"a/1:again"}) {
		t.Fatalf("after a re-drill of 2: %v, want another re-drill", got)
	}
	sched := st.Schedule
	st, _ = st.Apply(Hesitant, today, Params{})
	if got := BuildQueue(all, states, today, DefaultLimits); len(got) != 0 {
		t.Fatalf("after a 4: %v, want nothing", keys(got))
	}
	if st.Schedule != sched || st.Due != today+1 {
		t.Errorf("re-drills changed the schedule: %+v due %v", st.Schedule, st.Due)
	}
	// A pending re-drill does not carry over to the next day.
	st2 := NewCardState()
	st2, _ = st2.Apply(Hard, today, Params{})
	states["a/1"] = &st2
	if got := keys(BuildQueue(all, states, today+1, DefaultLimits)); !cmp.Equal(got, []string{"a/1:review"}) {
		t.Errorf("next day: %v, want a plain review", got)
	}
}

func TestQueueSkipsSuspendedAndBuried(t *testing.T) {
	today := day0 + 10
	states := map[string]*CardState{
		"a/1": {Schedule: Schedule{2, 6, 250}, Due: today, Answers: 2, Suspended: true},
		"a/2": {Schedule: Schedule{2, 6, 250}, Due: today, Answers: 2, Buried: true, BuriedOn: today},
		"a/3": {Schedule: Schedule{2, 6, 250}, Due: today, Answers: 2, Buried: true, BuriedOn: today - 1},
		"a/4": {Schedule: NewSchedule(), Suspended: true},
	}
	got := keys(BuildQueue(cands("a", 5), states, today, DefaultLimits))
	want := []string{"a/3:review", "a/5:new"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestQueueReviewLimit(t *testing.T) {
	today := day0 + 50
	states := map[string]*CardState{}
	for i := 1; i <= 5; i++ {
		states[fmt.Sprintf("a/%d", i)] = stateDue(today - Day(i))
	}
	got := keys(BuildQueue(cands("a", 5), states, today, Limits{ReviewsPerDay: 2}))
	if diff := cmp.Diff([]string{"a/5:review", "a/4:review"}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestReviewLimitIsFairAcrossGroups: after a holiday three decks have
// cards due the same days; a limit of 9 takes the most overdue first, and
// among cards due the same day takes the decks in turn, not the first
// deck's cards only.
func TestReviewLimitIsFairAcrossGroups(t *testing.T) {
	today := DateDay(2026, 12, 3)
	states := map[string]*CardState{}
	var cands []Candidate
	for _, g := range []string{"a", "b", "c"} {
		for i := 0; i < 6; i++ {
			card := fmt.Sprintf("%s/%d", g, i)
			st := NewCardState()
			st.Answers, st.Interval, st.Due, st.LastDay = 1, 1, today-3, today-4
			if g == "c" && i == 5 {
				st.Due = today - 10 // the most overdue of all
			}
			states[card] = &st
			cands = append(cands, Candidate{Card: card, Group: g})
		}
	}
	q := BuildQueue(cands, states, today, Limits{ReviewsPerDay: 9})
	per := map[string]int{}
	for _, it := range q {
		per[it.Group]++
	}
	if len(q) != 9 || q[0].Card != "c/5" || per["a"] != 3 || per["b"] != 3 || per["c"] != 3 {
		t.Errorf("queue %v: per deck %v; want c/5 first and 3 from each deck", q, per)
	}
}

func TestAheadAndCramQueues(t *testing.T) {
	today := Day(100)
	state := func(due Day, last Day) *CardState {
		st := NewCardState()
		st.Answers, st.LastDay, st.Due = 1, last, due
		return &st
	}
	suspended := state(120, 90)
	suspended.Suspended = true
	states := map[string]*CardState{
		"d/due":       state(100, 90),
		"d/later":     state(110, 95),
		"d/weak":      state(105, 80),
		"d/today":     state(104, 100), // answered today
		"d/suspended": suspended,
	}
	cands := []Candidate{{Card: "d/due", Group: "d"}, {Card: "d/later", Group: "d"}, {Card: "d/weak", Group: "d"},
		{Card: "d/today", Group: "d"}, {Card: "d/suspended", Group: "d"}, {Card: "d/new", Group: "d"}}
	recall := map[string]float64{"d/due": 0.5, "d/later": 0.9, "d/weak": 0.6, "d/today": 0.99, "d/suspended": 0.1}
	byRecall := func(card string) float64 { return recall[card] }

	var got []string
	for _, it := range AheadQueue(cands, states, today, byRecall) {
		if it.Slot != SlotAhead {
			t.Errorf("%s: slot %v, want ahead", it.Card, it.Slot)
		}
		got = append(got, it.Card)
	}
	if want := []string{"d/weak", "d/later"}; !cmp.Equal(got, want) {
		t.Errorf("AheadQueue = %v, want %v (not yet due, lowest recall first)", got, want)
	}
	got = nil
	for _, it := range CramQueue(cands, states, byRecall) {
		got = append(got, it.Card)
	}
	if want := []string{"d/due", "d/weak", "d/later", "d/today", "d/new"}; !cmp.Equal(got, want) {
		t.Errorf("CramQueue = %v, want %v (answered by recall, then new, none suspended)", got, want)
	}

	// A cram answer changes nothing.
	before := *states["d/weak"]
	after := before.Fold(&Record{Event: Cram, Card: "d/weak", Day: today, Grade: 1}, Params{})
	if after != before {
		t.Errorf("a cram record changed the state: %+v, was %+v", after, before)
	}
}
