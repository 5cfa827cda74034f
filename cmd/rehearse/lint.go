package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
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
			return runLint(e.Out, srcs, c.Bool("strict"))
		},
	}
}

func runLint(out io.Writer, srcs []deck.Source, strict bool) error {
	set, warns := deck.LintAll(srcs...)
	printCapped(out, set.Errors, "", "error", "errors")
	printCapped(out, warns, "warning: ", "warning", "warnings")
	warnings := len(warns)
	if len(set.Errors) > 0 {
		return fmt.Errorf("%s in %s", tui.Plural(len(set.Errors), "error", "errors"), tui.Plural(set.BadFiles, "deck file", "deck files"))
	}
	if len(set.Decks) == 0 {
		return hint.With(fmt.Errorf("no deck files found"), "deck files end in .toml")
	}
	summary := fmt.Sprintf("ok: %s, %s", tui.Plural(len(set.Decks), "deck", "decks"), tui.Plural(set.Cards(), "card", "cards"))
	if warnings > 0 {
		summary += ", " + tui.Plural(warnings, "warning", "warnings")
	}
	if strict && warnings > 0 {
		return hint.With(fmt.Errorf("%s (--strict)", tui.Plural(warnings, "warning", "warnings")), "fix them, or run without --strict to accept them")
	}
	fmt.Fprintln(out, summary)
	return nil
}

// maxPerFile is how many errors (and, apart, warnings) lint prints for one
// file: beyond it, the rest are counted. A file with 100,000 cards of one
// id would otherwise print 99,999 errors.
const maxPerFile = 100

// printCapped prints the diagnostics, at most maxPerFile per file, each
// file's overflow counted after its last one shown.
func printCapped(w io.Writer, diags []*deck.Error, prefix, one, many string) {
	shown, more := map[string]int{}, map[string]int{}
	var order []string
	for _, d := range diags {
		if shown[d.File] < maxPerFile {
			if shown[d.File] == 0 {
				order = append(order, d.File)
			}
			shown[d.File]++
			printDiagnostic(w, d, prefix)
			continue
		}
		more[d.File]++
	}
	for _, file := range order {
		if n := more[file]; n > 0 {
			kind := many
			if n == 1 {
				kind = one
			}
			fmt.Fprintf(w, "%s: and %d more %s (fix the first ones, then run lint again)\n", tui.Clean(file), n, kind)
		}
	}
}

func printDiagnostic(w io.Writer, err *deck.Error, prefix string) {
	loc := err.File
	if err.Line > 0 {
		loc = fmt.Sprintf("%s:%d", err.File, err.Line)
	}
	fmt.Fprintf(w, "%s: %s%s\n", tui.Clean(loc), prefix, tui.Clean(err.Msg))
	if err.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", tui.Clean(err.Hint))
	}
}
