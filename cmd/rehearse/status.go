package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/srs"
)

func statusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show what is due today, per deck",
		UsageText: "rehearse status\n   rehearse          (the same)",
		Description: `Shows today's work: cards due for review (and how many are overdue),
new cards waiting within today's limit, and cards due tomorrow, per deck.

Limits: 20 new cards and 200 reviews a day, across all sessions of the day.
A day starts at 4 AM local time, so late-night study counts for the evening.`,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("`rehearse status` takes no arguments", "unexpected argument %q", c.Args().First())
			}
			return runStatus(c, e)
		},
	}
}

// deckLoad counts one deck's work for a day.
type deckLoad struct {
	due, overdue, fresh, tomorrow int
}

func runStatus(c *cli.Context, e *env) error {
	// Retention for the headline is counted in the same replay of the log.
	var retention *srs.RetentionCounter
	lib, err := openLibraryWith(c, e, func(lib *library) func(srs.Step) {
		retention = srs.NewRetentionCounter(lib.today)
		inDeck := make([]int8, lib.log.NumCards()) // 0 unknown, 1 in a deck, 2 not
		return func(st srs.Step) {
			if inDeck[st.CardIndex] == 0 {
				inDeck[st.CardIndex] = 2
				if _, ok := lib.byKey[st.Record.Card]; ok {
					inDeck[st.CardIndex] = 1
				}
			}
			if inDeck[st.CardIndex] == 1 {
				retention.Add(st)
			}
		}
	})
	if err != nil {
		return err
	}
	sel, err := lib.selectPrompts(nil, nil)
	if err != nil {
		return err
	}
	out := e.stdout
	if len(lib.decks.Decks) == 0 {
		fmt.Fprintln(out, "No decks found.")
		fmt.Fprintf(out, "Add deck files to %s, or pass --decks PATH.\n", userDeckDir(lib.dataDir))
		return nil
	}

	loads := map[string]*deckLoad{}
	for _, d := range lib.decks.Decks {
		loads[d.ID] = &deckLoad{}
	}
	var total deckLoad
	for _, item := range lib.queue(sel, lib.settings.limits) {
		l := loads[item.Group]
		switch item.Slot {
		case srs.SlotReview, srs.SlotDrill:
			l.due++
			total.due++
			if item.Slot == srs.SlotReview && item.Due < lib.today {
				l.overdue++
				total.overdue++
			}
		case srs.SlotNew:
			l.fresh++
			total.fresh++
		}
	}
	for _, p := range sel.prompts {
		if st := lib.states[p.Key]; st != nil && !st.IsNew() && !st.Suspended && st.Due == lib.today+1 {
			loads[p.Deck.ID].tomorrow++
			total.tomorrow++
		}
	}

	headline := fmt.Sprintf("Today: %d due", total.due)
	if total.overdue > 0 {
		headline += fmt.Sprintf(" (%d overdue)", total.overdue)
	}
	headline += fmt.Sprintf(" + %d new", total.fresh)
	if n := total.due + total.fresh; n > 0 {
		headline += ", about " + minutes(time.Duration(n)*averageAnswer(lib.log))
	}
	headline += "."
	if s := streak(lib.log, lib.today); s > 0 {
		headline += fmt.Sprintf("   Streak: %s.", plural(s, "day", "days"))
	}
	if p, ok := matureRetention30(retention.Rows()); ok {
		headline += "   Mature retention (30 d): " + p
	}
	fmt.Fprintln(out, headline)
	fmt.Fprintln(out)

	t := newTable(out, []string{"DECK", "DUE", "NEW", "TOMORROW"}, 1, 2, 3)
	for _, d := range lib.decks.Decks {
		l := loads[d.ID]
		if err := t.Append(d.ID, l.due, l.fresh, l.tomorrow); err != nil {
			return err
		}
	}
	if len(lib.decks.Decks) > 1 {
		t.Footer("total", total.due, total.fresh, total.tomorrow)
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	switch {
	case total.due+total.fresh == 0:
		fmt.Fprintln(out, "Nothing to study today. Come back tomorrow.")
	default:
		fmt.Fprintf(out, "Run `rehearse review` to start, or `rehearse review --deck %s` for one deck.\n", busiestDeck(lib, loads))
	}
	return nil
}

func busiestDeck(lib *library, loads map[string]*deckLoad) string {
	best, bestN := lib.decks.Decks[0].ID, -1
	for _, d := range lib.decks.Decks {
		if n := loads[d.ID].due + loads[d.ID].fresh; n > bestN {
			best, bestN = d.ID, n
		}
	}
	return best
}

// averageAnswer is the learner's usual time per answer (each capped at a
// minute) over their last 200 answers, or 15 seconds with no history.
func averageAnswer(h srs.History) time.Duration {
	var sum, n int
	for i := h.Len() - 1; i >= 0 && n < 200; i-- {
		if r := h.At(i); r.Event.Graded() && r.Millis > 0 {
			sum += min(r.Millis, 60000)
			n++
		}
	}
	if n == 0 {
		return 15 * time.Second
	}
	return time.Duration(sum/n) * time.Millisecond
}

// streak counts the consecutive days with at least one answer, ending
// today or, if nothing was answered yet today, yesterday.
func streak(h srs.History, today srs.Day) int {
	days := map[srs.Day]bool{}
	for i := h.Len() - 1; i >= 0; i-- {
		if r := h.At(i); r.Event.Graded() {
			days[r.Day] = true
		}
	}
	d := today
	if !days[d] {
		d--
	}
	n := 0
	for days[d] {
		n++
		d--
	}
	return n
}

// minutes formats a duration for a person: "about 3 min", "40 s".
func minutes(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Round(time.Minute).Minutes()))
	}
	return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
}
