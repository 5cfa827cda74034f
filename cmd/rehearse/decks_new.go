package main

import (
	"fmt"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
)

func decksNewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "new",
		Usage:       "create an empty deck in your deck folder",
		UsageText:   "rehearse decks new ID [--name NAME]",
		Description: helpText("decks-new"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "name", Usage: "the deck's `NAME` (default: its id)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse decks new my-interviews", "give exactly one deck id")
			}
			id := c.Args().First()
			if !deck.ValidID(id) {
				return usagef(fmt.Sprintf("for example: rehearse decks new %s", deck.Slug(id)),
					"deck id %q may use only letters, digits, '-', '_' and '.'", id)
			}
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			if d := lib.Decks.Deck(id); d != nil {
				if d.Path == "" {
					return hint.With(fmt.Errorf("%s is a built-in deck", id),
						fmt.Sprintf("to edit it, copy it with `rehearse decks copy %s`; for a deck of your own, choose another id", id))
				}
				return hint.With(fmt.Errorf("deck %s exists already: %s", id, d.File), "choose another id, or add cards to it with `rehearse add --deck "+id+"`")
			}
			name := c.String("name")
			if name == "" {
				name = id
			}
			file := filepath.Join(config.DeckDir(lib.DataDir), id+".toml")
			if err := library.CreateUserFile(file, deck.Template(id, name)); err != nil {
				return err
			}
			fmt.Fprintf(e.Out, "Created %s.\nAdd cards with `rehearse add --deck %s`, by `rehearse import`, or by editing the file.\n", file, id)
			return nil
		},
	}
}

func decksCopyCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "copy",
		Usage:       "copy a built-in deck to your deck folder, to edit it",
		UsageText:   "rehearse decks copy ID",
		Description: helpText("decks-copy"),
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse decks copy networking-layers", "give exactly one deck id")
			}
			id := c.Args().First()
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			builtin := deck.LoadAll(deck.Source{FS: decks.FS, Origin: "built-in"}).Deck(id)
			if builtin == nil {
				if d := lib.Decks.Deck(id); d != nil && d.Path != "" {
					return hint.With(fmt.Errorf("%s is not a built-in deck: it is yours already, in %s", id, d.File), "edit that file")
				}
				return hint.With(fmt.Errorf("no built-in deck %q", id), "run `rehearse decks` to list the decks and where each comes from")
			}
			if d := lib.Decks.Deck(id); d != nil && d.Path != "" {
				return hint.With(fmt.Errorf("you have a copy of %s already: %s", id, d.File),
					"edit it; to start again from the built-in deck, delete it and copy again")
			}
			file, err := library.CopyBuiltin(builtin, config.DeckDir(lib.DataDir))
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Out, "Copied the built-in deck %s to %s.\n", id, file)
			fmt.Fprintf(e.Out, "Your copy replaces the built-in deck, and your progress carries over. Check your edits with `rehearse lint %s`.\n", file)
			return nil
		},
	}
}
