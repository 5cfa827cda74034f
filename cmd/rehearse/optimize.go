package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
)

func optimizeCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "optimize",
		Usage:     "fit FSRS to your answers and compare the models' predictions",
		UsageText: "rehearse optimize [--dry-run] [--format table|json] [--predictions FILE]",
		Description: `Fits FSRS-6 to every device's answers in the review log, as the FSRS
optimiser does (fsrs-rs): each card's answers in time order, the fit
minimises the log loss of the recall FSRS predicts for every answer but a
card's first (recalled means graded 3 or more). With fewer than 8 such
answers the published weights stay; with fewer than 64 only the four
initial stabilities are fitted.

Then it measures how well each model predicts your recall: SM-2, FSRS-6
with the published weights, FSRS-6 fitted, and FSRS-6 fitted on four fifths
of the cards and tested on the rest, which shows whether fitting helps on
cards it has not seen. Lower log loss and RMSE are better; AUC is 0.5 for
chance and 1 for perfect.

The weights are saved in the data folder (fsrs/DEVICE.toml) unless
--dry-run: every device syncing the folder schedules with the newest fit.
They take effect with scheduler = "fsrs"; cards keep their due days until
answered again (` + "`rehearse reschedule`" + ` moves them at once).

--format json prints {"answers", "cards", "fitted", "parameters",
"evaluation": {"sm2", "fsrs_default", "fsrs", "fsrs_held_out"}}, each model
{"n", "log_loss", "rmse_bins", "auc"}. --predictions FILE writes each
answer's predicted recall: {"reviews": [{"card", "time", "p_sm2",
"p_fsrs_default", "p_fsrs"}]}.`,
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
			lib, err := open(c, e, library.WithLog)
			if err != nil {
				return err
			}
			var progress func(float64)
			if errFile, ok := e.Err.(*os.File); ok && tui.IsTerminal(errFile) {
				update, clear := tui.Progress(e.Err, "fitting FSRS", e.OutDisplay().Width)
				defer clear()
				progress = update
			}
			o := lib.Optimize(progress)
			if path := c.String("predictions"); path != "" {
				if err := writePredictions(path, o); err != nil {
					return err
				}
			}
			if !c.Bool("dry-run") {
				device := config.DeviceName(lib.Settings.Device, e.Env)
				path, err := library.WriteFit(lib.DataDir, library.Fit{Weights: o.Result.Weights, Fitted: e.now(), Device: device,
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
