package srs

import "sort"

// Step is one graded answer still in force, as [ReplaySteps] meets it: the
// record, the card's state just before the answer, and whether the answer
// scheduled the card (the day's first answer) or was a same-day re-drill.
type Step struct {
	Record    *Record
	Before    CardState
	Scheduled bool
}

// ReplaySteps replays records exactly as [Replay] does and returns the same
// states; on the way it calls fn (if not nil) for every graded answer still
// in force, that is not taken back by an undo. Cards come in the order of
// their ids, and each card's answers in time order, so the calls are the
// same for the same records in any order.
func ReplaySteps(h History, p Params, fn func(Step)) map[string]*CardState {
	return replaySteps(h, p, nil, fn)
}

// replaySteps is ReplaySteps for the cards keep accepts (all when keep is
// nil).
func replaySteps(h History, p Params, keep func(card string) bool, fn func(Step)) map[string]*CardState {
	n := h.Len()
	order := make([]int32, 0, n)
	times := make([]int64, 0, n)
	sorted := true
	for i := 0; i < n; i++ {
		r := h.At(i)
		if keep != nil && !keep(r.Card) {
			continue
		}
		t := r.Time.UnixNano()
		if len(times) > 0 && t < times[len(times)-1] {
			sorted = false
		}
		order = append(order, int32(i))
		times = append(times, t)
	}
	if !sorted {
		byTime := make([]int, len(order))
		for i := range byTime {
			byTime[i] = i
		}
		sort.SliceStable(byTime, func(a, b int) bool { return times[byTime[a]] < times[byTime[b]] })
		sortedOrder := make([]int32, len(order))
		for k, i := range byTime {
			sortedOrder[k] = order[i]
		}
		order = sortedOrder
	}
	times = nil

	// In-force records per card, in order; an undo pops the latest, as in
	// Replay.
	inForce := make(map[string][]int32)
	for _, i := range order {
		r := h.At(int(i))
		if r.Event == Undo {
			if s := inForce[r.Card]; len(s) > 0 {
				inForce[r.Card] = s[:len(s)-1]
			}
			continue
		}
		inForce[r.Card] = append(inForce[r.Card], i)
	}
	order = nil

	cards := make([]string, 0, len(inForce))
	for card := range inForce {
		cards = append(cards, card)
	}
	sort.Strings(cards)

	states := make(map[string]*CardState, len(inForce))
	all := make([]CardState, len(cards))
	for c, card := range cards {
		st := NewCardState()
		for _, i := range inForce[card] {
			r := h.At(int(i))
			if fn != nil && r.Event.Graded() {
				next, scheduled := st.Apply(r.Grade, r.Day, p)
				fn(Step{Record: &r, Before: st, Scheduled: scheduled})
				st = next
				continue
			}
			st = st.apply(&r, p)
		}
		all[c] = st
		states[card] = &all[c]
	}
	return states
}
