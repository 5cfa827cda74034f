package main

import (
	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
)

func statusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "status",
		Usage:       "show what is due today, per deck",
		UsageText:   "rehearse status\n   rehearse          (the same)",
		Description: helpText("status"),
		Flags:       []cli.Flag{schedulerFlag},
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
	// The deck cache and the replay checkpoint are used unless REHEARSE_CACHE=off.
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
