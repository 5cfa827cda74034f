package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// WriteDecks lists the library's decks: id, name, cards (each side of a
// card counts, as everywhere: see [deck.Deck.Prompts]), new cards and
// where each deck comes from.
func WriteDecks(out io.Writer, disp tui.Display, lib *library.Library) error {
	deckDir := config.DeckDir(lib.DataDir)
	if len(lib.Decks.Decks) == 0 {
		fmt.Fprintf(out, "No decks found. Add deck files to %s, or pass --decks PATH.\n", deckDir)
		return nil
	}
	t := NewTable(out, disp, []string{"DECK", "NAME", "CARDS", "NEW", "FROM"}, 2, 3)
	total := 0
	for _, d := range lib.Decks.Decks {
		fresh, sides := 0, 0
		for _, p := range d.Prompts() {
			sides++
			// New as the statistics count it: never answered, and neither
			// suspended nor buried today.
			if st := lib.State(p.Key); st.IsNew() && !st.Suspended && !st.BuriedToday(lib.Today) {
				fresh++
			}
		}
		total += sides
		from := d.Origin
		if d.Path != "" {
			from = tui.Clean(d.File)
		}
		if err := t.Append(tui.Clean(d.ID), tui.Clean(d.Name), sides, fresh, from); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s, %s.\n", tui.Plural(len(lib.Decks.Decks), "deck", "decks"), tui.Plural(total, "card", "cards"))
	for _, old := range lib.Decks.Replaced {
		fmt.Fprintf(out, "%s replaces the %s deck %s.\n", tui.Clean(replacer(lib.Decks, old).File), old.Origin, old.ID)
	}
	if n := len(lib.Orphans()); n > 0 {
		fmt.Fprintf(out, "The review log has progress for %s in no deck (deleted, renamed, or in a deck not loaded): `rehearse decks orphans` lists them.\n",
			tui.Plural(n, "card", "cards"))
	}
	fmt.Fprintf(out, "Your deck folder: %s\n", deckDir)
	return nil
}

func replacer(set *deck.Set, old *deck.Deck) *deck.Deck {
	if d := set.Deck(old.ID); d != nil {
		return d
	}
	return old
}

// WriteOrphans lists the cards of the review log that are in no loaded
// deck, with their answers, last answer and state.
func WriteOrphans(out io.Writer, disp tui.Display, lib *library.Library) error {
	keys := lib.Orphans()
	if len(keys) == 0 {
		fmt.Fprintln(out, "Every card in the review log is in a deck.")
		return nil
	}
	last := map[string]string{}
	answers := map[string]int{}
	for _, k := range keys {
		for _, r := range lib.History(k) {
			if r.Event.Graded() && r.InForce {
				answers[k]++
				last[k] = r.Day.String()
			}
		}
	}
	t := NewTable(out, disp, []string{"CARD", "ANSWERS", "LAST ANSWER", "STATE", "WHY"}, 1)
	for _, k := range keys {
		deckID, _, _ := strings.Cut(k, "/")
		where := "no deck " + deckID + " loaded"
		if lib.Decks.Deck(deckID) != nil {
			where = "not in deck " + deckID
		}
		st := lib.State(k)
		state := st.Maturity().String()
		if st.Suspended {
			state += ", suspended"
		}
		if err := t.Append(tui.Clean(k), answers[k], last[k], state, tui.Clean(where)); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s in the review log, in no deck. A card's progress comes back when a deck has\na card with the same key again; `rehearse card KEY` shows its history.\n",
		tui.Plural(len(keys), "card", "cards"))
	return nil
}
