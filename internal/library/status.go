package library

import (
	"sort"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// Status is today's work at a glance: per deck and in total.
type Status struct {
	Today     srs.Day
	Decks     []Load // in the decks' order
	Total     Load
	Streak    int           // days in a row with answers (see [srs.Streak])
	Mature30  srs.Tally     // mature true retention over the last 30 days
	AvgAnswer time.Duration // usual time per answer
	// Estimate is the time today's sessions take at the learner's pace.
	Estimate time.Duration
	// Limit is today's review limit when it keeps some due cards out of
	// today's sessions, else 0.
	Limit int
	// Plan is what the interview plan asks of today, when one is active.
	Plan *PlanToday
}

// PlanToday is what the interview plan asks of today, and how far the
// learner is.
type PlanToday struct {
	Interview *Interview
	New       int           // new cards in scope left for today
	Reviews   int           // reviews and re-drills in scope left for today
	Time      time.Duration // the time they take at the learner's pace
	Seen      int           // cards in scope answered at least once
	Cards     int           // cards in scope
	Feasible  bool          // the plan fits the budget
}

// Load counts one deck's work for a day; the meanings are srs's (see
// [srs.CardState.ReviewDay]) and the same as in the statistics.
type Load struct {
	Deck     string
	Due      int // reviews due today, the overdue included
	Overdue  int // of Due, those that fell due before today
	Again    int // cards answered below 4 today that still owe a re-drill
	New      int // new cards today's limit still lets in
	Tomorrow int // reviews that fall due tomorrow
	Queued   int // reviews today's sessions will bring: Due, unless the review limit cuts it
}

// Cards returns the cards a session would bring today: the reviews the
// limit lets in, the re-drills owed and the new cards.
func (l Load) Cards() int { return l.Queued + l.Again + l.New }

func (l *Load) add(o Load) {
	l.Due += o.Due
	l.Overdue += o.Overdue
	l.Again += o.Again
	l.New += o.New
	l.Tomorrow += o.Tomorrow
	l.Queued += o.Queued
}

// StatusOf computes the status on day today from the facts.
func StatusOf(f *StatusFacts, today srs.Day, lim srs.Limits) *Status {
	states := f.StateMap()
	s := statusOf(f, states, today, lim, srs.BuildQueue(f.Cards, states, today, lim))
	s.Estimate = time.Duration(s.Total.Cards()) * s.AvgAnswer
	return s
}

// PlanStatusOf computes today's status under the interview plan, with
// the library the facts were computed from: today's new cards are the
// plan's, and it leads with what the plan asks of today.
func PlanStatusOf(f *StatusFacts, lib *Library, ip *InterviewPlan) *Status {
	states := f.StateMap()
	all, _ := lib.Select(nil, nil)
	queue := ip.Queue(lib, all, lib.Settings.Limits)
	s := statusOf(f, states, lib.Today, lib.Settings.Limits, queue)
	pt := &PlanToday{Interview: ip.Interview, Cards: ip.Plan.Cards, Seen: ip.Seen, Feasible: ip.Plan.Feasible}
	in := map[string]bool{}
	for _, p := range ip.Scope.Prompts {
		in[p.Key] = true
	}
	for _, it := range queue {
		switch {
		case !in[it.Card]:
		case it.Slot == srs.SlotNew:
			pt.New++
		default:
			pt.Reviews++
		}
	}
	pt.Time = time.Duration(pt.New)*ip.Pace.New + time.Duration(pt.Reviews)*ip.Pace.Review
	s.Plan = pt
	newCards := s.Total.New
	s.Estimate = time.Duration(newCards)*ip.Pace.New + time.Duration(s.Total.Cards()-newCards)*ip.Pace.Review
	return s
}

func statusOf(f *StatusFacts, states map[string]*srs.CardState, today srs.Day, lim srs.Limits, queue []srs.Item) *Status {
	s := &Status{Today: today, AvgAnswer: f.AvgAnswer}
	loads := map[string]*Load{}
	for _, id := range f.DeckIDs {
		loads[id] = &Load{Deck: id}
	}
	for _, c := range f.Cards {
		st := states[c.Card]
		if st == nil {
			continue
		}
		l := loads[c.Group]
		if st.OwesDrill(today) {
			l.Again++
		}
		day, ok := st.ReviewDay(today)
		switch {
		case !ok:
		case day <= today:
			l.Due++
			if day < today {
				l.Overdue++
			}
		case day == today+1:
			l.Tomorrow++
		}
	}
	for _, item := range queue {
		switch item.Slot {
		case srs.SlotReview:
			loads[item.Group].Queued++
		case srs.SlotNew:
			loads[item.Group].New++
		}
	}
	for _, id := range f.DeckIDs {
		s.Decks = append(s.Decks, *loads[id])
		s.Total.add(*loads[id])
	}
	if s.Total.Queued < s.Total.Due {
		s.Limit = lim.ReviewsPerDay
	}
	days := f.StudyDays
	s.Streak = srs.Streak(func(d srs.Day) bool {
		i := sort.Search(len(days), func(i int) bool { return days[i] >= d })
		return i < len(days) && days[i] == d
	}, today)
	for _, t := range f.Mature {
		if t.Day > today-30 && t.Day <= today {
			s.Mature30.Pass += t.Pass
			s.Mature30.Fail += t.Fail
		}
	}
	return s
}

// TodayStatus computes the status of o.Now's day: under the interview
// plan when one is active (from the log itself), else, when useCache, from
// the replay checkpoint and only what was appended to the log since it
// was written (the checkpoint is rewritten). warn is given what loading
// left out, before anything is returned. A plan file that does not read
// does not stop the status: it comes back as planErr, to show after it, so
// that a data folder that cannot be read at all says so first.
func TodayStatus(o Options, useCache bool, warn func([]Warning)) (s *Status, planErr, err error) {
	o.Parts = WithStates
	o.Cache = o.Cache && useCache
	loc := o.Loc
	if loc == nil {
		loc = time.Local
	}
	today := srs.DayOf(o.Now, loc, o.Settings.DayStart)
	iv, planErr := ReadInterview(o.DataDir)
	if planErr == nil && iv.Active(today) {
		facts, lib, _, err := computeStatusFacts(o)
		if facts != nil {
			warn(facts.Warnings)
		}
		if err != nil {
			return nil, nil, err
		}
		ip, err := lib.Plan(iv)
		if err != nil {
			return nil, nil, err
		}
		return PlanStatusOf(facts, lib, ip), nil, nil
	}
	var facts *StatusFacts
	var cp *checkpoint
	var key uint64
	if o.Cache {
		if key, err = settingsKey(o.DataDir, o.Device, o.Settings); err != nil {
			o.Cache = false
		} else if facts, cp, err = resumeStatusFacts(o, key); err != nil {
			return nil, nil, err
		}
	}
	if facts == nil {
		facts, _, cp, err = computeStatusFacts(o)
		if facts != nil {
			warn(facts.Warnings)
		}
		if err != nil {
			return nil, nil, err
		}
	} else {
		warn(facts.Warnings)
	}
	if o.Cache && cp != nil && cp.Marks != nil {
		cp.Settings = key
		cp.write(o.DataDir) // a cache that cannot be written is only slower
	}
	return StatusOf(facts, today, o.Settings.Limits), planErr, nil
}
