package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func decksShowCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "show",
		Usage:       "list a deck's cards with their tags and state",
		UsageText:   "rehearse decks show ID",
		Description: helpText("decks-show"),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse decks show networking-layers", "give exactly one deck id")
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			d := lib.Decks.Deck(c.Args().First())
			if d == nil {
				return hint.With(fmt.Errorf("no deck %q", c.Args().First()), "run `rehearse decks` to list the decks and their ids")
			}
			return paged(c, e, func(out io.Writer, disp tui.Display) error {
				from := d.Origin
				if d.Path != "" {
					from = d.File
				}
				fmt.Fprintf(out, "%s: %s (%s), %s\n", d.ID, tui.Clean(d.Name), from, tui.Plural(d.CardCount(), "card", "cards"))
				if d.Description != "" {
					fmt.Fprintln(out, tui.Indent(tui.Clean(d.Description), "", disp.Width))
				}
				if len(d.Tags) > 0 {
					fmt.Fprintf(out, "Tags of every card: %s\n", tui.Clean(strings.Join(d.Tags, " ")))
				}
				if len(d.Cards) == 0 {
					fmt.Fprintf(out, "\nNo cards yet: add some with `rehearse add --deck %s`.\n", d.ID)
					return nil
				}
				fmt.Fprintln(out)
				var rows []report.CardRow
				for _, p := range d.Prompts() {
					rows = append(rows, report.NewCardRow(lib, strings.TrimPrefix(p.Key, d.ID+"/"), p, true))
				}
				return report.WriteCardTable(out, disp, "CARD", rows, true)
			})
		},
	}
}
