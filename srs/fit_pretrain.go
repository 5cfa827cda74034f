package srs

// The pretraining of the four initial stabilities, as fsrs-rs computes it
// (src/parameter_initialization.rs).

import (
	"math"
	"slices"
)

// pretrain fits each initial stability to the first intervals of the cards
// that started with its rating (fsrs-rs initialize_stability_parameters):
// per first rating and interval, the share recalled, smoothed towards
// avgRecall as if one more answer had that share; then the stability in
// [MinStability, 100] that minimises the log loss of the forgetting curve
// (with prior's decay) weighted by the counts, plus |S - prior|/16, by
// ternary search; then [smoothAndFill]. It returns the stabilities, the
// items per first rating, and false when there were no items.
func pretrain(cards []FitCard, initial []fitItem, avgRecall float64, prior *Weights) ([4]float64, [5]int, bool) {
	type point struct{ n, recalled int }
	var byRating [5]map[int]*point
	var count [5]int
	for _, it := range initial {
		card := cards[it.card].Reviews
		r, cur := card[0].Rating, card[it.end]
		if byRating[r] == nil {
			byRating[r] = map[int]*point{}
		}
		p := byRating[r][int(cur.Elapsed)]
		if p == nil {
			p = &point{}
			byRating[r][int(cur.Elapsed)] = p
		}
		p.n++
		if cur.Rating > RateAgain {
			p.recalled++
		}
		count[r]++
	}
	decay := -prior[20]
	factor := math.Pow(0.9, 1/decay) - 1
	var found [5]float64
	var has [5]bool
	for r := 1; r <= 4; r++ {
		if len(byRating[r]) == 0 {
			continue
		}
		days := make([]int, 0, len(byRating[r]))
		for d := range byRating[r] {
			days = append(days, d)
		}
		slices.Sort(days)
		t, recall, n := make([]float64, len(days)), make([]float64, len(days)), make([]float64, len(days))
		for i, d := range days {
			p := byRating[r][d]
			t[i], n[i] = float64(d), float64(p.n)
			recall[i] = (float64(p.recalled) + avgRecall) / (n[i] + 1)
		}
		s0 := prior[r-1]
		loss := func(s float64) float64 {
			sum := 0.0
			for i := range t {
				y := math.Pow(1+factor*t[i]/s, decay)
				sum -= (recall[i]*math.Log(y) + (1-recall[i])*math.Log(1-y)) * n[i]
			}
			return sum + math.Abs(s-s0)/16
		}
		lo, hi, best := MinStability, float64(fitInitSMax), s0
		for i := 0; hi-lo > 0x1p-52 && i < 1000; i++ {
			m1, m2 := lo+(hi-lo)/3, hi-(hi-lo)/3
			if loss(m1) < loss(m2) {
				hi = m2
			} else {
				lo = m1
			}
			best = (lo + hi) / 2
		}
		found[r], has[r] = best, true
	}
	s, ok := smoothAndFill(found, has, count, prior)
	return s, count, ok
}

// smoothAndFill makes the initial stabilities grow with the rating and
// fills in those of ratings with no data (fsrs-rs smooth_and_fill): only
// ratings with a count stay; where a lower rating has the higher
// stability, the one with fewer items takes the other's value; the missing
// ones follow from the others by fsrs-rs's power-law interpolation (or,
// with one rating, by scaling prior's stabilities to it); the results are
// clamped to [MinStability, 100]. It reports false when no rating has data.
func smoothAndFill(s [5]float64, has [5]bool, count [5]int, prior *Weights) ([4]float64, bool) {
	n := 0
	for r := 1; r <= 4; r++ {
		has[r] = has[r] && count[r] > 0
		if has[r] {
			n++
		}
	}
	for _, p := range [][2]int{{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}} {
		lo, hi := p[0], p[1]
		if has[lo] && has[hi] && s[lo] > s[hi] {
			if count[lo] > count[hi] {
				s[hi] = s[lo]
			} else {
				s[lo] = s[hi]
			}
		}
	}
	const w1, w2 = 0.41, 0.54
	pow := math.Pow
	switch n {
	case 0:
		return [4]float64{}, false
	case 1:
		var r int
		for r = 1; !has[r]; r++ {
		}
		factor := s[r] / prior[r-1]
		scaled := []float64{prior[0] * factor, prior[1] * factor, prior[2] * factor, prior[3] * factor}
		slices.Sort(scaled)
		copy(s[1:], scaled)
	case 2:
		switch {
		case has[3] && has[4]:
			s[2] = pow(s[3], 1/(1-w2)) * pow(s[4], 1-1/(1-w2))
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[2] && has[4]:
			s[3] = pow(s[2], 1-w2) * pow(s[4], w2)
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[2] && has[3]:
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[1] && has[4]:
			q := w1 + w2 - w1*w2
			s[2] = pow(s[1], w1/q) * pow(s[4], 1-w1/q)
			s[3] = pow(s[1], 1-w2/q) * pow(s[4], w2/q)
		case has[1] && has[3]:
			s[2] = pow(s[1], w1) * pow(s[3], 1-w1)
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		case has[1] && has[2]:
			s[3] = pow(s[1], 1-1/(1-w1)) * pow(s[2], 1/(1-w1))
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		}
	case 3:
		switch {
		case !has[1]:
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case !has[2]:
			s[2] = pow(s[1], w1) * pow(s[3], 1-w1)
		case !has[3]:
			s[3] = pow(s[2], 1-w2) * pow(s[4], w2)
		case !has[4]:
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		}
	}
	var out [4]float64
	for i := range out {
		out[i] = fsrsClamp(s[i+1], MinStability, fitInitSMax)
	}
	return out, true
}
