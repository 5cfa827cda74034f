package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func searchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "search",
		Usage:       "find cards by their text, with their state",
		UsageText:   "rehearse search TEXT... [--deck ID]... [--tag TAG]...",
		Description: helpText("search"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "search only the deck with this `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "search only cards with this `TAG` (repeatable)"},
		},
		Action: func(c *cli.Context) error {
			query := strings.Join(c.Args().Slice(), " ")
			words := strings.Fields(deck.Normalize(query))
			if len(words) == 0 {
				return usagef("for example: rehearse search bgp", "give the text to search for")
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			var rows []report.CardRow
			for _, p := range sel.Prompts {
				if p.Reversed {
					continue
				}
				if where := p.Matches(words); where != "" {
					row := report.NewCardRow(lib, p.Key, p, false)
					row.Where = where
					rows = append(rows, row)
				}
			}
			if len(rows) == 0 {
				return hint.With(fmt.Errorf("no card matches %q", query), "search for fewer words, or leave out --deck and --tag")
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WriteCardTable(w, d, "CARD", rows, false) })
		},
	}
}
