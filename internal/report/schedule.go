package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// scheduleStep is one answer of an SM-2 what-if, as JSON.
type scheduleStep struct {
	Grade       int     `json:"grade"`
	Repetitions int     `json:"repetitions"`
	Interval    int     `json:"interval"`
	Ease        float64 `json:"ease"`
}

// WriteSM2Schedule takes a new card through the grades, each answer made
// on the day the card falls due, and shows what SM-2 does after each.
func WriteSM2Schedule(out io.Writer, d tui.Display, grades []srs.Grade, maxInterval int, asJSON bool) error {
	s := srs.NewSchedule()
	steps := make([]scheduleStep, 0, len(grades))
	scheds := make([]srs.Schedule, 0, len(grades))
	for _, q := range grades {
		s = s.Next(q, maxInterval)
		scheds = append(scheds, s)
		steps = append(steps, scheduleStep{Grade: int(q), Repetitions: s.Repetitions, Interval: s.Interval, Ease: s.Ease.Float()})
	}
	if asJSON {
		return writeJSON(out, steps, false)
	}
	t := NewTable(out, d, []string{"#", "GRADE", "ANSWERED", "REPETITIONS", "INTERVAL", "EASE", "DUE"}, 0, 3, 4, 5)
	day := 0
	for i, q := range grades {
		st := scheds[i]
		due := fmt.Sprintf("day %d", day+st.Interval)
		if q < srs.Hesitant {
			due += " (and again later today, until a 4 or 5)"
		}
		if err := t.Append(i+1, fmt.Sprintf("%d %s", q, q), fmt.Sprintf("day %d", day), st.Repetitions,
			tui.Plural(st.Interval, "day", "days"), st.Ease.String(), due); err != nil {
			return err
		}
		day += st.Interval
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(out, "\nDay 0 is the day of the first answer; each later answer is made on the day the card is due.")
	return err
}

// fsrsStep is one answer of an FSRS what-if, as JSON: numbers at full
// precision, retrievability null on a card's first answer.
type fsrsStep struct {
	Grade          int      `json:"grade"`
	Rating         int      `json:"rating"`
	Elapsed        int      `json:"elapsed"`
	Stability      float64  `json:"stability"`
	Difficulty     float64  `json:"difficulty"`
	Retrievability *float64 `json:"retrievability"`
	Interval       int      `json:"interval"`
}

// WriteFSRSSchedule takes a new card through the grades, answer i made
// elapsed[i] days after the one before (elapsed[0] is 0), and shows what
// FSRS does after each: as a replay does, an answer on the same day as the
// one before is a re-drill and leaves the state alone. A nil elapsed makes
// each answer on the day the card falls due.
func WriteFSRSSchedule(out io.Writer, d tui.Display, grades []srs.Grade, elapsed []int, f *srs.FSRSParams, maxInterval int, asJSON bool) error {
	p := srs.Params{MaxInterval: maxInterval, Model: srs.ModelFSRS, FSRS: f}
	st := srs.NewCardState()
	var day srs.Day
	steps := make([]fsrsStep, 0, len(grades))
	redrill := make([]bool, len(grades))
	for i, q := range grades {
		gap := 0
		switch {
		case i == 0:
		case elapsed != nil:
			gap = elapsed[i]
		default:
			gap = int(st.Due - day)
		}
		day += srs.Day(gap)
		step := fsrsStep{Grade: int(q), Rating: int(srs.RatingOf(q)), Elapsed: gap}
		if i > 0 {
			r := f.Recall(st.Memory, int(day-st.LastDay))
			step.Retrievability = &r
		}
		next, scheduled := st.Apply(q, day, p)
		redrill[i] = !scheduled
		st = next
		step.Stability, step.Difficulty = st.Memory.Stability, st.Memory.Difficulty
		step.Interval = int(st.Due - day)
		steps = append(steps, step)
	}
	if asJSON {
		return writeJSON(out, steps, false)
	}
	t := NewTable(out, d, []string{"#", "GRADE", "ANSWERED", "RECALL", "STABILITY", "DIFFICULTY", "INTERVAL", "DUE"}, 0, 3, 4, 5, 6)
	day = 0
	for i, s := range steps {
		day += srs.Day(s.Elapsed)
		recall := "-"
		if s.Retrievability != nil {
			recall = fmt.Sprintf("%.1f%%", 100**s.Retrievability)
		}
		due := fmt.Sprintf("day %d", int(day)+s.Interval)
		if redrill[i] {
			due += " (re-drill: unchanged)"
		} else if grades[i] < srs.Hesitant {
			due += " + again today"
		}
		if err := t.Append(i+1, fmt.Sprintf("%d %s", s.Grade, srs.Rating(s.Rating)), fmt.Sprintf("day %d", day),
			recall, fmt.Sprintf("%.2f d", s.Stability), fmt.Sprintf("%.2f", s.Difficulty), tui.Plural(s.Interval, "day", "days"), due); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(out, "\nGrades 0-2 are FSRS's again, 3 hard, 4 good, 5 easy; below 4 the card comes back\n"+
		"the same day until a 4 or 5. Day 0 is the day of the first answer. RECALL is\n"+
		"FSRS's chance of recall when the card was answered; each interval ends when it\n"+
		"falls to the desired retention, %s.\n", strconv.FormatFloat(100*f.Retention, 'f', -1, 64)+"%")
	return err
}
