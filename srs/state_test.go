package srs

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s not available: %v", name, err)
	}
	return loc
}

func TestDayOf(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	newYork := mustLoad(t, "America/New_York")
	tests := []struct {
		name  string
		t     time.Time
		loc   *time.Location
		start int
		want  string
	}{
		{"03:59 belongs to the day before", time.Date(2026, 11, 25, 3, 59, 0, 0, time.UTC), time.UTC, 4, "2026-11-24"},
		{"04:00 starts the day", time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC), time.UTC, 4, "2026-11-25"},
		{"04:01 is the new day", time.Date(2026, 11, 25, 4, 1, 0, 0, time.UTC), time.UTC, 4, "2026-11-25"},
		{"midnight start", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), time.UTC, 0, "2026-11-25"},
		{"local time, not UTC: 02:30 UTC is 03:30 in Berlin", time.Date(2026, 11, 25, 2, 30, 0, 0, time.UTC), berlin, 4, "2026-11-24"},
		{"03:30 UTC is 04:30 in Berlin", time.Date(2026, 11, 25, 3, 30, 0, 0, time.UTC), berlin, 4, "2026-11-25"},
		{"New York evening is the previous UTC day", time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC), newYork, 4, "2026-11-25"},
		{"first of the year at 03:00 is still last year", time.Date(2027, 1, 1, 3, 0, 0, 0, time.UTC), time.UTC, 4, "2026-12-31"},
		// Berlin springs forward on 2026-03-29 at 02:00 -> 03:00 local.
		{"DST spring: 03:59 CEST is before the boundary", time.Date(2026, 3, 29, 1, 59, 0, 0, time.UTC), berlin, 4, "2026-03-28"},
		{"DST spring: 04:00 CEST starts the day", time.Date(2026, 3, 29, 2, 0, 0, 0, time.UTC), berlin, 4, "2026-03-29"},
		// Berlin falls back on 2026-10-25 at 03:00 -> 02:00 local.
		{"DST autumn: 03:30 CET (second pass) is still the day before", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), berlin, 4, "2026-10-24"},
		{"DST autumn: 04:00 CET starts the day", time.Date(2026, 10, 25, 3, 0, 0, 0, time.UTC), berlin, 4, "2026-10-25"},
		{"New York DST day", time.Date(2026, 3, 8, 8, 0, 0, 0, time.UTC), newYork, 4, "2026-03-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DayOf(tt.t, tt.loc, tt.start).String(); got != tt.want {
				t.Errorf("DayOf(%v in %v) = %s, want %s", tt.t, tt.loc, got, tt.want)
			}
		})
	}
}

func TestParseDay(t *testing.T) {
	d, err := ParseDay("2026-11-25")
	if err != nil || d.String() != "2026-11-25" {
		t.Fatalf("ParseDay = %v, %v", d, err)
	}
	if d2, _ := ParseDay("2026-11-26"); d2 != d+1 {
		t.Errorf("consecutive dates are not consecutive days: %d, %d", d, d2)
	}
	for _, bad := range []string{"", "2026-13-01", "2026-02-29", "2026/11/25", "26-11-25", "2026-11-2x", "2026-00-10"} {
		if _, err := ParseDay(bad); err == nil {
			t.Errorf("ParseDay(%q) took it", bad)
		}
	}
	if _, err := ParseDay("2028-02-29"); err != nil {
		t.Errorf("leap day refused: %v", err)
	}
}

var day0 = DateDay(2026, 11, 1)

func at(day Day, hour int) time.Time {
	return day.Time().Add(time.Duration(hour) * time.Hour)
}

func answer(card string, day Day, hour int, q Grade) Record {
	return Record{Time: at(day, hour), Day: day, Event: Answer, Card: card, Grade: q}
}

func event(card string, day Day, hour int, e Event) Record {
	return Record{Time: at(day, hour), Day: day, Event: e, Card: card}
}

func TestReplay(t *testing.T) {
	tests := []struct {
		name    string
		records []Record
		card    string
		want    CardState
	}{
		{
			name:    "one answer",
			records: []Record{answer("d/a", day0, 9, Perfect)},
			card:    "d/a",
			want:    CardState{Schedule: Schedule{1, 1, 260}, Due: day0 + 1, Answers: 1, LastDay: day0, Introduced: day0, DrillDay: day0},
		},
		{
			name: "same-day answers after the first are re-drills and never reschedule",
			records: []Record{
				answer("d/a", day0, 9, Wrong), answer("d/a", day0, 10, Hard), answer("d/a", day0, 11, Perfect),
			},
			card: "d/a",
			want: CardState{Schedule: Schedule{0, 1, 196}, Due: day0 + 1, Answers: 1, Drills: 2, LastDay: day0, Introduced: day0, DrillDay: day0},
		},
		{
			name:    "a re-drill below 4 keeps the card waiting",
			records: []Record{answer("d/a", day0, 9, Hard), answer("d/a", day0, 10, Hard)},
			card:    "d/a",
			want:    CardState{Schedule: Schedule{1, 1, 236}, Due: day0 + 1, Answers: 1, Drills: 1, LastDay: day0, Introduced: day0, DrillDay: day0, DrillPending: true},
		},
		{
			name: "lapses count failures after the first answer",
			records: []Record{
				answer("d/a", day0, 9, Wrong), answer("d/a", day0+1, 9, Perfect), answer("d/a", day0+2, 9, Blackout),
			},
			card: "d/a",
			want: CardState{Schedule: Schedule{0, 1, 130}, Due: day0 + 3, Answers: 3, Lapses: 1, LastDay: day0 + 2, Introduced: day0, DrillDay: day0 + 2, DrillPending: true},
		},
		{
			name:    "undo cancels the latest answer",
			records: []Record{answer("d/a", day0, 9, Perfect), answer("d/a", day0+1, 9, Perfect), event("d/a", day0+1, 10, Undo)},
			card:    "d/a",
			want:    CardState{Schedule: Schedule{1, 1, 260}, Due: day0 + 1, Answers: 1, LastDay: day0, Introduced: day0, DrillDay: day0},
		},
		{
			name:    "undo twice goes two levels deep",
			records: []Record{answer("d/a", day0, 9, Perfect), event("d/a", day0, 10, Bury), event("d/a", day0, 11, Undo), event("d/a", day0, 12, Undo)},
			card:    "d/a",
			want:    NewCardState(),
		},
		{
			name:    "suspend and unsuspend",
			records: []Record{answer("d/a", day0, 9, Perfect), event("d/a", day0, 10, Suspend), event("d/a", day0+3, 10, Unsuspend)},
			card:    "d/a",
			want:    CardState{Schedule: Schedule{1, 1, 260}, Due: day0 + 1, Answers: 1, LastDay: day0, Introduced: day0, DrillDay: day0},
		},
		{
			name:    "reset makes the card new",
			records: []Record{answer("d/a", day0, 9, Perfect), event("d/a", day0+1, 9, Reset)},
			card:    "d/a",
			want:    NewCardState(),
		},
		{
			name:    "records out of time order are sorted",
			records: []Record{answer("d/a", day0+1, 9, Wrong), answer("d/a", day0, 9, Perfect)},
			card:    "d/a",
			want:    CardState{Schedule: Schedule{0, 1, 206}, Due: day0 + 2, Answers: 2, Lapses: 1, LastDay: day0 + 1, Introduced: day0, DrillDay: day0 + 1, DrillPending: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Replay(Records(tt.records), Params{})[tt.card]
			if got == nil {
				t.Fatalf("no state for %s", tt.card)
			}
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestReplayMergeOrderDoesNotMatter(t *testing.T) {
	// Two devices' records, concatenated in either order, replay the same.
	a := []Record{answer("d/x", day0, 8, Perfect), answer("d/y", day0+1, 8, Wrong), answer("d/x", day0+1, 9, Hard)}
	b := []Record{answer("d/y", day0, 9, Hesitant), answer("d/x", day0+7, 9, Perfect), event("d/y", day0+2, 9, Suspend)}
	ab := Replay(Records(append(append([]Record{}, a...), b...)), Params{})
	ba := Replay(Records(append(append([]Record{}, b...), a...)), Params{})
	if diff := cmp.Diff(ab, ba); diff != "" {
		t.Errorf("merge order changed states (-ab +ba)\n%s", diff)
	}
}

func TestMaturity(t *testing.T) {
	for _, tt := range []struct {
		st   CardState
		want Maturity
	}{
		{NewCardState(), MaturityNew},
		{CardState{Schedule: Schedule{1, 1, 250}, Answers: 1}, MaturityLearning},
		{CardState{Schedule: Schedule{0, 1, 250}, Answers: 5}, MaturityLearning},
		{CardState{Schedule: Schedule{3, 20, 250}, Answers: 3}, MaturityYoung},
		{CardState{Schedule: Schedule{4, 21, 250}, Answers: 4}, MaturityMature},
	} {
		if got := tt.st.Maturity(); got != tt.want {
			t.Errorf("%+v: maturity %v, want %v", tt.st, got, tt.want)
		}
	}
}

func TestDateDayMatchesTheCalendar(t *testing.T) {
	for d := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2200; d = d.AddDate(0, 0, 1) {
		want := Day(d.Unix() / 86400)
		if got := DateDay(d.Year(), d.Month(), d.Day()); got != want {
			t.Fatalf("DateDay(%s) = %d, want %d", d.Format(time.DateOnly), got, want)
		}
		if got, err := ParseDay(d.Format(time.DateOnly)); err != nil || got != want {
			t.Fatalf("ParseDay(%s) = %d, %v; want %d", d.Format(time.DateOnly), got, err, want)
		}
	}
	if got := DateDay(2026, 3, 0); got.String() != "2026-02-28" {
		t.Errorf("DateDay(2026, 3, 0) = %s, want it normalised to 2026-02-28", got)
	}
}

func TestBefore(t *testing.T) {
	h := Records{
		{Day: 10, Event: Answer, Card: "a", Grade: 4},
		{Day: 11, Event: Answer, Card: "b", Grade: 4},
		{Day: 10, Event: Answer, Card: "c", Grade: 4}, // a clock that went back
		{Day: 12, Event: Answer, Card: "a", Grade: 4},
	}
	got := Before(h, 11)
	if got.Len() != 2 || got.At(0).Card != "a" || got.At(1).Card != "c" {
		t.Fatalf("Before(h, 11) = %d records, want a and c", got.Len())
	}
	states := Replay(got, Params{})
	if len(states) != 2 || states["a"].Answers != 1 || states["b"] != nil {
		t.Errorf("replay of the records before day 11: %+v", states)
	}
	ih := Before(indexCards(h), 12).(IndexedHistory)
	if ih.Len() != 3 || ih.CardIndex(2) != indexCards(h).CardIndex(2) {
		t.Errorf("an indexed history's subset numbers cards as the history does")
	}
}
