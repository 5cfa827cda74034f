package report

import (
	"fmt"
	"io"
	"time"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// WriteStatus writes today at a glance: the headline (due, new, the time
// it takes, the streak, mature retention), a table per deck and what to
// run next. deckDir is the user's deck folder, named when there are no
// decks.
func WriteStatus(out io.Writer, d tui.Display, s *library.Status, deckDir string) error {
	if len(s.Decks) == 0 {
		fmt.Fprintln(out, "No decks found.")
		fmt.Fprintf(out, "Add deck files to %s, or pass --decks PATH.\n", deckDir)
		return nil
	}
	if s.Plan != nil {
		fmt.Fprintln(out, tui.Indent(planHeadline(s.Plan, s.Today), "", d.Width))
		fmt.Fprintln(out)
	}
	total := s.Total
	headline := fmt.Sprintf("Today: %d due", total.Due)
	if total.Overdue > 0 {
		headline += fmt.Sprintf(" (%d overdue)", total.Overdue)
	}
	if total.Again > 0 {
		headline += fmt.Sprintf(" + %d again", total.Again)
	}
	headline += fmt.Sprintf(" + %d new", total.New)
	if total.Cards() > 0 {
		headline += ", about " + minutes(s.Estimate)
	}
	headline += "."
	if s.Streak > 0 {
		headline += fmt.Sprintf("   Streak: %s.", tui.Plural(s.Streak, "day", "days"))
	}
	if p, ok := s.Mature30.Percent(); ok {
		headline += fmt.Sprintf("   Mature retention (30 d): %.1f%%", p)
	}
	fmt.Fprintln(out, tui.Indent(headline, "", d.Width))
	fmt.Fprintln(out)

	header := []string{"DECK", "DUE", "NEW", "TOMORROW"}
	right := []int{1, 2, 3}
	if total.Again > 0 {
		header = []string{"DECK", "DUE", "AGAIN", "NEW", "TOMORROW"}
		right = []int{1, 2, 3, 4}
	}
	row := func(deck string, l library.Load) []any {
		if total.Again > 0 {
			return []any{deck, l.Due, l.Again, l.New, l.Tomorrow}
		}
		return []any{deck, l.Due, l.New, l.Tomorrow}
	}
	t := NewTable(out, d, header, right...)
	for _, l := range s.Decks {
		if err := t.Append(row(tui.Clean(l.Deck), l)...); err != nil {
			return err
		}
	}
	if len(s.Decks) > 1 {
		t.Footer(row("total", total)...)
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if s.Limit > 0 {
		fmt.Fprintln(out, tui.Indent(fmt.Sprintf("The daily limit of %d reviews (reviews_per_day) brings %d of the %d due today; the rest wait for the next days.",
			s.Limit, total.Queued, total.Due), "", d.Width))
	}
	switch {
	case total.Cards() == 0:
		fmt.Fprintln(out, "Nothing to study today. Come back tomorrow.")
	default:
		fmt.Fprintln(out, tui.Indent(fmt.Sprintf("Run `rehearse review` to start, or `rehearse review --deck %s` for one deck.", tui.Clean(busiestDeck(s.Decks))), "", d.Width))
	}
	return nil
}

func busiestDeck(loads []library.Load) string {
	best, bestN := loads[0].Deck, -1
	for _, l := range loads {
		if n := l.Cards(); n > bestN {
			best, bestN = l.Deck, n
		}
	}
	return best
}

// minutes formats a duration for a person, rounded half up to the
// minute from a minute on: "40 s", "3 min", "1 h 5 min".
func minutes(d time.Duration) string {
	if d < time.Minute-time.Second/2 {
		return fmt.Sprintf("%d s", int(d.Round(time.Second).Seconds()))
	}
	m := int(d.Round(time.Minute).Minutes())
	if m < 60 {
		return fmt.Sprintf("%d min", m)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// planHeadline is the interview plan's line in the status: what it asks
// of today and how far the learner is.
func planHeadline(p *library.PlanToday, today srs.Day) string {
	var when string
	switch days := int(p.Interview.Date - today); days {
	case 0:
		when = "Interview today"
	case 1:
		when = "Interview tomorrow"
	default:
		when = fmt.Sprintf("Interview in %d days", days)
	}
	line := fmt.Sprintf("%s: %d new + %d reviews today", when, p.New, p.Reviews)
	if p.New+p.Reviews > 0 {
		line += ", about " + minutes(p.Time)
	}
	line += fmt.Sprintf("; %d of %d cards seen.", p.Seen, p.Cards)
	if !p.Feasible {
		line += " The plan does not fit: see `rehearse plan`."
	}
	return line
}
