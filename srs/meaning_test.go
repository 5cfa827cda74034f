package srs

import "testing"

// TestPercent: every percentage is rounded half up on the exact fraction,
// never on a binary float (73 of 80 is 91.25%: 91.3, where %.1f of the
// float gives 91.2).
func TestPercent(t *testing.T) {
	tests := []struct {
		part, whole int
		want        float64
		ok          bool
	}{
		{73, 80, 91.3, true},
		{1, 8, 12.5, true},
		{1, 3, 33.3, true},
		{2, 3, 66.7, true},
		{1, 16, 6.3, true}, // 6.25
		{0, 5, 0, true},
		{5, 5, 100, true},
		{0, 0, 0, false},
	}
	for _, tt := range tests {
		got, ok := Percent(tt.part, tt.whole)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Percent(%d, %d) = %v, %v; want %v, %v", tt.part, tt.whole, got, ok, tt.want, tt.ok)
		}
	}
	if p, _ := (Tally{Pass: 73, Fail: 7}).Percent(); p != 91.3 {
		t.Errorf("Tally{73, 7}.Percent() = %v, want 91.3", p)
	}
}

func TestMinutes(t *testing.T) {
	tests := []struct {
		ms   int64
		want float64
	}{
		{0, 0}, {2999, 0}, {3000, 0.1}, {15000, 0.3}, {90000, 1.5}, {93000, 1.6}, {-15000, -0.3},
	}
	for _, tt := range tests {
		if got := Minutes(tt.ms); got != tt.want {
			t.Errorf("Minutes(%d) = %v, want %v", tt.ms, got, tt.want)
		}
	}
}

// TestReviewDay: the one meaning of due today and due tomorrow.
func TestReviewDay(t *testing.T) {
	today := DateDay(2026, 12, 3)
	answered := func(due Day) CardState {
		st := NewCardState()
		st.Answers, st.Due, st.Interval, st.LastDay = 1, due, 1, due-1
		return st
	}
	buried := answered(today)
	buried.Buried, buried.BuriedOn = true, today
	buriedLater := answered(today + 3)
	buriedLater.Buried, buriedLater.BuriedOn = true, today
	suspended := answered(today)
	suspended.Suspended = true
	tests := []struct {
		name string
		st   CardState
		day  Day
		ok   bool
	}{
		{"new", NewCardState(), 0, false},
		{"due today", answered(today), today, true},
		{"overdue", answered(today - 2), today - 2, true},
		{"due today and buried: owed tomorrow", buried, today + 1, true},
		{"buried, due later: unchanged", buriedLater, today + 3, true},
		{"suspended", suspended, 0, false},
	}
	for _, tt := range tests {
		day, ok := tt.st.ReviewDay(today)
		if ok != tt.ok || (ok && day != tt.day) {
			t.Errorf("%s: ReviewDay = %s, %v; want %s, %v", tt.name, day, ok, tt.day, tt.ok)
		}
	}
}

func TestStreak(t *testing.T) {
	today := DateDay(2026, 12, 3)
	days := map[Day]bool{today - 1: true, today - 2: true, today - 4: true}
	if got := Streak(func(d Day) bool { return days[d] }, today); got != 2 {
		t.Errorf("streak before today's first answer = %d, want 2", got)
	}
	days[today] = true
	if got := Streak(func(d Day) bool { return days[d] }, today); got != 3 {
		t.Errorf("streak with an answer today = %d, want 3", got)
	}
	if got := Streak(func(d Day) bool { return d == today-3 }, today); got != 0 {
		t.Errorf("streak after a gap = %d, want 0", got)
	}
}
