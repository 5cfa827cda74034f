package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/entry"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// textList is a repeatable flag whose values may hold commas (a key point,
// an accepted answer), unlike urfave's string slices.
type textList []string

func (l *textList) Set(v string) error { *l = append(*l, v); return nil }
func (l *textList) String() string     { return strings.Join(*l, "; ") }

func addCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "add",
		Usage: "add a card to one of your decks",
		UsageText: `rehearse add --deck ID --front TEXT --back TEXT [--tag TAG]... [options]
   rehearse add --deck ID --kind scenario --front TEXT --point TEXT --point TEXT...
   rehearse add                      (asks for what is missing, on a terminal)`,
		Description: helpText("add"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "add to the deck with this `ID`"},
			&cli.StringFlag{Name: "front", Usage: "the question, `TEXT`"},
			&cli.StringFlag{Name: "back", Usage: "the answer, `TEXT`"},
			&cli.StringSliceFlag{Name: "tag", Usage: "tag the card with `TAG` (repeatable)"},
			&cli.StringFlag{Name: "kind", Usage: "`scenario` for a question answered against key points"},
			&cli.GenericFlag{Name: "point", Value: &textList{}, Usage: "a key point of a scenario card, `TEXT` (repeatable)"},
			&cli.GenericFlag{Name: "accept", Value: &textList{}, Usage: "an accepted typed answer, `TEXT` (repeatable)"},
			&cli.StringFlag{Name: "hint", Usage: "a hint shown on request, `TEXT`"},
			&cli.StringFlag{Name: "explain", Usage: "background shown after the answer, `TEXT`"},
			&cli.StringFlag{Name: "source", Usage: "where the answer can be checked, `TEXT`"},
			&cli.BoolFlag{Name: "reverse", Usage: "also ask the card back to front"},
			&cli.StringFlag{Name: "id", Usage: "give the card this `ID` instead of one made from its front"},
			&cli.BoolFlag{Name: "force", Usage: "add the card even if another card asks the same question"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("give the card's text with --front and --back", "unexpected argument %q", c.Args().First())
			}
			in := entry.Input{
				Deck: c.String("deck"),
				Card: deck.Card{
					Front: strings.TrimSpace(c.String("front")), Back: strings.TrimSpace(c.String("back")),
					Tags: c.StringSlice("tag"), Hint: strings.TrimSpace(c.String("hint")),
					Explain: strings.TrimSpace(c.String("explain")), Source: strings.TrimSpace(c.String("source")),
					Reverse: c.Bool("reverse"), Kind: deck.Basic, ID: c.String("id"),
					Points: entry.TrimAll(*c.Generic("point").(*textList)), Accept: entry.TrimAll(*c.Generic("accept").(*textList)),
				},
			}
			switch k := c.String("kind"); k {
			case "", string(deck.Basic):
			case string(deck.Scenario):
				in.Card.Kind = deck.Scenario
			default:
				return usagef("write --kind scenario, or leave --kind out", "unknown --kind %q", k)
			}
			missing := in.Missing()
			if len(missing) > 0 && !tui.IsTerminal(e.In) {
				return usagef("for example: rehearse add --deck my-deck --front \"What is BGP?\" --back \"A routing protocol.\"",
					"give %s", strings.Join(missing, " and "))
			}
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			// The deck is checked before anything is typed.
			if in.Deck != "" {
				if _, err := lib.EditableDeck(in.Deck); err != nil {
					return err
				}
			}
			if len(missing) > 0 {
				r := bufio.NewReader(e.In)
				in.DeckOK = func(id string) string { return askDeck(c, e, &lib, r, id) }
				if err := in.Prompt(r, e.Err); err != nil {
					return err
				}
			}
			return runAdd(e, lib, &in, c.Bool("force"))
		},
	}
}

// askDeck checks a deck typed at add's prompt. A built-in deck can be
// copied to the user's deck folder there and then (as the review's e key
// does), and the library is opened again to find the copy.
func askDeck(c *cli.Context, e *env, lib **library.Library, r *bufio.Reader, id string) string {
	d := (*lib).Decks.Deck(id)
	if d != nil && d.Path == "" {
		if !tui.Confirm(r, e.Err, id+" is a built-in deck: copy it to your deck folder, to add cards to the copy?") {
			return "choose one of your decks, or `rehearse decks new ID` for a new one"
		}
		file, err := library.CopyBuiltin(d, config.DeckDir((*lib).DataDir))
		if err != nil {
			return err.Error()
		}
		fmt.Fprintf(e.Err, "Copied it to %s.\n", file)
		next, err := open(c, e, library.DecksOnly)
		if err != nil {
			return err.Error()
		}
		*lib = next
	}
	if _, err := (*lib).EditableDeck(id); err != nil {
		msg := err.Error()
		for _, h := range hint.Of(err) {
			msg += "; " + h
		}
		return msg
	}
	return ""
}

func runAdd(e *env, lib *library.Library, in *entry.Input, force bool) error {
	saved, card, line, err := lib.AddCard(in.Deck, in.Card, force)
	var bad *library.BadCardID
	if errors.As(err, &bad) {
		return usagef("for example --id "+bad.Suggest, "%v", err)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Added %s to %s (line %d).\n", deck.Key(saved.ID, card.ID), saved.File, line)
	printLint(e.Err, lib.LintCards(saved, map[string]bool{card.ID: true}))
	return nil
}
