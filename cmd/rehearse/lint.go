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
		Name:        "lint",
		Usage:       "check deck files and explain every problem",
		UsageText:   "rehearse lint [--strict] [PATH]...",
		Description: helpText("lint"),
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
