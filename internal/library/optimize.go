package library

import (
	"math"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// Optimization is what fitting FSRS to the review log found: the fit, and
// how well each model predicts the learner's recall.
type Optimization struct {
	Result  srs.FitResult
	Answers int // scheduling answers in force, every card's first included
	Cards   int
	// How well each model predicts recall, over every answer but a card's
	// first: SM-2 (srs-benchmark's p = 0.9^(t/I)), FSRS with the published
	// weights, FSRS fitted here, and FSRS fitted on four fifths of the cards
	// and measured on the other fifth.
	SM2, Defaults, Fitted, HeldOut srs.Accuracy

	// What [Optimization.Predictions] lists, kept per card and answer
	// (NaN for a card's first) rather than as one entry per answer.
	cards                 []srs.FitCard
	sm2, defaults, fitted [][]float64
}

// Prediction is the recall each model predicted for one answer.
type Prediction struct {
	Card                  string
	Time                  time.Time
	SM2, Defaults, Fitted float64
}

// Optimize fits FSRS's weights to every device's answers in the review
// log, and measures how well each model predicts them. progress, when
// not nil, hears how far the fits are, from 0 to 1.
func (lib *Library) Optimize(progress func(done float64)) *Optimization {
	cards := srs.FitData(lib.Log, srs.Params{MaxInterval: lib.Settings.Params.MaxInterval})
	train, test := srs.SplitCards(cards)
	report := func(from, share float64) func(done, total int) {
		if progress == nil {
			return nil
		}
		return func(done, total int) { progress(from + share*float64(done)/float64(max(total, 1))) }
	}
	o := &Optimization{Cards: len(cards)}
	for _, c := range cards {
		o.Answers += len(c.Reviews)
	}
	o.Result = srs.Fit(cards, srs.FitOptions{Progress: report(0, 0.8)})
	held := srs.Fit(train, srs.FitOptions{Progress: report(0.8, 0.2)})

	sm2 := srs.PredictSM2(cards)
	defaults := srs.PredictFSRS(cards, srs.DefaultWeights)
	fitted := srs.PredictFSRS(cards, o.Result.Weights)
	o.SM2 = srs.Evaluate(srs.Predictions(cards, sm2))
	o.Defaults = srs.Evaluate(srs.Predictions(cards, defaults))
	o.Fitted = srs.Evaluate(srs.Predictions(cards, fitted))
	o.HeldOut = srs.Evaluate(srs.Predictions(test, srs.PredictFSRS(test, held.Weights)))
	o.cards, o.sm2, o.defaults, o.fitted = cards, sm2, defaults, fitted
	if progress != nil {
		progress(1)
	}
	return o
}

// Predictions calls fn with the recall each model predicted for every
// answer that has a prediction (all but a card's first), card by card,
// each card's in time order.
func (o *Optimization) Predictions(fn func(Prediction) error) error {
	for i, c := range o.cards {
		for j, r := range c.Reviews {
			if math.IsNaN(o.fitted[i][j]) {
				continue
			}
			if err := fn(Prediction{Card: c.Card, Time: time.UnixMilli(r.Time).UTC(), SM2: o.sm2[i][j], Defaults: o.defaults[i][j], Fitted: o.fitted[i][j]}); err != nil {
				return err
			}
		}
	}
	return nil
}
