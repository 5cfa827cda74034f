// Package srs is what the learner knows: the SM-2 algorithm, review records,
// replaying those records into card states, the daily queue and the
// retention statistics.
//
// The package is pure: it never reads the clock, a file or the terminal.
// The moment of an answer and the day boundary are always arguments, so
// every date rule can be tested with fixed values.
//
// # SM-2
//
// [Schedule.Next] implements SM-2 exactly as SuperMemo's published source
// does: the E-Factor is kept as a whole number of hundredths ([Ease]), it is
// updated after every answer (failed ones too), and fractional intervals
// round to the nearest day with halves rounding up. Intervals are capped at
// a configurable maximum ([DefaultMaxInterval] days by default).
package srs

import (
	"fmt"
	"strconv"
	"strings"
)

// Grade is the quality of an answer on SM-2's scale from 0 to 5.
type Grade int

// The six SM-2 grades.
const (
	Blackout  Grade = iota // 0: complete blackout
	Wrong                  // 1: incorrect, the correct answer remembered on seeing it
	WrongEasy              // 2: incorrect, but the correct answer seemed easy to recall
	Hard                   // 3: correct, recalled with serious difficulty
	Hesitant               // 4: correct after a hesitation
	Perfect                // 5: perfect response
)

var gradeLabels = [...]string{
	"blackout",
	"wrong, knew it on seeing",
	"wrong, seemed easy",
	"hard",
	"hesitated",
	"perfect",
}

// String returns the short label a learner sees next to the grade key.
func (g Grade) String() string {
	if !g.Valid() {
		return fmt.Sprintf("grade(%d)", int(g))
	}
	return gradeLabels[g]
}

// Valid reports whether g is one of the six SM-2 grades.
func (g Grade) Valid() bool { return g >= Blackout && g <= Perfect }

// Passed reports whether the answer counts as recalled (grade 3 or more).
func (g Grade) Passed() bool { return g >= Hard }

// ParseGrade reads a grade written as a single digit from 0 to 5.
func ParseGrade(s string) (Grade, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || len(s) != 1 || !Grade(n).Valid() {
		return 0, fmt.Errorf("grade %q is not a whole number from 0 to 5", s)
	}
	return Grade(n), nil
}

// Ease is an SM-2 E-Factor in hundredths: 250 is the E-Factor 2.5. Every
// E-Factor SM-2 produces is a multiple of 0.02, so hundredths are exact.
type Ease int

// The E-Factor of a new card, and the floor SM-2 never goes below.
const (
	DefaultEase Ease = 250
	MinEase     Ease = 130
)

// DefaultMaxInterval is the longest interval, in days, that [Schedule.Next]
// produces unless told otherwise: a hundred years, so dates never overflow.
const DefaultMaxInterval = 36500

// String formats the E-Factor with two decimals, as in "2.36".
func (e Ease) String() string { return fmt.Sprintf("%d.%02d", e/100, e%100) }

// Float returns the E-Factor as a number, as in 2.36.
func (e Ease) Float() float64 { return float64(e) / 100 }

// ParseEase reads an E-Factor written with at most two decimals, as in
// "2.5" or "2.36", without going through floating point.
func ParseEase(s string) (Ease, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(whole) > 6 { // past any E-Factor SM-2 reaches, and past overflow
		return 0, fmt.Errorf("ease %q is not a number like 2.50", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("ease %q has more than two decimals", s)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.Atoi(whole)
	f, err2 := strconv.Atoi(frac)
	if err1 != nil || err2 != nil || w < 0 || f < 0 || whole == "" || strings.HasPrefix(frac, "-") || strings.HasPrefix(frac, "+") {
		return 0, fmt.Errorf("ease %q is not a number like 2.50", s)
	}
	return Ease(w*100 + f), nil
}

// Schedule is the SM-2 state of one card: the repetitions in the current
// run, the last interval in whole days and the E-Factor.
type Schedule struct {
	Repetitions int
	Interval    int
	Ease        Ease
}

// NewSchedule returns the state of a card that has never been answered.
func NewSchedule() Schedule { return Schedule{Ease: DefaultEase} }

// easeDelta is SM-2's E-Factor change in hundredths for each grade:
// 100 * (0.1 - (5-q) * (0.08 + (5-q) * 0.02)).
func easeDelta(q Grade) Ease {
	d := Ease(Perfect - q)
	return 10 - d*(8+2*d)
}

// Next returns the state after an answer of grade q, as SuperMemo's
// published SM-2 source computes it. Intervals longer than maxInterval days
// are cut to maxInterval; maxInterval <= 0 means [DefaultMaxInterval].
func (s Schedule) Next(q Grade, maxInterval int) Schedule {
	if maxInterval <= 0 {
		maxInterval = DefaultMaxInterval
	}
	next := s
	if q.Passed() {
		switch s.Repetitions {
		case 0:
			next.Interval = 1
		case 1:
			next.Interval = 6
		default:
			// I * EF rounded half up, in integers: EF is in hundredths.
			next.Interval = (s.Interval*int(s.Ease) + 50) / 100
		}
		next.Repetitions = s.Repetitions + 1
	} else {
		next.Repetitions = 0
		next.Interval = 1
	}
	if next.Interval > maxInterval {
		next.Interval = maxInterval
	}
	next.Ease = s.Ease + easeDelta(q)
	if next.Ease < MinEase {
		next.Ease = MinEase
	}
	return next
}
