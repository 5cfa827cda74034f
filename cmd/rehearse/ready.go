package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

func readyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "ready",
		Usage:       "show predicted recall on the interview day, by deck, tag, card",
		UsageText:   "rehearse ready [--date YYYY-MM-DD] [--format table|json]",
		Description: helpText("ready"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "date", Usage: "the day to predict for, `DATE` (YYYY-MM-DD; the plan's date by default)"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "`FORMAT`: table or json"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("see `rehearse ready --help`", "unexpected argument %q", c.Args().First())
			}
			format := c.String("format")
			if format != "table" && format != "json" {
				return usagef("use --format table or --format json", "unknown format %q", format)
			}
			lib, err := open(c, e, library.WithLog)
			if err != nil {
				return err
			}
			iv, err := library.ReadInterview(lib.DataDir)
			if err != nil {
				return err
			}
			if c.IsSet("date") {
				date, err := srs.ParseDay(c.String("date"))
				if err != nil || date < lib.Today {
					return usagef("for example --date 2027-01-15", "--date %q is not a date from today on (YYYY-MM-DD)", c.String("date"))
				}
				if !iv.Active(lib.Today) {
					iv = &library.Interview{Target: library.DefaultTarget}
				}
				copied := *iv
				copied.Date = date
				iv = &copied
			} else if !iv.Active(lib.Today) {
				fmt.Fprintln(e.Out, "No interview plan, so no date to be ready for.")
				fmt.Fprintln(e.Out, "Set one with `rehearse plan --date YYYY-MM-DD`,")
				fmt.Fprintln(e.Out, "or ask about a day with `rehearse ready --date YYYY-MM-DD`.")
				return nil
			}
			r, err := lib.Readiness(iv)
			if err != nil {
				return err
			}
			if format == "json" {
				return report.WriteReadyJSON(e.Out, r)
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WriteReady(w, d, r) })
		},
	}
}
