package session

import (
	"time"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/srs"
)

// clock gives a review session's records their times and days.
//
// The wall clock can go back (a clock set by hand, a time server's
// correction, a laptop waking up), but the records must keep the order in
// which they were written: an undo has to sort after the step it takes
// back, and two records must never be identical, since reading merges
// identical lines from several devices' files into one. So every stamp is
// at least one millisecond (the log's resolution) after the previous one
// and after the newest record already in the log, and the learner's day
// never goes back while a session runs.
type clock struct {
	now      func() time.Time
	loc      *time.Location
	dayStart int
	last     time.Time // the latest stamp given, or the newest record read
	day      srs.Day   // the latest day used
}

// newClock starts the session's clock at started, the session's first
// reading of now, after the newest record of the library's log.
func newClock(now func() time.Time, loc *time.Location, lib *library.Library, started time.Time) *clock {
	if loc == nil {
		loc = time.Local
	}
	c := &clock{now: now, loc: loc, dayStart: lib.Settings.DayStart, day: lib.Today}
	c.last, _ = lib.Newest(started)
	return c
}

// stamp returns the time for the next record: now, or one millisecond
// after the previous stamp if the clock has not moved past it.
func (c *clock) stamp() time.Time {
	t := c.now().UTC().Truncate(time.Millisecond)
	if !t.After(c.last) {
		t = c.last.UTC().Truncate(time.Millisecond).Add(time.Millisecond)
	}
	c.last = t
	return t
}

// today returns the learner's day now, never earlier than a day the
// session already used.
func (c *clock) today() srs.Day {
	d := max(srs.DayOf(c.now(), c.loc, c.dayStart), c.day)
	c.day = d
	return d
}
