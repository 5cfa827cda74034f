package srs

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the actual output")

// statsToday is the day the statistics tests are computed on: Wednesday
// 2026-11-25.
var statsToday = DateDay(2026, 11, 25)

// logBook writes a review log the way a session does: each answer is
// logged as an answer or a drill, with the state it leads to, and the
// learner's day of each record comes from its time with days starting at
// 4 AM UTC.
type logBook struct {
	states  map[string]CardState
	records []Record
}

func newLogBook() *logBook { return &logBook{states: map[string]CardState{}} }

// when is the moment hh:mm UTC on the calendar date of day d.
func when(d Day, hh, mm int) time.Time {
	return d.Time().Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

func (b *logBook) answer(card string, t time.Time, q Grade, ms int) {
	day := DayOf(t, time.UTC, DefaultDayStart)
	st, ok := b.states[card]
	if !ok {
		st = NewCardState()
	}
	next, scheduled := st.Apply(q, day, Params{})
	ev := Answer
	if !scheduled {
		ev = Drill
	}
	b.records = append(b.records, Record{Time: t, Day: day, Event: ev, Card: card, Grade: q, Millis: ms,
		Schedule: next.Schedule, Due: next.Due})
	b.states[card] = next
}

// event logs a bury, suspend or undo. An undo here only works right after
// an answer made that day; the test replays the log anyway.
func (b *logBook) event(card string, t time.Time, e Event) {
	b.records = append(b.records, Record{Time: t, Day: DayOf(t, time.UTC, DefaultDayStart), Event: e, Card: card})
	if e == Undo {
		b.states[card] = *Replay(Records(b.records), Params{})[card]
	}
}

// handLog is the log whose statistics are checked by hand in
// TestStatisticsByHand. T is today (2026-11-25); the cards are net/a..c and
// sec/d..l (sec/j and sec/k are never answered).
func handLog() ([]Candidate, []Record) {
	T := statsToday
	b := newLogBook()
	// net/a crosses 21 days: intervals 1, 6, 16, 45, so the answer today is
	// mature.
	b.answer("net/a", when(T-68, 9, 0), Perfect, 4000) // new: not counted
	b.answer("net/a", when(T-67, 9, 0), Perfect, 4000) // young (1) pass
	b.answer("net/a", when(T-61, 9, 0), Perfect, 4000) // young (6) pass
	b.answer("net/a", when(T-45, 9, 0), Perfect, 4000) // young (16) pass
	b.answer("net/a", when(T, 9, 0), Hesitant, 4000)   // mature (45) pass -> 131 days

	// net/b reaches exactly 21 days (grades 1 5 3 3 5: intervals 1 1 6 12
	// 21, ease 1.88), fails yesterday as a mature card and is re-drilled
	// after midnight, which is still yesterday (days start at 4 AM).
	b.answer("net/b", when(T-42, 9, 0), Wrong, 8000)      // new: not counted
	b.answer("net/b", when(T-42, 9, 5), Hesitant, 3000)   // re-drill
	b.answer("net/b", when(T-41, 9, 0), Perfect, 3000)    // young (1) pass
	b.answer("net/b", when(T-40, 9, 0), Hard, 6000)       // young (1) pass
	b.answer("net/b", when(T-40, 9, 5), Hesitant, 3000)   // re-drill
	b.answer("net/b", when(T-34, 9, 0), Hard, 6000)       // young (6) pass
	b.answer("net/b", when(T-34, 9, 5), Hesitant, 3000)   // re-drill
	b.answer("net/b", when(T-22, 9, 0), Perfect, 3000)    // young (12) pass -> 21 days, due yesterday
	b.answer("net/b", when(T-1, 23, 30), WrongEasy, 9000) // mature (21) FAIL, yesterday
	b.answer("net/b", when(T-1, 23, 40), WrongEasy, 9000) // re-drill
	b.answer("net/b", when(T, 2, 0), Hesitant, 5000)      // 02:00 today: re-drill of yesterday
	b.answer("net/b", when(T, 9, 0), Hesitant, 5000)      // young (1) pass: today's first answer

	// net/c reaches 20 days (grades 1 4 3 4 5: intervals 1 1 6 11 20), so
	// its answer 3 days ago is still young.
	b.answer("net/c", when(T-42, 9, 10), Wrong, 7000)   // new: not counted
	b.answer("net/c", when(T-42, 9, 15), Perfect, 2000) // re-drill
	b.answer("net/c", when(T-41, 9, 10), Hesitant, 2000)
	b.answer("net/c", when(T-40, 9, 10), Hard, 2000) // young (1) pass
	b.answer("net/c", when(T-40, 9, 15), Hesitant, 2000)
	b.answer("net/c", when(T-34, 9, 10), Hesitant, 2000) // young (6) pass
	b.answer("net/c", when(T-23, 9, 10), Perfect, 2000)  // young (11) pass -> 20 days
	b.answer("net/c", when(T-3, 9, 10), Hard, 2000)      // young (20) pass -> 38 days
	b.answer("net/c", when(T-3, 9, 15), Hesitant, 2000)

	// sec/d and sec/e are new cards first answered today, sec/e with a
	// blackout and two re-drills; sec/d took 90 s, counted as 60.
	b.answer("sec/d", when(T, 9, 20), Perfect, 90000)
	b.answer("sec/e", when(T, 9, 21), Blackout, 20000)
	b.answer("sec/e", when(T, 9, 25), Wrong, 10000)
	b.answer("sec/e", when(T, 9, 30), Hesitant, 10000)

	// sec/f: a failure 3 days ago is undone and answered again.
	b.answer("sec/f", when(T-10, 9, 0), Hesitant, 3000)
	b.answer("sec/f", when(T-9, 9, 0), Hesitant, 3000) // young (1) pass
	b.answer("sec/f", when(T-3, 9, 0), Wrong, 3000)    // undone
	b.event("sec/f", when(T-3, 9, 1), Undo)
	b.answer("sec/f", when(T-3, 9, 2), Hesitant, 3000) // young (6) pass -> 15 days

	// sec/g was learned 30 days ago and never seen again: 29 days overdue.
	b.answer("sec/g", when(T-30, 9, 0), Perfect, 3000)

	// sec/h is suspended; its answers still count.
	b.answer("sec/h", when(T-12, 9, 0), Hesitant, 3000)
	b.answer("sec/h", when(T-11, 9, 0), Hesitant, 3000) // young (1) pass
	b.event("sec/h", when(T-11, 9, 1), Suspend)

	// sec/i fell due yesterday and is buried today: due tomorrow.
	b.answer("sec/i", when(T-8, 9, 0), Hesitant, 3000)
	b.answer("sec/i", when(T-7, 9, 0), Hesitant, 3000) // young (1) pass
	b.event("sec/i", when(T, 8, 0), Bury)

	// sec/l lapses three times: a leech at a threshold of 3.
	b.answer("sec/l", when(T-20, 9, 0), Perfect, 3000)
	b.answer("sec/l", when(T-19, 9, 0), Wrong, 3000) // young (1) FAIL
	b.answer("sec/l", when(T-19, 9, 5), Hesitant, 3000)
	b.answer("sec/l", when(T-18, 9, 0), Wrong, 3000) // young (1) FAIL
	b.answer("sec/l", when(T-18, 9, 5), Hesitant, 3000)
	b.answer("sec/l", when(T-17, 9, 0), Blackout, 3000) // young (1) FAIL
	b.answer("sec/l", when(T-17, 9, 5), Hesitant, 3000)
	b.answer("sec/l", when(T-16, 9, 0), Hard, 3000) // young (1) pass
	b.answer("sec/l", when(T-16, 9, 5), Hesitant, 3000)
	b.answer("sec/l", when(T-15, 9, 0), Hesitant, 3000) // young (1) pass -> 6 days, due T-9

	var cards []Candidate
	for _, c := range []string{"net/a", "net/b", "net/c"} {
		cards = append(cards, Candidate{Card: c, Group: "net"})
	}
	for _, c := range []string{"sec/d", "sec/e", "sec/f", "sec/g", "sec/h", "sec/i", "sec/j", "sec/k", "sec/l"} {
		cards = append(cards, Candidate{Card: c, Group: "sec"})
	}
	return cards, b.records
}

// TestStatisticsByHand checks the statistics of handLog against numbers
// worked out by hand from the comments there.
func TestStatisticsByHand(t *testing.T) {
	cards, recs := handLog()
	T := statsToday
	s := Statistics(cards, Records(recs), StatsOptions{Today: T, LeechThreshold: 3})

	// True retention. The answers that count (day's first answer, interval
	// before it >= 1 day), by day; Y young, M mature, + pass, - fail:
	//   T     net/a M+, net/b Y+
	//   T-1   net/b M-             (its 02:00 re-drill on T's date is T-1's)
	//   T-3   net/c Y+ (20 days: still young), sec/f Y+ (the undone 1 is gone)
	//   T-7   sec/i Y+     T-9  sec/f Y+     T-11 sec/h Y+ (suspended later)
	//   T-15  sec/l Y+     T-16 sec/l Y+     T-17, T-18, T-19 sec/l Y- Y- Y-
	//   T-22  net/b Y+     T-23 net/c Y+
	//   T-34  net/b Y+, net/c Y+   T-40 net/b Y+, net/c Y+   T-41 net/b Y+, net/c Y+
	//   T-45, T-61, T-67 net/a Y+
	// Not counted: the first answers of new cards (net/a T-68, net/b and
	// net/c T-42, sec/d and sec/e today, sec/f T-10, sec/g T-30, sec/h
	// T-12, sec/i T-8, sec/l T-20) and every re-drill.
	//   today      Y 1/0            M 1/0   total 2/0
	//   yesterday  Y 0/0            M 0/1   total 0/1
	//   7 days     Y 3/0 (T, T-3 x2)          M 1/1   total 4/1 = 80.0%
	//   30 days    Y 3 + 7 = 10 pass (T-7, T-9, T-11, T-15, T-16, T-22,
	//              T-23), 3 fail; M 1/1; total 11/4 = 73.3%
	//   365 days   Y 10 + 9 = 19 pass (T-34 x2, T-40 x2, T-41 x2, T-45,
	//              T-61, T-67), 3 fail; M 1/1; total 20/4 = 83.3%
	//   all time   the same, from T-67
	wantRet := []RetentionRow{
		{"today", T, T, Tally{1, 0}, Tally{1, 0}},
		{"yesterday", T - 1, T - 1, Tally{0, 0}, Tally{0, 1}},
		{"7d", T - 6, T, Tally{3, 0}, Tally{1, 1}},
		{"30d", T - 29, T, Tally{10, 3}, Tally{1, 1}},
		{"365d", T - 364, T, Tally{19, 3}, Tally{1, 1}},
		{"all", T - 67, T, Tally{19, 3}, Tally{1, 1}},
	}
	if diff := cmp.Diff(wantRet, s.Retention); diff != "" {
		t.Errorf("retention (-want +got)\n%s", diff)
	}
	if p, _ := s.Retention[3].Total().Percent(); fmt.Sprintf("%.1f", p) != "73.3" {
		t.Errorf("30-day retention %.1f%%, want 73.3%%", p)
	}
	if diff := cmp.Diff(wantRet, Retention(cards, Records(recs), T, Params{})); diff != "" {
		t.Errorf("Retention differs from Statistics (-want +got)\n%s", diff)
	}

	// Card states today:
	//   net/a mature (131 d, due T+131)   net/b learning (lapsed; 1 d, due T+1)
	//   net/c mature (38 d, due T+35)
	//   sec/d, sec/e learning (due T+1)   sec/f young (15 d, due T+12)
	//   sec/g learning, due T-29 (overdue) sec/h young, suspended
	//   sec/i young, buried today, due T-1 -> tomorrow
	//   sec/j, sec/k new                  sec/l young (6 d, due T-9, overdue), 3 lapses
	wantCounts := []Counts{
		{Group: "net", Learning: 1, Mature: 2, Tomorrow: 1},
		{Group: "sec", New: 2, Learning: 3, Young: 2, Suspended: 1, Buried: 1, Leeches: 1, Due: 2, Overdue: 2, Tomorrow: 3},
	}
	if diff := cmp.Diff(wantCounts, s.Groups); diff != "" {
		t.Errorf("counts (-want +got)\n%s", diff)
	}
	wantTotal := Counts{New: 2, Learning: 4, Young: 2, Mature: 2, Suspended: 1, Buried: 1, Leeches: 1, Due: 2, Overdue: 2, Tomorrow: 4}
	if diff := cmp.Diff(wantTotal, s.Total); diff != "" {
		t.Errorf("total (-want +got)\n%s", diff)
	}
	if s.Total.Cards() != 12 {
		t.Errorf("%d cards, want 12", s.Total.Cards())
	}

	// Forecast: today sec/g and sec/l (overdue); tomorrow net/b, sec/d,
	// sec/e and the buried sec/i; +12 sec/f; net/c (+35) and net/a (+131)
	// later. Daily load: 1/131 + 1/1 + 1/38 + 1 + 1 + 1/15 + 1 + 1/6 + 1/6
	// = 4.434 (sec/h is suspended).
	var wantDue [ForecastDays]int
	wantDue[0], wantDue[1], wantDue[12] = 2, 4, 1
	if s.Forecast.Due != wantDue || s.Forecast.Overdue != 2 || s.Forecast.Later != 2 {
		t.Errorf("forecast %v overdue %d later %d, want %v, 2, 2", s.Forecast.Due, s.Forecast.Overdue, s.Forecast.Later, wantDue)
	}
	if got := fmt.Sprintf("%.3f", s.Forecast.DailyLoad); got != "4.434" {
		t.Errorf("daily load %s, want 4.434", got)
	}
	if s.Forecast.Days(7) != 6 {
		t.Errorf("next 7 days %d, want 6", s.Forecast.Days(7))
	}

	// Answers per grade by the state before them. Learning: new cards and
	// fewer than 2 repetitions; re-drills apart.
	//   0: sec/e (new), sec/l T-17 (0 reps)                     -> L2
	//   1: net/b, net/c (new), sec/l T-19 (1 rep), T-18 (0)      -> L4; sec/e re-drill D1
	//   2: net/b yesterday (21 d, 5 reps) M1; its re-drill D1
	//   3: net/b T-40, net/c T-40 (1 rep), sec/l T-16 (0) L3; net/b T-34, net/c T-3 Y2
	//   4: L9 (sec/f T-10 T-9, sec/h x2, sec/i x2, sec/l T-15, net/b today, net/c T-41),
	//      Y2 (net/c T-34, sec/f T-3), M1 (net/a today),
	//      D11 (net/b x4, net/c x2, sec/e, sec/l x4)
	//   5: L6 (net/a T-68 T-67, net/b T-41, sec/d, sec/g, sec/l T-20),
	//      Y4 (net/a T-61 T-45, net/b T-22, net/c T-23), D1 (net/c T-42)
	wantGrades := [6]GradeCounts{
		{Learning: 2},
		{Learning: 4, Drill: 1},
		{Mature: 1, Drill: 1},
		{Learning: 3, Young: 2},
		{Learning: 9, Young: 2, Mature: 1, Drill: 11},
		{Learning: 6, Young: 4, Drill: 1},
	}
	if diff := cmp.Diff(wantGrades, s.Grades); diff != "" {
		t.Errorf("grades (-want +got)\n%s", diff)
	}

	// Ease of the 10 answered cards: 1.30 (l) 1.56 (b) 1.70 (e) 1.78 (c)
	// 2.50 x3 (f h i) 2.60 x2 (d g) 2.90 (a): median 2.50, mean 2.194.
	// Intervals: 1 x4 (b d e g), 6 x3 (h i l), 15 (f), 38 (c), 131 (a):
	// median 6, mean 20.6.
	wantEase := []int{1, 1, 2, 0, 0, 0, 5, 1}
	wantIvl := []int{4, 0, 3, 0, 1, 0, 1, 0, 1, 0, 0}
	if got := bucketCards(s.Ease); !cmp.Equal(wantEase, got) || s.Ease.Median != 250 || s.Ease.Mean != 219.4 {
		t.Errorf("ease %v median %v mean %v, want %v 250 219.4", got, s.Ease.Median, s.Ease.Mean, wantEase)
	}
	if got := bucketCards(s.Intervals); !cmp.Equal(wantIvl, got) || s.Intervals.Median != 6 || s.Intervals.Mean != 20.6 || s.Intervals.Max != 131 {
		t.Errorf("intervals %v median %v mean %v max %v, want %v 6 20.6 131", got, s.Intervals.Median, s.Intervals.Mean, s.Intervals.Max, wantIvl)
	}

	// Hardest: below 2.50 ease l, b, e, c; lapses l (3), b (1); leech l.
	if got := hardCards(s.Hardest.LowestEase); got != "sec/l net/b sec/e net/c" {
		t.Errorf("lowest ease %s", got)
	}
	if got := hardCards(s.Hardest.MostLapses); got != "sec/l net/b" {
		t.Errorf("most lapses %s", got)
	}
	if got := hardCards(s.Hardest.Leeches); got != "sec/l" {
		t.Errorf("leeches %s", got)
	}

	// Activity: days with answers T-68 T-67 T-61 T-45 T-42 T-41 T-40 T-34
	// T-30 T-23 T-22, T-20..T-15, T-12..T-7, T-3, T-1, T: 26 days; streak
	// 2 (T-1, T); longest 6 (T-20..T-15, and T-12..T-7). Today: net/a,
	// net/b, sec/d (90 s counted as 60), sec/e x3 = 6 answers,
	// 4 + 5 + 60 + 20 + 10 + 10 = 109 s.
	a := s.Activity
	if len(a.Days) != 26 || a.Streak != 2 || a.Longest != 6 {
		t.Errorf("activity: %d days, streak %d, longest %d; want 26, 2, 6", len(a.Days), a.Streak, a.Longest)
	}
	if days, reviews, ms := a.Between(T, T); days != 1 || reviews != 6 || ms != 109000 {
		t.Errorf("today: %d days, %d answers, %d ms; want 1, 6, 109000", days, reviews, ms)
	}
	if days, reviews, _ := a.Between(T-1, T-1); days != 1 || reviews != 3 {
		t.Errorf("yesterday: %d days, %d answers; want 1, 3 (the 02:00 re-drill is yesterday's)", days, reviews)
	}
}

func bucketCards(d Distribution) []int {
	var out []int
	for _, b := range d.Buckets {
		out = append(out, b.Cards)
	}
	return out
}

func hardCards(cs []HardCard) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.Card)
	}
	return strings.Join(ids, " ")
}

// yearLog simulates a learner over 400 days: 60 cards in two decks, 10
// new cards a day until all are in, every due card answered, days skipped
// now and then, grades drawn from a fixed seed.
func yearLog() ([]Candidate, []Record) {
	rng := rand.New(rand.NewPCG(7, 11))
	b := newLogBook()
	var cards []Candidate
	for i := 0; i < 60; i++ {
		group := "ops"
		if i%3 == 0 {
			group = "lead"
		}
		cards = append(cards, Candidate{Card: fmt.Sprintf("%s/c%02d", group, i), Group: group})
	}
	start := statsToday - 400
	introduced := 0
	for d := start; d < statsToday; d++ {
		if rng.IntN(10) == 0 { // a day off
			continue
		}
		minute := 0
		answer := func(card string, q Grade) {
			b.answer(card, when(d, 19, 0).Add(time.Duration(minute)*time.Minute), q, 2000+rng.IntN(70000))
			minute++
		}
		for _, c := range cards {
			st, seen := b.states[c.Card]
			if !seen {
				if introduced >= 10*int(d-start+1) || introduced >= len(cards) {
					continue
				}
				introduced++
			} else if st.Due > d {
				continue
			}
			q := Grade(rng.IntN(6))
			if rng.IntN(3) > 0 {
				q = Hesitant + Grade(rng.IntN(2))
			}
			answer(c.Card, q)
			for q < Hesitant {
				q = Grade(rng.IntN(6))
				answer(c.Card, q)
			}
		}
	}
	b.event(cards[5].Card, when(statsToday-3, 9, 0), Suspend)
	return cards, b.records
}

func onlyGroup(cards []Candidate, group string) []Candidate {
	var out []Candidate
	for _, c := range cards {
		if c.Group == group {
			out = append(out, c)
		}
	}
	return out
}

// TestStatisticsGolden renders every section of the statistics of a few
// logs and compares them with testdata/stats/*.golden (go test ./srs
// -update rewrites them).
func TestStatisticsGolden(t *testing.T) {
	handCards, handRecs := handLog()
	yearCards, yearRecs := yearLog()
	var onlyNew []Record
	nb := newLogBook()
	nb.answer("d/a", when(statsToday, 9, 0), Perfect, 3000)
	nb.answer("d/b", when(statsToday, 9, 1), Wrong, 3000)
	nb.answer("d/b", when(statsToday, 9, 2), Hesitant, 3000)
	onlyNew = nb.records
	threeNew := []Candidate{{"d/a", "d"}, {"d/b", "d"}, {"d/c", "d"}}

	tests := []struct {
		name    string
		cards   []Candidate
		records []Record
		leech   int
	}{
		{"empty", threeNew, nil, 0},
		{"only-new", threeNew, onlyNew, 0},
		{"hand", handCards, handRecs, 3},
		{"hand-deck-net", onlyGroup(handCards, "net"), handRecs, 3},
		{"year", yearCards, yearRecs, 0},
		{"year-deck-lead", onlyGroup(yearCards, "lead"), yearRecs, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Statistics(tt.cards, Records(tt.records), StatsOptions{Today: statsToday, LeechThreshold: tt.leech, Hardest: 5})
			checkInvariants(t, s, tt.cards)
			got := dumpStats(s)
			path := filepath.Join("testdata", "stats", tt.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./srs -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got)\n%s", path, diff)
			}
		})
	}
}

// checkInvariants checks what must hold for any log.
func checkInvariants(t *testing.T, s *Stats, cards []Candidate) {
	t.Helper()
	if s.Total.Cards() != len(cards) {
		t.Errorf("counts cover %d cards, want %d", s.Total.Cards(), len(cards))
	}
	answered := s.Total.Cards() - s.Total.New
	if s.Ease.Cards > answered || s.Intervals.Cards != s.Ease.Cards {
		t.Errorf("distributions of %d/%d cards, %d answered", s.Ease.Cards, s.Intervals.Cards, answered)
	}
	sum := 0
	for _, b := range s.Intervals.Buckets {
		sum += b.Cards
	}
	if sum != s.Intervals.Cards {
		t.Errorf("interval buckets hold %d cards, want %d", sum, s.Intervals.Cards)
	}
	if s.Forecast.Due[0] != s.Total.Due || s.Forecast.Due[1] != s.Total.Tomorrow || s.Forecast.Overdue != s.Total.Overdue {
		t.Errorf("forecast today %d tomorrow %d overdue %d, counts say %d %d %d", s.Forecast.Due[0], s.Forecast.Due[1],
			s.Forecast.Overdue, s.Total.Due, s.Total.Tomorrow, s.Total.Overdue)
	}
	_, reviews, _ := s.Activity.Between(-1<<30, 1<<30)
	graded := 0
	for _, g := range s.Grades {
		graded += g.Total()
	}
	if reviews != graded {
		t.Errorf("activity counts %d answers, grades %d", reviews, graded)
	}
	// Each period's answers are among the longer period's.
	r := s.Retention
	for _, pair := range [][2]int{{0, 2}, {1, 2}, {2, 3}, {3, 4}, {4, 5}} {
		if r[pair[0]].Total().Answers() > r[pair[1]].Total().Answers() {
			t.Errorf("%s has more answers than %s", r[pair[0]].Period, r[pair[1]].Period)
		}
	}
}

// dumpStats writes every section as aligned text, for the golden files.
func dumpStats(s *Stats) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	section := func(name string) {
		tw.Flush()
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "== %s ==\n", name)
	}
	row := func(cells ...any) {
		for _, c := range cells {
			fmt.Fprintf(tw, "%v\t", c)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(&b, "today %s\n", s.Today)

	section("counts")
	row("group", "cards", "new", "learning", "young", "mature", "suspended", "buried", "leeches", "due", "overdue", "tomorrow")
	for _, c := range append(append([]Counts{}, s.Groups...), s.Total) {
		if c.Group == "" {
			c.Group = "(total)"
		}
		row(c.Group, c.Cards(), c.New, c.Learning, c.Young, c.Mature, c.Suspended, c.Buried, c.Leeches, c.Due, c.Overdue, c.Tomorrow)
	}

	section("retention")
	tally := func(t Tally) string {
		p, ok := t.Percent()
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%d/%d %.1f%%", t.Pass, t.Fail, p)
	}
	row("period", "from", "to", "young", "mature", "total")
	for _, r := range s.Retention {
		row(r.Period, r.From, r.To, tally(r.Young), tally(r.Mature), tally(r.Total()))
	}

	section("forecast")
	fmt.Fprintf(&b, "overdue %d, later %d, daily load %.2f, next 7 days %d, next 30 days %d\n",
		s.Forecast.Overdue, s.Forecast.Later, s.Forecast.DailyLoad, s.Forecast.Days(7), s.Forecast.Days(30))
	for i, n := range s.Forecast.Due {
		row(fmt.Sprintf("+%d", i), s.Today+Day(i), n)
	}

	section("activity")
	a := s.Activity
	days, reviews, ms := a.Between(s.Today-364, s.Today)
	fmt.Fprintf(&b, "streak %d, longest %d, days studied %d, last 365 days: %d days, %d answers, %d s\n",
		a.Streak, a.Longest, len(a.Days), days, reviews, ms/1000)
	for _, d := range a.Days {
		row(d.Day, d.Day.Time().Weekday().String()[:3], d.Reviews, fmt.Sprintf("%d s", d.Millis/1000))
	}

	section("grades")
	row("grade", "learning", "young", "mature", "drill", "total")
	for q, g := range s.Grades {
		row(q, g.Learning, g.Young, g.Mature, g.Drill, g.Total())
	}

	for _, d := range []struct {
		name string
		dist Distribution
		f    func(int) string
	}{
		{"ease", s.Ease, func(v int) string { return Ease(v).String() }},
		{"intervals", s.Intervals, func(v int) string { return fmt.Sprint(v) }},
	} {
		section(d.name)
		fmt.Fprintf(&b, "cards %d, median %.2f, mean %.2f, min %s, max %s\n", d.dist.Cards, d.dist.Median, d.dist.Mean, d.f(d.dist.Min), d.f(d.dist.Max))
		for _, bk := range d.dist.Buckets {
			to := "+"
			if bk.To != 0 {
				to = d.f(bk.To)
			}
			row(d.f(bk.From), to, bk.Cards)
		}
	}

	section("hardest")
	fmt.Fprintf(&b, "leech threshold %d\n", s.Hardest.LeechThreshold)
	for _, l := range []struct {
		name  string
		cards []HardCard
	}{{"lowest ease", s.Hardest.LowestEase}, {"most lapses", s.Hardest.MostLapses}, {"leeches", s.Hardest.Leeches}} {
		for _, c := range l.cards {
			row(l.name, c.Group, c.Card, c.Ease, c.Interval, c.Lapses, c.Answers, c.Suspended)
		}
	}
	tw.Flush()
	return b.String()
}
