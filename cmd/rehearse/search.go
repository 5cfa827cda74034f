package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
)

func searchCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "search",
		Usage:     "find cards by their text, with their state",
		UsageText: "rehearse search TEXT... [--deck ID]... [--tag TAG]...",
		Description: `Lists the cards whose id, front, back, key points, hint, explanation,
source or tags have every word of TEXT, ignoring case and punctuation
("tcp/22" finds "TCP 22"); a word also finds longer words it starts
("port" finds "ports", not "transport"). Each card comes with its state
(new, learning, young or mature, and suspended) and the day it is due.

Exits with 1 when no card matches, like grep.

Examples:
   rehearse search bgp
   rehearse search "port 22" --deck networking-layers
   rehearse search raid --tag storage`,
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
			sel, err := lib.Select(splitCommas(c.StringSlice("deck")), splitCommas(c.StringSlice("tag")))
			if err != nil {
				return err
			}
			var rows []report.CardRow
			for _, p := range sel.Prompts {
				if !p.Reversed && matches(p, words) {
					rows = append(rows, report.NewCardRow(lib, p.Key, p, false))
				}
			}
			if len(rows) == 0 {
				return hint.With(fmt.Errorf("no card matches %q", query), "search for fewer words, or leave out --deck and --tag")
			}
			return report.WriteCardTable(e.Out, e.OutDisplay(), "CARD", rows, false)
		},
	}
}

// matches reports whether every word starts a word of the card's text:
// "port" finds "ports" but not "transport", "22" finds "22" but not "1122".
func matches(p deck.Prompt, words []string) bool {
	c := p.Card
	text := " " + deck.Normalize(strings.Join(append(append([]string{c.ID, c.Front, c.Back, c.Hint, c.Explain, c.Source},
		c.Points...), c.Tags...), "\n"))
	for _, w := range words {
		if !strings.Contains(text, " "+w) {
			return false
		}
	}
	return true
}
