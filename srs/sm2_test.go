package srs

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// after is the state after one answer: (repetitions, interval, E-Factor in hundredths).
type after struct{ n, i, ef int }

func run(grades []Grade, maxInterval int) []after {
	s := NewSchedule()
	var out []after
	for _, q := range grades {
		s = s.Next(q, maxInterval)
		out = append(out, after{s.Repetitions, s.Interval, int(s.Ease)})
	}
	return out
}

func grades(digits string) []Grade {
	var gs []Grade
	for _, c := range digits {
		gs = append(gs, Grade(c-'0'))
	}
	return gs
}

// TestNextWorkedExamples checks the worked examples of shared/SM2.md.
func TestNextWorkedExamples(t *testing.T) {
	tests := []struct {
		grades string
		want   []after
	}{
		{"55555", []after{{1, 1, 260}, {2, 6, 270}, {3, 16, 280}, {4, 45, 290}, {5, 131, 300}}},
		{"444444", []after{{1, 1, 250}, {2, 6, 250}, {3, 15, 250}, {4, 38, 250}, {5, 95, 250}, {6, 238, 250}}},
		{"33333", []after{{1, 1, 236}, {2, 6, 222}, {3, 13, 208}, {4, 27, 194}, {5, 52, 180}}},
		{"5551444", []after{{1, 1, 260}, {2, 6, 270}, {3, 16, 280}, {0, 1, 226}, {1, 1, 226}, {2, 6, 226}, {3, 14, 226}}},
		{"0034", []after{{0, 1, 170}, {0, 1, 130}, {1, 1, 130}, {2, 6, 130}}},
		{"44444444444444", []after{
			{1, 1, 250}, {2, 6, 250}, {3, 15, 250}, {4, 38, 250}, {5, 95, 250}, {6, 238, 250}, {7, 595, 250},
			{8, 1488, 250}, {9, 3720, 250}, {10, 9300, 250}, {11, 23250, 250}, {12, 36500, 250}, {13, 36500, 250}, {14, 36500, 250},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.grades, func(t *testing.T) {
			got := run(grades(tt.grades), 0)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(after{})); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestNextTable(t *testing.T) {
	tests := []struct {
		name string
		from Schedule
		q    Grade
		max  int
		want Schedule
	}{
		{"fail after a long interval resets to one day", Schedule{7, 400, 250}, Wrong, 0, Schedule{0, 1, 196}},
		{"blackout at the floor stays at the floor", Schedule{3, 10, 130}, Blackout, 0, Schedule{0, 1, 130}},
		{"grade 2 lowers ease by 0.32", Schedule{2, 6, 250}, WrongEasy, 0, Schedule{0, 1, 218}},
		{"grade 3 still passes", Schedule{2, 6, 250}, Hard, 0, Schedule{3, 15, 236}},
		{"half rounds up: 5 x 2.5 = 12.5 -> 13", Schedule{2, 5, 250}, Hesitant, 0, Schedule{3, 13, 250}},
		{"just under half rounds down: 7 x 1.3 = 9.1 -> 9", Schedule{2, 7, 130}, Hard, 0, Schedule{3, 9, 130}},
		{"float trap 140 x 3.0 = 420 exactly", Schedule{5, 140, 300}, Perfect, 0, Schedule{6, 420, 310}},
		{"ease from before the answer is used", Schedule{2, 10, 130}, Perfect, 0, Schedule{3, 13, 140}},
		{"cap at a configured maximum", Schedule{4, 100, 250}, Perfect, 180, Schedule{5, 180, 260}},
		{"default cap", Schedule{9, 30000, 300}, Perfect, 0, Schedule{10, 36500, 310}},
		{"ease rises without bound", Schedule{2, 6, 500}, Perfect, 0, Schedule{3, 30, 510}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.Next(tt.q, tt.max); got != tt.want {
				t.Errorf("%+v.Next(%d) = %+v, want %+v", tt.from, tt.q, got, tt.want)
			}
		})
	}
}

func TestNextProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 2000; trial++ {
		s := NewSchedule()
		for step := 0; step < 60; step++ {
			q := Grade(rng.Intn(6))
			next := s.Next(q, 0)
			if next.Ease < MinEase {
				t.Fatalf("ease %v below the 1.3 floor after %+v graded %d", next.Ease, s, q)
			}
			if next.Ease%2 != 0 {
				t.Fatalf("ease %v is not a multiple of 0.02", next.Ease)
			}
			if !q.Passed() && (next.Repetitions != 0 || next.Interval != 1) {
				t.Fatalf("grade %d did not reset: %+v", q, next)
			}
			if q.Passed() && next.Repetitions != s.Repetitions+1 {
				t.Fatalf("grade %d did not count a repetition: %+v -> %+v", q, s, next)
			}
			if q.Passed() && s.Repetitions >= 1 && next.Interval < s.Interval && next.Interval != DefaultMaxInterval {
				t.Fatalf("interval shrank on a pass: %+v -> %+v", s, next)
			}
			if next.Interval < 1 || next.Interval > DefaultMaxInterval {
				t.Fatalf("interval %d out of range", next.Interval)
			}
			if again := s.Next(q, 0); again != next {
				t.Fatalf("not deterministic: %+v then %+v", next, again)
			}
			s = next
		}
	}
}

func TestEaseDeltas(t *testing.T) {
	want := map[Grade]Ease{Perfect: 10, Hesitant: 0, Hard: -14, WrongEasy: -32, Wrong: -54, Blackout: -80}
	for q, d := range want {
		if got := easeDelta(q); got != d {
			t.Errorf("easeDelta(%d) = %d, want %d", q, got, d)
		}
	}
}

func TestParseGrade(t *testing.T) {
	for _, tt := range []struct {
		in      string
		want    Grade
		wantErr bool
	}{
		{"0", Blackout, false}, {"5", Perfect, false}, {" 3 ", Hard, false},
		{"6", 0, true}, {"-1", 0, true}, {"", 0, true}, {"05", 0, true}, {"x", 0, true}, {"+4", 0, true},
	} {
		got, err := ParseGrade(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseGrade(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestEaseText(t *testing.T) {
	for _, e := range []Ease{130, 236, 250, 260, 1000, 2998} {
		got, err := ParseEase(e.String())
		if err != nil || got != e {
			t.Errorf("ParseEase(%q) = %v, %v", e.String(), got, err)
		}
	}
	if got, err := ParseEase("2.5"); err != nil || got != 250 {
		t.Errorf("ParseEase(2.5) = %v, %v", got, err)
	}
	for _, bad := range []string{"", "2.505", "x", "-1.3", "2.-5", ".5", "2.+5"} {
		if _, err := ParseEase(bad); err == nil {
			t.Errorf("ParseEase(%q) took it", bad)
		}
	}
}

func ExampleSchedule_Next() {
	s := NewSchedule()
	for _, q := range []Grade{Perfect, Hesitant, Hard} {
		s = s.Next(q, DefaultMaxInterval)
		fmt.Println(s.Repetitions, s.Interval, s.Ease)
	}
	// Output:
	// 1 1 2.60
	// 2 6 2.60
	// 3 16 2.46
}
