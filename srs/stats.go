package srs

import (
	"math"
	"sort"
)

// DefaultLeechThreshold is the number of lapses that makes a card a leech
// when [StatsOptions] does not say.
const DefaultLeechThreshold = 8

// ForecastDays is how many days, today included, [Forecast] covers.
const ForecastDays = 30

// MaxAnswerMillis caps the time counted for one answer (a minute), so that
// a card left on screen during a coffee break does not count as study.
const MaxAnswerMillis = 60000

// StatsOptions are what [Statistics] needs besides the cards and the log.
type StatsOptions struct {
	Today          Day    // the learner's today
	Params         Params // scheduling settings, as for [Replay]
	LeechThreshold int    // lapses that make a card a leech; 0 means DefaultLeechThreshold
	Hardest        int    // cards in each list of hardest cards; 0 means 10
}

// Stats is everything `rehearse stats` reports, for one set of cards.
type Stats struct {
	Today     Day
	Groups    []Counts // card counts per group (deck), in the order the cards came
	Total     Counts   // the same for all the cards
	Retention []RetentionRow
	Forecast  Forecast
	Activity  Activity
	Grades    [Perfect + 1]GradeCounts // answers per grade, indexed by grade
	Ease      Distribution             // E-Factors of cards answered at least once, in hundredths
	Intervals Distribution             // intervals of cards answered at least once, in days
	Hardest   Hardest
	// Calibration is the recall the model in force predicted against what
	// the learner did.
	Calibration Calibration
	// Recall is today's predicted recall of the cards in review (answered
	// and not suspended), in percent, by tens.
	Recall Distribution
}

// Counts are the card counts of one group of cards. Each card is in exactly
// one of New, Learning, Young, Mature, Suspended and Buried; Leeches and the
// due counts cut across them.
type Counts struct {
	Group                                           string // the deck; empty for the total
	New, Learning, Young, Mature, Suspended, Buried int
	Leeches                                         int // cards with at least the leech threshold of lapses
	Due                                             int // reviews due today, the overdue included
	Overdue                                         int // of Due, those that fell due before today
	Tomorrow                                        int // reviews that fall due tomorrow (see [CardState.ReviewDay])
	Again                                           int // cards that still owe a same-day re-drill today
}

// Cards returns the number of cards counted.
func (c *Counts) Cards() int {
	return c.New + c.Learning + c.Young + c.Mature + c.Suspended + c.Buried
}

func (c *Counts) add(o *Counts) {
	c.New += o.New
	c.Learning += o.Learning
	c.Young += o.Young
	c.Mature += o.Mature
	c.Suspended += o.Suspended
	c.Buried += o.Buried
	c.Leeches += o.Leeches
	c.Due += o.Due
	c.Overdue += o.Overdue
	c.Tomorrow += o.Tomorrow
	c.Again += o.Again
}

// Tally counts answers that passed (grade 3 or more) and failed.
type Tally struct{ Pass, Fail int }

// Answers returns the number of answers counted.
func (t Tally) Answers() int { return t.Pass + t.Fail }

// Percent returns the share of answers that passed, from 0 to 100 and
// rounded as [Percent] rounds, and false when there are none.
func (t Tally) Percent() (float64, bool) { return Percent(t.Pass, t.Answers()) }

// Percent returns part as a percentage of whole, rounded half up to one
// decimal on the exact fraction (73 of 80 is 91.25%, so 91.3), and false
// when whole is 0. Every percentage rehearse shows is rounded this way.
func Percent(part, whole int) (float64, bool) {
	if whole <= 0 {
		return 0, false
	}
	tenths := (int64(part)*2000 + int64(whole)) / (2 * int64(whole))
	return float64(tenths) / 10, true
}

// Minutes returns a duration in milliseconds as minutes, rounded half up
// to one decimal on the exact value (90,000 ms is 1.5, 93,000 ms 1.6).
// Every count of minutes rehearse shows is rounded this way.
func Minutes(millis int64) float64 {
	if millis < 0 {
		return -Minutes(-millis)
	}
	return float64((millis*20+60000)/120000) / 10
}

// Add counts one answer, passed or not.
func (t *Tally) Add(pass bool) {
	if pass {
		t.Pass++
	} else {
		t.Fail++
	}
}

// RetentionRow is the true retention over one period of days.
type RetentionRow struct {
	Period        string // "today", "yesterday", "7d", "30d", "365d" or "all"
	From, To      Day    // the days counted, both included; for "all", From is the first day with answers
	Young, Mature Tally
}

// Total returns the young and mature answers together.
func (r RetentionRow) Total() Tally {
	return Tally{Pass: r.Young.Pass + r.Mature.Pass, Fail: r.Young.Fail + r.Mature.Fail}
}

// retentionPeriods are the periods of the retention rows, in order, with
// their length in days ending today (0 for all time; yesterday is the one
// day before today).
var retentionPeriods = []struct {
	Period string
	Days   int
}{{"today", 1}, {"yesterday", 1}, {"7d", 7}, {"30d", 30}, {"365d", 365}, {"all", 0}}

// Forecast is the reviews coming in the next [ForecastDays] days.
type Forecast struct {
	Due       [ForecastDays]int // Due[i]: reviews due i days from today; Due[0] includes the overdue
	Overdue   int               // reviews that fell due before today and are not done
	Later     int               // reviews due after the window
	DailyLoad float64           // Anki's daily load: the sum of 1/interval over the cards in review
}

// Days returns the reviews due in the next n days, today included.
func (f *Forecast) Days(n int) int {
	sum := 0
	for i := 0; i < n && i < len(f.Due); i++ {
		sum += f.Due[i]
	}
	return sum
}

// DayActivity is one day's answers.
type DayActivity struct {
	Day     Day
	Reviews int   // graded answers, re-drills included
	Millis  int64 // time spent answering, each answer capped at MaxAnswerMillis
}

// Activity is the learner's study over time.
type Activity struct {
	Days    []DayActivity // every day with at least one answer, oldest first
	Streak  int           // days in a row with answers, ending today (or yesterday, before today's first answer)
	Longest int           // the longest such run ever
}

// Between sums the activity of the days from..to, both included: the days
// studied, the answers and the time spent.
func (a *Activity) Between(from, to Day) (days, reviews int, millis int64) {
	i := sort.Search(len(a.Days), func(i int) bool { return a.Days[i].Day >= from })
	for ; i < len(a.Days) && a.Days[i].Day <= to; i++ {
		days++
		reviews += a.Days[i].Reviews
		millis += a.Days[i].Millis
	}
	return days, reviews, millis
}

// GradeCounts are the answers given one grade, by the card's state before
// the answer: learning (new cards included), young or mature for the day's
// first answers, and re-drills apart.
type GradeCounts struct {
	Learning, Young, Mature, Drill int
}

// Total returns all the answers of the grade.
func (g GradeCounts) Total() int { return g.Learning + g.Young + g.Mature + g.Drill }

// Bucket is one bar of a histogram: the values From..To (both included;
// To is 0 for no upper bound) and how many cards have one.
type Bucket struct {
	From, To int
	Cards    int
}

// Distribution is a histogram of one number over the cards, with the
// cards' median and mean.
type Distribution struct {
	Buckets      []Bucket
	Cards        int
	Median, Mean float64
	Min, Max     int
}

// Hardest lists the cards that cost the learner most.
type Hardest struct {
	LeechThreshold int
	LowestEase     []HardCard // cards whose ease fell below 2.50, lowest first
	MostLapses     []HardCard // cards with lapses, most first
	Leeches        []HardCard // every card with at least LeechThreshold lapses, most first
}

// HardCard is one card of a [Hardest] list.
type HardCard struct {
	Card, Group string
	Ease        Ease
	Interval    int
	Lapses      int
	Answers     int // scheduling answers
	Suspended   bool
}

// easeBuckets and intervalBuckets are the histograms' bars.
var (
	easeBuckets = []Bucket{
		{From: 130, To: 149}, {From: 150, To: 169}, {From: 170, To: 189}, {From: 190, To: 209},
		{From: 210, To: 229}, {From: 230, To: 249}, {From: 250, To: 269}, {From: 270},
	}
	intervalBuckets = []Bucket{
		{From: 1, To: 1}, {From: 2, To: 3}, {From: 4, To: 7}, {From: 8, To: 14}, {From: 15, To: 20},
		{From: 21, To: 30}, {From: 31, To: 60}, {From: 61, To: 90}, {From: 91, To: 180},
		{From: 181, To: 365}, {From: 366},
	}
	recallBuckets = []Bucket{
		{From: 0, To: 9}, {From: 10, To: 19}, {From: 20, To: 29}, {From: 30, To: 39}, {From: 40, To: 49},
		{From: 50, To: 59}, {From: 60, To: 69}, {From: 70, To: 79}, {From: 80, To: 89}, {From: 90, To: 100},
	}
)

// Statistics computes the statistics of the cards listed, from the review
// records (records of other cards are left out). A card with no records is
// new. The cards' groups are reported in the order they first appear.
//
// The definitions are Anki's, so that the numbers compare with what Anki
// reports for the same answers:
//
//   - A card is new (never answered), learning (fewer than 2 successful
//     repetitions in the current run), young (interval under 21 days) or
//     mature (21 days or more); suspended and buried (today) cards are
//     counted apart.
//   - True retention counts the day's first answer to cards whose interval
//     before the answer was at least 1 day: passed when graded 3 or more,
//     young or mature by the interval before the answer. Same-day re-drills
//     and the first answers of new cards do not count.
//   - Only answers still in force count: an undone answer is gone.
func Statistics(cards []Candidate, records History, o StatsOptions) *Stats {
	if o.LeechThreshold <= 0 {
		o.LeechThreshold = DefaultLeechThreshold
	}
	if o.Hardest <= 0 {
		o.Hardest = 10
	}
	keep := cardSet(cards)
	s := &Stats{Today: o.Today}
	ret := newRetention(o.Today)
	perDay := map[Day]*DayActivity{}
	s.Calibration.Model = o.Params.Model
	states := replay(records, o.Params, keep, func(st Step) {
		r := st.Record
		ret.add(st)
		s.Calibration.add(st, o.Params)
		if r.Grade.Valid() {
			s.Grades[r.Grade].add(st)
		}
		a := perDay[r.Day]
		if a == nil {
			a = &DayActivity{Day: r.Day}
			perDay[r.Day] = a
		}
		a.Reviews++
		a.Millis += int64(min(max(r.Millis, 0), MaxAnswerMillis))
	}, nil)
	s.Retention = ret.rows()
	s.Activity = activity(perDay, o.Today)
	s.cardStats(cards, states, o)
	return s
}

// Retention computes only the true-retention rows of [Statistics].
func Retention(cards []Candidate, records History, today Day, p Params) []RetentionRow {
	ret := newRetention(today)
	replay(records, p, cardSet(cards), ret.add, nil)
	return ret.rows()
}

func cardSet(cards []Candidate) func(string) bool {
	set := make(map[string]bool, len(cards))
	for _, c := range cards {
		set[c.Card] = true
	}
	return func(card string) bool { return set[card] }
}

// retention accumulates the true-retention rows.
type retention struct {
	list  []RetentionRow
	first Day
	any   bool
}

func newRetention(today Day) *retention {
	r := &retention{}
	for _, p := range retentionPeriods {
		row := RetentionRow{Period: p.Period, From: today - Day(p.Days) + 1, To: today}
		switch p.Period {
		case "yesterday":
			row.From, row.To = today-1, today-1
		case "all":
			row.From = today
		}
		r.list = append(r.list, row)
	}
	return r
}

// CountsForRetention reports whether an answer counts for true retention:
// the day's first answer to a card whose interval before it was at least
// a day. Same-day re-drills and the first answers of new cards do not.
func CountsForRetention(st Step) bool { return st.Scheduled && st.Before.Days() >= 1 }

// Mature reports whether a state is mature: an interval of
// [MatureInterval] days or more. An answer to a mature card counts as
// mature retention.
func Mature(c CardState) bool { return c.Days() >= MatureInterval }

// add counts one answer if it counts for true retention.
func (r *retention) add(st Step) {
	if !CountsForRetention(st) {
		return
	}
	day := st.Record.Day
	if !r.any || day < r.first {
		r.first, r.any = day, true
	}
	pass := st.Record.Grade.Passed()
	mature := Mature(st.Before)
	for i := range r.list {
		row := &r.list[i]
		if row.Period != "all" && (day < row.From || day > row.To) {
			continue
		}
		if mature {
			row.Mature.Add(pass)
		} else {
			row.Young.Add(pass)
		}
	}
}

func (r *retention) rows() []RetentionRow {
	out := append([]RetentionRow(nil), r.list...)
	last := &out[len(out)-1]
	if r.any && r.first < last.From {
		last.From = r.first
	}
	return out
}

func (g *GradeCounts) add(st Step) {
	if !st.Scheduled {
		g.Drill++
		return
	}
	switch st.Before.Maturity() {
	case MaturityMature:
		g.Mature++
	case MaturityYoung:
		g.Young++
	default:
		g.Learning++
	}
}

func activity(perDay map[Day]*DayActivity, today Day) Activity {
	var a Activity
	for _, d := range perDay {
		a.Days = append(a.Days, *d)
	}
	sort.Slice(a.Days, func(i, j int) bool { return a.Days[i].Day < a.Days[j].Day })
	run := 0
	for i, d := range a.Days {
		if i > 0 && d.Day == a.Days[i-1].Day+1 {
			run++
		} else {
			run = 1
		}
		a.Longest = max(a.Longest, run)
	}
	a.Streak = Streak(func(d Day) bool { return perDay[d] != nil }, today)
	return a
}

// Streak counts the days in a row with answers (studied reports which),
// ending today, or yesterday when nothing was answered yet today.
func Streak(studied func(Day) bool, today Day) int {
	d := today
	if !studied(d) {
		d--
	}
	n := 0
	for studied(d) {
		n++
		d--
	}
	return n
}

// cardStats fills the statistics that come from the cards' current states:
// counts, forecast, distributions and the hardest cards.
func (s *Stats) cardStats(cards []Candidate, states map[string]*CardState, o StatsOptions) {
	today := o.Today
	groups := map[string]*Counts{}
	var order []string
	var eases, intervals, recall []int
	var studied []HardCard
	for _, c := range cards {
		g := groups[c.Group]
		if g == nil {
			g = &Counts{Group: c.Group}
			groups[c.Group] = g
			order = append(order, c.Group)
		}
		st := states[c.Card]
		if st == nil || st.IsNew() {
			if st != nil && st.Suspended {
				g.Suspended++
			} else if st != nil && st.BuriedToday(today) {
				g.Buried++
			} else {
				g.New++
			}
			continue
		}
		switch {
		case st.Suspended:
			g.Suspended++
		case st.BuriedToday(today):
			g.Buried++
		default:
			switch st.Maturity() {
			case MaturityLearning:
				g.Learning++
			case MaturityYoung:
				g.Young++
			default:
				g.Mature++
			}
		}
		if st.Lapses >= o.LeechThreshold {
			g.Leeches++
		}
		eases = append(eases, int(st.Ease))
		intervals = append(intervals, st.Days())
		studied = append(studied, HardCard{Card: c.Card, Group: c.Group, Ease: st.Ease, Interval: st.Days(),
			Lapses: st.Lapses, Answers: st.Answers, Suspended: st.Suspended})

		if st.Suspended {
			continue
		}
		s.Forecast.DailyLoad += 1 / float64(max(st.Days(), 1))
		recall = append(recall, int(math.Round(100*RecallOn(st, today, o.Params))))
		due, _ := st.ReviewDay(today)
		if st.OwesDrill(today) {
			g.Again++
		}
		if due <= today {
			g.Due++
			if due < today {
				g.Overdue++
				s.Forecast.Overdue++
			}
			due = today
		}
		if due == today+1 {
			g.Tomorrow++
		}
		if off := int(due - today); off < ForecastDays {
			s.Forecast.Due[off]++
		} else {
			s.Forecast.Later++
		}
	}
	for _, id := range order {
		s.Groups = append(s.Groups, *groups[id])
		s.Total.add(groups[id])
	}
	s.Ease = distribution(eases, easeBuckets)
	s.Intervals = distribution(intervals, intervalBuckets)
	s.Recall = distribution(recall, recallBuckets)
	s.Hardest = hardest(studied, o)
}

// distribution makes a histogram of values over the buckets given.
func distribution(values []int, buckets []Bucket) Distribution {
	d := Distribution{Buckets: append([]Bucket(nil), buckets...), Cards: len(values)}
	if len(values) == 0 {
		return d
	}
	sort.Ints(values)
	sum := 0
	for _, v := range values {
		sum += v
		for i := len(d.Buckets) - 1; i >= 0; i-- {
			if v >= d.Buckets[i].From || i == 0 {
				d.Buckets[i].Cards++
				break
			}
		}
	}
	n := len(values)
	d.Min, d.Max = values[0], values[n-1]
	d.Mean = float64(sum) / float64(n)
	if n%2 == 1 {
		d.Median = float64(values[n/2])
	} else {
		d.Median = float64(values[n/2-1]+values[n/2]) / 2
	}
	return d
}

func hardest(cards []HardCard, o StatsOptions) Hardest {
	h := Hardest{LeechThreshold: o.LeechThreshold}
	pick := func(keep func(*HardCard) bool, less func(a, b *HardCard) bool, limit int) []HardCard {
		var out []HardCard
		for i := range cards {
			if keep(&cards[i]) {
				out = append(out, cards[i])
			}
		}
		sort.Slice(out, func(i, j int) bool {
			if less(&out[i], &out[j]) {
				return true
			}
			if less(&out[j], &out[i]) {
				return false
			}
			return out[i].Card < out[j].Card
		})
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return out
	}
	byEase := func(a, b *HardCard) bool {
		return a.Ease < b.Ease || (a.Ease == b.Ease && a.Lapses > b.Lapses)
	}
	byLapses := func(a, b *HardCard) bool {
		return a.Lapses > b.Lapses || (a.Lapses == b.Lapses && a.Ease < b.Ease)
	}
	h.LowestEase = pick(func(c *HardCard) bool { return c.Ease < DefaultEase }, byEase, o.Hardest)
	h.MostLapses = pick(func(c *HardCard) bool { return c.Lapses > 0 }, byLapses, o.Hardest)
	h.Leeches = pick(func(c *HardCard) bool { return c.Lapses >= o.LeechThreshold }, byLapses, 0)
	return h
}
