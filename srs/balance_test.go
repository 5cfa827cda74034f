package srs

import (
	"fmt"
	"math/rand"
	"testing"
	"time"
)

// loads is a due count per day, as a session would keep it; days not in
// the map have none.
type loads map[Day]int

func (l loads) due(d Day) int { return l[d] }

func TestBalanceWindow(t *testing.T) {
	tests := []struct {
		name           string
		interval, max  int
		wantLo, wantHi int
	}{
		{name: "first interval stays", interval: 1, max: 0, wantLo: 1, wantHi: 1},
		{name: "two days stays", interval: 2, max: 0, wantLo: 2, wantHi: 2},
		{name: "shortest moved", interval: 3, max: 0, wantLo: 2, wantHi: 4},
		{name: "second interval", interval: 6, max: 0, wantLo: 5, wantHi: 7},
		{name: "under 40 days: one day", interval: 39, max: 0, wantLo: 38, wantHi: 40},
		{name: "40 days: two", interval: 40, max: 0, wantLo: 38, wantHi: 42},
		{name: "5% rounded down", interval: 131, max: 0, wantLo: 125, wantHi: 137},
		{name: "capped", interval: 360, max: 365, wantLo: 342, wantHi: 365},
		{name: "at the cap", interval: 365, max: 365, wantLo: 347, wantHi: 365},
		{name: "default cap", interval: DefaultMaxInterval, max: 0, wantLo: DefaultMaxInterval - 1825, wantHi: DefaultMaxInterval},
		{name: "above the cap is left alone", interval: 400, max: 365, wantLo: 400, wantHi: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := BalanceWindow(tt.interval, tt.max)
			if lo != tt.wantLo || hi != tt.wantHi {
				t.Errorf("BalanceWindow(%d, %d) = %d, %d; want %d, %d", tt.interval, tt.max, lo, hi, tt.wantLo, tt.wantHi)
			}
		})
	}
}

func TestBalance(t *testing.T) {
	const from = Day(20000)
	tests := []struct {
		name     string
		interval int
		max      int
		load     loads // by days from the answer
		want     int
	}{
		{name: "no load", interval: 16, want: 16},
		{name: "the computed day is the lightest", interval: 16, load: loads{15: 3, 16: 1, 17: 2}, want: 16},
		{name: "a day later is lighter", interval: 16, load: loads{15: 3, 16: 5, 17: 1}, want: 17},
		{name: "a day earlier is lighter", interval: 16, load: loads{15: 0, 16: 5, 17: 1}, want: 15},
		{name: "tie between the two sides: the earlier", interval: 16, load: loads{15: 2, 16: 5, 17: 2}, want: 15},
		{name: "tie with the computed day: unchanged", interval: 16, load: loads{15: 5, 16: 5, 17: 5}, want: 16},
		{name: "tie: the closer wins over the earlier", interval: 100, load: loads{95: 1, 96: 4, 97: 4, 98: 4, 99: 4, 100: 9, 101: 1, 102: 4, 103: 4, 104: 4, 105: 4}, want: 101},
		{name: "the lightest anywhere in the window", interval: 100, load: loads{95: 8, 96: 8, 97: 8, 98: 8, 99: 8, 100: 8, 101: 8, 102: 8, 103: 8, 104: 8, 105: 7}, want: 105},
		{name: "outside the window does not count", interval: 100, load: loads{94: 0, 100: 3, 106: 0, 95: 3, 96: 3, 97: 3, 98: 3, 99: 3, 101: 3, 102: 3, 103: 3, 104: 3, 105: 3}, want: 100},
		{name: "short intervals stay", interval: 2, load: loads{1: 0, 2: 9, 3: 0}, want: 2},
		{name: "never past the cap", interval: 365, max: 365, load: flat(347, 365, 9, loads{366: 0, 364: 8}), want: 364},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			due := func(d Day) int { return tt.load[d-from] }
			if got := Balance(tt.interval, due, from, tt.max); got != tt.want {
				t.Errorf("Balance(%d) = %d, want %d", tt.interval, got, tt.want)
			}
		})
	}
}

// TestBalanceProperties checks, on random loads, what Balance promises.
func TestBalanceProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	const from = Day(20500)
	type input struct {
		interval, max int
		load          loads
	}
	random := func() input {
		maxIv := []int{0, 30, 365, 1000, DefaultMaxInterval}[rng.Intn(5)]
		limit := maxIv
		if limit == 0 {
			limit = DefaultMaxInterval
		}
		interval := 1 + rng.Intn(min(limit, 3000))
		if rng.Intn(10) == 0 {
			interval = limit
		}
		load := loads{}
		for d := max(1, interval-interval/10-2); d <= interval+interval/10+2; d++ {
			if rng.Intn(4) > 0 {
				load[from+Day(d)] = rng.Intn(6)
			}
		}
		return input{interval, maxIv, load}
	}
	within := func(in input, got int) error {
		limit := in.max
		if limit == 0 {
			limit = DefaultMaxInterval
		}
		move := got - in.interval
		if move < 0 {
			move = -move
		}
		switch {
		case got > limit:
			return fmt.Errorf("%d is past the cap %d", got, limit)
		case in.interval < MinBalanceInterval && move != 0:
			return fmt.Errorf("%d moved an interval under %d days", got, MinBalanceInterval)
		case move > 1 && move*20 > in.interval:
			return fmt.Errorf("%d is more than 5%% (and more than a day) from %d", got, in.interval)
		}
		return nil
	}

	t.Run("stays in the window and under the cap", func(t *testing.T) {
		for range 5000 {
			in := random()
			got := Balance(in.interval, in.load.due, from, in.max)
			if err := within(in, got); err != nil {
				t.Fatalf("Balance(%d, max %d): %v", in.interval, in.max, err)
			}
			lo, hi := BalanceWindow(in.interval, in.max)
			if got < lo || got > hi {
				t.Fatalf("Balance(%d, max %d) = %d, outside its window %d-%d", in.interval, in.max, got, lo, hi)
			}
		}
	})
	t.Run("the window is at least a day each way when the interval allows", func(t *testing.T) {
		for interval := MinBalanceInterval; interval <= DefaultMaxInterval; interval++ {
			lo, hi := BalanceWindow(interval, 0)
			if lo > interval-1 || (interval < DefaultMaxInterval && hi < interval+1) {
				t.Fatalf("BalanceWindow(%d) = %d-%d", interval, lo, hi)
			}
		}
	})
	t.Run("a flat load leaves the interval unchanged", func(t *testing.T) {
		for range 2000 {
			in := random()
			n := rng.Intn(50)
			if got := Balance(in.interval, func(Day) int { return n }, from, in.max); got != in.interval {
				t.Fatalf("Balance(%d, flat %d) = %d", in.interval, n, got)
			}
			if got := Balance(in.interval, nil, from, in.max); got != in.interval {
				t.Fatalf("Balance(%d, nil) = %d", in.interval, got)
			}
		}
	})
	t.Run("picks the lightest day, the closest of those, then the earlier", func(t *testing.T) {
		for range 5000 {
			in := random()
			got := Balance(in.interval, in.load.due, from, in.max)
			lo, hi := BalanceWindow(in.interval, in.max)
			for i := lo; i <= hi; i++ {
				n, best := in.load.due(from+Day(i)), in.load.due(from+Day(got))
				di, dg := abs(i-in.interval), abs(got-in.interval)
				if n < best || n == best && (di < dg || di == dg && i < got) {
					t.Fatalf("Balance(%d) = %d (load %d), but %d has load %d", in.interval, got, best, i, n)
				}
			}
		}
	})
	t.Run("asks only about days in the window", func(t *testing.T) {
		for range 2000 {
			in := random()
			lo, hi := BalanceWindow(in.interval, in.max)
			Balance(in.interval, func(d Day) int {
				if i := int(d - from); i < lo || i > hi {
					t.Fatalf("Balance(%d) asked about day +%d, outside %d-%d", in.interval, i, lo, hi)
				}
				return in.load.due(d)
			}, from, in.max)
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		for range 2000 {
			in := random()
			a := Balance(in.interval, in.load.due, from, in.max)
			b := Balance(in.interval, in.load.due, from, in.max)
			if a != b {
				t.Fatalf("Balance(%d) = %d, then %d", in.interval, a, b)
			}
		}
	})
	t.Run("spreads a clump", func(t *testing.T) {
		// Forty cards learned together, all given 16 days: balanced one by
		// one against the load so far, they spread over the window.
		load := loads{}
		for range 40 {
			load[from+Day(Balance(16, load.due, from, 0))]++
		}
		if want := (loads{from + 15: 13, from + 16: 14, from + 17: 13}); fmt.Sprint(load) != fmt.Sprint(want) {
			t.Errorf("load after 40 balanced cards = %v, want %v", load, want)
		}
	})
}

// flat returns the load n on days lo to hi, and the days of except.
func flat(lo, hi Day, n int, except loads) loads {
	l := loads{}
	for d := lo; d <= hi; d++ {
		l[d] = n
	}
	for d, m := range except {
		l[d] = m
	}
	return l
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Cards due in 16 days: a busy day 16, a lighter day 17.
func ExampleBalance() {
	answered := DateDay(2026, 11, 25)
	due := map[Day]int{answered + 15: 12, answered + 16: 30, answered + 17: 4}
	interval := Balance(16, func(d Day) int { return due[d] }, answered, DefaultMaxInterval)
	fmt.Println(interval, answered+Day(interval))
	// Output: 17 2026-12-12
}

// TestReplayKeepsABalancedDueDay: a scheduling answer whose due day load
// balancing moved within the window replays to that day; one outside the
// window, or whose written schedule is not SM-2's here, replays to SM-2's.
func TestReplayKeepsABalancedDueDay(t *testing.T) {
	d0 := DateDay(2026, 9, 1)
	at := func(day Day) time.Time { return day.Time().Add(9 * time.Hour) }
	// Three answers of 5: intervals 1, 6, then 6 x 2.70 = 16 (window 15-17).
	base := []Record{
		{Time: at(d0), Day: d0, Event: Answer, Card: "d/c", Grade: 5},
		{Time: at(d0 + 1), Day: d0 + 1, Event: Answer, Card: "d/c", Grade: 5},
	}
	third := Record{Time: at(d0 + 7), Day: d0 + 7, Event: Answer, Card: "d/c", Grade: 5}
	plain := Replay(Records(append(base, third)), Params{})["d/c"]
	if plain.Interval != 16 {
		t.Fatalf("SM-2's third interval is %d, want 16", plain.Interval)
	}
	tests := []struct {
		name     string
		due      Day
		schedule Schedule
		want     Day
	}{
		{"moved a day later", d0 + 7 + 17, plain.Schedule, d0 + 7 + 17},
		{"moved a day earlier", d0 + 7 + 15, plain.Schedule, d0 + 7 + 15},
		{"outside the window", d0 + 7 + 19, plain.Schedule, d0 + 7 + 16},
		{"another schedule", d0 + 7 + 17, Schedule{Repetitions: 3, Interval: 17, Ease: 280}, d0 + 7 + 16},
		{"no due written", 0, Schedule{}, d0 + 7 + 16},
	}
	for _, tt := range tests {
		r := third
		r.Due, r.Schedule = tt.due, tt.schedule
		if st := Replay(Records(append(append([]Record(nil), base...), r)), Params{})["d/c"]; st.Due != tt.want {
			t.Errorf("%s: due %s, want %s", tt.name, st.Due, tt.want)
		}
	}
}
