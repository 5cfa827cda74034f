package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/rehearse/rehearse/deck"
)

// deckFileMode is the mode of deck files that rehearse creates: they are
// the learner's documents, like any text file they write.
const deckFileMode = 0o644

// editableDeck returns the deck with the id when rehearse may change its
// file: a deck in the user's deck folder or one given with --decks.
func (lib *library) editableDeck(id string) (*deck.Deck, error) {
	d := lib.decks.Deck(id)
	if d == nil {
		return nil, withHint(fmt.Errorf("no deck %q", id),
			fmt.Sprintf("create it with `rehearse decks new %s`, or run `rehearse decks` to list the decks", id))
	}
	if d.Path == "" {
		return nil, withHint(fmt.Errorf("%s is a built-in deck, which rehearse cannot change", id),
			fmt.Sprintf("copy it to your deck folder with `rehearse decks copy %s`, then change the copy (your progress carries over)", id))
	}
	return d, nil
}

// readDeckFile reads a deck's file as it is now.
func readDeckFile(d *deck.Deck) ([]byte, error) {
	src, err := os.ReadFile(d.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the deck %s: %w", d.File, unwrapPath(err))
	}
	return src, nil
}

// saveDeckFile replaces a deck file's text before with after. The new text
// must load as a deck; the file must still hold before (an editor may
// have saved it meanwhile); and the write is atomic, so that a failure at
// any point leaves the file as it was.
func saveDeckFile(d *deck.Deck, before, after []byte) (*deck.Deck, error) {
	next, err := deck.Parse(d.File, after)
	if err != nil {
		var list deck.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, withHint(fmt.Errorf("the change would break the deck, so %s was left as it was: %v", d.File, list[0]),
				"this is a bug in rehearse if the deck loaded before; please report it with the deck")
		}
		return nil, err
	}
	now, err := os.ReadFile(d.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the deck %s: %w", d.File, unwrapPath(err))
	}
	if !bytes.Equal(now, before) {
		return nil, withHint(fmt.Errorf("%s changed while rehearse was working on it, so nothing was written", d.File),
			"save your edits in the editor, then run the command again")
	}
	if err := writeFileAtomic(d.Path, after, deckFileMode, true); err != nil {
		return nil, fmt.Errorf("cannot save %s: %w", d.File, err)
	}
	next.File, next.Path, next.Origin = d.File, d.Path, d.Origin
	return next, nil
}

// lintCards returns the lint warnings about the given cards of d (by id),
// with d replacing the deck of the same id among the library's decks.
func (lib *library) lintCards(d *deck.Deck, ids map[string]bool) []*deck.Error {
	decks := []*deck.Deck{}
	for _, other := range lib.decks.Decks {
		if other.ID != d.ID {
			decks = append(decks, other)
		}
	}
	decks = append(decks, d) // last: its cards are the ones compared with the others
	lines := map[int]bool{}
	for _, c := range d.Cards {
		if ids[c.ID] {
			lines[c.Line] = true
		}
	}
	var out []*deck.Error
	for _, w := range deck.Lint(decks) {
		if w.File == d.File && lines[w.Line] {
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// printWarnings writes lint warnings on stderr, each with its hint.
func printWarnings(w io.Writer, warnings []*deck.Error) {
	for _, warn := range warnings {
		fmt.Fprintf(w, "rehearse: warning: %s\n", clean(warn.Error()))
		if warn.Hint != "" {
			fmt.Fprintf(w, "rehearse: hint: %s\n", clean(warn.Hint))
		}
	}
}
