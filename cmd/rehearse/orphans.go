package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"
)

func decksOrphansCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "orphans",
		Usage:     "list progress in the review log for cards that are in no deck",
		UsageText: "rehearse decks orphans",
		Description: `Progress is kept in the review log by card key, DECK-ID/CARD-ID. When a
card is deleted, or its id or its deck's id changes, its history stays in
the log but belongs to no card: an orphan. Orphans are harmless (the log is
never rewritten) and come back to life as soon as a deck again has a card
with that key: restore the old id to get the progress back.

Decks left out with --no-builtin, or not loaded because of errors, make
their cards look orphaned too.

Example:
   rehearse decks orphans`,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("`rehearse decks orphans` takes no arguments", "unexpected argument %q", c.Args().First())
			}
			lib, err := openLibrary(c, e)
			if err != nil {
				return err
			}
			keys := lib.orphans()
			if len(keys) == 0 {
				fmt.Fprintln(e.stdout, "Every card in the review log is in a deck.")
				return nil
			}
			last := map[string]string{}
			answers := map[string]int{}
			for i := 0; i < lib.log.Len(); i++ {
				if r := lib.log.At(i); r.Event.Graded() {
					answers[r.Card]++
					last[r.Card] = r.Day.String()
				}
			}
			t := newTable(e.stdout, []string{"CARD", "ANSWERS", "LAST ANSWER", "STATE", "WHY"}, 1)
			for _, k := range keys {
				deckID, _, _ := strings.Cut(k, "/")
				where := "no deck " + deckID + " loaded"
				if lib.decks.Deck(deckID) != nil {
					where = "not in deck " + deckID
				}
				st := lib.state(k)
				state := st.Maturity().String()
				if st.Suspended {
					state += ", suspended"
				}
				if err := t.Append(clean(k), answers[k], last[k], state, clean(where)); err != nil {
					return err
				}
			}
			if err := t.Render(); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "\n%s in the review log, in no deck. A card's progress comes back when a deck has\na card with the same key again; `rehearse card KEY` shows its history.\n",
				plural(len(keys), "card", "cards"))
			return nil
		},
	}
}

// orphans returns the keys of the review log that no loaded deck has.
func (lib *library) orphans() []string {
	var keys []string
	for k := range lib.states {
		if _, ok := lib.byKey[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
