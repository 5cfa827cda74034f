package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

func planCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "plan",
		Usage: "set an interview date and see the plan to be ready for it",
		UsageText: `rehearse plan --date YYYY-MM-DD [--deck ID]... [--tag TAG]... [--minutes N] [--target 0.9]
   rehearse plan [--format table|json]      (show the plan)
   rehearse plan --minutes N | --target R   (change the plan)
   rehearse plan --clear`,
		Description: helpText("plan"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "date", Usage: "the interview's `DATE` (YYYY-MM-DD)"},
			&cli.StringSliceFlag{Name: "deck", Usage: "prepare the deck with this `ID` (repeatable; all decks by default)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "prepare the cards with this `TAG` (repeatable)"},
			&cli.IntFlag{Name: "minutes", Usage: "study time a day, `N` minutes (0: no limit)"},
			&cli.Float64Flag{Name: "target", Value: library.DefaultTarget, Usage: "recall wanted on the date, `R` from 0.70 to 0.99"},
			&cli.BoolFlag{Name: "clear", Usage: "end the plan"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "`FORMAT`: table or json"},
			schedulerFlag,
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("for example: rehearse plan --date 2027-01-15", "unexpected argument %q", c.Args().First())
			}
			format := c.String("format")
			if format != "table" && format != "json" {
				return usagef("use --format table or --format json", "unknown format %q", format)
			}
			if c.Int("minutes") < 0 {
				return usagef("for example --minutes 30, or 0 for no limit", "--minutes must be 0 or more")
			}
			if t := c.Float64("target"); t < srs.MinRetention || t > srs.MaxRetention {
				return usagef("for example --target 0.9", "--target %v is outside 0.70 to 0.99", t)
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			iv, err := library.ReadInterview(lib.DataDir)
			if err != nil {
				return err
			}
			device := config.DeviceName(lib.Settings.Device, e.Env)
			changes := c.IsSet("date") || c.IsSet("deck") || c.IsSet("tag") || c.IsSet("minutes") || c.IsSet("target")
			switch {
			case c.Bool("clear") && changes:
				return usagef("run `rehearse plan --clear` alone", "--clear takes no other flag")
			case c.Bool("clear") && !iv.Active(lib.Today):
				fmt.Fprintln(e.Out, "There is no interview plan to clear.")
				return nil
			case c.Bool("clear"):
				if err := lib.ClearInterview(iv, e.now(), device); err != nil {
					return err
				}
				fmt.Fprintf(e.Out, "Cleared the plan for the interview on %s. Reviews go back to new_per_day.\n", iv.Date)
				return nil
			case changes:
				ch, err := planChange(c, lib.Today)
				if err != nil {
					return err
				}
				if iv, err = lib.ChangeInterview(iv, ch, e.now(), device); errors.Is(err, library.ErrNoInterview) {
					return usagef("for example: rehearse plan --date 2027-01-15 --minutes 30", "%v", err)
				} else if err != nil {
					return err
				}
			}
			if !iv.Active(lib.Today) {
				report.WriteNoPlan(e.Out, iv, lib.Today)
				return nil
			}
			ip, err := lib.Plan(iv)
			if err != nil {
				return err
			}
			if format == "json" {
				return report.WritePlanJSON(e.Out, ip)
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WritePlan(w, d, ip) })
		},
	}
}

// planChange reads the flags that change the interview.
func planChange(c *cli.Context, today srs.Day) (library.InterviewChange, error) {
	var ch library.InterviewChange
	if c.IsSet("date") {
		date, err := srs.ParseDay(c.String("date"))
		if err != nil {
			return ch, usagef("for example --date 2027-01-15", "--date %q is not a date (YYYY-MM-DD)", c.String("date"))
		}
		if date <= today {
			return ch, usagef("give the interview's date, after today ("+today.String()+")", "--date %s is not after today", date)
		}
		ch.Date = &date
	}
	if c.IsSet("minutes") {
		n := c.Int("minutes")
		ch.Minutes = &n
	}
	if c.IsSet("target") {
		t := c.Float64("target")
		ch.Target = &t
	}
	if c.IsSet("deck") || c.IsSet("tag") {
		ch.Scope, ch.Decks, ch.Tags = true, splitCommas(c.StringSlice("deck")), splitCommas(c.StringSlice("tag"))
	}
	return ch, nil
}
