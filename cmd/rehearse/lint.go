package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
)

func lintCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "lint",
		Usage:     "check deck files and explain every problem",
		UsageText: "rehearse lint [PATH]...",
		Description: `Checks deck files: TOML syntax, unknown keys, cards without a front or a
back, scenario cards without points, duplicate card or deck ids, values of
the wrong type. Each problem names the file and line and says how to fix it.

With no PATH, checks every deck rehearse would load (built-in, your deck
folder and --decks). A PATH may be a deck file or a folder of them.

Exits with 1 when any deck has an error. Warnings (such as a card without an
explicit id, whose schedule restarts when its front is edited) do not fail.

Example:
   $ rehearse lint decks/net.toml
   decks/net.toml:14: card "osi-l3" has no back
     hint: add back = "…" under the [[card]] that starts on line 12
   rehearse: 1 error in 1 deck file`,
		Action: func(c *cli.Context) error {
			var srcs []deck.Source
			if c.Args().Present() {
				for _, p := range c.Args().Slice() {
					src, err := pathSource(p, "argument")
					if err != nil {
						return err
					}
					srcs = append(srcs, src)
				}
			} else {
				dir, err := dataDir(c)
				if err != nil {
					return err
				}
				if srcs, err = deckSources(c, dir); err != nil {
					return err
				}
			}
			return runLint(e.stdout, srcs)
		},
	}
}

func runLint(out io.Writer, srcs []deck.Source) error {
	var set deck.Set
	for _, src := range srcs {
		// Each source on its own: lint reports every file, replaced or not.
		s := deck.LoadAll(src)
		set.Decks = append(set.Decks, s.Decks...)
		set.Errors = append(set.Errors, s.Errors...)
		set.BadFiles += s.BadFiles
	}
	for _, err := range set.Errors {
		printDiagnostic(out, err, "")
	}
	warnings := 0
	for _, d := range set.Decks {
		for _, w := range d.Warnings {
			printDiagnostic(out, w, "warning: ")
			warnings++
		}
	}
	if len(set.Errors) > 0 {
		return fmt.Errorf("%s in %s", plural(len(set.Errors), "error", "errors"), plural(set.BadFiles, "deck file", "deck files"))
	}
	if len(set.Decks) == 0 {
		return withHint(fmt.Errorf("no deck files found"), "deck files end in .toml")
	}
	summary := fmt.Sprintf("ok: %s, %s", plural(len(set.Decks), "deck", "decks"), plural(set.Cards(), "card", "cards"))
	if warnings > 0 {
		summary += ", " + plural(warnings, "warning", "warnings")
	}
	fmt.Fprintln(out, summary)
	return nil
}

func printDiagnostic(w io.Writer, err *deck.Error, prefix string) {
	loc := err.File
	if err.Line > 0 {
		loc = fmt.Sprintf("%s:%d", err.File, err.Line)
	}
	fmt.Fprintf(w, "%s: %s%s\n", clean(loc), prefix, clean(err.Msg))
	if err.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", clean(err.Hint))
	}
}
