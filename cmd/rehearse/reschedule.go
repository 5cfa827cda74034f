package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

func rescheduleCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "reschedule",
		Usage:       "move every card to the due day the scheduler in force gives it",
		UsageText:   "rehearse reschedule [--scheduler sm2|fsrs] [--deck ID]... [--tag TAG]... [--dry-run] [--yes]",
		Description: helpText("reschedule"),
		Flags: []cli.Flag{
			schedulerFlag,
			&cli.StringSliceFlag{Name: "deck", Usage: "only the cards of deck `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "only the cards tagged `TAG` (repeatable)"},
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "show the change, save nothing"},
			&cli.BoolFlag{Name: "yes", Aliases: []string{"y"}, Usage: "do not ask first"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("choose cards with --deck and --tag", "unexpected argument %q", c.Args().First())
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			moves := lib.Reschedule(sel)
			if len(moves) == 0 {
				fmt.Fprintf(e.Out, "Every card in review is due when %s says: nothing to move.\n", lib.Settings.Params.Model)
				return nil
			}
			before, after := lib.DueLoad(sel, moves, srs.ForecastDays)
			err = paged(c, e, func(w io.Writer, d tui.Display) error {
				return report.WriteLoadPreview(w, d, lib.Today, before, after, len(moves), lib.Settings.Params.Model)
			})
			if err != nil || c.Bool("dry-run") {
				return err
			}
			if !c.Bool("yes") {
				if !tui.IsTerminal(e.In) || !tui.IsTerminal(e.Out) {
					return usagef("add --yes to reschedule without a terminal, or --dry-run to only look", "not rescheduled: nobody to ask")
				}
				if !tui.Confirm(bufio.NewReader(e.In), e.Out, "Reschedule "+tui.Plural(len(moves), "card", "cards")+"?") {
					fmt.Fprintln(e.Out, "Not rescheduled.")
					return nil
				}
			}
			w, err := openLog(e, lib)
			if err != nil {
				return err
			}
			for _, rec := range lib.RescheduleRecords(moves, e.now()) {
				if err = w.Append(rec); err != nil {
					break
				}
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Out, "Rescheduled %s.\n", tui.Plural(len(moves), "card", "cards"))
			return nil
		},
	}
}
