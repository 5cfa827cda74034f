package main

import (
	"bufio"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
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
// card (asking first before a reset on a terminal) and says what it did.
func runCardAction(e *env, lib *library.Library, key string, ev srs.Event, yes bool) error {
	ch, nothing, err := lib.PrepareCardChange(key, ev)
	if err != nil || ch == nil {
		if nothing != "" {
			fmt.Fprintln(e.Out, nothing)
		}
		return err
	}
	if ev == srs.Reset && !yes && tui.IsTerminal(e.In) && tui.IsTerminal(e.Out) {
		q := fmt.Sprintf("Reset %s? It is %s; it will be a new card again (`rehearse card %s --undo` takes it back).", key, report.Describe(&ch.Before), key)
		if !tui.Confirm(bufio.NewReader(e.In), e.Out, q) {
			fmt.Fprintln(e.Out, "Not reset.")
			return nil
		}
	}
	w, err := openLog(e, lib)
	if err != nil {
		return fmt.Errorf("cannot %s %s: %w", ev, key, err)
	}
	rec := lib.ChangeRecord(ch, e.now())
	err = w.Append(rec)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	report.WriteCardChange(e.Out, ch, lib.StateWith(key, rec), e.Loc)
	return nil
}
