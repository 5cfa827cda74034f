package srs

import (
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// randomLog makes a log of every kind of event for a few cards over a few
// weeks, in shuffled order.
func randomLog(rng *rand.Rand, n int) []Record {
	events := []Event{Answer, Answer, Answer, Answer, Drill, Undo, Bury, Suspend, Unsuspend, Reset}
	cards := []string{"d/a", "d/b", "d/c", "e/a"}
	recs := make([]Record, n)
	for i := range recs {
		day := day0 + Day(rng.IntN(40))
		recs[i] = Record{
			Time:  at(day, 4+rng.IntN(20)).Add(time.Duration(rng.IntN(3600)) * time.Second),
			Day:   day,
			Event: events[rng.IntN(len(events))],
			Card:  cards[rng.IntN(len(cards))],
		}
		if recs[i].Event.Graded() {
			recs[i].Grade = Grade(rng.IntN(6))
			recs[i].Millis = rng.IntN(90000)
		}
	}
	return recs
}

func TestReplayStepsMatchesReplay(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		recs := randomLog(rng, 1+rng.IntN(120))
		want := Replay(Records(recs), Params{MaxInterval: 100})

		// Folding the steps by hand must give the same states as Replay:
		// each step starts from the state the previous one left.
		last := map[string]CardState{}
		steps := 0
		got := ReplaySteps(Records(recs), Params{MaxInterval: 100}, func(s Step) {
			steps++
			if !s.Record.Event.Graded() {
				t.Fatalf("step for a %v record", s.Record.Event)
			}
			next, scheduled := s.Before.Apply(s.Record.Grade, s.Record.Day, Params{MaxInterval: 100})
			if scheduled != s.Scheduled {
				t.Fatalf("step says scheduled=%v, Apply says %v", s.Scheduled, scheduled)
			}
			last[s.Record.Card] = next
		})
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("log %d: ReplaySteps states differ from Replay (-want +got)\n%s", i, diff)
		}
		if nil2 := ReplaySteps(Records(recs), Params{MaxInterval: 100}, nil); !cmp.Equal(want, nil2) {
			t.Fatalf("log %d: ReplaySteps with no callback differs from Replay", i)
		}
		if steps == 0 {
			continue
		}
		for card, st := range last {
			// The last graded step's result is the final state, unless a
			// later bury, suspend or reset changed it: compare the schedule.
			if fin := want[card]; fin.Answers > 0 && fin.Answers == st.Answers && fin.Schedule != st.Schedule {
				t.Fatalf("log %d card %s: last step leads to %+v, final state %+v", i, card, st.Schedule, fin.Schedule)
			}
		}
	}
}

func TestReplayStepsOrderAndUndo(t *testing.T) {
	recs := []Record{
		answer("d/b", day0, 9, Perfect),
		answer("d/a", day0, 10, Wrong),
		answer("d/a", day0, 11, Hesitant), // re-drill
		answer("d/a", day0+1, 9, Blackout),
		event("d/a", day0+1, 10, Undo), // takes back the blackout
		answer("d/a", day0+1, 11, Perfect),
	}
	type got struct {
		Card      string
		Day       Day
		Grade     Grade
		Scheduled bool
		Before    int // interval before
	}
	var steps []got
	ReplaySteps(Records(recs), Params{}, func(s Step) {
		steps = append(steps, got{s.Record.Card, s.Record.Day, s.Record.Grade, s.Scheduled, s.Before.Interval})
	})
	// d/b streams in time order; d/a has an undo, so its answers come
	// after, in time order, without the one taken back.
	want := []got{
		{"d/b", day0, Perfect, true, 0},
		{"d/a", day0, Wrong, true, 0},
		{"d/a", day0, Hesitant, false, 1},
		{"d/a", day0 + 1, Perfect, true, 1},
	}
	if diff := cmp.Diff(want, steps); diff != "" {
		t.Errorf("steps (-want +got)\n%s", diff)
	}
}

// TestReplayOntoResumes: replaying a log's first part, then the rest onto
// those states, gives the states and steps of replaying it whole, with
// both models, wherever the log is cut (undos in the rest taking back
// records of the rest by their time).
func TestReplayOntoResumes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		recs := randomLog(rng, 2+rng.IntN(120))
		sort.SliceStable(recs, func(a, b int) bool { return recs[a].Time.Before(recs[b].Time) })
		cut := rng.IntN(len(recs))
		for k := range recs {
			if recs[k].Event != Undo {
				continue
			}
			// An undo names an earlier record of its card after the cut,
			// or, when there is none, becomes a bury.
			recs[k].Event = Bury
			for j := k - 1; j >= cut; j-- {
				if recs[j].Card == recs[k].Card && recs[j].Event != Undo && recs[j].Time.Before(recs[k].Time) {
					recs[k].Event, recs[k].Undoes = Undo, recs[j].Time
					break
				}
			}
		}
		for _, p := range []Params{{MaxInterval: 100}, {MaxInterval: 100, Model: ModelFSRS, FSRS: DefaultFSRS()}} {
			var wholeSteps, partSteps []Step
			keep := func(into *[]Step) func(Step) {
				return func(s Step) { s.Record = nil; s.CardIndex = 0; *into = append(*into, s) }
			}
			want := ReplaySteps(Records(recs), p, keep(&wholeSteps))
			got := ReplaySteps(Records(recs[:cut]), p, keep(&partSteps))
			got = ReplayOnto(got, Records(recs[cut:]), p, keep(&partSteps))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("log %d cut at %d, %v: states differ (-whole +resumed)\n%s", i, cut, p.Model, diff)
			}
			if len(wholeSteps) != len(partSteps) {
				t.Fatalf("log %d cut at %d: %d steps whole, %d resumed", i, cut, len(wholeSteps), len(partSteps))
			}
		}
	}
}
