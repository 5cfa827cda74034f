package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck/interchange"
	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

func exportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "export",
		Usage:       "write a deck as Anki notes, CSV, TSV or JSON",
		UsageText:   "rehearse export --deck ID [--format anki|csv|tsv|json] [-o FILE [--force]]",
		Description: helpText("export"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "deck", Usage: "export the deck with this `ID`"},
			&cli.StringFlag{Name: "format", Usage: "write `FORMAT`: anki, csv, tsv or json"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to `FILE` instead of standard output"},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("name the deck with --deck ID and the file with -o FILE", "unexpected argument %q", c.Args().First())
			}
			if c.String("deck") == "" {
				return usagef("for example: rehearse export --deck networking-layers -o networking.txt", "give the deck to export with --deck ID")
			}
			out := c.String("output")
			format, err := exportFormat(c.String("format"), out)
			if err != nil {
				return err
			}
			lib, err := open(c, e, library.DecksOnly)
			if err != nil {
				return err
			}
			d := lib.Decks.Deck(c.String("deck"))
			if d == nil {
				return hint.With(fmt.Errorf("no deck %q", c.String("deck")), "run `rehearse decks` to list the decks and their ids")
			}
			var b bytes.Buffer
			if err := interchange.Write(&b, d, format); err != nil {
				return err
			}
			if out == "" {
				// Deck text is data: on a terminal it is shown harmlessly,
				// and JSON always escapes what a terminal would act on. A
				// pipe or a file gets the text as written.
				text := b.Bytes()
				switch {
				case format == interchange.JSON:
					text = tui.JSON(text)
				case tui.IsTerminal(e.Out):
					text = []byte(tui.CleanColumns(string(text)))
				}
				_, err = e.Out.Write(text)
				return err
			}
			write := atomicfile.Create
			if c.Bool("force") {
				write = atomicfile.Replace
			}
			if err := write(out, b.Bytes(), library.DeckFileMode); err != nil {
				if errors.Is(err, fs.ErrExist) {
					return hint.With(fmt.Errorf("%s exists, so it was left as it is", out), "pass --force to replace it, or choose another -o FILE")
				}
				return fmt.Errorf("cannot write %s: %w", out, library.UnwrapPath(err))
			}
			fmt.Fprintf(e.Err, "Wrote %s of %s to %s (%s).\n", tui.Plural(len(d.Cards), "[[card]] entry", "[[card]] entries"), d.ID, out, format)
			return nil
		},
	}
}

// exportFormat is --format, else what the output file's name says, else anki.
func exportFormat(flag, out string) (interchange.Format, error) {
	switch f := strings.ToLower(flag); f {
	case "anki", "csv", "tsv", "json":
		return interchange.Format(f), nil
	case "":
	default:
		return "", usagef("the formats are anki, csv, tsv and json", "unknown --format %q", flag)
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".csv":
		return interchange.CSV, nil
	case ".tsv", ".tab":
		return interchange.TSV, nil
	case ".json":
		return interchange.JSON, nil
	}
	return interchange.Anki, nil
}
