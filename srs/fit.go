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
	"slices"
	"sort"
)

// FitReview is one scheduling answer of a card, in time order.
type FitReview struct {
	Time    int64 // Unix milliseconds, as in the log
	Elapsed int32 // days since the card's previous scheduling answer; 0 for its first
	// SM2Interval is the number of days between the previous answer and the
	// due day it set (the scheduled interval); 0 for the first answer.
	SM2Interval int32
	Rating      Rating
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
// its earlier answers. Every card's answers share one array.
func FitData(h History, p Params) []FitCard {
	type answer struct {
		seq    int32 // the FitCard it belongs to
		review FitReview
	}
	answers := make([]answer, 0, h.Len())
	var keys []string       // each FitCard's card
	open := map[int]int32{} // card index → its FitCard
	ReplaySteps(h, p, func(s Step) {
		if !s.Scheduled {
			return
		}
		r := s.Record
		review := FitReview{Time: r.Time.UnixMilli(), Rating: RatingOf(r.Grade)}
		seq, ok := open[s.CardIndex]
		if s.Before.IsNew() || !ok {
			seq = int32(len(keys))
			keys = append(keys, r.Card)
			open[s.CardIndex] = seq
		} else {
			review.Elapsed = int32(max(r.Day-s.Before.LastDay, 0))
			review.SM2Interval = int32(s.Before.Due - s.Before.LastDay)
		}
		answers = append(answers, answer{seq, review})
	})
	start := make([]int, len(keys)+1) // FitCard i's answers are all[start[i]:start[i+1]]
	for _, a := range answers {
		start[a.seq+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	all := make([]FitReview, len(answers))
	next := slices.Clone(start[:len(keys)])
	for _, a := range answers {
		all[next[a.seq]] = a.review
		next[a.seq]++
	}
	seqs := make([]FitCard, len(keys))
	for i, key := range keys {
		seqs[i] = FitCard{Card: key, Reviews: all[start[i]:start[i+1]:start[i+1]]}
	}
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
	n := 0
	for _, card := range cards {
		n += max(len(card.Reviews)-1, 0)
	}
	items = make([]fitItem, 0, n)
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
		days := int(card[it.end].Elapsed)
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
	train = make([]fitItem, 0, len(items))
	for _, it := range items {
		card := cards[it.card].Reviews
		if !removed[card[0].Rating][int(card[firstInterval[it.card]].Elapsed)] {
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
