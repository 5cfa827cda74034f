package srs

import (
	"math/rand"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, whatever the machine has installed
)

// Zones with unusual calendars: daylight saving at midnight (Havana,
// Santiago), half-hour shifts (Lord Howe), two-hour shifts (Troll),
// quarter-hour offsets (Chatham), shifts suspended for Ramadan
// (Casablanca), and a day that never happened (Apia skipped 30 December
// 2011 when it crossed the date line).
var zones = []string{
	"UTC", "America/New_York", "Europe/London", "Europe/Berlin", "Australia/Lord_Howe",
	"America/Santiago", "America/Havana", "Asia/Kolkata", "Pacific/Chatham",
	"America/St_Johns", "Africa/Casablanca", "Antarctica/Troll", "Pacific/Apia",
}

// TestDayOfAcrossTheCalendar walks 2011, 2026 and 2027 in every zone,
// half an hour at a time (offsets change on the hour or the half hour),
// with days starting at midnight, 2 AM (inside the hour that daylight
// saving skips in many zones) and 4 AM: the day never goes back, moves on
// one day at a time (two only where a calendar day was skipped) and when
// the local hour reaches the day start.
func TestDayOfAcrossTheCalendar(t *testing.T) {
	for _, years := range [][2]int{{2011, 2012}, {2026, 2028}} {
		walkDays(t, time.Date(years[0], 1, 1, 0, 0, 0, 0, time.UTC), time.Date(years[1], 1, 1, 0, 0, 0, 0, time.UTC))
	}
}

func walkDays(t *testing.T, start, end time.Time) {
	t.Helper()
	for _, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, startHour := range []int{0, 2, 4} {
			prev := DayOf(start, loc, startHour)
			jumps := 0
			for at := start.Add(30 * time.Minute); at.Before(end); at = at.Add(30 * time.Minute) {
				d := DayOf(at, loc, startHour)
				switch {
				case d < prev:
					t.Fatalf("%s, day start %d: day went back at %v (%v -> %v)", name, startHour, at.In(loc), prev, d)
				case d == prev+2:
					jumps++
					if name != "Pacific/Apia" {
						t.Fatalf("%s, day start %d: skipped a day at %v", name, startHour, at.In(loc))
					}
				case d > prev+2:
					t.Fatalf("%s, day start %d: jumped %d days at %v", name, startHour, d-prev, at.In(loc))
				}
				if d != prev {
					// A new day begins when the local hour reaches the day
					// start, or at the first moment after it when that
					// hour was skipped.
					lt := at.In(loc)
					skipped := name == "Pacific/Apia" && lt.Year() == 2011 && lt.Month() == 12 && lt.Day() == 31
					if !skipped && (lt.Hour() < startHour || lt.Hour() > startHour+2) {
						t.Fatalf("%s, day start %d: new day at %v", name, startHour, lt)
					}
				}
				prev = d
			}
			if name != "Pacific/Apia" && jumps > 0 {
				t.Errorf("%s, day start %d: %d skipped days", name, startHour, jumps)
			}
		}
	}
}

// TestRepeatedHour: in the hour that repeats when daylight saving ends,
// both passes belong to the same day.
func TestRepeatedHour(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	first := time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC)  // 01:30 EDT
	second := time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC) // 01:30 EST
	if DayOf(first, ny, 4) != DayOf(second, ny, 4) || DayOf(first, ny, 4) != DateDay(2026, 10, 31) {
		t.Errorf("days %v and %v, want both 2026-10-31", DayOf(first, ny, 4), DayOf(second, ny, 4))
	}
}

// TestAYearsGap: a card answered after a year away is scheduled from its
// last interval (SM-2 ignores lateness), from the day of the answer.
func TestAYearsGap(t *testing.T) {
	st := NewCardState()
	day := DateDay(2025, 1, 10)
	for _, q := range []Grade{5, 5, 4} {
		st, _ = st.Apply(q, day, Params{})
		day = st.Due
	}
	if st.Interval != 16 {
		t.Fatalf("interval %d before the gap", st.Interval)
	}
	back := st.Due + 365
	after, scheduled := st.Apply(Hesitant, back, Params{})
	if !scheduled || after.Interval != 43 || after.Due != back+43 || after.LastDay != back {
		t.Errorf("after a year: %+v", after)
	}
	forgot, _ := st.Apply(Blackout, back, Params{})
	if forgot.Interval != 1 || forgot.Due != back+1 || !forgot.NeedsDrill(back) {
		t.Errorf("forgotten after a year: %+v", forgot)
	}
}

// TestReplayWithAClockGoneWrong replays logs whose record times and days
// jump about, as devices with wrong clocks, travel across time zones and
// clocks set back produce, and checks what must hold whatever the clock
// did: no answer is lost or counted twice, a card is scheduled at most once
// per day, its due day is after its last answer and within the longest
// interval, and replaying the same records in another order of equal
// times gives the same states.
func TestReplayWithAClockGoneWrong(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	cards := []string{"d/a", "d/b", "d/c", "d/d"}
	for round := 0; round < 300; round++ {
		base := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		var recs []Record
		at := base
		for i := 0; i < 60; i++ {
			// Mostly forward, sometimes back a little or a lot, sometimes a
			// year ahead (a clock gone wrong).
			switch r := rng.Intn(20); {
			case r < 12:
				at = at.Add(time.Duration(rng.Intn(36)) * time.Hour)
			case r < 17:
				at = at.Add(-time.Duration(rng.Intn(30)) * time.Hour)
			case r < 19:
				at = at.Add(-time.Duration(rng.Intn(600)) * time.Second)
			default:
				at = at.AddDate(1, 0, 0)
			}
			day := DayOf(at, time.FixedZone("", (rng.Intn(27)-12)*3600), 4)
			card := cards[rng.Intn(len(cards))]
			ev := []Event{Answer, Answer, Answer, Drill, Undo, Bury, Suspend, Unsuspend, Reset}[rng.Intn(9)]
			recs = append(recs, Record{Time: at, Day: day, Event: ev, Card: card, Grade: Grade(rng.Intn(6))})
		}
		p := Params{MaxInterval: 400}
		states := Replay(Records(recs), p)
		again := Replay(Records(shuffleEqualTimes(recs, rng)), p)
		for card, st := range states {
			if *again[card] != *st {
				t.Fatalf("round %d: %s replays differently: %+v vs %+v", round, card, *st, *again[card])
			}
			if st.IsNew() {
				continue
			}
			if st.Due <= st.LastDay || st.Due > st.LastDay+Day(p.MaxInterval) {
				t.Fatalf("round %d: %s due %v after its last answer on %v", round, card, st.Due, st.LastDay)
			}
			if st.Lapses >= st.Answers || st.Ease < MinEase {
				t.Fatalf("round %d: %s: %+v", round, card, *st)
			}
		}
		// Count the graded records in force, card by card, from scratch.
		inForce := map[string][]Record{}
		for _, r := range sortedByTime(recs) {
			switch r.Event {
			case Undo:
				if s := inForce[r.Card]; len(s) > 0 {
					inForce[r.Card] = s[:len(s)-1]
				}
			default:
				inForce[r.Card] = append(inForce[r.Card], r)
			}
		}
		for card, rs := range inForce {
			graded, since := 0, 0
			for _, r := range rs {
				if r.Event == Reset {
					since = graded // answers before a reset no longer count
				}
				if r.Event.Graded() {
					graded++
				}
			}
			st := states[card]
			if got := st.Answers + st.Drills; got != graded-since {
				t.Fatalf("round %d: %s: %d answers and %d drills for %d graded records in force since the last reset", round, card, st.Answers, st.Drills, graded-since)
			}
		}
	}
}

func sortedByTime(recs []Record) []Record {
	out := append([]Record{}, recs...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Time.Before(out[j-1].Time); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// shuffleEqualTimes returns the records in another order that sorts to
// the same sequence: records are moved only past records with other times.
func shuffleEqualTimes(recs []Record, rng *rand.Rand) []Record {
	out := append([]Record{}, recs...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	// Put records with equal times back in their original relative order.
	pos := map[*Record]int{}
	for i := range recs {
		pos[&recs[i]] = i
	}
	_ = pos
	sorted := sortedByTime(recs)
	byTime := map[time.Time][]Record{}
	for _, r := range sorted {
		byTime[r.Time] = append(byTime[r.Time], r)
	}
	for i := range out {
		q := byTime[out[i].Time]
		out[i], byTime[out[i].Time] = q[0], q[1:]
	}
	return out
}
