package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs"
)

func cardCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "card",
		Usage:     "show one card's state and its answer history; suspend, unsuspend or reset it",
		UsageText: "rehearse card DECK/CARD [--json]\n   rehearse card CARD [--json]     (when the card id is unique)\n   rehearse card DECK/CARD --suspend|--unsuspend|--reset",
		Description: `Shows a card's text, its SM-2 state (repetitions, interval, ease, due day,
lapses) and every answer recorded for it, from the review log.

A card is named DECK-ID/CARD-ID, as in networking-layers/osi-l3-router;
the card id alone is enough when no other deck uses it. The reverse side
of a card with reverse = true is DECK-ID/CARD-ID:reverse.
` + cardActionHelp,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of text"},
			&cli.BoolFlag{Name: "suspend", Usage: "stop showing the card until it is unsuspended"},
			&cli.BoolFlag{Name: "unsuspend", Usage: "show a suspended card again"},
			&cli.BoolFlag{Name: "reset", Usage: "forget the card's progress: it is new again"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse card networking-layers/osi-l3-router", "give exactly one card id")
			}
			action, err := cardAction(c)
			if err != nil {
				return err
			}
			lib, err := openLibrary(c, e)
			if err != nil {
				return err
			}
			key, err := lib.findCard(c.Args().First())
			if err != nil {
				return err
			}
			if action != 0 {
				return runCardAction(e, lib, key, action)
			}
			if c.Bool("json") {
				return printCardJSON(e, lib, key)
			}
			return printCard(e, lib, key)
		},
	}
}

// findCard resolves a card name: a full key, or a card id unique across
// decks. Cards no longer in any deck are found by full key in the log.
func (lib *library) findCard(name string) (string, error) {
	if _, ok := lib.byKey[name]; ok {
		return name, nil
	}
	if _, ok := lib.states[name]; ok {
		return name, nil
	}
	var matches []string
	for _, p := range lib.prompts {
		if strings.TrimPrefix(p.Key, p.Deck.ID+"/") == name {
			matches = append(matches, p.Key)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", withHint(fmt.Errorf("no card %q", name), "name a card as DECK/CARD, as in networking-layers/osi-l3-router; `rehearse decks` lists the decks")
	}
	return "", withHint(fmt.Errorf("card id %q is in several decks: %s", name, strings.Join(matches, ", ")), "name it as DECK/CARD")
}

func (lib *library) history(key string) []srs.Record {
	var out []srs.Record
	for i := 0; i < lib.log.Len(); i++ {
		if lib.log.Card(i) == key {
			out = append(out, lib.log.At(i))
		}
	}
	return out
}

func printCard(e *env, lib *library, key string) error {
	out := e.stdout
	st := lib.state(key)
	p, inDeck := lib.byKey[key]
	fmt.Fprintln(out, key)
	if inDeck {
		fmt.Fprintf(out, "  deck:   %s (%s)\n", clean(p.Deck.Name), clean(p.Deck.File))
		width := termWidth(out)
		fmt.Fprintln(out, labelled("front", p.Question(), width))
		if a := p.Answer(); a != "" {
			fmt.Fprintln(out, labelled("back", a, width))
		}
		if tags := cardTags(p); len(tags) > 0 {
			fmt.Fprintf(out, "  tags:   %s\n", clean(strings.Join(tags, ", ")))
		}
	} else {
		fmt.Fprintln(out, "  (no longer in any deck: only its history remains)")
	}
	fmt.Fprintf(out, "  state:  %s\n", describeState(st, lib.today))
	if !st.IsNew() {
		fmt.Fprintf(out, "  SM-2:   repetitions %d, interval %s, ease %s, lapses %d\n",
			st.Repetitions, plural(st.Interval, "day", "days"), st.Ease, st.Lapses)
	}
	hist := lib.history(key)
	if len(hist) == 0 {
		fmt.Fprintln(out, "\nNo answers yet.")
		return nil
	}
	fmt.Fprintln(out)
	t := newTable(out, []string{"TIME", "EVENT", "GRADE", "INTERVAL", "EASE", "DUE", "SECONDS"}, 2, 3, 4, 6)
	for _, r := range hist {
		row := []any{r.Time.In(e.loc).Format("2006-01-02 15:04"), r.Event.String(), "", "", "", "", ""}
		if r.Event.Graded() {
			row[2], row[3], row[4], row[5] = int(r.Grade), r.Interval, r.Ease.String(), r.Due.String()
			row[6] = fmt.Sprintf("%.1f", float64(r.Millis)/1000)
		}
		if err := t.Append(row...); err != nil {
			return err
		}
	}
	return t.Render()
}

// labelled prints deck text after a label, wrapped and aligned under it.
func labelled(label, text string, width int) string {
	const pad = "          "
	return "  " + fmt.Sprintf("%-8s", label+":") + strings.TrimPrefix(indent(clean(text), pad, width), pad)
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
	if !st.IsNew() {
		switch d := int(st.Due - today); {
		case d < 0:
			parts = append(parts, fmt.Sprintf("due %s (%s overdue)", st.Due, plural(-d, "day", "days")))
		case d == 0:
			parts = append(parts, fmt.Sprintf("due today (%s)", st.Due))
		default:
			parts = append(parts, fmt.Sprintf("due %s (in %s)", st.Due, plural(d, "day", "days")))
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
	History     []historyJSON `json:"history"`
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
}

func printCardJSON(e *env, lib *library, key string) error {
	st := lib.state(key)
	out := cardJSON{Card: key, State: st.Maturity().String(), Repetitions: st.Repetitions, Interval: st.Interval,
		Ease: st.Ease.Float(), Lapses: st.Lapses, Suspended: st.Suspended, History: []historyJSON{}}
	if p, ok := lib.byKey[key]; ok {
		out.Deck, out.Front, out.Back, out.Tags = p.Deck.ID, p.Question(), p.Answer(), cardTags(p)
	}
	if !st.IsNew() {
		out.Due = st.Due.String()
	}
	for _, r := range lib.history(key) {
		h := historyJSON{Time: r.Time.UTC().Format("2006-01-02T15:04:05.000Z"), Day: r.Day.String(), Event: r.Event.String()}
		if r.Event.Graded() {
			g, ms, iv, ease := int(r.Grade), r.Millis, r.Interval, r.Ease.Float()
			h.Grade, h.Millis, h.Interval, h.Ease, h.Due = &g, &ms, &iv, &ease, r.Due.String()
		}
		out.History = append(out.History, h)
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", jsonText(b))
	return err
}
