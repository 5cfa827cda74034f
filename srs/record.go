package srs

import (
	"fmt"
	"time"
)

// Event is what a review record says happened to a card.
type Event uint8

// The events a review log holds.
const (
	// Answer is a graded answer. The first answer of a card's day schedules
	// it; later answers the same day are re-drills.
	Answer Event = iota + 1
	// Drill is a graded same-day re-drill: logged, never rescheduling.
	Drill
	// Undo takes back one of the card's records: the one whose time it
	// names (Record.Undoes), or, in logs written before undos named their
	// record, the card's most recent record still in force.
	Undo
	// Bury hides the card until the next day.
	Bury
	// Suspend hides the card until it is unsuspended.
	Suspend
	// Unsuspend brings a suspended card back.
	Unsuspend
	// Reset forgets the card's progress: it is new again.
	Reset
	// Reschedule gives an answered card the due day its record names, set
	// by the model the record names (as when a learner switches
	// schedulers and asks that every card follow the new one at once).
	Reschedule
	// Cram is a graded answer that changes nothing: a pass through cards
	// (`review --cram`, the evening before an interview) that leaves
	// every schedule as it was.
	Cram
	// Mock is a question answered in a mock interview: graded, timed and
	// with the key points missed, grouped with the rest of its mock by
	// Record.Mock; it changes no schedule.
	Mock
)

var eventNames = [...]string{
	Answer:     "answer",
	Drill:      "drill",
	Undo:       "undo",
	Bury:       "bury",
	Suspend:    "suspend",
	Unsuspend:  "unsuspend",
	Reset:      "reset",
	Reschedule: "reschedule",
	Cram:       "cram",
	Mock:       "mock",
}

// String returns the event's name as written in the review log.
func (e Event) String() string {
	if e == 0 || int(e) >= len(eventNames) {
		return fmt.Sprintf("event(%d)", int(e))
	}
	return eventNames[e]
}

// ParseEvent reads an event name as written in the review log.
func ParseEvent(s string) (Event, error) {
	for e, name := range eventNames {
		if name != "" && name == s {
			return Event(e), nil
		}
	}
	return 0, fmt.Errorf("unknown event %q (want answer, drill, undo, bury, suspend, unsuspend, reset, reschedule, cram or mock)", s)
}

// Graded reports whether records of this event carry a grade.
func (e Event) Graded() bool { return e == Answer || e == Drill }

// Record is one event in the review log.
//
// For graded events, Schedule and Due hold the card's state after the
// answer, so that a reader of the log does not have to replay it. [Replay]
// recomputes them and does not trust them, with one exception: the due
// day of an answer FSRS scheduled, which depends on the weights in force
// when it was made, is kept as written.
type Record struct {
	Time   time.Time // when it happened
	Day    Day       // the learner's day it happened on
	Event  Event
	Card   string // "deck-id/card-id"
	Grade  Grade  // graded events only
	Millis int    // time spent answering, graded events only
	Schedule
	Due Day // graded events only
	// Model is the scheduler that set Due, for graded events and
	// reschedules: SM-2 unless the log says otherwise.
	Model Model
	// Missed lists the key points of a scenario card that the learner did
	// not cover (1-based), for graded answers to scenario cards.
	Missed []int
	// Undoes, for an Undo, is the time of the record of the same card that
	// it takes back. Records are stamped to the millisecond and a device
	// never stamps two alike, so a record synced later from another device
	// cannot change what the undo means. Zero in older logs: the undo then
	// takes back the card's most recent record still in force.
	Undoes time.Time
	// Mock, for a Mock, is when its mock interview began: the answers of
	// one mock share it.
	Mock time.Time

	// Where the record was read from; empty for records not read from a file.
	File string
	Line int
}
