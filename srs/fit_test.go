package srs

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// randomFitCard returns a card of n answers with random ratings and
// elapsed days (now and then 0).
func randomFitCard(rng *rand.Rand, n int) FitCard {
	card := FitCard{Card: "random"}
	for k := range n {
		r := FitReview{Rating: Rating(1 + rng.IntN(4))}
		if k > 0 {
			r.Elapsed = int32(rng.IntN(120))
			if rng.IntN(8) == 0 {
				r.Elapsed = 0
			}
		}
		card.Reviews = append(card.Reviews, r)
	}
	return card
}

// randomFitWeights returns weights within 40% of the defaults, clipped to
// their bounds.
func randomFitWeights(rng *rand.Rand) Weights {
	w := DefaultWeights
	for i := range w {
		w[i] *= 0.6 + 0.8*rng.Float64()
	}
	clipWeights(&w)
	return w
}

// allTargets predicts every answer of card but the first, with weight 1.
func allTargets(card FitCard) []fitTarget {
	var ts []fitTarget
	for k := 1; k < len(card.Reviews); k++ {
		ts = append(ts, fitTarget{end: int32(k), weight: 1})
	}
	return ts
}

func near(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

func TestFitForwardMatchesNext(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		w := DefaultWeights
		if trial > 0 {
			w = randomFitWeights(rng)
		}
		card := randomFitCard(rng, 2+rng.IntN(30))
		m := newFitModel(&w)
		mem := m.first(card.Reviews[0].Rating)
		want := w.Next(Memory{}, 0, card.Reviews[0].Rating)
		for k := 1; k < len(card.Reviews); k++ {
			if !near(mem.s, want.Stability, 1e-6) || !near(mem.d, want.Difficulty, 1e-6) {
				t.Fatalf("trial %d, review %d: memory {%v %v}, Next gives {%v %v}",
					trial, k, mem.s, mem.d, want.Stability, want.Difficulty)
			}
			rv := card.Reviews[k]
			elapsed := float64(rv.Elapsed)
			r, rS, r20 := m.curve(elapsed, mem.s)
			if wantR := w.Retrievability(elapsed, want.Stability); !near(r, wantR, 1e-6) {
				t.Fatalf("trial %d, review %d: R = %v, Retrievability gives %v", trial, k, r, wantR)
			}
			m.next(&mem, elapsed, rv.Rating, r, rS, r20)
			want = w.Next(want, elapsed, rv.Rating)
		}
	}
}

func TestFitGradientMatchesFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	loss := func(w Weights, card FitCard) float64 {
		m := newFitModel(&w)
		var g [21]float64
		return m.cardLoss(card.Reviews, allTargets(card), &g)
	}
	checked := 0
	for trial := range 20 {
		w := randomFitWeights(rng)
		card := randomFitCard(rng, 3+rng.IntN(25))
		m := newFitModel(&w)
		var grad [21]float64
		m.cardLoss(card.Reviews, allTargets(card), &grad)
		base := loss(w, card)
		for i := range w {
			h := 1e-6 * math.Max(1, math.Abs(w[i]))
			up, down := w, w
			up[i] += h
			down[i] -= h
			lu, ld := loss(up, card), loss(down, card)
			forward, backward := (lu-base)/h, (base-ld)/h
			if !near(forward, backward, 1e-3) {
				continue // a kink (a clamp or the lapse cap) within h: no derivative to compare
			}
			checked++
			if fd := (lu - ld) / (2 * h); !near(grad[i], fd, 1e-4) {
				t.Errorf("trial %d: ∂loss/∂w[%d] = %v, finite difference %v", trial, i, grad[i], fd)
			}
		}
	}
	if checked < 20*21*3/4 {
		t.Errorf("only %d of %d partial derivatives were away from kinks", checked, 20*21)
	}
}

// thresholdCards returns n cards answered Good and then, a day later,
// recalled except every fifth; the first extra of them get a third
// answer, Good 3 days later.
func thresholdCards(n, extra int) []FitCard {
	cards := make([]FitCard, n)
	for i := range cards {
		second := RateGood
		if i%5 == 4 {
			second = RateAgain
		}
		cards[i] = FitCard{Card: "t", Reviews: []FitReview{
			{Rating: RateGood},
			{Elapsed: 1, Rating: second, SM2Interval: 1},
		}}
		if i < extra {
			cards[i].Reviews = append(cards[i].Reviews, FitReview{Elapsed: 3, Rating: RateGood, SM2Interval: 6})
		}
	}
	return cards
}

func TestFitThresholds(t *testing.T) {
	tests := []struct {
		name      string
		cards     []FitCard
		wantScope FitScope
		wantItems int
	}{
		{"7 items keep the start weights", thresholdCards(7, 0), FitNone, 0},
		{"30 items fit w0-w3", thresholdCards(25, 5), FitInitial, 30},
		{"only first intervals fit w0-w3", thresholdCards(80, 0), FitInitial, 80},
		{"many items fit all", synthFitCards(synthTrueWeights, 3000, 7), FitAll, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Fit(tt.cards, FitOptions{})
			if res.Scope != tt.wantScope {
				t.Fatalf("scope %v, want %v", res.Scope, tt.wantScope)
			}
			if tt.wantItems >= 0 && res.Items != tt.wantItems {
				t.Errorf("items %d, want %d", res.Items, tt.wantItems)
			}
			if err := res.Weights.Valid(); err != nil {
				t.Fatal(err)
			}
			changed := 0
			for i := range res.Weights {
				if res.Weights[i] != DefaultWeights[i] {
					changed++
					if tt.wantScope == FitInitial && i >= 4 {
						t.Errorf("w[%d] changed to %v in an initial fit", i, res.Weights[i])
					}
				}
			}
			switch tt.wantScope {
			case FitNone:
				if changed != 0 {
					t.Errorf("%d weights changed, want none", changed)
				}
			case FitInitial:
				if changed == 0 {
					t.Error("no initial stability changed")
				}
			case FitAll:
				if changed < 10 {
					t.Errorf("only %d weights changed", changed)
				}
			}
		})
	}
}

func TestFitKeepsStartWeights(t *testing.T) {
	start := DefaultWeights
	start[8] = 1.5
	res := Fit(thresholdCards(7, 0), FitOptions{Start: start})
	if res.Weights != start {
		t.Errorf("weights %v, want the start weights %v", res.Weights, start)
	}
}

func TestFitOutlierFilter(t *testing.T) {
	// 60 cards whose first interval is 1 day, 30 of them with a third
	// answer, and 3 cards whose first interval is 40 days: that group is
	// among the rarest 5% (at least 20) and goes, third answers and all.
	cards := thresholdCards(60, 30)
	for range 3 {
		cards = append(cards, FitCard{Card: "late", Reviews: []FitReview{
			{Rating: RateGood}, {Elapsed: 40, Rating: RateGood}, {Elapsed: 90, Rating: RateGood},
		}})
	}
	items, first := fitItems(cards)
	train, initial := filterOutliers(cards, items, first)
	if len(train) != 90 || len(initial) != 60 {
		t.Errorf("kept %d items, %d of them first intervals; want 90 and 60", len(train), len(initial))
	}
	for _, it := range train {
		if cards[it.card].Card == "late" {
			t.Fatalf("an item of a card with an outlying first interval was kept")
		}
	}
}

// weightDistance is how far w is from want, in units of the weights'
// spread across users, over the weights the long-term model uses.
func weightDistance(w, want Weights) float64 {
	d := 0.0
	for i := range w {
		if i >= 17 && i <= 19 {
			continue
		}
		x := (w[i] - want[i]) / fitStddev[i]
		d += x * x
	}
	return d
}

func fsrsLogLoss(cards []FitCard, w Weights) float64 {
	return Evaluate(Predictions(cards, PredictFSRS(cards, w))).LogLoss
}

func TestFitRecoversSyntheticWeights(t *testing.T) {
	cards := synthFitCards(synthTrueWeights, 40_000, 11)
	res := Fit(cards, FitOptions{})
	if res.Scope != FitAll {
		t.Fatalf("scope %v, want all", res.Scope)
	}
	fitted, defaults, truth := fsrsLogLoss(cards, res.Weights), fsrsLogLoss(cards, DefaultWeights), fsrsLogLoss(cards, synthTrueWeights)
	t.Logf("log loss: defaults %.4f, fitted %.4f, true weights %.4f", defaults, fitted, truth)
	t.Logf("fitted %.4v", res.Weights)
	if gain, best := defaults-fitted, defaults-truth; gain < 0.7*best {
		t.Errorf("fitting gained %.4f of log loss over the defaults; the true weights gain %.4f", gain, best)
	}
	dFit, dDefault := weightDistance(res.Weights, synthTrueWeights), weightDistance(DefaultWeights, synthTrueWeights)
	t.Logf("distance to the true weights: defaults %.2f, fitted %.2f", dDefault, dFit)
	if dFit > 0.7*dDefault {
		t.Errorf("fitted weights are %.2f from the true ones, defaults %.2f: want at most 70%% of that", dFit, dDefault)
	}
}

func TestFitDeterministic(t *testing.T) {
	cards := synthFitCards(synthTrueWeights, 20_000, 5)
	first := Fit(cards, FitOptions{})
	again := Fit(cards, FitOptions{})
	prev := runtime.GOMAXPROCS(1)
	single := Fit(cards, FitOptions{})
	runtime.GOMAXPROCS(prev)
	if first != again || first != single {
		t.Errorf("fits differ:\n%v\n%v\n%v (one CPU)", first, again, single)
	}
}

func TestFitProgress(t *testing.T) {
	cards := synthFitCards(synthTrueWeights, 5_000, 9)
	calls, last, total := 0, 0, 0
	Fit(cards, FitOptions{Progress: func(done, all int) {
		calls++
		if done != last+1 {
			t.Fatalf("progress %d after %d", done, last)
		}
		last, total = done, all
	}})
	if calls == 0 || last != total {
		t.Errorf("%d progress calls, ending at %d of %d", calls, last, total)
	}
}

func TestSmoothAndFill(t *testing.T) {
	// fsrs-rs parameter_initialization.rs test_smooth_and_fill.
	tests := []struct {
		name  string
		s     map[int]float64
		count map[int]int
		want  [4]float64
	}{
		{"one missing", map[int]float64{1: 0.4, 3: 2.3, 4: 10.9}, map[int]int{1: 1, 2: 1, 3: 1, 4: 1},
			[4]float64{0.4, 1.1227008, 2.3, 10.9}},
		{"one present", map[int]float64{2: 0.35}, map[int]int{2: 1},
			[4]float64{0.05738148, 0.35, 0.6242943, 2.2453482}},
		{"out of order, fewer items give way", map[int]float64{1: 3, 2: 2, 3: 4, 4: 9}, map[int]int{1: 5, 2: 10, 3: 10, 4: 10},
			[4]float64{2, 2, 4, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s [5]float64
			var has [5]bool
			var count [5]int
			for r, v := range tt.s {
				s[r], has[r] = v, true
			}
			for r, n := range tt.count {
				count[r] = n
			}
			got, ok := smoothAndFill(s, has, count, &DefaultWeights)
			if !ok {
				t.Fatal("not ok")
			}
			for i := range got {
				if !near(got[i], tt.want[i], 1e-6) {
					t.Errorf("got %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
	if _, ok := smoothAndFill([5]float64{}, [5]bool{}, [5]int{}, &DefaultWeights); ok {
		t.Error("no data reported ok")
	}
}

func TestPretrainSearch(t *testing.T) {
	// fsrs-rs parameter_initialization.rs test_search_parameters: first
	// rating Again, the share recalled and count per first interval.
	data := []struct {
		days   int
		recall float64
		n      int
	}{{1, 0.86666667, 435}, {2, 0.90721649, 97}, {3, 0.73015873, 63}, {4, 0.76315789, 38}, {5, 0.67857143, 28}}
	var cards []FitCard
	var items []fitItem
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range data {
		recalled := int(math.Round(d.recall * float64(d.n)))
		for i := range d.n {
			second := RateGood
			if i >= recalled {
				second = RateAgain
			}
			items = append(items, fitItem{card: int32(len(cards)), end: 1, weight: 1})
			cards = append(cards, FitCard{Card: "p", Reviews: []FitReview{
				{Time: at.UnixMilli(), Rating: RateAgain}, {Time: at.UnixMilli(), Elapsed: int32(d.days), Rating: second},
			}})
		}
	}
	s, count, ok := pretrain(cards, items, 0.94302857, &DefaultWeights)
	if !ok || count[RateAgain] != 661 {
		t.Fatalf("ok %v, count %v", ok, count)
	}
	if !near(s[0], 0.7355089, 1e-5) {
		t.Errorf("w[0] = %v, fsrs-rs finds 0.7355089", s[0])
	}
}

func TestFitData(t *testing.T) {
	day := func(d int) (time.Time, Day) {
		at := time.Date(2024, 3, 1+d, 10, 0, 0, 0, time.UTC)
		return at, DayOf(at, time.UTC, DefaultDayStart)
	}
	var recs Records
	add := func(d int, card string, e Event, g Grade) {
		at, dd := day(d)
		recs = append(recs, Record{Time: at.Add(time.Duration(len(recs)) * time.Minute), Day: dd, Event: e, Card: card, Grade: g})
	}
	add(0, "d/b", Answer, Perfect)
	add(0, "d/a", Answer, Wrong)
	add(0, "d/a", Drill, Hesitant) // a same-day re-drill: not a scheduling answer
	add(1, "d/a", Answer, Hesitant)
	add(7, "d/a", Answer, Hard)
	add(8, "d/a", Reset, 0)
	add(9, "d/a", Answer, Perfect)
	add(10, "d/a", Answer, Hesitant)
	got := FitData(recs, Params{})
	want := []struct {
		card    string
		ratings []Rating
		elapsed []int
		sm2     []int
	}{
		{"d/a", []Rating{RateAgain, RateGood, RateHard}, []int{0, 1, 6}, []int{0, 1, 1}},
		{"d/a", []Rating{RateEasy, RateGood}, []int{0, 1}, []int{0, 1}},
		{"d/b", []Rating{RateEasy}, []int{0}, []int{0}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d sequences, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Card != w.card || len(g.Reviews) != len(w.ratings) {
			t.Fatalf("sequence %d: %+v, want card %s with %d answers", i, g, w.card, len(w.ratings))
		}
		for k, r := range g.Reviews {
			if r.Rating != w.ratings[k] || int(r.Elapsed) != w.elapsed[k] || int(r.SM2Interval) != w.sm2[k] {
				t.Errorf("sequence %d answer %d: %+v, want rating %v, elapsed %d, SM-2 interval %d",
					i, k, r, w.ratings[k], w.elapsed[k], w.sm2[k])
			}
		}
	}
}
