package srs_test

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"testing"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

func approx(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func TestEvaluate(t *testing.T) {
	p := func(prob float64, recalled bool, elapsed, review, lapses int) srs.Prediction {
		return srs.Prediction{P: prob, Recalled: recalled, Elapsed: elapsed, Review: review, Lapses: lapses}
	}
	tests := []struct {
		name  string
		preds []srs.Prediction
		want  srs.Accuracy
	}{
		{
			name:  "log loss of two answers",
			preds: []srs.Prediction{p(0.8, true, 1, 2, 0), p(0.4, false, 1, 2, 0)},
			// -(ln 0.8 + ln 0.6)/2; one bin: recalled 1/2, mean P 0.6; AUC 1.
			want: srs.Accuracy{N: 2, LogLoss: -(math.Log(0.8) + math.Log(0.6)) / 2, RMSEBins: 0.1, AUC: 1},
		},
		{
			name:  "certainty is clipped to the float64 epsilon",
			preds: []srs.Prediction{p(1, false, 1, 2, 0), p(0, false, 1, 2, 0)},
			want:  srs.Accuracy{N: 2, LogLoss: -math.Log(0x1p-52) / 2, RMSEBins: 0.5, AUC: math.NaN()},
		},
		{
			name: "AUC with ties",
			// Pairs (recall, lapse): 0.9>0.5, 0.9>0.1, 0.5=0.5 (half), 0.5>0.1:
			// 3.5 of 4.
			preds: []srs.Prediction{p(0.9, true, 1, 2, 0), p(0.5, true, 1, 2, 0), p(0.5, false, 1, 2, 0), p(0.1, false, 1, 2, 0)},
			want: srs.Accuracy{N: 4, AUC: 0.875,
				LogLoss: -(math.Log(0.9) + math.Log(0.5) + math.Log(0.5) + math.Log(0.9)) / 4},
		},
		{
			name: "RMSE over bins",
			// Elapsed 1 and 2 share bin 0 (3.62^0 ≤ t < 3.62), 4 and 10 bin 1;
			// answers 2 and 3 share bin 1 (1.89 ≤ i < 1.89²); lapses 1 is bin 0,
			// no lapses a bin of its own. So:
			//   {0.9 ✓, 0.7 ✗}: recalled 0.5, mean P 0.8, error -0.3;
			//   {0.8 ✓, 0.6 ✓}: recalled 1, mean P 0.7, error 0.3;
			//   {0.5 ✗}: recalled 0, mean P 0.5, error -0.5;
			// √((2·0.09 + 2·0.09 + 0.25)/5) = √0.122.
			preds: []srs.Prediction{
				p(0.9, true, 1, 2, 0), p(0.7, false, 2, 2, 0),
				p(0.8, true, 4, 3, 1), p(0.6, true, 10, 3, 1),
				p(0.5, false, 4, 3, 0),
			},
			want: srs.Accuracy{N: 5, RMSEBins: math.Sqrt(0.122),
				LogLoss: -(math.Log(0.9) + math.Log(0.3) + math.Log(0.8) + math.Log(0.6) + math.Log(0.5)) / 5,
				// Recalls 0.9, 0.8, 0.6 against lapses 0.7, 0.5: 5 of 6 pairs.
				AUC: 5.0 / 6},
		},
		{
			name:  "NaN predictions are skipped",
			preds: []srs.Prediction{p(math.NaN(), true, 0, 1, 0), p(0.8, true, 1, 2, 0)},
			want:  srs.Accuracy{N: 1, LogLoss: -math.Log(0.8), RMSEBins: 0.2, AUC: math.NaN()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := srs.Evaluate(tt.preds)
			if got.N != tt.want.N || !approx(got.LogLoss, tt.want.LogLoss) ||
				!approx(got.RMSEBins, tt.want.RMSEBins) || !approx(got.AUC, tt.want.AUC) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestPredictions(t *testing.T) {
	cards := []srs.FitCard{{Card: "c", Reviews: []srs.FitReview{
		{Rating: srs.RateAgain},
		{Elapsed: 1, Rating: srs.RateAgain, SM2Interval: 1},
		{Elapsed: 2, Rating: srs.RateGood, SM2Interval: 1},
		{Elapsed: 6, Rating: srs.RateHard, SM2Interval: 6},
	}}}
	sm2 := srs.PredictSM2(cards)
	want := []float64{math.NaN(), 0.9, 0.81, 0.9}
	for k := range want {
		if !approx(sm2[0][k], want[k]) {
			t.Errorf("SM-2 prediction %d = %v, want %v", k, sm2[0][k], want[k])
		}
	}
	got := srs.Predictions(cards, sm2)
	wantPreds := []srs.Prediction{
		{P: 0.9, Recalled: false, Elapsed: 1, Review: 2, Lapses: 0},
		{P: 0.81, Recalled: true, Elapsed: 2, Review: 3, Lapses: 1},
		{P: 0.9, Recalled: true, Elapsed: 6, Review: 4, Lapses: 1},
	}
	if len(got) != len(wantPreds) {
		t.Fatalf("got %+v", got)
	}
	for i := range got {
		g, w := got[i], wantPreds[i]
		if !approx(g.P, w.P) || g.Recalled != w.Recalled || g.Elapsed != w.Elapsed || g.Review != w.Review || g.Lapses != w.Lapses {
			t.Errorf("prediction %d: %+v, want %+v", i, g, w)
		}
	}
	fsrs := srs.PredictFSRS(cards, srs.DefaultWeights)
	w := srs.DefaultWeights
	m := w.Next(srs.Memory{}, 0, srs.RateAgain)
	if !math.IsNaN(fsrs[0][0]) || fsrs[0][1] != w.Retrievability(1, m.Stability) {
		t.Errorf("FSRS predictions %v, want NaN then %v", fsrs[0], w.Retrievability(1, m.Stability))
	}
}

func TestSplitCards(t *testing.T) {
	var cards []srs.FitCard
	for i := range 1000 {
		cards = append(cards, srs.FitCard{Card: fmt.Sprintf("deck/card-%d", i)})
	}
	cards = append(cards, srs.FitCard{Card: "deck/card-7"}) // a reset card: same side
	train, test := srs.SplitCards(cards)
	if len(train)+len(test) != len(cards) || len(test) < 150 || len(test) > 250 {
		t.Errorf("split %d train, %d test", len(train), len(test))
	}
	side := map[string]bool{}
	for _, c := range test {
		side[c.Card] = true
	}
	for _, c := range train {
		if side[c.Card] {
			t.Errorf("%s is on both sides", c.Card)
		}
	}
	again, _ := srs.SplitCards(cards)
	for i := range train {
		if train[i].Card != again[i].Card {
			t.Fatal("split is not deterministic")
		}
	}
}

// realLog is a real review history kept outside the repository; see its
// README. Tests that use it skip when it is absent.
const realLog = "../../shared/datasets/fsrs-tiny/real.tsv"

func TestFitRealHistory(t *testing.T) {
	f, err := os.Open(realLog)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent", realLog)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, warn, err := revlog.Parse(f, realLog)
	if err != nil {
		t.Fatal(err)
	}
	if warn != nil {
		t.Logf("warning: %v", warn)
	}
	cards := srs.FitData(srs.Records(recs), srs.Params{})
	train, test := srs.SplitCards(cards)
	res := srs.Fit(train, srs.FitOptions{})
	t.Logf("%d cards (%d train, %d test); fit %v on %d items of %d cards", len(cards), len(train), len(test), res.Scope, res.Items, res.Cards)
	t.Logf("fitted weights %.4v", res.Weights)
	if err := res.Weights.Valid(); err != nil {
		t.Fatal(err)
	}
	if res.Scope != srs.FitAll {
		t.Fatalf("scope %v, want all", res.Scope)
	}
	eval := func(cards []srs.FitCard, p [][]float64) srs.Accuracy {
		return srs.Evaluate(srs.Predictions(cards, p))
	}
	for _, split := range []struct {
		name  string
		cards []srs.FitCard
	}{{"in-sample", train}, {"held-out", test}} {
		def := eval(split.cards, srs.PredictFSRS(split.cards, srs.DefaultWeights))
		fit := eval(split.cards, srs.PredictFSRS(split.cards, res.Weights))
		sm2 := eval(split.cards, srs.PredictSM2(split.cards))
		for _, r := range []struct {
			model string
			acc   srs.Accuracy
		}{{"FSRS defaults", def}, {"FSRS fitted", fit}, {"SM-2", sm2}} {
			t.Logf("%-9s %-13s N=%d log loss %.4f RMSE(bins) %.4f AUC %.4f",
				split.name, r.model, r.acc.N, r.acc.LogLoss, r.acc.RMSEBins, r.acc.AUC)
		}
		if !(fit.LogLoss < def.LogLoss) {
			t.Errorf("%s: fitted log loss %.4f is not below the defaults' %.4f", split.name, fit.LogLoss, def.LogLoss)
		}
	}
}

// TestEvaluateIsRepeatable: the bins are summed in a fixed order, so the
// same predictions give the same figures to the last bit (a map's order
// once made the last digit of rmse_bins vary between runs).
func TestEvaluateIsRepeatable(t *testing.T) {
	var preds []srs.Prediction
	for i := 0; i < 500; i++ {
		preds = append(preds, srs.Prediction{P: float64(i%97) / 97, Recalled: i%3 != 0, Elapsed: 1 + i%40, Review: 1 + i%13, Lapses: i % 5})
	}
	first := srs.Evaluate(preds)
	for i := 0; i < 50; i++ {
		if got := srs.Evaluate(preds); got != first {
			t.Fatalf("run %d: %+v, first run %+v", i, got, first)
		}
	}
}
