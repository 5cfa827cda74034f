package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// WriteCard writes one card side's text, state and history; times are
// shown in loc.
func WriteCard(out io.Writer, d tui.Display, loc *time.Location, lib *library.Library, key string) error {
	st := lib.State(key)
	p, inDeck := lib.ByKey[key]
	fmt.Fprintln(out, key)
	if inDeck {
		fmt.Fprintf(out, "  deck:   %s (%s)\n", tui.Clean(p.Deck.Name), tui.Clean(p.Deck.File))
		width := d.Width
		fmt.Fprintln(out, labelled("front", p.Question(), width))
		if a := p.Answer(); a != "" {
			fmt.Fprintln(out, labelled("back", a, width))
		}
		if tags := cardTags(p); len(tags) > 0 {
			fmt.Fprintf(out, "  tags:   %s\n", tui.Clean(strings.Join(tags, ", ")))
		}
	} else {
		fmt.Fprintln(out, "  (no longer in any deck: only its history remains)")
	}
	fmt.Fprintf(out, "  state:  %s\n", describeState(st, lib.Today))
	if !st.IsNew() && (st.Model == srs.ModelSM2 || memoryOf(lib, st) == nil) {
		fmt.Fprintf(out, "  SM-2:   repetitions %d, interval %s, ease %s, lapses %d\n",
			st.Repetitions, tui.Plural(st.Interval, "day", "days"), st.Ease, st.Lapses)
	}
	if m := memoryOf(lib, st); m != nil {
		fmt.Fprintf(out, "  FSRS:   stability %.1f days, difficulty %.2f, recall today %.1f%%, on its due day %.1f%%",
			m.Stability, m.Difficulty, 100*m.Retrievability, 100*m.RecallOnDue)
		if st.Model == srs.ModelFSRS {
			fmt.Fprintf(out, ", interval %s, lapses %d", tui.Plural(st.Days(), "day", "days"), st.Lapses)
		}
		fmt.Fprintln(out)
	}
	hist := lib.History(key)
	if len(hist) == 0 {
		fmt.Fprintln(out, "\nNo answers yet.")
		return nil
	}
	fmt.Fprintln(out)
	t := NewTable(out, d, []string{"TIME", "EVENT", "GRADE", "INTERVAL", "EASE", "DUE", "SECONDS"}, 2, 3, 4, 6)
	for _, r := range hist {
		event := r.Event.String()
		if !r.InForce && r.Event != srs.Undo {
			event += " (undone)"
		}
		row := []any{r.Time.In(loc).Format("2006-01-02 15:04"), event, "", "", "", "", ""}
		switch {
		case r.Event.Graded():
			row[2], row[3], row[4], row[5] = int(r.Grade), r.After.Days(), r.After.Ease.String(), r.After.Due.String()
			row[6] = fmt.Sprintf("%.1f", float64(r.Millis)/1000)
		case r.Event == srs.Cram, r.Event == srs.Mock: // practice: a grade, no schedule
			row[2], row[6] = int(r.Grade), fmt.Sprintf("%.1f", float64(r.Millis)/1000)
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	return t.Render()
}

// labelled prints deck text after a label, wrapped and aligned under it.
func labelled(label, text string, width int) string {
	return tui.Hang(tui.Clean(text), "  "+fmt.Sprintf("%-8s", label+":"), "          ", width)
}

func cardTags(p deck.Prompt) []string {
	seen := map[string]bool{}
	var tags []string
	for _, t := range append(append([]string{}, p.Deck.Tags...), p.Card.Tags...) {
		if !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			tags = append(tags, t)
		}
	}
	sort.Strings(tags)
	return tags
}

// describeState says in words where a card stands today.
func describeState(st *srs.CardState, today srs.Day) string {
	var parts []string
	parts = append(parts, st.Maturity().String())
	due, ok := st.ReviewDay(today)
	if !ok && !st.IsNew() {
		due, ok = st.Due, true // suspended: the day it would be due
	}
	if ok {
		switch d := int(due - today); {
		case d < 0:
			parts = append(parts, fmt.Sprintf("due %s (%s overdue)", due, tui.Plural(-d, "day", "days")))
		case d == 0:
			parts = append(parts, fmt.Sprintf("due today (%s)", due))
		default:
			parts = append(parts, fmt.Sprintf("due %s (in %s)", due, tui.Plural(d, "day", "days")))
		}
	}
	if st.NeedsDrill(today) {
		parts = append(parts, "comes back again today")
	}
	if st.Suspended {
		parts = append(parts, "suspended")
	}
	if st.BuriedToday(today) {
		parts = append(parts, "buried until tomorrow")
	}
	return strings.Join(parts, ", ")
}

type cardJSON struct {
	Card        string        `json:"card"`
	Deck        string        `json:"deck,omitempty"`
	Front       string        `json:"front,omitempty"`
	Back        string        `json:"back,omitempty"`
	Tags        []string      `json:"tags,omitempty"`
	State       string        `json:"state"`
	Repetitions int           `json:"repetitions"`
	Interval    int           `json:"interval"`
	Ease        float64       `json:"ease"`
	Due         string        `json:"due,omitempty"`
	Lapses      int           `json:"lapses"`
	Suspended   bool          `json:"suspended"`
	FSRS        *memoryJSON   `json:"fsrs,omitempty"`
	History     []historyJSON `json:"history"`
}

// memoryJSON is a card's FSRS memory, when FSRS is in force.
type memoryJSON struct {
	Stability      float64 `json:"stability"`
	Difficulty     float64 `json:"difficulty"`
	Retrievability float64 `json:"retrievability"` // today
	RecallOnDue    float64 `json:"recall_on_due"`
}

// memoryOf returns the card's FSRS memory and its recall today and on
// its due day, nil for a new card or when FSRS is not in force.
func memoryOf(lib *library.Library, st *srs.CardState) *memoryJSON {
	f := lib.Settings.Params.FSRS
	if f == nil || st.IsNew() || st.Memory == (srs.Memory{}) {
		return nil
	}
	return &memoryJSON{Stability: st.Memory.Stability, Difficulty: st.Memory.Difficulty,
		Retrievability: f.Recall(st.Memory, int(lib.Today-st.LastDay)),
		RecallOnDue:    f.Recall(st.Memory, int(st.Due-st.LastDay))}
}

type historyJSON struct {
	Time     string   `json:"time"`
	Day      string   `json:"day"`
	Event    string   `json:"event"`
	Grade    *int     `json:"grade,omitempty"`
	Millis   *int     `json:"ms,omitempty"`
	Interval *int     `json:"interval,omitempty"`
	Ease     *float64 `json:"ease,omitempty"`
	Due      string   `json:"due,omitempty"`
	InForce  bool     `json:"in_force"` // false once an undo took it back, and for undos
}

// WriteCardJSON writes one card side's text, state and history as JSON;
// the history's intervals, eases and due days are the replayed states
// after each record.
func WriteCardJSON(out io.Writer, lib *library.Library, key string) error {
	st := lib.State(key)
	doc := cardJSON{Card: key, State: st.Maturity().String(), Repetitions: st.Repetitions, Interval: st.Days(),
		Ease: st.Ease.Float(), Lapses: st.Lapses, Suspended: st.Suspended, FSRS: memoryOf(lib, st), History: []historyJSON{}}
	if p, ok := lib.ByKey[key]; ok {
		doc.Deck, doc.Front, doc.Back, doc.Tags = p.Deck.ID, p.Question(), p.Answer(), cardTags(p)
	}
	if due, ok := st.ReviewDay(lib.Today); ok {
		doc.Due = due.String()
	} else if !st.IsNew() {
		doc.Due = st.Due.String() // suspended: the day it would be due
	}
	for _, r := range lib.History(key) {
		h := historyJSON{Time: r.Time.UTC().Format("2006-01-02T15:04:05.000Z"), Day: r.Day.String(), Event: r.Event.String(),
			InForce: r.InForce}
		switch {
		case r.Event.Graded():
			g, ms, iv, ease := int(r.Grade), r.Millis, r.After.Days(), r.After.Ease.Float()
			h.Grade, h.Millis, h.Interval, h.Ease, h.Due = &g, &ms, &iv, &ease, r.After.Due.String()
		case r.Event == srs.Cram, r.Event == srs.Mock:
			g, ms := int(r.Grade), r.Millis
			h.Grade, h.Millis = &g, &ms
		}
		doc.History = append(doc.History, h)
	}
	return writeJSON(out, doc, true)
}

// Describe says in a few words where a card stands: "new", "young,
// interval 6 days, ease 2.50".
func Describe(st *srs.CardState) string {
	was := st.Maturity().String()
	if !st.IsNew() {
		was = fmt.Sprintf("%s, interval %s, ease %s", was, tui.Plural(st.Interval, "day", "days"), st.Ease)
	}
	return was
}

// WriteCardChange says what a suspend, unsuspend, reset or undo did; after
// is the card's state with its record.
func WriteCardChange(out io.Writer, ch *library.CardChange, after srs.CardState, loc *time.Location) {
	key, st := ch.Key, &ch.Before
	switch ch.Event {
	case srs.Suspend:
		fmt.Fprintf(out, "Suspended %s: reviews leave it out until `rehearse card %s --unsuspend`.\n", key, key)
	case srs.Unsuspend:
		due := "it is new"
		if !st.IsNew() {
			due = "due " + st.Due.String()
		}
		fmt.Fprintf(out, "Unsuspended %s: %s.\n", key, due)
	case srs.Reset:
		fmt.Fprintf(out, "Reset %s: it is a new card again (it was %s). Its history stays in the review log; `rehearse card %s --undo` takes the reset back.\n", key, Describe(st), key)
	case srs.Undo:
		what := ch.Taken.Event.String()
		if ch.Taken.Event.Graded() {
			what += fmt.Sprintf(" (grade %d)", ch.Taken.Grade)
		}
		fmt.Fprintf(out, "Took back the %s of %s from %s: it is %s.\n", what, key,
			ch.Taken.Time.In(loc).Format("2006-01-02 15:04"), Describe(&after))
	}
}
