package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
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
	dir, err := dataDir(c)
	if err != nil {
		return err
	}
	set, err := loadSettings(configPath(c.String("config")))
	if err != nil {
		return err
	}
	srcs, err := deckSources(c, dir)
	if err != nil {
		return err
	}
	// The facts come from the snapshot cache when no deck or log file has
	// changed since it was written; REHEARSE_CACHE=off bypasses it.
	var facts *statusFacts
	var key uint64
	cached := os.Getenv("REHEARSE_CACHE") != "off"
	if cached {
		if key, err = snapshotKey(srcs, dir, set); err != nil {
			cached = false
		} else if facts = readSnapshot(dir, key); facts != nil {
			io.WriteString(e.stderr, facts.Stderr)
		}
	}
	if facts == nil {
		if facts, err = computeStatusFacts(c, e); err != nil {
			return err
		}
		if cached {
			writeSnapshot(dir, key, facts) // a cache that cannot be written is only slower
		}
	}
	today := srs.DayOf(e.now(), e.loc, set.dayStart)
	return renderStatus(e.stdout, facts, today, set, dir)
}

// computeStatusFacts loads the decks and the log. Mature true retention is
// counted per day in the same replay of the log.
func computeStatusFacts(c *cli.Context, e *env) (*statusFacts, error) {
	var warnings bytes.Buffer
	teed := *e
	teed.stderr = io.MultiWriter(e.stderr, &warnings)
	mature := map[srs.Day]*dayTally{}
	lib, err := openLibraryWith(c, &teed, func(lib *library) func(srs.Step) {
		inDeck := make([]int8, lib.log.NumCards()) // 0 unknown, 1 in a deck, 2 not
		return func(st srs.Step) {
			if !st.Scheduled || st.Before.Interval < srs.MatureInterval {
				return
			}
			if inDeck[st.CardIndex] == 0 {
				inDeck[st.CardIndex] = 2
				if _, ok := lib.byKey[st.Record.Card]; ok {
					inDeck[st.CardIndex] = 1
				}
			}
			if inDeck[st.CardIndex] != 1 {
				return
			}
			t := mature[st.Record.Day]
			if t == nil {
				t = &dayTally{Day: st.Record.Day}
				mature[st.Record.Day] = t
			}
			if st.Record.Grade.Passed() {
				t.Pass++
			} else {
				t.Fail++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return factsFrom(lib, mature, warnings.String()), nil
}

// renderStatus prints today's status from the facts.
func renderStatus(out io.Writer, f *statusFacts, today srs.Day, set settings, dir string) error {
	if len(f.DeckIDs) == 0 {
		fmt.Fprintln(out, "No decks found.")
		fmt.Fprintf(out, "Add deck files to %s, or pass --decks PATH.\n", userDeckDir(dir))
		return nil
	}
	states := f.stateMap()
	loads := map[string]*deckLoad{}
	for _, id := range f.DeckIDs {
		loads[id] = &deckLoad{}
	}
	var total deckLoad
	for _, item := range srs.BuildQueue(f.Cards, states, today, set.limits) {
		l := loads[item.Group]
		switch item.Slot {
		case srs.SlotReview, srs.SlotDrill:
			l.due++
			total.due++
			if item.Slot == srs.SlotReview && item.Due < today {
				l.overdue++
				total.overdue++
			}
		case srs.SlotNew:
			l.fresh++
			total.fresh++
		}
	}
	for _, c := range f.Cards {
		if st := states[c.Card]; st != nil && !st.IsNew() && !st.Suspended && st.Due == today+1 {
			loads[c.Group].tomorrow++
			total.tomorrow++
		}
	}

	headline := fmt.Sprintf("Today: %d due", total.due)
	if total.overdue > 0 {
		headline += fmt.Sprintf(" (%d overdue)", total.overdue)
	}
	headline += fmt.Sprintf(" + %d new", total.fresh)
	if n := total.due + total.fresh; n > 0 {
		headline += ", about " + minutes(time.Duration(n)*f.AvgAnswer)
	}
	headline += "."
	if s := streakOf(f.StudyDays, today); s > 0 {
		headline += fmt.Sprintf("   Streak: %s.", plural(s, "day", "days"))
	}
	var pass, fail int
	for _, t := range f.Mature {
		if t.Day > today-30 && t.Day <= today {
			pass, fail = pass+t.Pass, fail+t.Fail
		}
	}
	if pass+fail > 0 {
		headline += fmt.Sprintf("   Mature retention (30 d): %.1f%%", 100*float64(pass)/float64(pass+fail))
	}
	fmt.Fprintln(out, headline)
	fmt.Fprintln(out)

	t := newTable(out, []string{"DECK", "DUE", "NEW", "TOMORROW"}, 1, 2, 3)
	for _, id := range f.DeckIDs {
		l := loads[id]
		if err := t.Append(id, l.due, l.fresh, l.tomorrow); err != nil {
			return err
		}
	}
	if len(f.DeckIDs) > 1 {
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
		fmt.Fprintf(out, "Run `rehearse review` to start, or `rehearse review --deck %s` for one deck.\n", busiestDeck(f.DeckIDs, loads))
	}
	return nil
}

func busiestDeck(ids []string, loads map[string]*deckLoad) string {
	best, bestN := ids[0], -1
	for _, id := range ids {
		if n := loads[id].due + loads[id].fresh; n > bestN {
			best, bestN = id, n
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

// streakOf counts the consecutive days among days (in order) ending
// today or, if nothing was answered yet today, yesterday.
func streakOf(days []srs.Day, today srs.Day) int {
	has := func(d srs.Day) bool {
		i := sort.Search(len(days), func(i int) bool { return days[i] >= d })
		return i < len(days) && days[i] == d
	}
	d := today
	if !has(d) {
		d--
	}
	n := 0
	for has(d) {
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
