package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

func statsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "show retention, forecast, activity and the hardest cards",
		UsageText: `rehearse stats [--deck ID]... [--tag TAG]... [--format table|json|csv] [--section NAME]...

   rehearse stats                              the full report
   rehearse stats --section retention          one part of it
   rehearse stats --deck cybersecurity         one deck
   rehearse stats --format json                every number, for scripts
   rehearse stats --format csv --section forecast > forecast.csv`,
		Description: helpText("stats"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "only the deck with this `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "only cards with this `TAG` (repeatable)"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "`FORMAT` of the output: table, json or csv"},
			&cli.StringSliceFlag{Name: "section", Usage: "print only this `NAME`d part: " + strings.Join(report.StatsSections, ", ") + " (repeatable)"},
			schedulerFlag,
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				arg := c.Args().First()
				if slices.Contains(report.StatsSections, arg) {
					return usagef(fmt.Sprintf("to see one section: rehearse stats --section %s", arg), "unexpected argument %q", arg)
				}
				return usagef("choose decks with --deck ID", "unexpected argument %q", arg)
			}
			format := c.String("format")
			switch format {
			case "table", "json", "csv":
			default:
				return usagef("use --format table, --format json or --format csv", "unknown format %q", format)
			}
			sections, err := parseSections(c.StringSlice("section"))
			if err != nil {
				return err
			}
			if format == "csv" && len(sections) != 1 {
				return usagef("for example: rehearse stats --format csv --section retention",
					"--format csv prints one section: choose it with --section")
			}
			// Statistics replays the log itself, counting on the way; it
			// shows no card's text.
			lib, err := open(c, e, library.WithLog, func(o *library.Options) { o.Text = deck.KeysOnly })
			if err != nil {
				return err
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			inSel := map[string]bool{}
			for _, p := range sel.Prompts {
				inSel[p.Key] = true
			}
			mocks := report.MockScores(lib.Mocks(), func(card string) bool { return inSel[card] }, e.Loc)
			if sections == nil {
				sections = report.DefaultStatsSections(lib.Settings.Params.Model, len(mocks) > 0)
			}
			s := srs.Statistics(sel.Candidates(), lib.Log, srs.StatsOptions{
				Today:          lib.Today,
				Params:         lib.Settings.Params,
				LeechThreshold: lib.Settings.LeechThreshold,
			})
			switch format {
			case "json":
				return report.WriteStatsJSON(e.Out, s, mocks, sections)
			case "csv":
				return report.WriteStatsCSV(e.Out, s, mocks, sections[0])
			}
			if len(lib.Decks.Decks) == 0 {
				fmt.Fprintln(e.Out, "No decks found.")
				fmt.Fprintf(e.Out, "Add deck files to %s, or pass --decks PATH.\n", config.DeckDir(lib.DataDir))
				return nil
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error {
				return report.WriteStats(w, d, s, mocks, sections, len(c.StringSlice("section")) == 0)
			})
		},
	}
}

// parseSections checks the --section names; none gives nil, for the
// sections of the model in force (see report.DefaultStatsSections).
func parseSections(names []string) ([]string, error) {
	sections, unknown := report.PickSections(splitCommas(names))
	if unknown != "" {
		return nil, usagef("sections: "+strings.Join(report.StatsSections, ", "), "unknown section %q", unknown)
	}
	return sections, nil
}
