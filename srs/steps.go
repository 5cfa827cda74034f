package srs

// Step is one graded answer still in force, as [ReplaySteps] meets it: the
// record, the card's state just before the answer, and whether the answer
// scheduled the card (the day's first answer) or was a same-day re-drill.
type Step struct {
	Record    *Record
	Before    CardState
	Scheduled bool
	// CardIndex numbers the record's card among the history's cards (see
	// IndexedHistory), for callers that keep something per card.
	CardIndex int
	// recall is FSRS's retrievability at the answer, when recallKnown:
	// the replay kept the card's FSRS memory and had computed it.
	recall      float64
	recallKnown bool
}

// ReplaySteps replays records exactly as [Replay] does and returns the same
// states; on the way it calls fn (if not nil) for every graded answer still
// in force, that is not taken back by an undo. Each card's answers come in
// time order; the answers of cards that have undo records come after all
// the others.
func ReplaySteps(h History, p Params, fn func(Step)) map[string]*CardState {
	return replay(h, p, nil, fn, nil)
}

// ReplayOnto is ReplaySteps for records that follow those states were
// replayed from: each card starts from its state in states (new when it
// has none there), and states is updated and returned. It gives what
// replaying every record from the first would give when each of h's
// records is later than every earlier one and each of its undos takes
// back one of h's own records (by the time it names).
func ReplayOnto(states map[string]*CardState, h History, p Params, fn func(Step)) map[string]*CardState {
	return replay(h, p, nil, fn, states)
}
