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
		Name:        "orphans",
		Usage:       "list progress in the review log for cards that are in no deck",
		UsageText:   "rehearse decks orphans",
		Description: helpText("orphans"),
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
