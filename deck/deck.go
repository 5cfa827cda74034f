// Package deck is what cards exist: the TOML deck format, loading decks
// from any [fs.FS], and validation with errors that name the file, the line
// and what to do.
//
// # Format
//
//	[deck]
//	id = "networking-layers"   # optional, defaults to the file name
//	name = "Networking layers"
//	description = "OSI and TCP/IP."
//	tags = ["networking"]
//
//	[[card]]
//	id = "osi-l3-router"
//	front = "At which OSI layer does a router forward traffic?"
//	back = "Layer 3, network."
//	tags = ["osi"]
//
// A card may also have hint, explain, source, reverse = true (also asked
// back to front), accept = [...] (typed answers, see [Card.Check]), or
// kind = "scenario" with points = [...] instead of a back, and
// competencies = [...] (what a behavioural question tests). A file may
// also hold STAR stories, [[story]] tables (see [Story]).
//
// # Identity
//
// A card's identity is "DECK-ID/CARD-ID" ([Card.Key]). A card without an
// id gets one derived from its front text, so editing that front starts
// its schedule again; [Deck.Warnings] says so.
package deck

import "strings"

// Kind is the kind of a card.
type Kind string

// The kinds of card.
const (
	// Basic cards show a front and ask for the back.
	Basic Kind = "basic"
	// Scenario cards ask an open question answered against key points.
	Scenario Kind = "scenario"
)

// Deck is one deck file.
type Deck struct {
	ID          string
	Name        string
	Description string
	Tags        []string
	Cards       []*Card
	// Stories are the file's STAR stories ([[story]] tables); a file with
	// stories and no cards is a stories file, not a deck (see [Set]).
	Stories []*Story

	// File is the deck's file as shown to the learner.
	File string
	// Path is the deck's file on disk; empty for built-in decks.
	Path string
	// Origin says where the deck comes from: "built-in", "user" or "--decks".
	Origin string
	// Warnings are problems that do not stop the deck from loading.
	Warnings []*Error
	// DerivedID is set when the id comes from the file name, not from the
	// deck's id key.
	DerivedID bool
}

// Card is one card of a deck.
type Card struct {
	ID      string // unique within the deck
	Front   string
	Back    string
	Tags    []string // the card's own tags; see [Deck.CardTags] for the full set
	Hint    string
	Explain string
	Source  string
	Reverse bool
	Kind    Kind
	Points  []string
	Accept  []string
	// Competencies are what a behavioural question tests (see
	// [Competencies]); the learner's stories that name one answer it.
	Competencies []string

	// Line is the line of the card's [[card]] header in its file.
	Line int
	// DerivedID is set when the id was derived from the front text.
	DerivedID bool
}

// Key returns the card's identity, "DECK-ID/CARD-ID".
func Key(deckID, cardID string) string { return deckID + "/" + cardID }

// ReverseSuffix marks the back-to-front side of a card with reverse = true:
// its key is the card's key followed by this suffix.
const ReverseSuffix = ":reverse"

// Prompt is one thing to study: a card, or the reverse side of one.
type Prompt struct {
	Key      string // identity in the review log
	Deck     *Deck
	Card     *Card
	Reversed bool // asked back to front
}

// Question returns the text shown first.
func (p Prompt) Question() string {
	if p.Reversed {
		return p.Card.Back
	}
	return p.Card.Front
}

// Behavioural reports whether the card is a behavioural question: one
// that names the competencies it tests.
func (c *Card) Behavioural() bool { return len(c.Competencies) > 0 }

// Answer returns the text shown on reveal (empty for scenario cards).
func (p Prompt) Answer() string {
	if p.Reversed {
		return p.Card.Front
	}
	return p.Card.Back
}

// Prompts returns what the deck asks, in study order: every card front to
// back, then the reverse sides.
func (d *Deck) Prompts() []Prompt { return d.AppendPrompts(make([]Prompt, 0, d.CardCount())) }

// AppendPrompts appends what the deck asks to out, as [Deck.Prompts]
// returns it. The keys share one allocation.
func (d *Deck) AppendPrompts(out []Prompt) []Prompt {
	size := 0
	for _, c := range d.Cards {
		size += len(d.ID) + 1 + len(c.ID)
		if c.Reverse {
			size += len(d.ID) + 1 + len(c.ID) + len(ReverseSuffix)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, c := range d.Cards {
		b.WriteString(d.ID)
		b.WriteByte('/')
		b.WriteString(c.ID)
	}
	for _, c := range d.Cards {
		if c.Reverse {
			b.WriteString(d.ID)
			b.WriteByte('/')
			b.WriteString(c.ID)
			b.WriteString(ReverseSuffix)
		}
	}
	keys, at := b.String(), 0
	next := func(n int) string {
		k := keys[at : at+n]
		at += n
		return k
	}
	for _, c := range d.Cards {
		out = append(out, Prompt{Key: next(len(d.ID) + 1 + len(c.ID)), Deck: d, Card: c})
	}
	for _, c := range d.Cards {
		if c.Reverse {
			out = append(out, Prompt{Key: next(len(d.ID) + 1 + len(c.ID) + len(ReverseSuffix)), Deck: d, Card: c, Reversed: true})
		}
	}
	return out
}

// CardCount returns the number of cards the deck has to study: one for
// each [[card]], two for a [[card]] with reverse = true (each side has its
// own schedule, as each of Anki's cards does). This is what "cards" means
// everywhere rehearse counts them; it is len(d.Prompts()).
func (d *Deck) CardCount() int {
	n := len(d.Cards)
	for _, c := range d.Cards {
		if c.Reverse {
			n++
		}
	}
	return n
}

// MaxPoints is the most key points a scenario card may have: in a review
// each is marked with one key, 1 to 9.
const MaxPoints = 9

// HasTag reports whether the card carries the tag, directly or through its
// deck. Tags compare without regard to case.
func (d *Deck) HasTag(c *Card, tag string) bool {
	for _, t := range d.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	for _, t := range c.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}
