package srs

// Load balancing: cards learned on the same day with the same grades keep
// the same SM-2 intervals, so they fall due together, review after review,
// and the forecast shows one clump. Anki's load balancer spreads them by
// moving each new interval a little towards the least busy day near it;
// [Balance] does the same, deterministically: the same interval, load and
// day always give the same answer. It is optional, and off by default, so
// that SM-2 stays as published.

// MinBalanceInterval is the shortest interval, in days, that [Balance]
// moves: shorter ones (SM-2's first interval of 1 day, and relearning)
// stay as they are.
const MinBalanceInterval = 3

// BalanceWindow returns the intervals, lo to hi days, that [Balance] may
// choose instead of an interval SM-2 computed: interval ± 5%, at least
// ± 1 day, never above maxInterval (0 means [DefaultMaxInterval]). An
// interval shorter than [MinBalanceInterval], or above the cap, is its
// own window.
func BalanceWindow(interval, maxInterval int) (lo, hi int) {
	if maxInterval <= 0 {
		maxInterval = DefaultMaxInterval
	}
	if interval < MinBalanceInterval || interval > maxInterval {
		return interval, interval
	}
	d := max(1, interval/20) // 5%, rounded down
	return interval - d, min(interval+d, maxInterval)
}

// Balance returns the interval to give a card answered on day from, in
// place of the interval SM-2 computed: of the intervals in
// [BalanceWindow], the one whose day has the fewest cards due, as due(day)
// counts them. On a tie the interval closest to the computed one wins,
// then the shorter. With the same load on every day (or a nil due) the
// interval comes back unchanged. due is asked only about days in the
// window.
func Balance(interval int, due func(day Day) int, from Day, maxInterval int) int {
	lo, hi := BalanceWindow(interval, maxInterval)
	if due == nil || lo == hi {
		return interval
	}
	best, least := interval, due(from+Day(interval))
	// Outwards from the computed interval, the earlier day first at each
	// distance, so that only a strictly lighter day moves the choice.
	for d := 1; interval-d >= lo || interval+d <= hi; d++ {
		for _, i := range [2]int{interval - d, interval + d} {
			if i < lo || i > hi {
				continue
			}
			if n := due(from + Day(i)); n < least {
				best, least = i, n
			}
		}
	}
	return best
}
