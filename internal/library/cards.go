package library

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
)

// FindCard resolves a card name: a full key, or a card id unique across
// decks. Cards no longer in any deck are found by full key in the log.
func (lib *Library) FindCard(name string) (string, error) {
	if _, ok := lib.ByKey[name]; ok {
		return name, nil
	}
	if _, ok := lib.States[name]; ok {
		return name, nil
	}
	var matches []string
	for _, p := range lib.Prompts {
		if strings.TrimPrefix(p.Key, p.Deck.ID+"/") == name {
			matches = append(matches, p.Key)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		return "", hint.With(fmt.Errorf("no card %q", name), "name a card as DECK/CARD, as in networking-layers/osi-l3-router; `rehearse decks` lists the decks")
	}
	return "", hint.With(fmt.Errorf("card id %q is in several decks: %s", name, strings.Join(matches, ", ")), "name it as DECK/CARD")
}

// History returns a card's records in time order, each with the card's
// state after it as the replay computes it (see [srs.Trace]).
func (lib *Library) History(key string) []srs.Traced {
	var recs []srs.Record
	for i := 0; i < lib.Log.Len(); i++ {
		if lib.Log.Card(i) == key {
			recs = append(recs, lib.Log.At(i))
		}
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Time.Before(recs[j].Time) })
	return srs.Trace(recs, lib.Settings.Params)
}

// Orphans returns the keys of the review log that no loaded deck has.
func (lib *Library) Orphans() []string {
	var keys []string
	for k := range lib.States {
		if _, ok := lib.ByKey[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// LatestInForce returns the card's latest record still in force (the one
// an undo would take back), nil when there is none.
func (lib *Library) LatestInForce(key string) *srs.Traced {
	hist := lib.History(key)
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].InForce {
			return &hist[i]
		}
	}
	return nil
}

// StateWith returns the card's state once rec, a record of the card just
// written after the others, is folded in as the replay will fold it.
func (lib *Library) StateWith(key string, rec srs.Record) srs.CardState {
	var recs []srs.Record
	for _, t := range lib.History(key) {
		recs = append(recs, t.Record)
	}
	trace := srs.Trace(append(recs, rec), lib.Settings.Params)
	return trace[len(trace)-1].After
}
