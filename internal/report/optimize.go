package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// The JSON of `rehearse optimize` and of its --predictions file: a stable
// interface, listed in the README.
type optimizeJSON struct {
	Answers    int            `json:"answers"`
	Cards      int            `json:"cards"`
	Fitted     string         `json:"fitted"` // none, initial or all
	Parameters []float64      `json:"parameters"`
	Evaluation evaluationJSON `json:"evaluation"`
}

type evaluationJSON struct {
	SM2      accuracyJSON `json:"sm2"`
	Defaults accuracyJSON `json:"fsrs_default"`
	Fitted   accuracyJSON `json:"fsrs"`
	HeldOut  accuracyJSON `json:"fsrs_held_out"`
}

type accuracyJSON struct {
	N        int      `json:"n"`
	LogLoss  *float64 `json:"log_loss"`
	RMSEBins *float64 `json:"rmse_bins"`
	AUC      *float64 `json:"auc"`
}

func accuracyOut(a srs.Accuracy) accuracyJSON {
	num := func(v float64) *float64 {
		if a.N == 0 || math.IsNaN(v) {
			return nil
		}
		return &v
	}
	return accuracyJSON{N: a.N, LogLoss: num(a.LogLoss), RMSEBins: num(a.RMSEBins), AUC: num(a.AUC)}
}

// WriteOptimizeJSON writes what optimize found as one JSON object.
func WriteOptimizeJSON(out io.Writer, o *library.Optimization) error {
	return writeJSON(out, optimizeJSON{Answers: o.Answers, Cards: o.Cards, Fitted: o.Result.Scope.String(),
		Parameters: o.Result.Weights[:], Evaluation: evaluationJSON{accuracyOut(o.SM2), accuracyOut(o.Defaults),
			accuracyOut(o.Fitted), accuracyOut(o.HeldOut)}}, false)
}

type predictionJSON struct {
	Card     string  `json:"card"`
	Time     string  `json:"time"`
	SM2      float64 `json:"p_sm2"`
	Defaults float64 `json:"p_fsrs_default"`
	Fitted   float64 `json:"p_fsrs"`
}

// WritePredictions writes each answer's predicted recall by each model:
// {"reviews": [...]}, one entry at a time, so that a million answers
// never sit in memory twice.
func WritePredictions(out io.Writer, o *library.Optimization) error {
	bw := bufio.NewWriter(out)
	bw.WriteString(`{"reviews":[`)
	sep := ""
	err := o.Predictions(func(p library.Prediction) error {
		b, err := json.Marshal(predictionJSON{Card: p.Card, Time: p.Time.UTC().Format("2006-01-02T15:04:05.000Z"),
			SM2: p.SM2, Defaults: p.Defaults, Fitted: p.Fitted})
		if err != nil {
			return err
		}
		bw.WriteString(sep)
		bw.Write(tui.JSON(b))
		sep = ","
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// WriteOptimize writes what optimize found for a person: what was fitted,
// the weights, and how well each model predicts the learner's recall.
func WriteOptimize(out io.Writer, d tui.Display, o *library.Optimization) error {
	r := o.Result
	fmt.Fprintf(out, "Read %s of %s.\n", tui.Plural(o.Answers, "answer", "answers"), tui.Plural(o.Cards, "card", "cards"))
	switch r.Scope {
	case srs.FitNone:
		fmt.Fprintf(out, "FSRS needs %d answers with one before them to fit anything; this log has %d: the published weights stay.\n",
			srs.FitMinItems, r.Items)
	case srs.FitInitial:
		fmt.Fprintf(out, "Fitted the four initial stabilities (w0-w3) to %s; all 21 weights need %d.\n",
			tui.Plural(r.Items, "answer", "answers"), srs.FitMinAllItems)
	default:
		fmt.Fprintf(out, "Fitted all 21 FSRS-6 weights to %s.\n", tui.Plural(r.Items, "answer", "answers"))
	}
	fmt.Fprintln(out)
	t := NewTable(out, d, []string{"WEIGHT", "DEFAULT", "FITTED", "WEIGHT", "DEFAULT", "FITTED", "WEIGHT", "DEFAULT", "FITTED"}, 1, 2, 4, 5, 7, 8)
	const rows = 7
	for i := 0; i < rows; i++ {
		var cells []any
		for j := i; j < len(r.Weights); j += rows {
			cells = append(cells, fmt.Sprintf("w%d", j), fmt.Sprintf("%.4f", srs.DefaultWeights[j]), fmt.Sprintf("%.4f", r.Weights[j]))
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, "HOW WELL EACH MODEL PREDICTS YOUR RECALL")
	t = NewTable(out, d, []string{"MODEL", "ANSWERS", "LOG LOSS", "RMSE (BINS)", "AUC"}, 1, 2, 3, 4)
	for _, row := range []struct {
		name string
		a    srs.Accuracy
	}{{"SM-2", o.SM2}, {"FSRS-6, published weights", o.Defaults}, {"FSRS-6, fitted", o.Fitted},
		{"FSRS-6, fitted on 4/5, tested on 1/5", o.HeldOut}} {
		if err := t.Append(row.name, row.a.N, metric(row.a.N, row.a.LogLoss), metric(row.a.N, row.a.RMSEBins), metric(row.a.N, row.a.AUC)); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(out, tui.Indent("Each model predicts the chance that you recall each answer (all but a card's first). "+
		"Log loss and RMSE measure how far the predictions are from what you did: lower is better. "+
		"AUC is how well they tell the answers you recall from those you forget: 0.5 is chance, 1 perfect. "+
		"SM-2 predicts nothing itself: it is scored as 0.9^(days since the answer before / the interval it set). "+
		"The last row is the honest one: weights fitted without the cards they are tested on.", "", d.Width))
	return err
}

// metric writes an accuracy figure, or "-" when it cannot be computed.
func metric(n int, v float64) string {
	if n == 0 || math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.4f", v)
}
