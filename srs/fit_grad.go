package srs

// FSRS-6 run forward with the derivatives of the memory with respect to
// the 21 weights, and the loss with its gradient.

import "math"

// fitModel runs FSRS-6 forward as [Weights.Next] does, without rounding,
// carrying the derivatives of the memory with respect to the 21 weights
// (forward-mode differentiation).
type fitModel struct {
	w       *Weights
	factor  float64 // the curve's factor, 0.9^(1/decay) - 1
	dFactor float64 // ∂factor/∂w[20]
	easyD   float64 // D0(Easy) before clamping
	expW8   float64
	exp3W5  float64
}

// fitMemory is a memory state with its derivatives.
type fitMemory struct {
	s, d   float64
	ds, dd [21]float64
}

func newFitModel(w *Weights) fitModel {
	e := math.Exp(-math.Log(0.9) / w[20])
	exp3W5 := math.Exp(3 * w[5])
	return fitModel{
		w:       w,
		factor:  e - 1,
		dFactor: e * math.Log(0.9) / (w[20] * w[20]),
		easyD:   w[4] - exp3W5 + 1,
		expW8:   math.Exp(w[8]),
		exp3W5:  exp3W5,
	}
}

// within reports whether a clamp to [lo, hi] lets x's derivative through
// (analytic_v6 clamp_grad: on the bounds too).
func within(x, lo, hi float64) bool { return x >= lo && x <= hi }

// curve returns R(t, s) = (1 + factor·t/s)^-w[20], ∂R/∂s and the direct
// ∂R/∂w[20].
func (m *fitModel) curve(t, s float64) (r, rS, r20 float64) {
	w20 := m.w[20]
	base := 1 + m.factor*t/s
	r = math.Exp(-w20 * math.Log(base))
	rS = r * w20 * m.factor * t / (base * s * s)
	r20 = r * (-math.Log(base) - w20/base*t/s*m.dFactor)
	return r, rS, r20
}

// first returns the memory after a card's first answer, rated g.
func (m *fitModel) first(g Rating) fitMemory {
	w := m.w
	var mem fitMemory
	mem.s = w[g-1]
	if mem.s < 0.1 {
		mem.s = 0.1
	} else {
		mem.ds[g-1] = 1
	}
	e := math.Exp(float64(g-1) * w[5])
	d := w[4] - e + 1
	if within(d, MinDifficulty, MaxDifficulty) {
		mem.dd[4] = 1
		mem.dd[5] = -float64(g-1) * e
	}
	mem.d = fsrsClamp(d, MinDifficulty, MaxDifficulty)
	return mem
}

// next moves mem past an answer rated g, t days after the one before, where
// r, rS and r20 are [fitModel.curve] at (t, mem.s).
func (m *fitModel) next(mem *fitMemory, t float64, g Rating, r, rS, r20 float64) {
	w := m.w
	s, d := mem.s, mem.d

	// Stability: ∂S'/∂w = pS·∂S/∂w + pD·∂D/∂w + the direct terms in sparse.
	var pS, pD float64
	var sparse [21]float64
	var newS float64
	active := true
	if g == RateAgain {
		f2 := math.Pow(d, -w[12])
		p13 := math.Pow(s+1, w[13])
		f3 := p13 - 1
		f4 := math.Exp((1 - r) * w[14])
		sf := w[11] * f2 * f3 * f4
		if sfc := fsrsClamp(sf, MinStability, MaxStability); sfc < s {
			newS = sfc
			active = within(sf, MinStability, MaxStability)
			pS = w[11]*f2*f4*w[13]*p13/(s+1) - sf*w[14]*rS
			pD = -w[12] * sf / d
			sparse[11] = f2 * f3 * f4
			sparse[12] = -sf * math.Log(d)
			sparse[13] = w[11] * f2 * f4 * p13 * math.Log(s+1)
			sparse[14] = sf * (1 - r)
			sparse[20] = -sf * w[14] * r20
		} else {
			newS, pS = s, 1
		}
	} else {
		hp, eb := 1.0, 1.0
		if g == RateHard {
			hp = w[15]
		}
		if g == RateEasy {
			eb = w[16]
		}
		a, b, c := m.expW8, 11-d, math.Pow(s, -w[9])
		x := math.Exp((1 - r) * w[10])
		e := x - 1
		growth := a * b * c * e * hp * eb
		dGrowthDR := -a * b * c * hp * eb * w[10] * x
		newS = s * (1 + growth)
		active = within(newS, MinStability, MaxStability)
		newS = fsrsClamp(newS, MinStability, MaxStability)
		pS = 1 + growth - w[9]*growth + s*dGrowthDR*rS
		pD = -s * a * c * e * hp * eb
		sparse[8] = s * growth
		sparse[9] = -s * growth * math.Log(s)
		sparse[10] = s * a * b * c * hp * eb * x * (1 - r)
		sparse[20] = s * dGrowthDR * r20
		if g == RateHard {
			sparse[15] = s * a * b * c * e * eb
		}
		if g == RateEasy {
			sparse[16] = s * a * b * c * e * hp
		}
	}
	if active {
		for i := range mem.ds {
			mem.ds[i] = pS*mem.ds[i] + pD*mem.dd[i] + sparse[i]
		}
	} else {
		mem.ds = [21]float64{}
	}
	mem.s = newS

	// Difficulty: a damped step, reverted towards D0(Easy), clamped.
	step := -w[6] * float64(g-3)
	nextD := d + step*(10-d)/9
	newD := w[7]*m.easyD + (1-w[7])*nextD
	if within(newD, MinDifficulty, MaxDifficulty) {
		k := (1 - w[7]) * (1 - step/9)
		for i := range mem.dd {
			mem.dd[i] *= k
		}
		mem.dd[4] += w[7]
		mem.dd[5] += -3 * w[7] * m.exp3W5
		mem.dd[6] += -(1 - w[7]) * float64(g-3) * (10 - d) / 9
		mem.dd[7] += m.easyD - nextD
	} else {
		mem.dd = [21]float64{}
	}
	mem.d = fsrsClamp(newD, MinDifficulty, MaxDifficulty)
}

// cardLoss runs a card's reviews forward up to its last target and returns
// the weighted log loss of the targets' predictions, adding its gradient
// to grad. targets must be in review order, each after the first review.
func (m *fitModel) cardLoss(reviews []FitReview, targets []fitTarget, grad *[21]float64) float64 {
	if len(targets) == 0 {
		return 0
	}
	mem := m.first(reviews[0].Rating)
	last := int(targets[len(targets)-1].end)
	loss, next := 0.0, 0
	for k := 1; k <= last; k++ {
		rv := &reviews[k]
		t := float64(max(rv.Elapsed, 0))
		r, rS, r20 := m.curve(t, mem.s)
		if int(targets[next].end) == k {
			l, gR := logLossGrad(r, rv.Rating > RateAgain, targets[next].weight)
			loss += l
			if gR != 0 {
				c := gR * rS
				for i := range grad {
					grad[i] += c * mem.ds[i]
				}
				grad[20] += gR * r20
			}
			next++
		}
		if k < last {
			m.next(&mem, t, rv.Rating, r, rS, r20)
		}
	}
	return loss
}

// logLossGrad returns the weighted log loss of predicting r for an answer
// and its derivative by r, with r clamped to [1e-7, 1-1e-7] and no
// gradient outside (fsrs-rs analytic_v6 bce_loss_and_grad_r).
func logLossGrad(r float64, recalled bool, weight float64) (loss, grad float64) {
	rc := fsrsClamp(r, fitMinProb, 1-fitMinProb)
	if recalled {
		loss, grad = -weight*math.Log(rc), -weight/rc
	} else {
		loss, grad = -weight*math.Log(1-rc), weight/(1-rc)
	}
	if !(r > fitMinProb && r < 1-fitMinProb) {
		grad = 0
	}
	return loss, grad
}
