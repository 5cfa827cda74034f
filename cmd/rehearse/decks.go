package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
)

func decksCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "decks",
		Usage: "list, show, create and copy decks",
		UsageText: `rehearse decks                   list the decks
   rehearse decks show ID           a deck's cards and their state
   rehearse decks new ID [--name NAME]
   rehearse decks copy ID           copy a built-in deck to edit it
   rehearse decks orphans           progress of cards that are in no deck`,
		Description: `Lists every deck rehearse can study: the built-in decks, the decks in your
deck folder (DATA-DIR/decks) and any given with --decks PATH.

A deck in your folder with the same id as a built-in deck replaces it: copy
a built-in deck there to edit it, and keep your progress (cards keep their
ids). Deck files that do not load are reported; run ` + "`rehearse lint`" + ` for
every problem and how to fix it.

Progress is kept by card id in the review log, so deleting a card, or
changing its id, leaves its history behind; the list says how many cards
of the log are in no deck, and ` + "`rehearse decks orphans`" + ` shows them.`,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("run `rehearse decks --help` for what decks can do",
					"unknown subcommand %q (want show, new, copy or orphans)", c.Args().First())
			}
			lib, err := openLibrary(c, e)
			if err != nil {
				return err
			}
			return listDecks(e, lib)
		},
		Subcommands: []*cli.Command{
			decksShowCommand(e),
			decksNewCommand(e),
			decksCopyCommand(e),
			decksOrphansCommand(e),
		},
	}
}

func listDecks(e *env, lib *library) error {
	out := e.stdout
	if len(lib.decks.Decks) == 0 {
		fmt.Fprintf(out, "No decks found. Add deck files to %s, or pass --decks PATH.\n", userDeckDir(lib.dataDir))
		return nil
	}
	t := newTable(out, []string{"DECK", "NAME", "CARDS", "NEW", "FROM"}, 2, 3)
	total := 0
	for _, d := range lib.decks.Decks {
		fresh := 0
		for _, card := range d.Cards {
			if lib.state(deck.Key(d.ID, card.ID)).IsNew() {
				fresh++
			}
		}
		total += len(d.Cards)
		from := d.Origin
		if d.Path != "" {
			from = clean(d.File)
		}
		if err := t.Append(d.ID, clean(d.Name), len(d.Cards), fresh, from); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s, %s.\n", plural(len(lib.decks.Decks), "deck", "decks"), plural(total, "card", "cards"))
	for _, old := range lib.decks.Replaced {
		fmt.Fprintf(out, "%s replaces the %s deck %s.\n", clean(replacer(lib.decks, old).File), old.Origin, old.ID)
	}
	if n := len(lib.orphans()); n > 0 {
		fmt.Fprintf(out, "The review log has progress for %s in no deck (deleted, renamed, or in a deck not loaded): `rehearse decks orphans` lists them.\n",
			plural(n, "card", "cards"))
	}
	fmt.Fprintf(out, "Your deck folder: %s\n", userDeckDir(lib.dataDir))
	return nil
}

func replacer(set *deck.Set, old *deck.Deck) *deck.Deck {
	if d := set.Deck(old.ID); d != nil {
		return d
	}
	return old
}
