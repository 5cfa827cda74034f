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
	// Limit is today's review limit when it keeps some due cards out of
	// today's sessions, else 0.
	Limit int
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
	s := &Status{Today: today, AvgAnswer: f.AvgAnswer}
	states := f.StateMap()
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
	for _, item := range srs.BuildQueue(f.Cards, states, today, lim) {
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
