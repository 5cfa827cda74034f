package srs_test

import (
	"fmt"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// One card over 16 days. The first answer is a new card's and does not
// count, nor do the same-day re-drills; the six other answers are the day's
// first to a young card, four passed and two failed. The last 7 days
// (days 10 to 16) hold three of them.
func ExampleRetention() {
	day := srs.DateDay(2026, 11, 1)
	answer := func(d srs.Day, minute int, q srs.Grade) srs.Record {
		return srs.Record{Time: d.Time().Add(9*time.Hour + time.Duration(minute)*time.Minute), Day: d,
			Event: srs.Answer, Card: "net/osi", Grade: q}
	}
	log := []srs.Record{
		answer(day, 0, srs.Perfect),      // new card: interval 1
		answer(day+1, 0, srs.Hesitant),   // young, passed: interval 6
		answer(day+7, 0, srs.Wrong),      // young, failed
		answer(day+7, 5, srs.Hesitant),   // re-drill
		answer(day+8, 0, srs.Hesitant),   // young, passed
		answer(day+14, 0, srs.Blackout),  // young, failed
		answer(day+14, 5, srs.Hesitant),  // re-drill
		answer(day+14, 9, srs.Hesitant),  // re-drill
		answer(day+15, 0, srs.Perfect),   // young, passed
		answer(day+15, 1, srs.Blackout),  // re-drill: does not count
		answer(day+15, 2, srs.Hesitant),  // re-drill
		answer(day+16, 30, srs.Hesitant), // young, passed
	}
	cards := []srs.Candidate{{Card: "net/osi", Group: "net"}}
	for _, row := range srs.Retention(cards, srs.Records(log), day+16, srs.Params{}) {
		total := row.Total()
		p, _ := total.Percent()
		fmt.Printf("%-9s %d passed, %d failed (%.0f%%)\n", row.Period, total.Pass, total.Fail, p)
	}
	// Output:
	// today     1 passed, 0 failed (100%)
	// yesterday 1 passed, 0 failed (100%)
	// 7d        2 passed, 1 failed (67%)
	// 30d       4 passed, 2 failed (67%)
	// 365d      4 passed, 2 failed (67%)
	// all       4 passed, 2 failed (67%)
}
