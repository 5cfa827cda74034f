package report

import (
	"fmt"
	"io"
	"time"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
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
	total := s.Total
	headline := fmt.Sprintf("Today: %d due", total.Due)
	if total.Overdue > 0 {
		headline += fmt.Sprintf(" (%d overdue)", total.Overdue)
	}
	if total.Again > 0 {
		headline += fmt.Sprintf(" + %d again", total.Again)
	}
	headline += fmt.Sprintf(" + %d new", total.New)
	if n := total.Cards(); n > 0 {
		headline += ", about " + minutes(time.Duration(n)*s.AvgAnswer)
	}
	headline += "."
	if s.Streak > 0 {
		headline += fmt.Sprintf("   Streak: %s.", tui.Plural(s.Streak, "day", "days"))
	}
	if p, ok := s.Mature30.Percent(); ok {
		headline += fmt.Sprintf("   Mature retention (30 d): %.1f%%", p)
	}
	fmt.Fprintln(out, headline)
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
		fmt.Fprintf(out, "The daily limit of %d reviews (reviews_per_day) brings %d of the %d due today; the rest wait for the next days.\n",
			s.Limit, total.Queued, total.Due)
	}
	switch {
	case total.Cards() == 0:
		fmt.Fprintln(out, "Nothing to study today. Come back tomorrow.")
	default:
		fmt.Fprintf(out, "Run `rehearse review` to start, or `rehearse review --deck %s` for one deck.\n", tui.Clean(busiestDeck(s.Decks)))
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
