package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
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
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WriteOrphans(w, d, lib) })
		},
	}
}
