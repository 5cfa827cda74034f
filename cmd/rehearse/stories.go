package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func storiesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "stories",
		Usage:       "your STAR story bank against the behavioural questions",
		UsageText:   "rehearse stories [--deck ID]... [--competencies]\n   rehearse stories new [ID]\n   rehearse stories example",
		Description: helpText("stories"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "count the questions of the deck with this `ID` only (repeatable)"},
			&cli.BoolFlag{Name: "competencies", Usage: "list the built-in competencies and their ids"},
		},
		Subcommands: []*cli.Command{storiesNewCommand(e), storiesExampleCommand(e)},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("`rehearse stories new` writes a new stories file", "unknown argument %q", c.Args().First())
			}
			if c.Bool("competencies") {
				return report.WriteCompetencies(e.Out, e.OutDisplay())
			}
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			var questions []deck.Prompt
			for _, p := range sel.Prompts {
				if p.Card.Behavioural() && !p.Reversed {
					questions = append(questions, p)
				}
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error {
				return report.WriteStories(w, d, lib.Decks.Stories(), questions)
			})
		},
	}
}

func storiesNewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "new",
		Usage:       "write a commented stories file to fill in",
		UsageText:   "rehearse stories new [ID]",
		Description: helpText("stories-new"),
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("for example: rehearse stories new my-stories", "give at most one file id")
			}
			id := "stories"
			if c.NArg() == 1 {
				id = c.Args().First()
			}
			if !deck.ValidID(id) {
				return usagef(fmt.Sprintf("for example: rehearse stories new %s", deck.Slug(id)), "%q may use only letters, digits, '-', '_' and '.'", id)
			}
			w, err := locate(c, e)
			if err != nil {
				return err
			}
			file := filepath.Join(config.DeckDir(w.dataDir), id+".toml")
			if err := library.CreateUserFile(file, deck.StoryTemplate()); err != nil {
				return err
			}
			fmt.Fprintf(e.Out, "Wrote %s: fill in the story (and add more), then check it with `rehearse lint %s`.\n", file, file)
			return nil
		},
	}
}

func storiesExampleCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "example",
		Usage:     "print an example stories file: invented stories that show the form",
		UsageText: "rehearse stories example",
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("rehearse stories example takes no arguments", "unexpected argument %q", c.Args().First())
			}
			_, err := e.Out.Write(decks.ExampleStories)
			return err
		},
	}
}
