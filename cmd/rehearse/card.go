package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func cardCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "card",
		Usage:       "show a card's state and history; suspend, unsuspend or reset it",
		UsageText:   "rehearse card DECK/CARD [--json]\n   rehearse card CARD [--json]     (when the card id is unique)\n   rehearse card DECK/CARD --suspend|--unsuspend|--reset [--yes]|--undo",
		Description: helpText("card") + cardActionHelp,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of text"},
			schedulerFlag,
			&cli.BoolFlag{Name: "suspend", Usage: "stop showing the card until it is unsuspended"},
			&cli.BoolFlag{Name: "unsuspend", Usage: "show a suspended card again"},
			&cli.BoolFlag{Name: "reset", Usage: "forget the card's progress: it is new again (asks first on a terminal)"},
			&cli.BoolFlag{Name: "undo", Usage: "take back the card's latest record: an answer, a bury, a suspend, a reset..."},
			&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "do not ask before --reset"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse card networking-layers/osi-l3-router", "give exactly one card id")
			}
			action, err := cardAction(c)
			if err != nil {
				return err
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			key, err := lib.FindCard(c.Args().First())
			if err != nil {
				return err
			}
			if action != 0 {
				return runCardAction(e, lib, key, action, c.Bool("yes"))
			}
			if c.Bool("json") {
				return report.WriteCardJSON(e.Out, lib, key)
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WriteCard(w, d, e.Loc, lib, key) })
		},
	}
}
