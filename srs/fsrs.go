package srs

// FSRS-6 in long-term mode, as the open-spaced-repetition reference
// implementations compute it:
//
//   - ts-fsrs 5.x (packages/fsrs/src/algorithm.ts, impl/long_term_scheduler.ts,
//     help.ts, models/fsrs-6/constants.ts) with enable_short_term = false and
//     enable_fuzz = false;
//   - fsrs-rs (src/model_v6.rs, src/inference_v6.rs, src/inference.rs,
//     src/parameter_clipper_v6.rs, formerly src/parameter_clipper.rs).
//
// Where the two differ, ts-fsrs wins, because it computes in float64 as we
// do (fsrs-rs computes in f32): every intermediate value ts-fsrs rounds to
// 8 decimals is rounded here the same way ([fsrsRound8]), and the
// operations run in ts-fsrs's order, so results match ts-fsrs's to the last
// bit in practice.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"
)

// Rating is FSRS's answer rating: Again, Hard, Good or Easy.
type Rating int

// The four FSRS ratings, numbered 1 to 4 as in ts-fsrs and fsrs-rs. The
// names carry a Rate prefix because [Hard] is already an SM-2 grade.
const (
	RateAgain Rating = iota + 1 // forgotten: a lapse
	RateHard                    // recalled with serious difficulty
	RateGood                    // recalled after a hesitation
	RateEasy                    // recalled perfectly
)

var ratingNames = [...]string{
	RateAgain: "again",
	RateHard:  "hard",
	RateGood:  "good",
	RateEasy:  "easy",
}

// RatingOf maps an SM-2 grade to an FSRS rating: grades 0 to 2 are Again,
// 3 is Hard, 4 is Good and 5 is Easy. A grade outside 0 to 5 gives the
// invalid rating 0.
func RatingOf(g Grade) Rating {
	switch {
	case !g.Valid():
		return 0
	case !g.Passed():
		return RateAgain
	case g == Hard:
		return RateHard
	case g == Hesitant:
		return RateGood
	default:
		return RateEasy
	}
}

// Valid reports whether r is one of the four ratings.
func (r Rating) Valid() bool { return r >= RateAgain && r <= RateEasy }

// String returns the rating's lower-case name, as in "good".
func (r Rating) String() string {
	if !r.Valid() {
		return fmt.Sprintf("rating(%d)", int(r))
	}
	return ratingNames[r]
}

// Weights are FSRS-6's 21 parameters, w[0] to w[20]: the initial stability
// for each rating (0-3), the initial difficulty and its slope (4-5), the
// difficulty step and its mean reversion (6-7), the stability after a
// recall (8-10) and after a lapse (11-14), the hard penalty and easy bonus
// (15-16), the same-day terms (17-19, unused in long-term mode) and the
// decay of the forgetting curve (20).
type Weights [21]float64

// DefaultWeights are the published FSRS-6 defaults: ts-fsrs default_w
// (models/fsrs-6/constants.ts FSRS6_DEFAULT_WEIGHTS) and fsrs-rs
// FSRS6_DEFAULT_PARAMETERS (src/inference_v6.rs), which agree.
var DefaultWeights = Weights{
	0.212, 1.2931, 2.3065, 8.2956, // initial stability: again, hard, good, easy
	6.4133, 0.8334, // initial difficulty
	3.0194, 0.001, // difficulty step, mean reversion
	1.8722, 0.1666, 0.796, // stability after a recall
	1.4835, 0.0614, 0.2629, 1.6483, // stability after a lapse
	0.6014, 1.8729, // hard penalty, easy bonus
	0.5425, 0.0912, 0.0658, // same-day terms
	0.1542, // decay
}

// The bounds of a memory state: stability in days and difficulty, as in
// ts-fsrs (S_MIN, S_MAX in constant.ts; clamp(…, 1, 10) in algorithm.ts)
// and fsrs-rs (S_MIN, S_MAX, D_MIN, D_MAX).
const (
	MinStability  = 0.001
	MaxStability  = 36500.0
	MinDifficulty = 1.0
	MaxDifficulty = 10.0
)

// Memory is a card's FSRS state: its stability (the days it takes for the
// probability of recall to fall to 90%) and its difficulty (1 to 10). The
// zero Memory is a card never answered.
type Memory struct {
	Stability, Difficulty float64
}

// weightBounds are fsrs-rs's parameter bounds (clip_fsrs6_parameters in
// src/parameter_clipper_v6.rs; ts-fsrs FSRS6ParameterBounds agrees) for
// long-term mode (w[19] may be 0) and at most one relearning step (the
// ceiling of w[17] and w[18] stays 2).
var weightBounds = [21][2]float64{
	{MinStability, 100}, {MinStability, 100}, {MinStability, 100}, {MinStability, 100},
	{MinDifficulty, MaxDifficulty}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
	{0, 4.5}, {0, 0.8}, {0.001, 3.5},
	{0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4},
	{0, 1}, {1, 6},
	{0, 2}, {0, 2}, {0, 0.8},
	{0.1, 0.8},
}

// Valid reports the first weight outside fsrs-rs's bounds, naming its index
// and the bounds. NaN is outside every bound. The other methods assume
// valid weights.
func (w *Weights) Valid() error {
	for i, b := range weightBounds {
		if !(w[i] >= b[0] && w[i] <= b[1]) {
			return fmt.Errorf("FSRS weight w[%d] = %v is outside its bounds [%v, %v]", i, w[i], b[0], b[1])
		}
	}
	return nil
}

// derived holds what a set of weights computes at every answer but that
// depends on the weights alone.
type derived struct {
	weights Weights
	// factor makes R(S, S) = 0.9: 0.9^(1/decay) - 1 with decay = -w[20],
	// rounded to 8 decimals (ts-fsrs computeDecayFactor in algorithm.ts;
	// fsrs-rs power_forgetting_curve in model_v6.rs does not round).
	factor float64
	easyD0 float64 // D0(Easy), the target of mean reversion
	expW8  float64 // e^w[8]
}

// lastDerived keeps the last weights' derived values: a replay asks for
// them at every answer, with one or two sets of weights.
var lastDerived atomic.Pointer[derived]

// derive returns the values derived from w.
func (w *Weights) derive() *derived {
	if d := lastDerived.Load(); d != nil && d.weights == *w {
		return d
	}
	d := &derived{
		weights: *w,
		factor:  fsrsRound8(math.Exp(1/-w[20]*math.Log(0.9)) - 1),
		easyD0:  w.initDifficulty(RateEasy),
		expW8:   math.Exp(w[8]),
	}
	lastDerived.Store(d)
	return d
}

// decayFactor returns the curve's decay, -w[20], and its factor (see
// [derived]).
func (w *Weights) decayFactor() (decay, factor float64) {
	return -w[20], w.derive().factor
}

// Retrievability is the probability of recalling a card of the given
// stability elapsedDays after its last answer: FSRS-6's power forgetting
// curve (1 + factor·t/S)^decay, rounded to 8 decimals (ts-fsrs
// forgetting_curve in algorithm.ts; fsrs-rs power_forgetting_curve in
// model_v6.rs). It is 0.9 when elapsedDays equals the stability, and 0 for
// a card never answered (stability 0 or less).
func (w *Weights) Retrievability(elapsedDays, stability float64) float64 {
	if !(stability > 0) {
		return 0
	}
	decay, factor := w.decayFactor()
	return fsrsRound8(math.Pow(1+factor*elapsedDays/stability, decay))
}

// initStability is S0(G) = w[G-1], at least 0.1 (ts-fsrs init_stability;
// fsrs-rs init_stability has no 0.1 floor, only the clamp to MinStability).
func (w *Weights) initStability(r Rating) float64 {
	return math.Max(w[r-1], 0.1)
}

// initDifficulty is D0(G) = w[4] - e^((G-1)·w[5]) + 1, rounded to 8
// decimals and not clamped (ts-fsrs init_difficulty; fsrs-rs
// init_difficulty in model.rs).
func (w *Weights) initDifficulty(r Rating) float64 {
	return fsrsRound8(w[4] - math.Exp(float64(r-1)*w[5]) + 1)
}

// nextDifficulty steps the difficulty by -w[6]·(G-3) with linear damping
// (10-D)/9, then reverts it towards D0(Easy) by the fraction w[7], and
// clamps it to [1, 10] (ts-fsrs next_difficulty, linear_damping and
// mean_reversion; fsrs-rs next_difficulty and mean_reversion in
// model_v6.rs).
func (w *Weights) nextDifficulty(d float64, r Rating) float64 {
	deltaD := -w[6] * float64(r-3)
	nextD := d + fsrsRound8(deltaD*(10-d)/9)
	// float64(…) keeps the compiler from fusing a product into the sum,
	// so the result is the same on every architecture.
	reverted := fsrsRound8(float64(w[7]*w.derive().easyD0) + float64((1-w[7])*nextD))
	return fsrsClamp(reverted, MinDifficulty, MaxDifficulty)
}

// recallStability is the stability after a Hard, Good or Easy answer:
// S·(1 + e^w[8]·(11-D)·S^-w[9]·(e^((1-R)·w[10]) - 1)·penalty·bonus), with
// the hard penalty w[15] and the easy bonus w[16] (ts-fsrs
// next_recall_stability; fsrs-rs stability_after_success in model_v6.rs).
func (w *Weights) recallStability(d, s, retrievability float64, r Rating) float64 {
	hardPenalty, easyBonus := 1.0, 1.0
	if r == RateHard {
		hardPenalty = w[15]
	}
	if r == RateEasy {
		easyBonus = w[16]
	}
	growth := w.derive().expW8 * (11 - d) * math.Pow(s, -w[9]) *
		(math.Exp((1-retrievability)*w[10]) - 1) * hardPenalty * easyBonus
	return fsrsRound8(fsrsClamp(s*(1+float64(growth)), MinStability, MaxStability))
}

// forgetStability is the stability after a lapse, before the cap at the
// previous stability: w[11]·D^-w[12]·((S+1)^w[13] - 1)·e^((1-R)·w[14])
// (ts-fsrs next_forget_stability; fsrs-rs stability_after_failure in
// model_v6.rs).
func (w *Weights) forgetStability(d, s, retrievability float64) float64 {
	return fsrsRound8(fsrsClamp(
		w[11]*math.Pow(d, -w[12])*(math.Pow(s+1, w[13])-1)*math.Exp((1-retrievability)*w[14]),
		MinStability, MaxStability))
}

// Next returns the memory after an answer rated r, elapsedDays after the
// previous one, as ts-fsrs's next_state computes it in long-term mode
// (algorithm.ts, enable_short_term = false):
//
//   - the first answer (the zero Memory) gives S0 = w[r-1] and
//     D0 = w[4] - e^((r-1)·w[5]) + 1, clamped to [1, 10];
//   - Again gives the lapse stability, never more than the previous
//     stability (ts-fsrs's bound S/e^(w[17]·w[18]) with both terms 0,
//     rounded to 8 decimals, which changes only a stability that had more:
//     Next rounds every stability after a review to 8 decimals);
//   - Hard, Good and Easy give the stability after a recall;
//   - the difficulty steps, damped and mean-reverted, after every answer.
//
// There is no same-day formula: an answer on the same day (elapsedDays 0)
// goes through the same formulas with a retrievability of 1, so a recall
// leaves the stability as it was and Again can still lower it. (fsrs-rs has
// no long-term switch; with w[17] to w[19] set to 0 its same-day formula
// keeps the stability for every rating, Again included.)
//
// Next panics if r is not a rating, if elapsedDays is negative or NaN, or
// if m is neither the zero Memory nor a state within the bounds, as
// ts-fsrs throws.
func (w *Weights) Next(m Memory, elapsedDays float64, r Rating) Memory {
	if m == (Memory{}) || !(m.Stability >= MinStability) {
		return w.nextAt(m, elapsedDays, r, 0) // nextAt panics on the second
	}
	return w.nextAt(m, elapsedDays, r, w.Retrievability(elapsedDays, m.Stability))
}

// nextAt is [Weights.Next] given the retrievability at the answer (which
// it does not need for the first answer, m the zero Memory).
func (w *Weights) nextAt(m Memory, elapsedDays float64, r Rating, retrievability float64) Memory {
	if !r.Valid() {
		panic(fmt.Sprintf("srs: FSRS rating %d is not 1 to 4", int(r)))
	}
	if !(elapsedDays >= 0) {
		panic(fmt.Sprintf("srs: FSRS elapsed days %v is not zero or more", elapsedDays))
	}
	if m == (Memory{}) {
		return Memory{
			Stability:  w.initStability(r),
			Difficulty: fsrsClamp(w.initDifficulty(r), MinDifficulty, MaxDifficulty),
		}
	}
	if !(m.Difficulty >= MinDifficulty && m.Stability >= MinStability) {
		panic(fmt.Sprintf("srs: invalid FSRS memory {stability %v, difficulty %v}", m.Stability, m.Difficulty))
	}
	var s float64
	if r == RateAgain {
		// ts-fsrs: clamp(round(S / e^(w17·w18)), S_MIN, lapse stability),
		// where long-term mode takes w17 = w18 = 0.
		s = fsrsClamp(fsrsRound8(m.Stability), MinStability, w.forgetStability(m.Difficulty, m.Stability, retrievability))
	} else {
		s = w.recallStability(m.Difficulty, m.Stability, retrievability, r)
	}
	return Memory{Stability: s, Difficulty: w.nextDifficulty(m.Difficulty, r)}
}

// Interval returns the days until the card's recall probability falls to
// desiredRetention: S·(r^(1/decay) - 1)/factor, with the multiplier of S
// rounded to 8 decimals, and the product rounded to whole days with halves
// rounding up (ts-fsrs calculate_interval_modifier and next_interval in
// algorithm.ts; fsrs-rs next_interval in model_v6.rs leaves it
// fractional). The result is at least 1 and at most maxInterval;
// maxInterval <= 0 means [DefaultMaxInterval].
//
// Interval panics unless 0 < desiredRetention <= 1, as ts-fsrs throws.
func (w *Weights) Interval(stability, desiredRetention float64, maxInterval int) int {
	if !(desiredRetention > 0 && desiredRetention <= 1) {
		panic(fmt.Sprintf("srs: FSRS desired retention %v is not in (0, 1]", desiredRetention))
	}
	if maxInterval <= 0 {
		maxInterval = DefaultMaxInterval
	}
	decay, factor := w.decayFactor()
	modifier := fsrsRound8((math.Pow(desiredRetention, 1/decay) - 1) / factor)
	days := fsrsRoundHalfUp(stability * modifier)
	if !(days >= 1) { // NaN too
		return 1
	}
	if days >= float64(maxInterval) {
		return maxInterval
	}
	return int(days)
}

// NextIntervals returns the intervals, in days, after each of the four
// possible answers (indexed by rating - 1: Again, Hard, Good, Easy) for a
// card in memory m answered elapsedDays after its previous answer. As
// ts-fsrs's long-term scheduler does (next_interval in
// impl/long_term_scheduler.ts), Again is at most Hard, and Hard, Good and
// Easy are each at least one day more than the one before, so the four
// strictly increase. Like ts-fsrs, the bump is applied after the cap at
// maxInterval, so near the cap Hard, Good and Easy can exceed it by up to
// 1, 2 and 3 days.
func (w *Weights) NextIntervals(m Memory, elapsedDays, desiredRetention float64, maxInterval int) [4]int {
	var days [4]int
	for r := RateAgain; r <= RateEasy; r++ {
		days[r-1] = w.Interval(w.Next(m, elapsedDays, r).Stability, desiredRetention, maxInterval)
	}
	again, hard, good, easy := days[0], days[1], days[2], days[3]
	again = min(again, hard)
	hard = max(hard, again+1)
	good = max(good, hard+1)
	easy = max(easy, good+1)
	return [4]int{again, hard, good, easy}
}

// fsrsClamp is ts-fsrs's clamp: min(max(x, lo), hi).
func fsrsClamp(x, lo, hi float64) float64 { return math.Min(math.Max(x, lo), hi) }

// fsrsRoundHalfUp is JavaScript's Math.round: the nearest integer, halves
// rounding towards +Inf.
func fsrsRoundHalfUp(x float64) float64 {
	f := math.Floor(x)
	if x-f >= 0.5 {
		f++
	}
	return f
}

// fsrsRound8 rounds x to 8 decimals as ts-fsrs's roundTo(x, 8) does
// (help.ts): it shifts the shortest decimal form of x by 8 places, rounds
// that to an integer with halves up, and shifts back, each step reading
// the decimal exactly. (ts-fsrs writes the shifted number as a string, so
// below 1e-6 it gets NaN; this keeps the decimal arithmetic there too.)
//
// Most numbers take a shortcut with the same result: x·1e8 in binary is
// within an ulp or so of the decimal shift, so unless it lies within 1e-3
// of a half the integer it rounds to is the same, and that integer over
// 1e8 is correctly rounded, as the decimal shift back is.
func fsrsRound8(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	if y := x * 1e8; math.Abs(y) < 1e13 {
		f := math.Floor(y)
		if frac := y - f; math.Abs(frac-0.5) > 1e-3 {
			if frac > 0.5 {
				f++
			}
			return f / 1e8
		}
	}
	return fsrsRound8Decimal(x)
}

// fsrsRound8Decimal is [fsrsRound8] the long way, in decimal.
func fsrsRound8Decimal(x float64) float64 {
	return fsrsShift(fsrsRoundHalfUp(fsrsShift(x, 8)), -8)
}

// fsrsShift returns the number whose decimal form is x's shortest decimal
// form times 10^places, correctly rounded.
func fsrsShift(x float64, places int) float64 {
	if x == 0 {
		return x
	}
	mantissa, exp, _ := strings.Cut(strconv.FormatFloat(x, 'e', -1, 64), "e")
	e, _ := strconv.Atoi(exp)
	y, _ := strconv.ParseFloat(mantissa+"e"+strconv.Itoa(e+places), 64)
	return y
}
