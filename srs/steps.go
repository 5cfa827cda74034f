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
func ReplaySteps(records []Record, p Params, fn func(Step)) map[string]*CardState {
	return replaySteps(records, p, nil, fn)
}

// replaySteps is ReplaySteps for the cards keep accepts (all when keep is
// nil); records of other cards are not even sorted.
func replaySteps(records []Record, p Params, keep func(card string) bool, fn func(Step)) map[string]*CardState {
	order := make([]int, 0, len(records))
	for i := range records {
		if keep == nil || keep(records[i].Card) {
			order = append(order, i)
		}
	}
	before := func(a, b int) bool { return records[order[a]].Time.Before(records[order[b]].Time) }
	if !sort.SliceIsSorted(order, before) {
		sort.SliceStable(order, before)
	}

	// In-force records per card, in order; an undo pops the latest, as in
	// Replay.
	inForce := make(map[string][]int)
	for _, i := range order {
		r := &records[i]
		if r.Event == Undo {
			if s := inForce[r.Card]; len(s) > 0 {
				inForce[r.Card] = s[:len(s)-1]
			}
			continue
		}
		inForce[r.Card] = append(inForce[r.Card], i)
	}

	cards := make([]string, 0, len(inForce))
	for card := range inForce {
		cards = append(cards, card)
	}
	sort.Strings(cards)

	states := make(map[string]*CardState, len(inForce))
	for _, card := range cards {
		st := NewCardState()
		for _, i := range inForce[card] {
			r := &records[i]
			if fn != nil && r.Event.Graded() {
				next, scheduled := st.Apply(r.Grade, r.Day, p)
				fn(Step{Record: r, Before: st, Scheduled: scheduled})
				st = next
				continue
			}
			st = st.apply(r, p)
		}
		states[card] = &st
	}
	return states
}
