package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func optimizeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "optimize",
		Usage:       "fit FSRS to your answers and compare the models' predictions",
		UsageText:   "rehearse optimize [--dry-run] [--format table|json] [--predictions FILE]",
		Description: helpText("optimize"),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "dry-run", Aliases: []string{"n"}, Usage: "fit and compare, save nothing"},
			&cli.StringFlag{Name: "format", Value: "table", Usage: "`FORMAT`: table or json"},
			&cli.StringFlag{Name: "predictions", Usage: "write each answer's predicted recall to `FILE` (JSON)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("see `rehearse optimize --help`", "unexpected argument %q", c.Args().First())
			}
			if f := c.String("format"); f != "table" && f != "json" {
				return usagef("use --format table or --format json", "unknown format %q", f)
			}
			lib, err := open(c, e, library.WithLog, func(o *library.Options) { o.Text = deck.KeysOnly })
			if err != nil {
				return err
			}
			var progress func(float64)
			if errFile, ok := e.Err.(*os.File); ok && tui.IsTerminal(errFile) {
				update, clear := tui.Progress(e.Err, "fitting FSRS", e.OutDisplay().Width)
				defer clear()
				progress = update
			}
			dataDir, device := lib.DataDir, config.DeviceName(lib.Settings.Device, e.Env)
			o := lib.Optimize(progress) // lib's last use: its log and decks are freed while the fit runs
			if path := c.String("predictions"); path != "" {
				if err := writePredictions(path, o); err != nil {
					return err
				}
			}
			if !c.Bool("dry-run") {
				path, err := library.WriteFit(dataDir, library.Fit{Weights: o.Result.Weights, Fitted: e.now(), Device: device,
					Answers: o.Result.Items, Cards: o.Cards})
				if err != nil {
					return err
				}
				defer fmt.Fprintf(e.Err, "rehearse: saved the weights to %s\n", path)
			}
			if c.String("format") == "json" {
				return report.WriteOptimizeJSON(e.Out, o)
			}
			return paged(c, e, func(w io.Writer, d tui.Display) error { return report.WriteOptimize(w, d, o) })
		},
	}
}

// writePredictions saves each answer's predicted recall to path.
func writePredictions(path string, o *library.Optimization) error {
	var b bytes.Buffer
	if err := report.WritePredictions(&b, o); err != nil {
		return err
	}
	if err := atomicfile.Replace(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write --predictions: %w", err)
	}
	return nil
}
