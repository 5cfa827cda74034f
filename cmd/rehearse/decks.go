package main

import (
	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
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
		Description: helpText("decks"),
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("run `rehearse decks --help` for what decks can do",
					"unknown subcommand %q (want show, new, copy or orphans)", c.Args().First())
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			return report.WriteDecks(e.Out, e.OutDisplay(), lib)
		},
		Subcommands: []*cli.Command{
			decksShowCommand(e),
			decksNewCommand(e),
			decksCopyCommand(e),
			decksOrphansCommand(e),
		},
	}
}
