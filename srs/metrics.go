package srs

// How well predicted recall matches the answers, by the metrics of the
// open srs-benchmark (utils.py evaluate and rmse_matrix): log loss as
// sklearn's log_loss computes it, RMSE(bins) over its bins of elapsed
// days, answer number and lapses, and AUC as roc_auc_score does.

import (
	"cmp"
	"hash/fnv"
	"math"
	"slices"
)

// Prediction is one answer's predicted probability of recall and what
// happened, with the answer's place in its card's history, which
// RMSE(bins) groups by.
type Prediction struct {
	P        float64 // predicted probability of recall
	Recalled bool
	Elapsed  int // days since the card's previous answer
	Review   int // the answer's 1-based number in its card's sequence: 2 for the second
	Lapses   int // Again answers before it, not counting the card's first answer
}

// Accuracy is how well a set of predictions matched.
type Accuracy struct {
	N        int     // predictions counted
	LogLoss  float64 // mean negative log likelihood; lower is better
	RMSEBins float64 // calibration error over srs-benchmark's bins; lower is better
	AUC      float64 // how well P ranks recalls above lapses; NaN with one outcome only
}

// logLossEpsilon is the float64 machine epsilon, to which sklearn's
// log_loss clips probabilities (at both ends).
const logLossEpsilon = 0x1p-52

// Evaluate measures predictions as srs-benchmark does, skipping those
// whose P is NaN:
//
//   - LogLoss: the mean of -ln p for recalls and -ln(1-p) for lapses, p
//     clipped to [ε, 1-ε] with ε the float64 epsilon (sklearn log_loss);
//   - RMSEBins: predictions grouped by ⌊log_3.62 elapsed⌋ (elapsed at
//     least 1e-6), ⌊log_1.89 review⌋ and ⌊log_1.73 lapses⌋ (no lapses a
//     group of its own), then the root of the mean, weighted by group
//     size, of (share recalled - mean P)² (rmse_matrix);
//   - AUC: the chance that a random recall has a higher P than a random
//     lapse, ties counting half (roc_auc_score).
func Evaluate(preds []Prediction) Accuracy {
	type bin struct{ elapsed, review, lapses int }
	type sums struct{ n, recalled, p float64 }
	bins := map[bin]*sums{}
	var acc Accuracy
	kept := make([]Prediction, 0, len(preds))
	for _, p := range preds {
		if math.IsNaN(p.P) {
			continue
		}
		kept = append(kept, p)
		q := min(max(p.P, logLossEpsilon), 1-logLossEpsilon)
		y := 0.0
		if p.Recalled {
			acc.LogLoss -= math.Log(q)
			y = 1
		} else {
			acc.LogLoss -= math.Log(1 - q)
		}
		k := bin{
			elapsed: logBin(max(float64(p.Elapsed), 1e-6), 3.62),
			review:  logBin(max(float64(p.Review), 1e-6), 1.89),
			lapses:  math.MinInt,
		}
		if p.Lapses != 0 {
			k.lapses = logBin(float64(p.Lapses), 1.73)
		}
		s := bins[k]
		if s == nil {
			s = &sums{}
			bins[k] = s
		}
		s.n++
		s.recalled += y
		s.p += p.P
	}
	acc.N = len(kept)
	if acc.N == 0 {
		return Accuracy{LogLoss: math.NaN(), RMSEBins: math.NaN(), AUC: math.NaN()}
	}
	acc.LogLoss /= float64(acc.N)
	// Summed in a fixed order of the bins, so that the result is the same
	// to the last bit on every run.
	keys := make([]bin, 0, len(bins))
	for k := range bins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b bin) int {
		return cmp.Or(cmp.Compare(a.elapsed, b.elapsed), cmp.Compare(a.review, b.review), cmp.Compare(a.lapses, b.lapses))
	})
	sq := 0.0
	for _, k := range keys {
		s := bins[k]
		d := s.recalled/s.n - s.p/s.n
		sq += s.n * d * d
	}
	acc.RMSEBins = math.Sqrt(sq / float64(acc.N))
	acc.AUC = auc(kept)
	return acc
}

// logBin is ⌊log_base x⌋, the exponent that names x's bin; srs-benchmark
// names it by base·…^exponent, rounded, which is one-to-one with it.
func logBin(x, base float64) int {
	return int(math.Floor(math.Log(x) / math.Log(base)))
}

// auc is the area under the ROC curve of preds, from the ranks of P with
// ties given their mean rank; NaN without both recalls and lapses.
func auc(preds []Prediction) float64 {
	sorted := slices.Clone(preds)
	slices.SortFunc(sorted, func(a, b Prediction) int {
		switch {
		case a.P < b.P:
			return -1
		case a.P > b.P:
			return 1
		}
		return 0
	})
	var rankSum, pos float64
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].P == sorted[i].P {
			j++
		}
		rank := float64(i+j+1) / 2 // mean of ranks i+1 … j
		for _, p := range sorted[i:j] {
			if p.Recalled {
				rankSum += rank
				pos++
			}
		}
		i = j
	}
	neg := float64(len(sorted)) - pos
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg)
}

// Predictions pairs the predictions p (as [PredictFSRS] or [PredictSM2]
// return them, one slice per card) with the cards' answers, skipping NaN.
func Predictions(cards []FitCard, p [][]float64) []Prediction {
	var out []Prediction
	for c, card := range cards {
		lapses := 0
		for k, r := range card.Reviews {
			if k < len(p[c]) && !math.IsNaN(p[c][k]) {
				out = append(out, Prediction{
					P:        p[c][k],
					Recalled: r.Rating >= RateHard,
					Elapsed:  int(r.Elapsed),
					Review:   k + 1,
					Lapses:   lapses,
				})
			}
			if k > 0 && r.Rating == RateAgain {
				lapses++
			}
		}
	}
	return out
}

// PredictFSRS returns, per card and per answer, the probability of recall
// that FSRS with weights w (which must be valid) predicted for it from the
// answers before: NaN for a card's first answer, and from an answer with
// an invalid rating on.
func PredictFSRS(cards []FitCard, w Weights) [][]float64 {
	out := make([][]float64, len(cards))
	for c, card := range cards {
		out[c] = make([]float64, len(card.Reviews))
		var m Memory
		for k, r := range card.Reviews {
			if !r.Rating.Valid() {
				for ; k < len(card.Reviews); k++ {
					out[c][k] = math.NaN()
				}
				break
			}
			elapsed := float64(max(r.Elapsed, 0))
			out[c][k] = math.NaN()
			if k > 0 {
				out[c][k] = w.Retrievability(elapsed, m.Stability)
			}
			m = w.Next(m, elapsed, r.Rating)
		}
	}
	return out
}

// PredictSM2 returns, per card and per answer, the probability of recall
// that SM-2's schedule implies: 0.9^(t/I) for an answer t days after the
// previous one, which had set an interval of I days (I of 0 or less counts
// as 1). A card's first answer gets NaN.
func PredictSM2(cards []FitCard) [][]float64 {
	out := make([][]float64, len(cards))
	for c, card := range cards {
		out[c] = make([]float64, len(card.Reviews))
		for k, r := range card.Reviews {
			if k == 0 {
				out[c][k] = math.NaN()
				continue
			}
			out[c][k] = SM2Recall(int(r.Elapsed), int(r.SM2Interval))
		}
	}
	return out
}

// SplitCards splits cards into about 4/5 for training and 1/5 for testing,
// by the FNV-1a hash of the card id, so a card (and every sequence of it)
// always falls on the same side.
func SplitCards(cards []FitCard) (train, test []FitCard) {
	for _, c := range cards {
		h := fnv.New32a()
		h.Write([]byte(c.Card))
		if h.Sum32()%5 == 0 {
			test = append(test, c)
		} else {
			train = append(train, c)
		}
	}
	return train, test
}
