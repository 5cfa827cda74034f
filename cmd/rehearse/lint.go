package main

import (
	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
)

func lintCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check deck files and explain every problem",
		UsageText: "rehearse lint [--strict] [PATH]...",
		Description: `Checks deck files: TOML syntax, unknown keys, cards without a front or a
back, scenario cards without points, duplicate card or deck ids, values of
the wrong type. Each problem names the file and line and says how to fix it.

It also warns about what loads but could be better:
   a card or deck without an explicit id (editing the front, or renaming
     the file, would restart its progress);
   a card that asks the same question as another card, in its deck or in
     another one (case, punctuation and words such as "what", "is" or
     "explain" aside);
   a back longer than 250 characters, too long to say aloud;
   factual cards without a source, in a deck whose other cards have one
     (or a deck where none has);
   an accepted answer with no letter or digit, which nothing typed matches;
   a deck with no cards yet.

With no PATH, checks every deck rehearse would load (built-in, your deck
folder and --decks). A PATH may be a deck file or a folder of them.

Exits with 1 when any deck has an error, or with --strict any warning.

Example:
   $ rehearse lint decks/net.toml
   decks/net.toml:14: card "osi-l3" has no back
     hint: add back = "…" under the [[card]] that starts on line 12
   rehearse: 1 error in 1 deck file`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "strict", Usage: "fail on warnings too"},
		},
		Action: func(c *cli.Context) error {
			var srcs []deck.Source
			if c.Args().Present() {
				for _, p := range c.Args().Slice() {
					src, err := library.PathSource(p, "argument")
					if err != nil {
						return err
					}
					srcs = append(srcs, src)
				}
			} else {
				dir, err := config.DataDir(c.String("data-dir"), e.Env)
				if err != nil {
					return err
				}
				if srcs, err = library.Sources(dir, !c.Bool("no-builtin"), c.StringSlice("decks")); err != nil {
					return err
				}
			}
			set, warns := deck.LintAll(srcs...)
			return report.WriteLint(e.Out, set, warns, c.Bool("strict"))
		},
	}
}
