package main

import (
	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/srs"
)

func statusCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "status",
		Usage:     "show what is due today, per deck",
		UsageText: "rehearse status\n   rehearse          (the same)",
		Description: `Shows today's work: cards due for review (and how many are overdue),
new cards waiting within today's limit, and cards due tomorrow, per deck.

Limits: 20 new cards and 200 reviews a day, across all sessions of the day.
A day starts at 4 AM local time, so late-night study counts for the evening.`,
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
	// The facts come from the snapshot cache when no deck or log file has
	// changed since it was written; REHEARSE_CACHE=off bypasses it.
	var facts *library.StatusFacts
	var key uint64
	cached := e.Getenv("REHEARSE_CACHE") != "off"
	if cached {
		if key, err = library.SnapshotKey(w.sources, w.dataDir, w.device, w.settings); err != nil {
			cached = false
		} else if facts = library.ReadSnapshot(w.dataDir, key); facts != nil {
			printWarnings(e.Err, facts.Warnings)
		}
	}
	if facts == nil {
		if facts, err = library.ComputeStatusFacts(w.options(e, library.WithStates)); err != nil {
			return err
		}
		printWarnings(e.Err, facts.Warnings)
		if cached {
			library.WriteSnapshot(w.dataDir, key, facts) // a cache that cannot be written is only slower
		}
	}
	today := srs.DayOf(e.now(), e.Loc, w.settings.DayStart)
	status := library.StatusOf(facts, today, w.settings.Limits)
	return report.WriteStatus(e.Out, e.OutDisplay(), status, config.DeckDir(w.dataDir))
}
