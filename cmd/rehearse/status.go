package main

import (
	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
)

func statusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show what is due today, per deck",
		UsageText: "rehearse status\n   rehearse          (the same)",
		Description: `Shows today's work per deck: DUE, the reviews due today (overdue ones
included; a card buried today is due tomorrow), AGAIN (shown when there
are any), cards answered below 4 today that still owe a re-drill, NEW, the
new cards today's limit still lets in, and TOMORROW, the reviews that fall
due tomorrow. The first line adds the time it takes at your usual pace,
your streak and your mature retention of the last 30 days.

Limits: 20 new cards and 200 reviews a day, across all sessions of the day;
when the review limit keeps due cards for later days, status says how
many today's sessions bring. A day starts at 4 AM local time, so late-night
study counts for the evening.

Examples:
   rehearse status
   REHEARSE_NOW=2026-12-18T09:00:00Z rehearse status    (a future day)`,
		Flags: []cli.Flag{schedulerFlag},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("`rehearse status` takes no arguments", "unexpected argument %q", c.Args().First())
			}
			return runStatus(c, e)
		},
	}
}

func runStatus(c *cli.Context, e *env) error {
	w, err := locate(c, e)
	if err != nil {
		return err
	}
	// The snapshot cache is used unless REHEARSE_CACHE=off.
	status, planErr, err := library.TodayStatus(w.options(e, library.WithStates), e.Env("REHEARSE_CACHE") != "off",
		func(ws []library.Warning) { printWarnings(e.Err, ws) })
	if err != nil {
		return err
	}
	if err := report.WriteStatus(e.Out, e.OutDisplay(), status, config.DeckDir(w.dataDir)); err != nil {
		return err
	}
	return planErr
}
