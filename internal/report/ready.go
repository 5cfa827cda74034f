package report

import (
	"fmt"
	"io"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// WriteReady writes the readiness for the interview: overall, per deck,
// the weakest tags and cards, and what to do next.
func WriteReady(out io.Writer, d tui.Display, r *library.Readiness) error {
	days := int(r.Date - r.Today)
	when := fmt.Sprintf("in %s", tui.Plural(days, "day", "days"))
	switch days {
	case 0:
		when = "today"
	case 1:
		when = "tomorrow"
	}
	t := r.Total
	note := func(s string) { fmt.Fprintln(out, tui.Indent(s, "", d.Width)) }
	note(fmt.Sprintf("Interview on %s, %s. If you studied no more, FSRS predicts a mean recall of %.0f%% on the day.",
		longDate(r.Date), when, 100*t.MeanRecall))
	note(fmt.Sprintf("%d of %d cards seen; %d below the target of %.0f%% (never-seen cards count as 0%%).",
		t.Seen, t.Cards, t.BelowTarget, 100*r.Target))
	fmt.Fprintln(out)

	tb := NewTable(out, d, []string{"DECK", "CARDS", "SEEN", "BELOW TARGET", "MEAN RECALL"}, 1, 2, 3, 4)
	for _, g := range r.Decks {
		if err := tb.Append(tui.Clean(g.Name), g.Cards, g.Seen, g.BelowTarget, percent(g.MeanRecall)); err != nil {
			return err
		}
	}
	if len(r.Decks) > 1 {
		tb.Footer("total", t.Cards, t.Seen, t.BelowTarget, percent(t.MeanRecall))
	}
	if err := tb.Render(); err != nil {
		return err
	}
	if len(r.Tags) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "WEAKEST TAGS")
		tb = NewTable(out, d, []string{"TAG", "CARDS", "SEEN", "BELOW TARGET", "MEAN RECALL"}, 1, 2, 3, 4)
		for _, g := range r.Tags {
			if err := tb.Append(tui.Clean(g.Name), g.Cards, g.Seen, g.BelowTarget, percent(g.MeanRecall)); err != nil {
				return err
			}
		}
		if err := tb.Render(); err != nil {
			return err
		}
	}
	if len(r.Weakest) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "WEAKEST CARDS")
		tb = NewTable(out, d, []string{"RECALL", "CARD", "QUESTION"}, 0)
		width := d.Width
		if width <= 0 {
			width = 100 // piped: keep the table readable
		}
		keys := 0
		for _, c := range r.Weakest {
			keys = max(keys, tui.Width(tui.Clean(c.Prompt.Key)))
		}
		for _, c := range r.Weakest {
			q := tui.OneLine(tui.Clean(c.Prompt.Question()), max(width-18-keys, 20)) // borders and padding take 16
			if err := tb.Append(percent(c.Recall), tui.Clean(c.Prompt.Key), q); err != nil {
				return err
			}
		}
		if err := tb.Render(); err != nil {
			return err
		}
	}
	fmt.Fprintln(out)
	switch unseen := t.Cards - t.Seen; {
	case unseen > 0 && days > 0:
		note(fmt.Sprintf("Next: %s never seen. `rehearse review` brings the plan's new cards for today.",
			tui.Plural(unseen, "card is", "cards are")))
	case t.BelowTarget > 0 && days > 0:
		note("Next: `rehearse review` first, then `rehearse review --ahead` to review the weakest cards before they fall due.")
	case days == 0:
		note("Next: a last look without changing any schedule: `rehearse review --cram`, the weakest first.")
	default:
		note("Every card is predicted at the target or above. Keep to the daily reviews.")
	}
	return nil
}

// percent formats a probability as a whole percentage.
func percent(p float64) string { return fmt.Sprintf("%.0f%%", 100*p) }

type readyGroupJSON struct {
	Deck        string  `json:"deck,omitempty"`
	Tag         string  `json:"tag,omitempty"`
	Cards       int     `json:"cards"`
	Seen        int     `json:"seen"`
	BelowTarget int     `json:"below_target"`
	MeanRecall  float64 `json:"mean_recall"`
}

type readyCardJSON struct {
	Card     string  `json:"card"`
	Deck     string  `json:"deck"`
	Recall   float64 `json:"recall"`
	Due      string  `json:"due"`
	Question string  `json:"question"`
}

// WriteReadyJSON writes the readiness as one JSON object, for scripts.
func WriteReadyJSON(out io.Writer, r *library.Readiness) error {
	doc := struct {
		Date        string           `json:"date"`
		Target      float64          `json:"target"`
		Cards       int              `json:"cards"`
		Seen        int              `json:"seen"`
		BelowTarget int              `json:"below_target"`
		MeanRecall  float64          `json:"mean_recall"`
		Decks       []readyGroupJSON `json:"decks"`
		Tags        []readyGroupJSON `json:"weakest_tags"`
		Weakest     []readyCardJSON  `json:"weakest"`
	}{Date: r.Date.String(), Target: r.Target, Cards: r.Total.Cards, Seen: r.Total.Seen, BelowTarget: r.Total.BelowTarget,
		MeanRecall: r.Total.MeanRecall, Decks: []readyGroupJSON{}, Tags: []readyGroupJSON{}, Weakest: []readyCardJSON{}}
	for _, g := range r.Decks {
		doc.Decks = append(doc.Decks, readyGroupJSON{Deck: g.Name, Cards: g.Cards, Seen: g.Seen, BelowTarget: g.BelowTarget, MeanRecall: g.MeanRecall})
	}
	for _, g := range r.Tags {
		doc.Tags = append(doc.Tags, readyGroupJSON{Tag: g.Name, Cards: g.Cards, Seen: g.Seen, BelowTarget: g.BelowTarget, MeanRecall: g.MeanRecall})
	}
	for _, c := range r.Weakest {
		doc.Weakest = append(doc.Weakest, readyCardJSON{Card: c.Prompt.Key, Deck: c.Prompt.Deck.ID, Recall: c.Recall,
			Due: c.Due.String(), Question: c.Prompt.Question()})
	}
	return writeJSON(out, doc, true)
}
