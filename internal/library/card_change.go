package library

import (
	"fmt"
	"time"

	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
)

// CardChange is a suspend, unsuspend, reset or undo asked of one card.
type CardChange struct {
	Key    string
	Event  srs.Event
	Before srs.CardState // the card's state before the change
	Taken  *srs.Traced   // for an undo: the record it takes back
}

// PrepareCardChange checks that ev would change the card: when it would
// not (suspending a suspended card, say) it returns nil and a sentence
// that says why. A card in no deck is an error.
func (lib *Library) PrepareCardChange(key string, ev srs.Event) (*CardChange, string, error) {
	if _, ok := lib.ByKey[key]; !ok {
		return nil, "", hint.With(fmt.Errorf("%s is in no deck: only its history remains", key),
			"`rehearse decks orphans` lists such cards")
	}
	ch := &CardChange{Key: key, Event: ev, Before: *lib.State(key)}
	st := &ch.Before
	switch {
	case ev == srs.Suspend && st.Suspended:
		return nil, key + " is suspended already.", nil
	case ev == srs.Unsuspend && !st.Suspended:
		return nil, key + " is not suspended.", nil
	case ev == srs.Reset && st.IsNew() && !st.Suspended:
		return nil, key + " is a new card already: nothing to reset.", nil
	case ev == srs.Undo:
		if ch.Taken = lib.LatestInForce(key); ch.Taken == nil {
			return nil, key + " has no record to take back.", nil
		}
	}
	return ch, "", nil
}

// ChangeRecord is the change's log record, stamped after the newest record of
// the log, so that it takes effect even when this clock (or another
// device's) is behind.
func (lib *Library) ChangeRecord(ch *CardChange, now time.Time) srs.Record {
	rec := srs.Record{Time: lib.Stamp(now), Day: lib.Today, Event: ch.Event, Card: ch.Key}
	if ch.Taken != nil {
		rec.Undoes = ch.Taken.Time
	}
	return rec
}
