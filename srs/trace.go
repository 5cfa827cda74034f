package srs

// Traced is one record of a card's history with what it did: the card's
// state after it, and whether it is still in force (an undo takes back the
// latest record in force; the undo itself is never in force).
type Traced struct {
	Record
	After   CardState
	InForce bool
}

// Trace replays the records of one card, in the order given (time order),
// and returns each with the card's state after it, exactly as [Replay]
// folds them. It is for showing one card's history: the state columns
// written in the log are for readers of the file, and may be empty.
func Trace(records []Record, p Params) []Traced {
	out := make([]Traced, len(records))
	var inForce []int // indexes into out
	for i, r := range records {
		out[i].Record = r
		if r.Event == Undo {
			if n := len(inForce); n > 0 {
				out[inForce[n-1]].InForce = false
				inForce = inForce[:n-1]
			}
		} else {
			out[i].InForce = true
			inForce = append(inForce, i)
		}
		st := NewCardState()
		for _, j := range inForce {
			st = st.Fold(&out[j].Record, p)
		}
		out[i].After = st
	}
	return out
}
