package srs

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fsrsTolerance compares floats to 1e-9 relative: the worked values below
// are exact to the 8 decimals ts-fsrs keeps, so only a real change fails.
var fsrsTolerance = cmpopts.EquateApprox(1e-9, 0)

// fsrsStep is one answer of a review history: the days since the previous
// answer and the rating.
type fsrsStep struct {
	elapsed float64
	rating  Rating
}

// fsrsAfter is what one answer gives: the retrievability just before it,
// the four candidate intervals offered, and the memory after it.
type fsrsAfter struct {
	R         float64
	Intervals [4]int
	Memory    Memory
}

func replayFSRS(w *Weights, steps []fsrsStep) []fsrsAfter {
	var m Memory
	var out []fsrsAfter
	for _, s := range steps {
		a := fsrsAfter{R: w.Retrievability(s.elapsed, m.Stability), Intervals: w.NextIntervals(m, s.elapsed, 0.9, 0)}
		m = w.Next(m, s.elapsed, s.rating)
		a.Memory = m
		out = append(out, a)
	}
	return out
}

func TestRatingOf(t *testing.T) {
	tests := []struct {
		grade Grade
		want  Rating
	}{
		{Blackout, RateAgain},
		{Wrong, RateAgain},
		{WrongEasy, RateAgain},
		{Hard, RateHard},
		{Hesitant, RateGood},
		{Perfect, RateEasy},
		{-1, 0},
		{6, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(int(tt.grade)), func(t *testing.T) {
			if got := RatingOf(tt.grade); got != tt.want {
				t.Errorf("RatingOf(%d) = %v, want %v", tt.grade, got, tt.want)
			}
		})
	}
}

func TestRatingString(t *testing.T) {
	tests := []struct {
		rating Rating
		want   string
		valid  bool
	}{
		{RateAgain, "again", true},
		{RateHard, "hard", true},
		{RateGood, "good", true},
		{RateEasy, "easy", true},
		{0, "rating(0)", false},
		{5, "rating(5)", false},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.rating.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			if got := tt.rating.Valid(); got != tt.valid {
				t.Errorf("Valid() = %v, want %v", got, tt.valid)
			}
		})
	}
}

func TestWeightsValid(t *testing.T) {
	if err := DefaultWeights.Valid(); err != nil {
		t.Fatalf("DefaultWeights.Valid() = %v", err)
	}
	// fsrs-rs clip_fsrs6_parameters (src/parameter_clipper_v6.rs), long-term.
	bounds := [21][2]float64{
		{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100}, {1, 10}, {0.001, 4}, {0.001, 4},
		{0.001, 0.75}, {0, 4.5}, {0, 0.8}, {0.001, 3.5}, {0.001, 5}, {0.001, 0.25}, {0.001, 0.9},
		{0, 4}, {0, 1}, {1, 6}, {0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8},
	}
	for i, b := range bounds {
		tests := []struct {
			name  string
			value float64
			ok    bool
		}{
			{"low", b[0], true},
			{"high", b[1], true},
			{"below", b[0] - 1e-9, false},
			{"above", b[1] + 1e-9, false},
			{"NaN", math.NaN(), false},
		}
		for _, tt := range tests {
			t.Run(fmt.Sprintf("w%d %s", i, tt.name), func(t *testing.T) {
				w := DefaultWeights
				w[i] = tt.value
				err := w.Valid()
				if tt.ok {
					if err != nil {
						t.Errorf("Valid() = %v, want nil", err)
					}
					return
				}
				if err == nil {
					t.Fatalf("Valid() = nil, want an error")
				}
				want := fmt.Sprintf("w[%d] = %v is outside its bounds [%v, %v]", i, tt.value, b[0], b[1])
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Valid() = %q, want it to contain %q", err, want)
				}
			})
		}
	}
}

// TestFSRSFirstAnswer checks the first answer with the default weights:
// S0 = w[G-1], and D0 = w[4] - e^((G-1)·w[5]) + 1 clamped to [1, 10]:
//
//	Again: 6.4133 - e^0 + 1                      = 6.4133
//	Hard:  6.4133 - e^0.8334 + 1 = 7.4133 - 2.30112929 = 5.11217071
//	Good:  6.4133 - e^1.6668 + 1 = 7.4133 - 5.29519603 = 2.11810397
//	Easy:  6.4133 - e^2.5002 + 1 = -4.7716307, clamped to 1
//
// The D0 values are also those of ts-fsrs __tests__/FSRS-6.test.ts ("first
// repeat").
func TestFSRSFirstAnswer(t *testing.T) {
	tests := []struct {
		rating Rating
		want   Memory
	}{
		{RateAgain, Memory{0.212, 6.4133}},
		{RateHard, Memory{1.2931, 5.11217071}},
		{RateGood, Memory{2.3065, 2.11810397}},
		{RateEasy, Memory{8.2956, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.rating.String(), func(t *testing.T) {
			got := DefaultWeights.Next(Memory{}, 0, tt.rating)
			if diff := cmp.Diff(tt.want, got, fsrsTolerance); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if got.Stability != DefaultWeights[tt.rating-1] {
				t.Errorf("S0 = %v, want w[%d] = %v exactly", got.Stability, tt.rating-1, DefaultWeights[tt.rating-1])
			}
		})
	}
}

// TestFSRSWorkedExample follows one card with the default weights and a
// desired retention of 0.9, with values worked out from the formulas
// (every step rounded to 8 decimals, as ts-fsrs does). With decay -0.1542
// the factor is 0.9^(-1/0.1542) - 1 = 0.98034649, and the interval
// multiplier (0.9^(-1/0.1542) - 1)/factor rounds to exactly 1, so each
// interval is the stability rounded half up (at least 1 day).
//
// Good on day 0 (new): S = w[2] = 2.3065, D = 2.11810397. Candidates
// round(0.212, 1.2931, 2.3065, 8.2956) = 0→1, 1, 2, 8; bumped to be
// increasing: again min(1, 1) = 1, hard max(1, 2) = 2, good max(2, 3) = 3,
// easy 8.
//
// Good after 3 days:
//
//	R  = (1 + 0.98034649·3/2.3065)^-0.1542 = 2.27510924^-0.1542 = 0.88094796
//	ΔS = e^1.8722 · (11 - 2.11810397) · 2.3065^-0.1666 · (e^((1-R)·0.796) - 1)
//	   = 6.50258636 · 8.88189603 · 0.87002544 · 0.09940093 = 4.99475537
//	S  = 2.3065 · (1 + 4.99475537) = 13.82690327
//	D  = 0.001·(-4.7716307) + 0.999·(2.11810397 + 0) = 2.11121424
//
// Again after 12 days: R = 0.90943689; the lapse stability
// 1.4835 · 2.11121424^-0.0614 · (14.82690327^0.2629 - 1) · e^((1-R)·1.6483)
// = 1.69731698 is below the previous 13.82690327, so S = 1.69731698; D steps
// by 2·3.0194·(10 - 2.11121424)/9 = 5.29319994 to 7.40441418 and reverts to
// 7.39223814.
//
// Good after 5 days: R = 0.81108322, S = 7.61368641, D = 7.38007427.
func TestFSRSWorkedExample(t *testing.T) {
	got := replayFSRS(&DefaultWeights, []fsrsStep{{0, RateGood}, {3, RateGood}, {12, RateAgain}, {5, RateGood}})
	want := []fsrsAfter{
		{0, [4]int{1, 2, 3, 8}, Memory{2.3065, 2.11810397}},
		{0.88094796, [4]int{1, 9, 14, 24}, Memory{13.82690327, 2.11121424}},
		{0.90943689, [4]int{2, 37, 52, 86}, Memory{1.69731698, 7.39223814}},
		{0.81108322, [4]int{1, 5, 8, 13}, Memory{7.61368641, 7.38007427}},
	}
	if diff := cmp.Diff(want, got, fsrsTolerance); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestFSRSLongTermSchedulerVectors replays ts-fsrs's long-term scheduler
// tests (__tests__/impl/long-term_scheduler.test.ts, test1 to test5): FSRS-5
// weights, which ts-fsrs extends to FSRS-6 with w[19] = 0 and decay 0.5;
// each card is answered on the day it is due, so the elapsed days are the
// interval just scheduled. ts-fsrs compares these with toEqual, exactly.
func TestFSRSLongTermSchedulerVectors(t *testing.T) {
	w := Weights{
		0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597,
		0.1712, 1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891,
		0.6468, 0, 0.5,
	}
	if err := w.Valid(); err != nil {
		t.Fatal(err)
	}
	type history struct {
		Intervals []int
		S, D      []float64
	}
	A, H, G, E := RateAgain, RateHard, RateGood, RateEasy
	tests := []struct {
		name    string
		ratings []Rating
		want    history
	}{
		{"test1", []Rating{G, G, G, G, G, G, A, A, G, G, G, G, G}, history{
			[]int{3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773},
			[]float64{3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739, 1158.07779739, 16.63063166, 3.01732209, 11.42247264, 37.37521902, 111.8752758, 306.5974569, 772.94026648},
			[]float64{4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891, 4.69833071, 5.55956298, 5.26323756, 4.98688448, 4.72915759, 4.4888015, 4.26464541},
		}},
		{"test2", []Rating{A, H, G, E, A, H, G, E}, history{
			[]int{1, 2, 6, 41, 4, 7, 21, 133},
			[]float64{0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292, 20.88868155, 132.81849454},
			[]float64{7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078, 6.10293922, 5.36588547},
		}},
		{"test3", []Rating{H, G, E, A, H, G, E, A}, history{
			[]int{2, 7, 54, 5, 8, 26, 171, 8},
			[]float64{1.1869, 6.59167572, 53.76078737, 5.0853693, 8.09786749, 25.52991279, 171.16195166, 8.11072373},
			[]float64{6.23225985, 5.89059466, 5.14583392, 5.884097, 5.99269555, 5.667177, 4.91430736, 5.71619151},
		}},
		{"test4", []Rating{G, E, A, H, G, E, A, H}, history{
			[]int{3, 33, 4, 7, 26, 193, 9, 14},
			[]float64{3.0412, 32.65484522, 4.22256838, 7.2325009, 25.52681746, 193.36618775, 8.63899847, 14.31323867},
			[]float64{4.49094334, 3.69538259, 4.83221448, 5.12078462, 4.85403286, 4.07165035, 5.1050878, 5.34697075},
		}},
		{"test5", []Rating{E, A, H, G, E, A, H, G}, history{
			[]int{15, 3, 6, 27, 240, 10, 17, 60},
			[]float64{15.2441, 3.25621013, 6.32684549, 26.56339029, 239.70462771, 9.75621519, 17.06035531, 59.59547542},
			[]float64{1.16304343, 2.99573557, 3.59851762, 3.43436666, 2.60045771, 4.03816348, 4.46259158, 4.24020203},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got history
			var m Memory
			elapsed := 0.0
			for _, r := range tt.ratings {
				ivl := w.NextIntervals(m, elapsed, 0.9, 36500)[r-1]
				m = w.Next(m, elapsed, r)
				got.Intervals = append(got.Intervals, ivl)
				got.S = append(got.S, m.Stability)
				got.D = append(got.D, m.Difficulty)
				elapsed = float64(ivl)
			}
			if diff := cmp.Diff(tt.want, got, fsrsTolerance); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestFSRSMemoryStateVector is the long-term memory state of ts-fsrs
// __tests__/FSRS-6.test.ts ("memory state[long-term]"), taken from fsrs-rs
// src/inference.rs test_memory_state with w[17..19] frozen at 0. Both
// compare to about 1e-4; the values come from fsrs-rs's f32 arithmetic.
func TestFSRSMemoryStateVector(t *testing.T) {
	steps := []fsrsStep{{0, RateAgain}, {0, RateGood}, {1, RateGood}, {3, RateGood}, {8, RateGood}, {21, RateGood}}
	got := replayFSRS(&DefaultWeights, steps)
	m := got[len(got)-1].Memory
	want := Memory{53.335106, 6.3574867}
	if diff := cmp.Diff(want, m, cmpopts.EquateApprox(0, 1e-4)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestFSRSModelV6Vectors checks the formulas against fsrs-rs src/model_v6.rs
// tests (test_forward, test_next_difficulty, test_next_stability), computed
// there in f32, so compared to 1e-5 relative (f32 rounding differs from
// ours by up to 2e-6 here).
func TestFSRSModelV6Vectors(t *testing.T) {
	f32 := cmpopts.EquateApprox(1e-5, 0)
	w := &DefaultWeights
	t.Run("forward", func(t *testing.T) {
		// Two answers of the same rating, the second 1 or 2 days later.
		tests := []struct {
			rating  Rating
			elapsed float64
			want    Memory
		}{
			{RateAgain, 1, Memory{0.10088589, 8.806304}},
			{RateHard, 1, Memory{3.2494123, 6.7404594}},
			{RateGood, 1, Memory{7.3153, 2.1112142}},
			{RateEasy, 1, Memory{18.014914, 1}},
			{RateAgain, 2, Memory{0.112798266, 8.806304}},
			{RateHard, 2, Memory{4.4694576, 6.7404594}},
		}
		for _, tt := range tests {
			got := w.Next(w.Next(Memory{}, 0, tt.rating), tt.elapsed, tt.rating)
			if diff := cmp.Diff(tt.want, got, f32); diff != "" {
				t.Errorf("%v after %v days (-want +got)\n%s", tt.rating, tt.elapsed, diff)
			}
		}
	})
	t.Run("next difficulty", func(t *testing.T) {
		want := []float64{8.341763, 6.6659956, 4.990228, 3.3144615}
		var got []float64
		for r := RateAgain; r <= RateEasy; r++ {
			got = append(got, w.nextDifficulty(5, r))
		}
		if diff := cmp.Diff(want, got, f32); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	})
	t.Run("next stability", func(t *testing.T) {
		// S = 5, D = 1..4, R = 0.9..0.6, ratings 1..4.
		wantRecall := []float64{25.602541, 28.226582, 58.656002, 127.226685}
		wantForget := []float64{1.0525396, 1.1894329, 1.3680838, 1.584989}
		var recall, forget []float64
		for i := range 4 {
			d, r := float64(i+1), 0.9-0.1*float64(i)
			recall = append(recall, w.recallStability(d, 5, r, Rating(i+1)))
			forget = append(forget, w.forgetStability(d, 5, r))
		}
		if diff := cmp.Diff(wantRecall, recall, f32); diff != "" {
			t.Errorf("recall (-want +got)\n%s", diff)
		}
		if diff := cmp.Diff(wantForget, forget, f32); diff != "" {
			t.Errorf("forget (-want +got)\n%s", diff)
		}
	})
}

// TestRetrievabilityVectors checks the forgetting curve against fsrs-rs:
// src/model_v6.rs test_power_forgetting_curve (default weights, 1e-5 as
// there) and src/inference.rs current_retrievability (decay 0.2, f32).
func TestRetrievabilityVectors(t *testing.T) {
	tests := []struct {
		name       string
		decay      float64
		elapsed, s float64
		want       float64
	}{
		{"default t0 S1", 0.1542, 0, 1, 1},
		{"default t1 S2", 0.1542, 1, 2, 0.9403443},
		{"default t2 S3", 0.1542, 2, 3, 0.9253786},
		{"default t3 S4", 0.1542, 3, 4, 0.9185229},
		{"default t4 S4", 0.1542, 4, 4, 0.9},
		{"default t5 S2", 0.1542, 5, 2, 0.8261359},
		{"decay 0.2 t0", 0.2, 0, 1, 1},
		{"decay 0.2 t1", 0.2, 1, 1, 0.9},
		{"decay 0.2 t2", 0.2, 2, 1, 0.84028935},
		{"decay 0.2 t3", 0.2, 3, 1, 0.7985001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := DefaultWeights
			w[20] = tt.decay
			if got := w.Retrievability(tt.elapsed, tt.s); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("Retrievability(%v, %v) = %v, want %v", tt.elapsed, tt.s, got, tt.want)
			}
		})
	}
	if got := DefaultWeights.Retrievability(5, 0); got != 0 {
		t.Errorf("Retrievability of a card never answered = %v, want 0", got)
	}
}

// TestFSRSIntervalVectors checks Interval: fsrs-rs src/inference.rs
// test_next_interval (S = 1, desired retention 0.2 to 1.0; at 0.1 fsrs-rs's
// f32 gives 3116766 where float64 gives 3116769, so that one is left out),
// then the rounding and the bounds.
func TestFSRSIntervalVectors(t *testing.T) {
	tests := []struct {
		name      string
		s, dr     float64
		max, want int
	}{
		{"fsrs-rs r=0.2", 1, 0.2, 1 << 30, 34793},
		{"fsrs-rs r=0.3", 1, 0.3, 1 << 30, 2508},
		{"fsrs-rs r=0.4", 1, 0.4, 1 << 30, 387},
		{"fsrs-rs r=0.5", 1, 0.5, 1 << 30, 90},
		{"fsrs-rs r=0.6", 1, 0.6, 1 << 30, 27},
		{"fsrs-rs r=0.7", 1, 0.7, 1 << 30, 9},
		{"fsrs-rs r=0.8", 1, 0.8, 1 << 30, 3},
		{"fsrs-rs r=0.9", 1, 0.9, 1 << 30, 1},
		{"fsrs-rs r=1.0", 1, 1, 1 << 30, 1},
		// At 0.9 the multiplier rounds to exactly 1: the interval is S.
		{"half rounds up", 2.5, 0.9, 0, 3},
		{"just under half rounds down", 2.49999999, 0.9, 0, 2},
		{"at least one day", 0.001, 0.9, 0, 1},
		{"capped at the maximum", 400, 0.9, 180, 180},
		{"default maximum", 36500, 0.7, 0, DefaultMaxInterval},
		{"tiny retention hits the maximum", 1, 1e-300, 0, DefaultMaxInterval},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DefaultWeights.Interval(tt.s, tt.dr, tt.max); got != tt.want {
				t.Errorf("Interval(%v, %v, %d) = %d, want %d", tt.s, tt.dr, tt.max, got, tt.want)
			}
		})
	}
}

// TestFSRSNextIntervalsBumps checks ts-fsrs's rule on candidates that tie
// (impl/long_term_scheduler.ts next_interval): a new card's Again and Hard
// both round to 1 day; an Again longer than Hard is cut to Hard; near the maximum Hard, Good and Easy are all capped,
// after which the bump takes Good and Easy past the cap, as in ts-fsrs; on
// the same day Hard, Good and Easy keep S = 10 and are bumped apart.
func TestFSRSNextIntervalsBumps(t *testing.T) {
	// Weights whose Again starts longer than Hard: S0 = 5, 2, 2.3065, 8.2956.
	againFirst := DefaultWeights
	againFirst[0], againFirst[1] = 5, 2
	tests := []struct {
		name    string
		w       *Weights
		m       Memory
		elapsed float64
		max     int
		want    [4]int
	}{
		{"new card", &DefaultWeights, Memory{}, 0, 0, [4]int{1, 2, 3, 8}},
		{"again cut to hard", &againFirst, Memory{}, 0, 0, [4]int{2, 3, 4, 8}},
		{"capped", &DefaultWeights, Memory{Stability: 500, Difficulty: 5}, 500, 100, [4]int{7, 100, 101, 102}},
		{"same day", &DefaultWeights, Memory{Stability: 10, Difficulty: 5}, 0, 0, [4]int{1, 10, 11, 12}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.w.NextIntervals(tt.m, tt.elapsed, 0.9, tt.max); got != tt.want {
				t.Errorf("NextIntervals = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFSRSSameDay checks long-term mode's answer on the day of the previous
// one (ts-fsrs next_state with enable_short_term = false): R is 1, so a
// recall keeps the stability and Again takes the lapse stability.
func TestFSRSSameDay(t *testing.T) {
	m := Memory{Stability: 10, Difficulty: 5}
	for _, r := range []Rating{RateHard, RateGood, RateEasy} {
		if got := DefaultWeights.Next(m, 0, r).Stability; got != 10 {
			t.Errorf("%v on the same day: S = %v, want 10", r, got)
		}
	}
	// 1.4835 · 5^-0.0614 · (11^0.2629 - 1) · e^0 = 1.4835 · 0.90590622 · 0.8783743 = 1.18045765
	if got := DefaultWeights.Next(m, 0, RateAgain).Stability; math.Abs(got-1.18045765) > 1e-9 {
		t.Errorf("Again on the same day: S = %v, want the lapse stability 1.18045765", got)
	}
}

func TestFSRSRound8(t *testing.T) {
	tests := []struct {
		x, want float64
	}{
		{2.3065, 2.3065},
		{0.9803464944134799, 0.98034649},
		{13.826903265509259, 13.82690327},
		{12345.678901234, 12345.67890123},
		// A decimal tie rounds up, as ts-fsrs roundTo (help.ts) does: it
		// rounds the shortest decimal form, not the binary value.
		{0.123456785, 0.12345679},
		// Math.round takes halves towards +Inf.
		{-0.123456785, -0.12345678},
		{0.000001234567891, 0.00000123},
		{4e-9, 0},
		{36500, 36500},
		{0, 0},
	}
	for _, tt := range tests {
		if got := fsrsRound8(tt.x); got != tt.want {
			t.Errorf("fsrsRound8(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// TestFSRSRound8Shortcut checks the binary shortcut against the decimal
// rounding over numbers of every size FSRS computes, and over decimal ties
// and near-ties, where the shortcut must step aside.
func TestFSRSRound8Shortcut(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	check := func(x float64) {
		if got, want := fsrsRound8(x), fsrsRound8Decimal(x); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("fsrsRound8(%v) = %v, the decimal rounding gives %v", x, got, want)
		}
	}
	for i := 0; i < 200000; i++ {
		x := math.Exp(rng.Float64()*math.Log(1e7)-math.Log(1e3)) * float64(1-2*rng.Intn(2)) // 1e-3 to 1e4, either sign
		check(x)
		// A tie at the ninth decimal and its neighbours.
		tie := (math.Floor(x*1e8) + 0.5) / 1e8
		check(tie)
		check(math.Nextafter(tie, math.Inf(1)))
		check(math.Nextafter(tie, math.Inf(-1)))
	}
	for _, x := range []float64{1e5, 123456789.123456785, 1e-9, 5e-9, -5e-9, math.MaxFloat64} {
		check(x)
	}
}

func TestFSRSPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
	}{
		{"rating 0", func() { DefaultWeights.Next(Memory{}, 0, 0) }},
		{"rating 5", func() { DefaultWeights.Next(Memory{}, 0, 5) }},
		{"negative days", func() { DefaultWeights.Next(Memory{2, 5}, -1, RateGood) }},
		{"NaN days", func() { DefaultWeights.Next(Memory{2, 5}, math.NaN(), RateGood) }},
		{"difficulty below 1", func() { DefaultWeights.Next(Memory{2, 0.5}, 1, RateGood) }},
		{"stability below the minimum", func() { DefaultWeights.Next(Memory{0.0001, 5}, 1, RateGood) }},
		{"retention 0", func() { DefaultWeights.Interval(5, 0, 0) }},
		{"retention above 1", func() { DefaultWeights.Interval(5, 1.01, 0) }},
		{"retention NaN", func() { DefaultWeights.Interval(5, math.NaN(), 0) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic")
				}
			}()
			tt.f()
		})
	}
}

// randomFSRSWeights returns weights drawn uniformly within fsrs-rs's bounds.
func randomFSRSWeights(rng *rand.Rand) Weights {
	var w Weights
	for i, b := range weightBounds {
		w[i] = b[0] + rng.Float64()*(b[1]-b[0])
	}
	return w
}

// randomMemory returns a memory state within the bounds, with 8 decimals
// as every state after a review is.
func randomMemory(rng *rand.Rand) Memory {
	return Memory{
		Stability:  fsrsRound8(math.Exp(math.Log(MinStability) + rng.Float64()*(math.Log(MaxStability)-math.Log(MinStability)))),
		Difficulty: fsrsRound8(MinDifficulty + rng.Float64()*(MaxDifficulty-MinDifficulty)),
	}
}

func TestFSRSProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	t.Run("R(S, S) is 0.9", func(t *testing.T) {
		for range 2000 {
			w := randomFSRSWeights(rng)
			s := randomMemory(rng).Stability
			if got := w.Retrievability(s, s); math.Abs(got-0.9) > 1e-8 {
				t.Fatalf("decay %v: R(%v, %v) = %v, want 0.9", w[20], s, s, got)
			}
		}
	})
	t.Run("R falls with time and rises with stability", func(t *testing.T) {
		for range 2000 {
			s := randomMemory(rng).Stability
			t1 := rng.Float64() * 3 * s
			t2 := t1 + s*(0.01+rng.Float64())
			r1, r2 := DefaultWeights.Retrievability(t1, s), DefaultWeights.Retrievability(t2, s)
			if !(r2 < r1) || r1 > 1 || r2 <= 0 {
				t.Fatalf("S %v: R(%v) = %v, R(%v) = %v", s, t1, r1, t2, r2)
			}
			if r3 := DefaultWeights.Retrievability(t2, s*1.1); !(r3 > r2) {
				t.Fatalf("R(%v, %v) = %v is not above R(%v, %v) = %v", t2, s*1.1, r3, t2, s, r2)
			}
		}
	})
	t.Run("Next stays within the bounds", func(t *testing.T) {
		for range 20000 {
			w := randomFSRSWeights(rng)
			m := randomMemory(rng)
			if rng.Intn(10) == 0 {
				m = Memory{}
			}
			elapsed := math.Floor(rng.Float64() * 3 * math.Max(m.Stability, 1))
			r := Rating(1 + rng.Intn(4))
			got := w.Next(m, elapsed, r)
			if !(got.Stability >= MinStability && got.Stability <= MaxStability &&
				got.Difficulty >= MinDifficulty && got.Difficulty <= MaxDifficulty) {
				t.Fatalf("w %v: Next(%+v, %v, %v) = %+v", w, m, elapsed, r, got)
			}
		}
	})
	t.Run("a lapse never raises stability", func(t *testing.T) {
		for range 20000 {
			w := randomFSRSWeights(rng)
			m := randomMemory(rng)
			elapsed := math.Floor(rng.Float64() * 3 * m.Stability)
			if got := w.Next(m, elapsed, RateAgain); got.Stability > m.Stability {
				t.Fatalf("w %v: Again from %+v after %v days gives S %v", w, m, elapsed, got.Stability)
			}
		}
	})
	t.Run("intervals strictly increase", func(t *testing.T) {
		for range 5000 {
			w := randomFSRSWeights(rng)
			m := randomMemory(rng)
			elapsed := math.Floor(rng.Float64() * 3 * m.Stability)
			dr := 0.7 + rng.Float64()*0.29
			got := w.NextIntervals(m, elapsed, dr, 1+rng.Intn(DefaultMaxInterval))
			if !(got[0] >= 1 && got[0] < got[1] && got[1] < got[2] && got[2] < got[3]) {
				t.Fatalf("w %v: NextIntervals(%+v, %v, %v) = %v", w, m, elapsed, dr, got)
			}
		}
	})
	t.Run("Interval is between 1 and the maximum", func(t *testing.T) {
		for range 20000 {
			s := randomMemory(rng).Stability * math.Exp(rng.NormFloat64()*5)
			dr := 1 - rng.Float64() // (0, 1]
			max := 1 + rng.Intn(DefaultMaxInterval)
			if got := DefaultWeights.Interval(s, dr, max); got < 1 || got > max {
				t.Fatalf("Interval(%v, %v, %d) = %d", s, dr, max, got)
			}
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		for range 1000 {
			w := randomFSRSWeights(rng)
			m := randomMemory(rng)
			elapsed := float64(rng.Intn(400))
			r := Rating(1 + rng.Intn(4))
			w2 := w
			if a, b := w.Next(m, elapsed, r), w2.Next(m, elapsed, r); a != b {
				t.Fatalf("Next differs: %+v, %+v", a, b)
			}
			if a, b := w.NextIntervals(m, elapsed, 0.9, 0), w2.NextIntervals(m, elapsed, 0.9, 0); a != b {
				t.Fatalf("NextIntervals differs: %v, %v", a, b)
			}
		}
	})
}

// TestFSRSAnswerOnAnEarlierDay: after a flight west the day can be the one
// before the last answer's. FSRS takes it as the same day (0 days elapsed),
// where it used to panic on the negative gap.
func TestFSRSAnswerOnAnEarlierDay(t *testing.T) {
	p := Params{Model: ModelFSRS}
	c, _ := NewCardState().Apply(Hesitant, 10, p)
	want := DefaultWeights.Next(c.Memory, 0, RateGood)
	c, scheduled := c.Apply(Hesitant, 9, p)
	if !scheduled || c.Memory != want || c.LastDay != 9 || c.Due <= 9 {
		t.Errorf("answer on day 9 after day 10: scheduled %v, memory %+v (want %+v), last day %v, due %v",
			scheduled, c.Memory, want, c.LastDay, c.Due)
	}
}
