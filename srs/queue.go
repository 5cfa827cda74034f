package srs

import "sort"

// Limits cap how many cards a day brings. They hold across every session
// of the day: cards already answered today count against them.
type Limits struct {
	NewPerDay     int // new cards introduced per day
	ReviewsPerDay int // scheduled reviews per day, re-drills not counted
}

// DefaultLimits are 20 new cards and 200 reviews a day.
var DefaultLimits = Limits{NewPerDay: 20, ReviewsPerDay: 200}

// Candidate is a card that may be studied: its full id and the group (the
// deck) it belongs to, in the order the decks list them.
type Candidate struct {
	Card  string
	Group string
}

// Slot says why a card is in today's queue.
type Slot uint8

// The reasons a card is in the queue.
const (
	SlotReview Slot = iota + 1 // due for its scheduled review
	SlotNew                    // never studied, introduced today
	SlotDrill                  // answered below 4 today, comes back until 4 or 5
	SlotAhead                  // reviewed before it is due (review --ahead)
	SlotCram                   // gone through without changing its schedule (review --cram)
)

var slotNames = [...]string{SlotReview: "review", SlotNew: "new", SlotDrill: "again", SlotAhead: "ahead", SlotCram: "cram"}

// String returns "review", "new", "again", "ahead" or "cram".
func (s Slot) String() string { return slotNames[s] }

// Item is one card in today's queue.
type Item struct {
	Card  string
	Group string
	Slot  Slot
	Due   Day // for reviews: the day it fell due
}

// Today counts the work already done on a day, from the card states.
type Today struct {
	New     int // cards introduced today
	Reviews int // scheduling answers today to cards introduced before today
}

// CountToday counts what was studied on day today.
func CountToday(states map[string]*CardState, today Day) Today {
	var t Today
	for _, st := range states {
		if !st.AnsweredOn(today) {
			continue
		}
		if st.Introduced == today {
			t.New++
		} else {
			t.Reviews++
		}
	}
	return t
}

// BuildQueue returns today's cards in the order to study them: due reviews,
// most overdue first (cards due the same day taking turns by group), with
// new cards spread evenly among them, then the
// cards still waiting for a same-day re-drill. New cards are taken from the
// groups in turn, each group's in its own order. The limits count the work
// already done today; a card with no state is new.
func BuildQueue(cands []Candidate, states map[string]*CardState, today Day, lim Limits) []Item {
	done := CountToday(states, today)
	reviewRoom := lim.ReviewsPerDay - done.Reviews
	newRoom := lim.NewPerDay - done.New

	var due, drills []Item
	newByGroup := map[string][]Item{}
	var groups []string
	for _, c := range cands {
		st := states[c.Card]
		if st == nil {
			if _, seen := newByGroup[c.Group]; !seen {
				groups = append(groups, c.Group)
			}
			newByGroup[c.Group] = append(newByGroup[c.Group], Item{Card: c.Card, Group: c.Group, Slot: SlotNew})
			continue
		}
		if st.Suspended || st.BuriedToday(today) {
			continue
		}
		switch {
		case st.NeedsDrill(today):
			drills = append(drills, Item{Card: c.Card, Group: c.Group, Slot: SlotDrill})
		case st.IsNew():
			if _, seen := newByGroup[c.Group]; !seen {
				groups = append(groups, c.Group)
			}
			newByGroup[c.Group] = append(newByGroup[c.Group], Item{Card: c.Card, Group: c.Group, Slot: SlotNew})
		case st.Due <= today && !st.AnsweredOn(today):
			due = append(due, Item{Card: c.Card, Group: c.Group, Slot: SlotReview, Due: st.Due})
		}
	}

	// Most overdue first over all groups; cards due the same day take
	// turns by group, so that a review limit after a holiday cuts every
	// deck alike instead of the last decks in the list.
	turn := make(map[string]int, len(groups))
	turns := make([]int, len(due))
	for i, it := range due {
		turns[i] = turn[it.Group]
		turn[it.Group]++
	}
	order := make([]int, len(due))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if due[x].Due != due[y].Due {
			return due[x].Due < due[y].Due
		}
		return turns[x] < turns[y]
	})
	sorted := make([]Item, len(due))
	for i, k := range order {
		sorted[i] = due[k]
	}
	due = sorted
	if reviewRoom < 0 {
		reviewRoom = 0
	}
	if len(due) > reviewRoom {
		due = due[:reviewRoom]
	}

	var fresh []Item
	for round := 0; len(fresh) < newRoom; round++ {
		took := false
		for _, g := range groups {
			if round < len(newByGroup[g]) && len(fresh) < newRoom {
				fresh = append(fresh, newByGroup[g][round])
				took = true
			}
		}
		if !took {
			break
		}
	}

	queue := interleave(due, fresh)
	return append(queue, drills...)
}

// interleave spreads the new cards evenly among the reviews: each list is
// taken at its own even pace, reviews first on a tie.
func interleave(reviews, fresh []Item) []Item {
	out := make([]Item, 0, len(reviews)+len(fresh))
	r, n := 0, 0
	for r < len(reviews) || n < len(fresh) {
		// Take a review while its share of the way through is not ahead of
		// the new cards': (r+½)/R <= (n+½)/F.
		if n == len(fresh) || (r < len(reviews) && (2*r+1)*len(fresh) <= (2*n+1)*len(reviews)) {
			out = append(out, reviews[r])
			r++
		} else {
			out = append(out, fresh[n])
			n++
		}
	}
	return out
}

// AheadQueue returns the cards of cands in review that are not due yet
// (nor answered, buried or suspended today), lowest recall first as
// recall gives it: reviewing them is answering them early.
func AheadQueue(cands []Candidate, states map[string]*CardState, today Day, recall func(card string) float64) []Item {
	var out []Item
	for _, c := range cands {
		st := states[c.Card]
		if st == nil || st.IsNew() || st.Suspended || st.BuriedToday(today) || st.AnsweredOn(today) {
			continue
		}
		if due, ok := st.ReviewDay(today); ok && due > today {
			out = append(out, Item{Card: c.Card, Group: c.Group, Slot: SlotAhead, Due: due})
		}
	}
	byRecall(out, recall)
	return out
}

// CramQueue returns every card of cands that is not suspended, answered
// cards first, lowest recall first, then the cards never answered in
// their order: a pass through them that changes no schedule.
func CramQueue(cands []Candidate, states map[string]*CardState, recall func(card string) float64) []Item {
	var seen, fresh []Item
	for _, c := range cands {
		st := states[c.Card]
		switch {
		case st != nil && st.Suspended:
		case st == nil || st.IsNew():
			fresh = append(fresh, Item{Card: c.Card, Group: c.Group, Slot: SlotCram})
		default:
			seen = append(seen, Item{Card: c.Card, Group: c.Group, Slot: SlotCram, Due: st.Due})
		}
	}
	byRecall(seen, recall)
	return append(seen, fresh...)
}

// byRecall sorts items by recall, lowest first (ties keep their order).
func byRecall(items []Item, recall func(card string) float64) {
	r := make(map[string]float64, len(items))
	for _, it := range items {
		r[it.Card] = recall(it.Card)
	}
	sort.SliceStable(items, func(i, j int) bool { return r[items[i].Card] < r[items[j].Card] })
}
