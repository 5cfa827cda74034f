package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/deck/interchange"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func importCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "import",
		Usage:       "import cards from Anki, CSV or TSV into one of your decks",
		UsageText:   "rehearse import FILE --deck ID [--update] [--dry-run] [--skip-bad] [--format anki|csv|tsv] [--name NAME]",
		Description: helpText("import"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "import into the deck with this `ID` (created if needed)"},
			&cli.StringFlag{Name: "format", Usage: "read FILE as `FORMAT`: anki, csv or tsv (default: from its first line and name)"},
			&cli.BoolFlag{Name: "update", Usage: "update cards the deck has whose text differs"},
			&cli.BoolFlag{Name: "dry-run", Usage: "report what would change, and write nothing"},
			&cli.BoolFlag{Name: "skip-bad", Usage: "import the good rows even if some rows cannot be imported"},
			&cli.StringFlag{Name: "name", Usage: "name a new deck `NAME`"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("for example: rehearse import notes.txt --deck my-deck", "give exactly one file to import")
			}
			if c.String("deck") == "" {
				return usagef("for example: rehearse import notes.txt --deck my-deck", "give the deck to import into with --deck ID")
			}
			if !deck.ValidID(c.String("deck")) {
				return usagef(fmt.Sprintf("for example --deck %s", deck.Slug(c.String("deck"))),
					"--deck %q may use only letters, digits, '-', '_' and '.'", c.String("deck"))
			}
			var format interchange.Format
			switch f := strings.ToLower(c.String("format")); f {
			case "":
			case "anki", "csv", "tsv":
				format = interchange.Format(f)
			default:
				return usagef("the formats are anki, csv and tsv", "unknown --format %q", c.String("format"))
			}
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			return runImport(e, lib, c.Args().First(), format, importOptions{
				deck: c.String("deck"), name: c.String("name"),
				update: c.Bool("update"), dryRun: c.Bool("dry-run"), skipBad: c.Bool("skip-bad"),
			})
		},
	}
}

type importOptions struct {
	deck, name              string
	update, dryRun, skipBad bool
}

func runImport(e *env, lib *library.Library, path string, format interchange.Format, opt importOptions) error {
	data, err := library.ReadImportFile(path)
	if err != nil {
		return err
	}
	if format == "" {
		if format, err = interchange.DetectFormat(path, data); err != nil {
			return usagef("say which with --format anki, csv or tsv", "%v", err)
		}
	}
	file, err := interchange.Read(path, data, format)
	if err != nil {
		var de *deck.Error
		if errors.As(err, &de) {
			report.WriteDiagnostic(e.Out, de, "error: ")
			return fmt.Errorf("cannot read %s: nothing was imported", path)
		}
		return err
	}

	imp, err := lib.PlanImport(path, file, opt.deck, opt.name, opt.update)
	if err != nil {
		return err
	}
	// Rows say what happens: "added" only when the import is written.
	report.WriteImportPlan(e.Out, imp, !opt.dryRun && (len(imp.Bad) == 0 || opt.skipBad))
	if len(imp.Bad) > 0 && !opt.skipBad {
		return hint.With(fmt.Errorf("%s cannot be imported, so nothing was imported", tui.Plural(len(imp.Bad), "row", "rows")),
			"fix the rows and import again, or pass --skip-bad to import the others")
	}
	switch {
	case opt.dryRun:
		fmt.Fprintf(e.Out, "Dry run, nothing written: %s would get %s.\n", imp.Deck.ID, imp.Summary())
		return nil
	case imp.Adds()+imp.Updates() == 0:
		fmt.Fprintf(e.Out, "Nothing to change in %s: %s.\n", imp.Deck.ID, imp.Summary())
		return nil
	}
	saved, changed, err := lib.ApplyImport(imp)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Out, "Imported into %s (%s): %s.\n", imp.Deck.ID, imp.Deck.File, imp.Summary())
	printLint(e.Err, lib.LintCards(saved, changed))
	return nil
}
