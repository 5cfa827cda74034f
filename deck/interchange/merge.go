package interchange

import (
	"fmt"
	"slices"
	"strings"

	"github.com/rehearse/rehearse/deck"
)

// Action is what an import does with one note.
type Action int

// The actions.
const (
	// Add makes a new card.
	Add Action = iota + 1
	// Update changes keys of a card the deck has.
	Update
	// Unchanged is a note the deck already has as it is.
	Unchanged
	// Skip leaves a card the deck has as it is, although the note differs
	// (updates were not asked for).
	Skip
)

// String returns "added", "updated", "unchanged" or "skipped".
func (a Action) String() string {
	switch a {
	case Add:
		return "added"
	case Update:
		return "updated"
	case Unchanged:
		return "unchanged"
	case Skip:
		return "skipped"
	}
	return fmt.Sprintf("action(%d)", int(a))
}

// Change is what an import does with one note.
type Change struct {
	Line   int
	Action Action
	// Card is the card after the import (for Skip and Unchanged, as it is).
	Card *deck.Card
	// Keys are, for Update and Skip, the keys whose values differ.
	Keys []string
}

// Plan is what importing a file into a deck would do.
type Plan struct {
	Changes []*Change
	// Errors are the notes that cannot become cards of this deck.
	Errors []*deck.Error
}

// Count returns how many changes have the action.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, c := range p.Changes {
		if c.Action == a {
			n++
		}
	}
	return n
}

// Merge matches notes read from the file name with the cards of d and
// plans the import. A note with an id (from an id column, or from its
// GUID, see [IDFromGUID]) is the card with that id; a note with a GUID
// is also the card that an earlier version of rehearse gave it (the GUID
// itself, as in exports that used card ids as GUIDs). A note without an
// id is the card with the same front, if any, else a new card with a
// readable id made from its front (see [deck.NewCardID]).
//
// A GUID that rehearse exported from another deck gives its card id too,
// so that the other deck's cards keep their ids in the deck imported
// into; where that deck has a card with the id already, the note is that
// card. With update, cards whose text differs
// from the note are updated in the keys the file gives; without it they
// are skipped. Keys the file does not have (an Anki note has no hint or
// source) keep their values, and a scenario card updated from a note with
// a back takes the back's lines as its points.
func Merge(name string, d *deck.Deck, notes []*Note, update bool) *Plan {
	plan := &Plan{}
	fail := func(n *Note, hint, format string, args ...any) {
		plan.Errors = append(plan.Errors, &deck.Error{File: name, Line: n.Line, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	byID := map[string]*deck.Card{}
	byFront := map[string]*deck.Card{}
	for _, c := range d.Cards {
		byID[c.ID] = c
		if k := deck.Normalize(c.Front); byFront[k] == nil {
			byFront[k] = c
		}
	}
	seen := map[string]int{}    // card id -> line of the note that has it
	from := map[string]string{} // card id -> the rehearse deck its note's GUID names
	fronts := map[string]int{}  // front of a note without id -> its line
	taken := func(id string) bool { _, dup := seen[id]; return byID[id] != nil || dup }
	for _, n := range notes {
		id := n.Card.ID
		if n.GUID != "" {
			id = knownID(n.GUID, id, byID)
		}
		old := byID[id]
		if id == "" {
			front := deck.Normalize(n.Card.Front)
			if line, dup := fronts[front]; dup {
				fail(n, "remove one of the two, or give them different fronts", "the same front as line %d", line)
				continue
			}
			fronts[front] = n.Line
			if old = byFront[front]; old != nil {
				id = old.ID
			} else {
				id = deck.NewCardID(n.Card.Front, taken)
			}
		}
		deckID, _, _ := splitGUID(n.GUID)
		if line, dup := seen[id]; dup {
			hint := "each note needs its own id; remove the copy"
			if other := from[id]; other != "" && deckID != "" && other != deckID {
				hint = fmt.Sprintf("the notes come from the decks %s and %s; import each deck's notes into a deck of its own", other, deckID)
			}
			fail(n, hint, "card %q is also on line %d", id, line)
			continue
		}
		seen[id], from[id] = n.Line, deckID
		if old == nil {
			c := n.Card
			c.ID = id
			if msg, hint := checkRules(&c); msg != "" {
				fail(n, hint, "%s", msg)
				continue
			}
			plan.Changes = append(plan.Changes, &Change{Line: n.Line, Action: Add, Card: &c})
			continue
		}
		merged, keys := mergeCard(old, n)
		var changed []string
		for _, k := range keys {
			if !deck.Equal(old, merged, k) {
				changed = append(changed, k)
			}
		}
		if msg, hint := checkRules(merged); msg != "" && len(changed) > 0 {
			fail(n, hint, "card %q: %s", id, msg)
			continue
		}
		ch := &Change{Line: n.Line, Action: Unchanged, Card: old, Keys: changed}
		switch {
		case len(changed) == 0:
		case update:
			ch.Action, ch.Card = Update, merged
		default:
			ch.Action = Skip
		}
		plan.Changes = append(plan.Changes, ch)
	}
	plan.checkFormat(name)
	return plan
}

// knownID returns the id of the card, among byID, that the note with the
// GUID guid and the id IDFromGUID gave it is: the card with that id, else
// the card an earlier version of rehearse made from such a note (the GUID
// itself, or the GUID in base 32), else id for a new card.
func knownID(guid, id string, byID map[string]*deck.Card) string {
	for _, known := range []string{id, guid, encodeGUID(guid)} {
		if byID[known] != nil {
			return known
		}
	}
	return id
}

// checkFormat makes sure that the cards the plan writes load in a deck
// file, with one parse of them all; only if that fails are they parsed
// one by one, to move the ones the deck format rejects to the errors.
func (p *Plan) checkFormat(name string) {
	var b strings.Builder
	b.WriteString("[deck]\nid = \"import\"\n")
	for _, c := range p.Changes {
		if c.Action == Add || c.Action == Update {
			b.WriteString(deck.EncodeCard(c.Card))
		}
	}
	if _, err := deck.Parse("import.toml", []byte(b.String())); err == nil {
		return
	}
	kept := p.Changes[:0]
	for _, c := range p.Changes {
		if c.Action == Add || c.Action == Update {
			if msg, hint := checkFormat(c.Card); msg != "" {
				p.Errors = append(p.Errors, &deck.Error{File: name, Line: c.Line, Msg: fmt.Sprintf("card %q: %s", c.Card.ID, msg), Hint: hint})
				continue
			}
		}
		kept = append(kept, c)
	}
	p.Changes = kept
}

// mergeCard returns old with the note's values in the keys it gives, and
// those keys.
func mergeCard(old *deck.Card, n *Note) (*deck.Card, []string) {
	c := *old
	c.Tags = append([]string(nil), old.Tags...)
	c.Points = append([]string(nil), old.Points...)
	c.Accept = append([]string(nil), old.Accept...)
	keys := append([]string(nil), n.Keys...)
	converted := old.Kind == deck.Scenario && slices.Contains(keys, "back") && !slices.Contains(keys, "points") && !slices.Contains(keys, "kind")
	if converted {
		// The back of an exported scenario card lists its points.
		c.Points = pointsFromText(n.Card.Back)
		keys = append(slices.DeleteFunc(keys, func(k string) bool { return k == "back" }), "points")
	}
	from := &n.Card
	for _, k := range keys {
		switch k {
		case "kind":
			c.Kind = from.Kind
		case "front":
			c.Front = from.Front
		case "back":
			c.Back = from.Back
		case "points":
			if !converted {
				c.Points = from.Points
			}
		case "accept":
			c.Accept = from.Accept
		case "tags":
			c.Tags = from.Tags
		case "hint":
			c.Hint = from.Hint
		case "explain":
			c.Explain = from.Explain
		case "source":
			c.Source = from.Source
		case "reverse":
			c.Reverse = from.Reverse
		}
	}
	return &c, keys
}

// pointsFromText reads a list, one item per line, without bullets.
func pointsFromText(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		for _, bullet := range []string{"• ", "- ", "* "} {
			l = strings.TrimPrefix(l, bullet)
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// checkRules says what stops c from being a card, and what to do about
// it, in the terms of an import file; it returns "" for a good card.
func checkRules(c *deck.Card) (msg, hint string) {
	switch {
	case c.Front == "":
		return "the front is empty", "every card needs a question; fill in the front or remove the row"
	case c.Kind == deck.Scenario && len(c.Points) == 0:
		return "a scenario card needs points", "list what a good answer covers, one point per line of the points cell"
	case c.Kind == deck.Scenario && len(c.Accept) > 0:
		return "a scenario card cannot have accepted answers", "empty the accept cell, or make it a card with a back"
	case c.Kind == deck.Scenario && c.Reverse:
		return "a scenario card cannot be reversed", "empty the reverse cell"
	case c.Kind != deck.Scenario && len(c.Points) > 0:
		return "the card has points but is not a scenario", "set kind to scenario, or empty the points cell"
	case c.Kind != deck.Scenario && c.Back == "":
		return "the back is empty", "fill in the back (the answer), or remove the row"
	}
	return "", ""
}

// checkFormat says why the deck format rejects c, if it does: it has the
// last word on what a card may be.
func checkFormat(c *deck.Card) (msg, hint string) {
	if _, err := deck.Parse("import.toml", []byte("[deck]\nid = \"import\"\n"+deck.EncodeCard(c))); err != nil {
		if list, ok := err.(deck.ErrorList); ok && len(list) > 0 {
			return list[0].Msg, list[0].Hint
		}
		return err.Error(), "fix the row"
	}
	return "", ""
}
