package library

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/srs"
)

func TestStatusOf(t *testing.T) {
	today := srs.DateDay(2026, 12, 3)
	answered := func(due srs.Day) srs.CardState {
		st := srs.NewCardState()
		st.Answers, st.Introduced, st.LastDay, st.Interval, st.Due = 1, due-1, due-1, 1, due
		return st
	}
	buried := answered(today)
	buried.Buried, buried.BuriedOn = true, today
	drill := answered(today + 1)
	drill.LastDay, drill.Introduced, drill.DrillDay, drill.DrillPending = today, today, today, true
	f := &StatusFacts{
		DeckIDs: []string{"a", "b"},
		Cards: []srs.Candidate{
			{Card: "a/due", Group: "a"}, {Card: "a/overdue", Group: "a"}, {Card: "a/buried", Group: "a"},
			{Card: "b/drill", Group: "b"}, {Card: "b/new1", Group: "b"}, {Card: "b/new2", Group: "b"},
		},
		Keys:      []string{"a/buried", "a/due", "a/overdue", "b/drill"},
		States:    []srs.CardState{buried, answered(today), answered(today - 3), drill},
		StudyDays: []srs.Day{today - 2, today - 1},
		Mature:    []DayTally{{Day: today - 40, Tally: srs.Tally{Pass: 5}}, {Day: today - 1, Tally: srs.Tally{Pass: 3, Fail: 1}}},
	}
	// One review a day, one new card a day (the drill's card was new today).
	s := StatusOf(f, today, srs.Limits{NewPerDay: 2, ReviewsPerDay: 1})
	want := []Load{
		{Deck: "a", Due: 2, Overdue: 1, Tomorrow: 1, Queued: 1},
		{Deck: "b", Again: 1, New: 1, Tomorrow: 1},
	}
	if diff := cmp.Diff(want, s.Decks); diff != "" {
		t.Errorf("loads (-want +got):\n%s", diff)
	}
	if s.Total.Due != 2 || s.Total.Cards() != 3 || s.Limit != 1 {
		t.Errorf("total %+v, limit %d", s.Total, s.Limit)
	}
	if s.Streak != 2 {
		t.Errorf("streak %d, want 2 (yesterday and the day before)", s.Streak)
	}
	if s.Mature30 != (srs.Tally{Pass: 3, Fail: 1}) {
		t.Errorf("mature retention over 30 days: %+v", s.Mature30)
	}
}
