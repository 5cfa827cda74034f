package srs

import "math"

// CalibrationBins is how many equal bins of predicted recall
// [Calibration] counts answers in.
const CalibrationBins = 10

// Calibration compares the recall a model predicted for each answer with
// what the learner did: every scheduling answer in force but a card's
// first, with the model in force (FSRS's retrievability, or for SM-2 the
// srs-benchmark's convention p = 0.9^(t/I), t the days since the previous
// answer and I the interval it set).
type Calibration struct {
	Model Model
	Bins  [CalibrationBins]CalibrationBin // by predicted recall: [0, 0.1), ... [0.9, 1]
	Total CalibrationBin
	// LogLoss is the mean binary cross-entropy of the predictions, with
	// each prediction clipped to [1e-6, 1-1e-6]; 0 with no answers.
	LogLoss float64
	logSum  float64
}

// CalibrationBin counts the answers whose predicted recall fell in one bin.
type CalibrationBin struct {
	Answers   int
	Recalled  int     // answers graded 3 or more
	Predicted float64 // the sum of the predicted recalls
}

// MeanPredicted is the mean predicted recall of the bin's answers.
func (b CalibrationBin) MeanPredicted() float64 { return b.Predicted / float64(max(b.Answers, 1)) }

// Actual is the share of the bin's answers that were recalled.
func (b CalibrationBin) Actual() float64 { return float64(b.Recalled) / float64(max(b.Answers, 1)) }

// PredictedRecall is the recall the model in force predicts for the answer
// of a step, and false for an answer nothing predicts (a card's first, or
// a same-day re-drill).
func PredictedRecall(st Step, p Params) (float64, bool) {
	if !st.Scheduled || st.Before.IsNew() {
		return 0, false
	}
	if st.recallKnown && p.fsrs() != nil { // the replay computed it already
		return st.recall, true
	}
	return recallOn(&st.Before, st.Record.Day, p), true
}

// RecallOn is the recall the model in force predicts for an answered card
// on day: FSRS's retrievability when FSRS keeps the card's memory, else
// 0.9^(t/I) with I the card's interval.
func RecallOn(c *CardState, day Day, p Params) float64 {
	if c.IsNew() {
		return 0
	}
	return recallOn(c, day, p)
}

func recallOn(c *CardState, day Day, p Params) float64 {
	t := max(int(day-c.LastDay), 0)
	if f := p.fsrs(); f != nil && c.Memory != (Memory{}) {
		return f.Recall(c.Memory, t)
	}
	return SM2Recall(t, c.Days())
}

// SM2Recall is srs-benchmark's convention for the recall SM-2 predicts,
// which SM-2 does not model itself: 0.9^(t/I), t the days since the last
// answer and I the interval that answer set (at least 1).
func SM2Recall(elapsed, interval int) float64 {
	return math.Pow(0.9, float64(max(elapsed, 0))/float64(max(interval, 1)))
}

// add counts one step's answer, if the model predicted it.
func (c *Calibration) add(st Step, p Params) {
	pr, ok := PredictedRecall(st, p)
	if !ok {
		return
	}
	recalled := st.Record.Grade.Passed()
	i := min(int(pr*CalibrationBins), CalibrationBins-1)
	for _, b := range []*CalibrationBin{&c.Bins[i], &c.Total} {
		b.Answers++
		b.Predicted += pr
		if recalled {
			b.Recalled++
		}
	}
	q := min(max(pr, 1e-6), 1-1e-6)
	if recalled {
		c.logSum -= math.Log(q)
	} else {
		c.logSum -= math.Log(1 - q)
	}
	c.LogLoss = c.logSum / float64(c.Total.Answers)
}
