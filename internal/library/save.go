package library

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/tui"
)

// DeckFileMode is the mode of deck files that rehearse creates: they are
// the learner's documents, like any text file they write.
const DeckFileMode = 0o644

// EditableDeck returns the deck with the id when rehearse may change its
// file: a deck in the user's deck folder or one given with --decks.
func (lib *Library) EditableDeck(id string) (*deck.Deck, error) {
	d := lib.Decks.Deck(id)
	if d == nil {
		var ids []string
		for _, d := range lib.Decks.Decks {
			ids = append(ids, d.ID)
		}
		if near := deck.Closest(id, ids); near != "" {
			return nil, hint.With(fmt.Errorf("no deck %q", id),
				fmt.Sprintf("did you mean %s? (`rehearse decks` lists the decks; `rehearse decks new %s` makes a new one)", near, id))
		}
		return nil, hint.With(fmt.Errorf("no deck %q", id),
			fmt.Sprintf("create it with `rehearse decks new %s`, or run `rehearse decks` to list the decks", id))
	}
	if d.Path == "" {
		return nil, hint.With(fmt.Errorf("%s is a built-in deck, which rehearse cannot change", id),
			fmt.Sprintf("copy it to your deck folder with `rehearse decks copy %s`, then change the copy (your progress carries over)", id))
	}
	return d, nil
}

// ReadDeckFile reads a deck's file as it is now.
func ReadDeckFile(d *deck.Deck) ([]byte, error) {
	src, err := os.ReadFile(d.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the deck %s: %w", d.File, UnwrapPath(err))
	}
	return src, nil
}

// SaveDeckFile replaces a deck file's text before with after. The new text
// must load as a deck; the file must still hold before (an editor may
// have saved it meanwhile); and the write is atomic, so that a failure at
// any point leaves the file as it was.
func SaveDeckFile(d *deck.Deck, before, after []byte) (*deck.Deck, error) {
	next, err := deck.Parse(d.File, after)
	if err != nil {
		var list deck.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, hint.With(fmt.Errorf("the change would break the deck, so %s was left as it was: %v", d.File, list[0]),
				"this is a bug in rehearse if the deck loaded before; please report it with the deck")
		}
		return nil, err
	}
	now, err := os.ReadFile(d.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the deck %s: %w", d.File, UnwrapPath(err))
	}
	if !bytes.Equal(now, before) {
		return nil, hint.With(fmt.Errorf("%s changed while rehearse was working on it, so nothing was written", d.File),
			"save your edits in the editor, then run the command again")
	}
	if err := atomicfile.Replace(d.Path, after, DeckFileMode); err != nil {
		return nil, fmt.Errorf("cannot save %s: %w", d.File, err)
	}
	next.File, next.Path, next.Origin = d.File, d.Path, d.Origin
	return next, nil
}

// LintCards returns the lint warnings about the given cards of d (by id),
// with d replacing the deck of the same id among the library's decks.
func (lib *Library) LintCards(d *deck.Deck, ids map[string]bool) []*deck.Error {
	decks := []*deck.Deck{}
	for _, other := range lib.Decks.Decks {
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

// CreateDeckFile writes a new deck file (an import into a deck that does
// not exist yet); it never replaces one. The text must load as a deck.
func CreateDeckFile(d *deck.Deck, src []byte) (*deck.Deck, error) {
	next, err := deck.Parse(d.File, src)
	if err != nil {
		return nil, fmt.Errorf("the new deck would not load, so it was not written: %v", err)
	}
	if err := os.MkdirAll(filepath.Dir(d.Path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the deck folder: %w", err)
	}
	if err := atomicfile.Create(d.Path, src, DeckFileMode); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, hint.With(fmt.Errorf("%s was created meanwhile; nothing was written", d.Path), "run the command again")
		}
		return nil, fmt.Errorf("cannot write %s: %w", d.Path, err)
	}
	next.File, next.Path, next.Origin = d.File, d.Path, d.Origin
	return next, nil
}

// CreateUserFile writes a new file in the user's deck folder, creating the
// folder (0700) if needed; it never replaces a file.
func CreateUserFile(file string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return fmt.Errorf("cannot create the deck folder: %w", err)
	}
	if err := atomicfile.Create(file, data, DeckFileMode); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return hint.With(fmt.Errorf("%s exists already, so it was left as it is", file),
				"choose another id, or run `rehearse lint "+file+"` if it does not load")
		}
		return fmt.Errorf("cannot write %s: %w", file, err)
	}
	return nil
}

// CopyBuiltin writes a built-in deck's file into the folder dir (the
// user's deck folder), refusing to overwrite a file that is there, and
// returns the new file's path.
func CopyBuiltin(d *deck.Deck, dir string) (string, error) {
	name := path.Base(path.Clean(strings.TrimPrefix(d.File, "built-in/")))
	src, err := fs.ReadFile(decks.FS, name)
	if err != nil {
		return "", fmt.Errorf("cannot read the built-in deck %s: %v", name, err)
	}
	file := filepath.Join(dir, name)
	return file, CreateUserFile(file, src)
}

// SameQuestion returns a card of any deck that asks the same question as
// front, and its deck.
func (lib *Library) SameQuestion(front string) (*deck.Card, *deck.Deck) {
	for _, d := range lib.Decks.Decks {
		for _, c := range d.Cards {
			if deck.SameQuestion(front, c.Front) {
				return c, d
			}
		}
	}
	return nil, nil
}

// AppendCard adds a card's text at the end of the deck's file, leaving the
// rest of the file as it is, and returns the deck as saved and the card's
// line in it.
func AppendCard(d *deck.Deck, c *deck.Card) (*deck.Deck, int, error) {
	before, err := ReadDeckFile(d)
	if err != nil {
		return nil, 0, err
	}
	p, err := deck.NewPatch(d.File, before)
	if err != nil {
		return nil, 0, hint.With(fmt.Errorf("cannot add to %s: %v", d.File, err), "run `rehearse lint "+d.File+"` and fix the deck first")
	}
	p.Append(c)
	saved, err := SaveDeckFile(d, before, p.Bytes())
	if err != nil {
		return nil, 0, err
	}
	for _, sc := range saved.Cards {
		if sc.ID == c.ID {
			return saved, sc.Line, nil
		}
	}
	return saved, 0, nil
}

// AddCard appends card to the user's deck deckID: it gets a readable id
// from its front when it has none; an id the deck has, or (unless force)
// a question another card asks, is an error that says what to do. It
// returns the deck as saved, the card as added and its line.
func (lib *Library) AddCard(deckID string, card deck.Card, force bool) (*deck.Deck, *deck.Card, int, error) {
	d, err := lib.EditableDeck(deckID)
	if err != nil {
		return nil, nil, 0, err
	}
	taken := func(id string) bool {
		for _, c := range d.Cards {
			if c.ID == id {
				return true
			}
		}
		return false
	}
	switch {
	case card.ID == "":
		card.ID = deck.NewCardID(card.Front, taken)
	case !deck.ValidID(card.ID):
		return nil, nil, 0, &BadCardID{ID: card.ID, Suggest: deck.UniqueID(deck.Slug(card.ID), taken)}
	case taken(card.ID):
		return nil, nil, 0, hint.With(fmt.Errorf("deck %s already has a card %q", d.ID, card.ID),
			fmt.Sprintf("choose another --id, or leave --id out to get %q", deck.UniqueID(card.ID, taken)))
	}
	if !force {
		if other, od := lib.SameQuestion(card.Front); other != nil {
			return nil, nil, 0, hint.With(fmt.Errorf("%s/%s already asks this (%s:%d): %q", od.ID, other.ID, od.File, other.Line, tui.Clean(other.Front)),
				"reword the new card so that it asks its own question, or pass --force to add it anyway")
		}
	}
	saved, line, err := AppendCard(d, &card)
	if err != nil {
		return nil, nil, 0, err
	}
	return saved, &card, line, nil
}

// BadCardID is a card id that is not written as ids must be, with one
// that would do.
type BadCardID struct{ ID, Suggest string }

func (e *BadCardID) Error() string {
	return fmt.Sprintf("--id %q may use only letters, digits, '-', '_' and '.'", e.ID)
}
