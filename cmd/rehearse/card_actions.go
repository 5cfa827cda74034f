package main

import (
	"bufio"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

const cardActionHelp = `
--suspend hides the card from reviews until --unsuspend; --reset forgets
its progress, so that it comes back as a new card (on a terminal it asks
first; --yes does not); --undo takes back the card's latest record still
in force (an answer, a bury, a suspend, a reset...), naming it, so that a
reset done by mistake is one command away from undone. Each is one record
appended to the review log: the card's history stays, and nothing is
rewritten. They act on the side named: DECK/CARD:reverse for the reverse.
While a review session runs on the data folder, the log is locked: finish
or quit the session first.

Examples:
   rehearse card networking-layers/osi-l3-router
   rehearse card osi-l3-router --suspend
   rehearse card osi-l3-router --reset --yes
   rehearse card osi-l3-router --undo`

// cardAction returns the event asked for with --suspend, --unsuspend or
// --reset, 0 for none.
func cardAction(c *cli.Context) (srs.Event, error) {
	var ev srs.Event
	n := 0
	for flag, e := range map[string]srs.Event{"suspend": srs.Suspend, "unsuspend": srs.Unsuspend, "reset": srs.Reset, "undo": srs.Undo} {
		if c.Bool(flag) {
			ev = e
			n++
		}
	}
	if n > 1 {
		return 0, usagef("give one of --suspend, --unsuspend, --reset and --undo", "--suspend, --unsuspend, --reset and --undo go one at a time")
	}
	if c.Bool("yes") && ev != srs.Reset {
		return 0, usagef("--yes answers the question --reset asks", "--yes goes with --reset")
	}
	if n == 1 && c.Bool("json") {
		return 0, usagef("run `rehearse card ID --json` on its own to see the card", "--json shows a card; it does not go with --%s", ev)
	}
	return ev, nil
}

// runCardAction appends a suspend, unsuspend, reset or undo record for the
// card, stamped after the newest record of the log.
func runCardAction(e *env, lib *library.Library, key string, ev srs.Event, yes bool) error {
	if _, ok := lib.ByKey[key]; !ok {
		return hint.With(fmt.Errorf("%s is in no deck: only its history remains", key),
			"`rehearse decks orphans` lists such cards")
	}
	st := lib.State(key)
	var taken *srs.Traced // for --undo: the record it takes back
	switch {
	case ev == srs.Suspend && st.Suspended:
		fmt.Fprintf(e.Out, "%s is suspended already.\n", key)
		return nil
	case ev == srs.Unsuspend && !st.Suspended:
		fmt.Fprintf(e.Out, "%s is not suspended.\n", key)
		return nil
	case ev == srs.Reset && st.IsNew() && !st.Suspended:
		fmt.Fprintf(e.Out, "%s is a new card already: nothing to reset.\n", key)
		return nil
	case ev == srs.Undo:
		if taken = lib.LatestInForce(key); taken == nil {
			fmt.Fprintf(e.Out, "%s has no record to take back.\n", key)
			return nil
		}
	}
	if ev == srs.Reset && !yes && tui.IsTerminal(e.In) && tui.IsTerminal(e.Out) {
		q := fmt.Sprintf("Reset %s? It is %s; it will be a new card again (`rehearse card %s --undo` takes it back).", key, describe(st), key)
		if !tui.Confirm(bufio.NewReader(e.In), e.Out, q) {
			fmt.Fprintln(e.Out, "Not reset.")
			return nil
		}
	}
	w, err := openLog(e, lib)
	if err != nil {
		return fmt.Errorf("cannot %s %s: %w", ev, key, err)
	}
	// Stamped after the newest record, so that it takes effect even when
	// this clock (or another device's) is behind.
	rec := srs.Record{Time: lib.Stamp(e.now()), Day: lib.Today, Event: ev, Card: key}
	if taken != nil {
		rec.Undoes = taken.Time
	}
	err = w.Append(rec)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	switch ev {
	case srs.Suspend:
		fmt.Fprintf(e.Out, "Suspended %s: reviews leave it out until `rehearse card %s --unsuspend`.\n", key, key)
	case srs.Unsuspend:
		due := "it is new"
		if !st.IsNew() {
			due = "due " + st.Due.String()
		}
		fmt.Fprintf(e.Out, "Unsuspended %s: %s.\n", key, due)
	case srs.Reset:
		fmt.Fprintf(e.Out, "Reset %s: it is a new card again (it was %s). Its history stays in the review log; `rehearse card %s --undo` takes the reset back.\n", key, describe(st), key)
	case srs.Undo:
		what := taken.Event.String()
		if taken.Event.Graded() {
			what += fmt.Sprintf(" (grade %d)", taken.Grade)
		}
		now := lib.StateWith(key, rec)
		fmt.Fprintf(e.Out, "Took back the %s of %s from %s: it is %s.\n", what, key,
			taken.Time.In(e.Loc).Format("2006-01-02 15:04"), describe(&now))
	}
	return nil
}

// describe says in a few words where a card stands: "new", "young,
// interval 6 days, ease 2.50".
func describe(st *srs.CardState) string {
	was := st.Maturity().String()
	if !st.IsNew() {
		was = fmt.Sprintf("%s, interval %s, ease %s", was, tui.Plural(st.Interval, "day", "days"), st.Ease)
	}
	return was
}
