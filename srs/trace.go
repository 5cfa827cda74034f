package srs

import (
	"slices"
	"time"
)

// Traced is one record of a card's history with what it did: the card's
// state after it, and whether it is still in force (an undo takes back a
// record, see [Record.Undoes]; the undo itself is never in force).
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
			before := append([]int(nil), inForce...)
			inForce = takeBack(inForce, &r, func(j int) time.Time { return out[j].Time })
			for _, j := range before {
				if !slices.Contains(inForce, j) {
					out[j].InForce = false
				}
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
