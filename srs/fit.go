package srs

// Fitting FSRS-6's weights to a learner's history, as fsrs-rs computes
// them for FSRS-6 (the compute_parameters path of src/training.rs with
// TrainingConfig::default() and card ids, which Anki passes). The facts
// come from these fsrs-rs files; the code is ours:
//
//   - src/convertor_tests.rs convert_to_fsrs_items: every answer but a
//     card's first is an item whose history is the answers before it, and
//     an item whose own elapsed days are 0 is dropped;
//   - src/dataset.rs compute_outlier_bucket_decisions and
//     item_survives_outlier (prepare_training_data): the outlier filter on
//     the first interval;
//   - src/parameter_initialization.rs initialize_stability_parameters,
//     search_parameters and smooth_and_fill: the pretraining of w[0..3];
//   - src/training.rs compute_parameters_inner, build_fsrs6_batches,
//     recency_weighted_training_items, HostAdam and train: the thresholds
//     (8 and 64 items), the recency weights, the batches of whole cards,
//     Adam, the cosine learning rate and the clipping after every step;
//   - src/training_v6.rs l2_penalty_value_and_grad: the pull towards the
//     initial weights;
//   - src/analytic_v6.rs bce_loss_and_grad_r: the loss and its clamp.
//
// One thing is ours on purpose: the model the fit runs forward is the one
// [Weights.Next] and [Weights.Retrievability] compute (ts-fsrs in long-term
// mode), without the rounding, so the weights fit the scheduler that uses
// them. It differs from fsrs-rs's training model in three places: the first
// stability is at least 0.1, a lapse never raises the stability above the
// one before (fsrs-rs caps it at S/e^(w17·w18)), and an answer 0 days after
// the last one goes through the long-term formulas (fsrs-rs has a same-day
// formula). So w[17] to w[19] never move.

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// FitReview is one scheduling answer of a card, in time order.
type FitReview struct {
	Time    time.Time // as in the log
	Elapsed int       // days since the card's previous scheduling answer; 0 for its first
	Rating  Rating
	// SM2Interval is the number of days between the previous answer and the
	// due day it set (the scheduled interval); 0 for the first answer.
	SM2Interval int
}

// FitCard is one card's sequence of scheduling answers. A card that was
// reset has one FitCard per start.
type FitCard struct {
	Card    string
	Reviews []FitReview
}

// FitData turns a history into training data for [Fit]: for every card,
// its scheduling answers (the day's first answer; same-day re-drills do
// not count), replayed as [ReplaySteps] does. Cards come sorted by id; a
// card answered again after a reset gets a new FitCard, after the one for
// its earlier answers.
func FitData(h History, p Params) []FitCard {
	var seqs []FitCard
	open := map[int]int{} // card index → its sequence in seqs
	ReplaySteps(h, p, func(s Step) {
		if !s.Scheduled {
			return
		}
		r := s.Record
		review := FitReview{Time: r.Time, Rating: RatingOf(r.Grade)}
		i, ok := open[s.CardIndex]
		if s.Before.IsNew() || !ok {
			seqs = append(seqs, FitCard{Card: r.Card})
			i = len(seqs) - 1
			open[s.CardIndex] = i
		} else {
			review.Elapsed = max(int(r.Day-s.Before.LastDay), 0)
			review.SM2Interval = int(s.Before.Due - s.Before.LastDay)
		}
		seqs[i].Reviews = append(seqs[i].Reviews, review)
	})
	sort.SliceStable(seqs, func(a, b int) bool { return seqs[a].Card < seqs[b].Card })
	return seqs
}

// FitScope says which weights a fit changed.
type FitScope int

// The scopes of a fit, by how much data it had (see [Fit]).
const (
	FitNone    FitScope = iota // too little data: the start weights are kept
	FitInitial                 // only the four initial stabilities, w[0] to w[3]
	FitAll                     // all the weights
)

// String returns the scope's name: "none", "initial" or "all".
func (s FitScope) String() string {
	switch s {
	case FitNone:
		return "none"
	case FitInitial:
		return "initial"
	case FitAll:
		return "all"
	}
	return "scope(?)"
}

// FitOptions tune [Fit].
type FitOptions struct {
	// Start holds the weights the fit starts from, which it keeps when the
	// data are too few. The zero value means [DefaultWeights]; weights
	// outside their bounds are clipped into them.
	Start Weights
	// Progress, when not nil, is called after every training step with the
	// steps done and the steps in all.
	Progress func(done, total int)
}

// FitResult is what [Fit] found.
type FitResult struct {
	Weights Weights  // always valid
	Items   int      // the answers with a prediction that the fit used
	Cards   int      // the cards those answers belong to
	Scope   FitScope // which weights the fit changed
}

// The amounts of data a fit needs: with fewer usable answers than
// FitMinItems it keeps the start weights; with fewer than FitMinAllItems
// it fits only the four initial stabilities.
const (
	FitMinItems    = fitMinItems
	FitMinAllItems = fitMinTrainItems
)

// The training settings of fsrs-rs for FSRS-6.
const (
	fitMinItems      = 8    // fewer usable items: keep the start weights
	fitMinTrainItems = 64   // fewer: fit the initial stabilities only
	fitEpochs        = 5    // FSRS6_NUM_EPOCHS
	fitLearningRate  = 0.04 // FSRS6_LEARNING_RATE
	fitBatchSize     = 512  // TrainingConfig::default().batch_size
	fitMaxSeqLen     = 256  // TrainingConfig::default().max_seq_len
	fitSeed          = 2023 // TrainingConfig::default().seed
	fitL2Weight      = 0.5  // training_v6 PENALTY_W_L2 × gamma 1
	fitInitSMax      = 100  // INIT_S_MAX: the largest initial stability
	fitMinProb       = 1e-7 // analytic_v6 MIN_PROB; MAX_PROB is 1 - fitMinProb
	adamBeta1        = 0.70 // ADAM_BETA_1, ADAM_BETA_2 and ADAM_EPSILON
	adamBeta2        = 0.98
	adamEpsilon      = 1e-8
)

// fitStddev is the spread of each weight across users (training_v6.rs
// PARAMS_STDDEV), which scales the pull towards the initial weights.
var fitStddev = [21]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33,
	0.3, 0.09, 0.16, 0.57, 0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
}

// fitItem is one answer to predict: review end of card card, predicted
// from the reviews before it, weighing weight in the loss.
type fitItem struct {
	card, end int32
	weight    float64
}

// Fit finds the FSRS-6 weights that best predict the recalls in cards, as
// fsrs-rs does:
//
//   - every answer but a card's first, and not 0 days after the one
//     before, is an item to predict;
//   - cards whose first rating and first interval are rare or long (under
//     20 per rating, the rarest 5%, fewer than 6 alike, or more than 100
//     days, 365 after Easy) are left out;
//   - with fewer than 8 items the start weights are kept ([FitNone]);
//   - w[0] to w[3] are fitted to the first intervals alone, and with fewer
//     than 64 items (or none but first intervals) that is all ([FitInitial]);
//   - otherwise all the weights are trained ([FitAll]): 5 epochs of Adam on
//     batches of whole cards with about 512 items each, taken in a shuffled
//     order, with a cosine learning rate from 0.04, clipping after every
//     step, a pull towards the initial weights, and recent answers
//     weighing up to 4 times as much as the oldest.
//
// When no first interval survives the filter, fsrs-rs fails (not enough
// data); Fit keeps the start's w[0] to w[3] instead, and fits nothing with
// fewer than 64 items.
//
// The result depends only on cards and opt.Start: shuffling uses a fixed
// seed and the gradient sums in a fixed order however many goroutines
// share the work.
func Fit(cards []FitCard, opt FitOptions) FitResult {
	start := opt.Start
	if start == (Weights{}) {
		start = DefaultWeights
	}
	clipWeights(&start)
	cards = usableCards(cards)
	items, firstIntervals := fitItems(cards)
	train, initial := filterOutliers(cards, items, firstIntervals)
	result := FitResult{Weights: start, Items: len(train), Cards: countCards(train)}
	if len(train) < fitMinItems {
		return result
	}
	initS, ratingCount, pretrained := pretrain(cards, initial, averageRecall(cards, train), &start)
	w := start
	if pretrained {
		copy(w[:4], initS[:])
	}
	if len(train) == len(initial) || len(train) < fitMinTrainItems {
		if pretrained {
			result.Weights, result.Scope = w, FitInitial
		}
		return result
	}

	weighted := recencyWeighted(cards, train)
	weighted = slices.DeleteFunc(weighted, func(it fitItem) bool { return it.end+1 > fitMaxSeqLen })
	w = trainWeights(cards, weighted, w, opt.Progress)
	if pretrained {
		var found [5]float64
		var has [5]bool
		for r := 1; r <= 4; r++ {
			found[r], has[r] = w[r-1], true
		}
		if s, ok := smoothAndFill(found, has, ratingCount, &start); ok {
			copy(w[:4], s[:])
		}
	}
	clipWeights(&w)
	return FitResult{Weights: w, Items: len(weighted), Cards: countCards(weighted), Scope: FitAll}
}

// usableCards returns the cards with each cut before its first invalid
// rating (fsrs-rs rejects those), dropping cards left with no answer.
func usableCards(cards []FitCard) []FitCard {
	out := make([]FitCard, 0, len(cards))
	for _, c := range cards {
		n := slices.IndexFunc(c.Reviews, func(r FitReview) bool { return !r.Rating.Valid() })
		if n < 0 {
			n = len(c.Reviews)
		}
		if n > 0 {
			c.Reviews = c.Reviews[:n:n]
			out = append(out, c)
		}
	}
	return out
}

// fitItems lists the items of every card in card order (fsrs-rs
// convert_to_fsrs_items: every answer but the first, unless 0 days after
// the one before) and, per card, the index of its first answer a day or
// more after the one before (fsrs-rs first_long_term_review), or 0.
func fitItems(cards []FitCard) (items []fitItem, firstInterval []int32) {
	firstInterval = make([]int32, len(cards))
	for c, card := range cards {
		for k := 1; k < len(card.Reviews); k++ {
			if card.Reviews[k].Elapsed < 1 {
				continue
			}
			if firstInterval[c] == 0 {
				firstInterval[c] = int32(k)
			}
			items = append(items, fitItem{card: int32(c), end: int32(k), weight: 1})
		}
	}
	return items, firstInterval
}

// filterOutliers applies fsrs-rs's outlier filter (dataset.rs
// compute_outlier_bucket_decisions and item_survives_outlier). The items
// that predict a card's first interval (its only answer a day or more
// after another) are grouped by the card's first rating and that interval.
// Within a rating, taking the groups from the smallest (and, among equal
// sizes, the shortest interval), groups are removed until 5% of the
// rating's items (20 at least) are; after that a group is kept when it has
// 6 items or more and an interval of at most 100 days (365 after Easy).
// A removed group removes every item of its cards. It returns the items
// kept and, among them, the first-interval items, for pretraining.
func filterOutliers(cards []FitCard, items []fitItem, firstInterval []int32) (train, initial []fitItem) {
	type group struct {
		days  int
		items []fitItem
	}
	var byRating [5]map[int][]fitItem
	for _, it := range items {
		if it.end != firstInterval[it.card] {
			continue
		}
		card := cards[it.card].Reviews
		r := card[0].Rating
		if byRating[r] == nil {
			byRating[r] = map[int][]fitItem{}
		}
		days := card[it.end].Elapsed
		byRating[r][days] = append(byRating[r][days], it)
	}
	var removed [5]map[int]bool
	for r := RateAgain; r <= RateEasy; r++ {
		var groups []group
		total := 0
		for days, g := range byRating[r] {
			groups = append(groups, group{days, g})
			total += len(g)
		}
		// Smallest first, then shortest interval first: the reverse of
		// fsrs-rs's order (size descending, then interval descending).
		slices.SortFunc(groups, func(a, b group) int {
			return cmp.Or(cmp.Compare(len(a.items), len(b.items)), cmp.Compare(a.days, b.days))
		})
		maxDays := 100
		if r == RateEasy {
			maxDays = 365
		}
		removed[r] = map[int]bool{}
		gone := 0
		for _, g := range groups {
			switch {
			case gone+len(g.items) < max(20, total/20):
				gone += len(g.items)
				removed[r][g.days] = true
			case len(g.items) < 6 || g.days > maxDays:
				removed[r][g.days] = true
			default:
				initial = append(initial, g.items...)
			}
		}
	}
	for _, it := range items {
		card := cards[it.card].Reviews
		if !removed[card[0].Rating][card[firstInterval[it.card]].Elapsed] {
			train = append(train, it)
		}
	}
	return train, initial
}

// averageRecall is the share of items recalled (fsrs-rs
// calculate_average_recall).
func averageRecall(cards []FitCard, items []fitItem) float64 {
	if len(items) == 0 {
		return 0
	}
	recalled := 0
	for _, it := range items {
		if cards[it.card].Reviews[it.end].Rating > RateAgain {
			recalled++
		}
	}
	return float64(recalled) / float64(len(items))
}

// countCards returns the number of distinct cards among items.
func countCards(items []fitItem) int {
	seen := map[int32]bool{}
	for _, it := range items {
		seen[it.card] = true
	}
	return len(seen)
}

// clipWeights clips every weight into its bounds (fsrs-rs
// clip_parameters_in_place, with one relearning step and w[19] free to be
// 0). NaN becomes the lower bound.
func clipWeights(w *Weights) {
	for i, b := range weightBounds {
		if !(w[i] >= b[0]) {
			w[i] = b[0]
		}
		w[i] = min(w[i], b[1])
	}
}

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
		p := byRating[r][cur.Elapsed]
		if p == nil {
			p = &point{}
			byRating[r][cur.Elapsed] = p
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

// recencyWeighted returns the items in the time order of their answers,
// weighted 0.25 + 0.75·(i/(n-1))³ for the i-th of n (fsrs-rs
// recency_weighted_training_items for FSRS-6). Answers at the same time
// keep their order.
func recencyWeighted(cards []FitCard, items []fitItem) []fitItem {
	type timed struct {
		at    int64
		order int
		item  fitItem
	}
	ts := make([]timed, len(items))
	for i, it := range items {
		ts[i] = timed{cards[it.card].Reviews[it.end].Time.UnixNano(), i, it}
	}
	slices.SortFunc(ts, func(a, b timed) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.order, b.order)) })
	last := max(float64(len(items)-1), 1)
	out := make([]fitItem, len(items))
	for i, t := range ts {
		x := float64(i) / last
		t.item.weight = 0.25 + 0.75*x*x*x
		out[i] = t.item
	}
	return out
}

// fitTarget is one item of a card in a batch: the review to predict and
// its weight.
type fitTarget struct {
	end    int32
	weight float64
}

// fitGroup is the items of one card, in review order.
type fitGroup struct {
	card    int32
	targets []fitTarget
}

// fitBatch is one training step's data: whole cards with about
// fitBatchSize items, cut into chunks that goroutines share.
type fitBatch struct {
	groups []fitGroup
	chunks []int // chunk i is groups[chunks[i]:chunks[i+1]]
	items  int
}

// fitChunks is the number of chunks per batch. It is fixed, so that the
// sum of the chunks' gradients does not depend on the number of CPUs.
const fitChunks = 8

// packBatches groups the items by card and packs the cards, shortest
// longest-item first (ties in card order), into batches of at most
// fitBatchSize items, a card never split (fsrs-rs build_fsrs6_batches).
func packBatches(items []fitItem) []fitBatch {
	byCard := map[int32][]fitTarget{}
	for _, it := range items {
		byCard[it.card] = append(byCard[it.card], fitTarget{it.end, it.weight})
	}
	groups := make([]fitGroup, 0, len(byCard))
	for c, ts := range byCard {
		slices.SortFunc(ts, func(a, b fitTarget) int { return cmp.Compare(a.end, b.end) })
		groups = append(groups, fitGroup{c, ts})
	}
	slices.SortFunc(groups, func(a, b fitGroup) int {
		return cmp.Or(cmp.Compare(a.targets[len(a.targets)-1].end, b.targets[len(b.targets)-1].end),
			cmp.Compare(a.card, b.card))
	})
	var batches []fitBatch
	var cur fitBatch
	for _, g := range groups {
		if len(cur.groups) > 0 && cur.items+len(g.targets) > fitBatchSize {
			batches = append(batches, cur.chunked())
			cur = fitBatch{}
		}
		cur.groups = append(cur.groups, g)
		cur.items += len(g.targets)
	}
	if len(cur.groups) > 0 {
		batches = append(batches, cur.chunked())
	}
	return batches
}

// chunked returns b cut into up to fitChunks chunks of about equal work
// (reviews to run through).
func (b fitBatch) chunked() fitBatch {
	work := 0
	for _, g := range b.groups {
		work += int(g.targets[len(g.targets)-1].end)
	}
	b.chunks = []int{0}
	done := 0
	for i, g := range b.groups {
		done += int(g.targets[len(g.targets)-1].end)
		if i+1 < len(b.groups) && done*fitChunks >= work*len(b.chunks) {
			b.chunks = append(b.chunks, i+1)
		}
	}
	b.chunks = append(b.chunks, len(b.groups))
	return b
}

// trainWeights runs fsrs-rs's training loop (training.rs train) from w0
// and returns the weights after the last step.
func trainWeights(cards []FitCard, items []fitItem, w0 Weights, progress func(done, total int)) Weights {
	batches := packBatches(items)
	total := len(items)
	steps := (total/fitBatchSize + 1) * fitEpochs // fsrs-rs's estimate of the steps, for the schedule
	rng := rand.New(rand.NewPCG(fitSeed, fitSeed))
	order := make([]int, len(batches))
	for i := range order {
		order[i] = i
	}
	w := w0
	var opt adam
	pool := newFitPool()
	defer pool.close()
	step := 0
	for range fitEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, b := range order {
			step++
			lr := fitLearningRate * (1 + math.Cos(math.Pi*float64(step)/float64(steps))) / 2
			grad := batchGradient(cards, &batches[b], &w, pool)
			scale := fitL2Weight * float64(batches[b].items) / float64(total)
			for i := range grad {
				grad[i] += 2 * (w[i] - w0[i]) / (fitStddev[i] * fitStddev[i]) * scale
			}
			opt.step(&w, &grad, lr)
			clipWeights(&w)
			if progress != nil {
				progress(step, fitEpochs*len(batches))
			}
		}
	}
	return w
}

// batchGradient returns the gradient of the batch's weighted log loss,
// its chunks shared by the caller and pool's helpers; the chunks'
// gradients are added in chunk order.
func batchGradient(cards []FitCard, b *fitBatch, w *Weights, pool *fitPool) [21]float64 {
	m := newFitModel(w)
	job := &fitJob{n: len(b.chunks) - 1}
	parts := make([][21]float64, job.n)
	job.run = func(i int) {
		for _, g := range b.groups[b.chunks[i]:b.chunks[i+1]] {
			m.cardLoss(cards[g.card].Reviews, g.targets, &parts[i])
		}
	}
	pool.do(job)
	var grad [21]float64
	for i := range parts {
		for j := range grad {
			grad[j] += parts[i][j]
		}
	}
	return grad
}

// fitJob is one batch's chunks, run(0) to run(n-1), for whoever takes them.
type fitJob struct {
	run        func(chunk int)
	n          int
	next, left atomic.Int32
}

// work runs chunks of j until none is left to take.
func (j *fitJob) work() {
	for i := int(j.next.Add(1)) - 1; i < j.n; i = int(j.next.Add(1)) - 1 {
		j.run(i)
		j.left.Add(-1)
	}
}

// fitPool keeps GOMAXPROCS-1 helper goroutines for the length of a fit. A
// batch is about a tenth of a millisecond of work, less than waking a
// sleeping thread can take, so a helper polls for the next job for a while
// (fitSpins polls) before it sleeps.
type fitPool struct {
	job      atomic.Pointer[fitJob]
	stop     atomic.Bool
	sleepers atomic.Int32
	mu       sync.Mutex
	wake     *sync.Cond
	helpers  sync.WaitGroup
}

// fitSpins is how many times a helper polls for a job before it sleeps:
// some tens of microseconds.
const fitSpins = 1 << 16

func newFitPool() *fitPool {
	p := &fitPool{}
	p.wake = sync.NewCond(&p.mu)
	for range runtime.GOMAXPROCS(0) - 1 {
		p.helpers.Go(p.help)
	}
	return p
}

// do runs job on the caller and any helper that joins, and returns when
// every chunk is done.
func (p *fitPool) do(job *fitJob) {
	job.left.Store(int32(job.n))
	p.job.Store(job)
	if p.sleepers.Load() > 0 {
		p.mu.Lock()
		p.wake.Broadcast()
		p.mu.Unlock()
	}
	job.work()
	for job.left.Load() > 0 {
		runtime.Gosched() // a helper is finishing its last chunk
	}
}

// help is a helper's loop: take each new job, poll, sleep, until stopped.
func (p *fitPool) help() {
	var seen *fitJob
	for {
		for spins := 0; p.job.Load() == seen && !p.stop.Load(); spins++ {
			if spins < fitSpins {
				continue
			}
			p.mu.Lock()
			p.sleepers.Add(1)
			for p.job.Load() == seen && !p.stop.Load() {
				p.wake.Wait()
			}
			p.sleepers.Add(-1)
			p.mu.Unlock()
		}
		if p.stop.Load() {
			return
		}
		seen = p.job.Load()
		seen.work()
	}
}

// close stops the helpers and waits for them.
func (p *fitPool) close() {
	p.mu.Lock()
	p.stop.Store(true)
	p.wake.Broadcast()
	p.mu.Unlock()
	p.helpers.Wait()
}

// adam is the Adam optimiser as fsrs-rs's HostAdam runs it.
type adam struct {
	m, v [21]float64
	t    int
}

// step moves w against grad with learning rate lr.
func (a *adam) step(w *Weights, grad *[21]float64, lr float64) {
	a.t++
	mc := 1 - math.Pow(adamBeta1, float64(a.t))
	vc := 1 - math.Pow(adamBeta2, float64(a.t))
	for i, g := range grad {
		a.m[i] = a.m[i]*adamBeta1 + g*(1-adamBeta1)
		a.v[i] = a.v[i]*adamBeta2 + g*g*(1-adamBeta2)
		w[i] -= lr * (a.m[i] / mc) / (math.Sqrt(a.v[i]/vc) + adamEpsilon)
	}
}

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
