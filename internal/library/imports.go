package library

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/deck/interchange"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/hint"
)

// ReadImportFile reads a file to import with the limits of a deck file: a
// regular file (a device such as /dev/zero would be read until memory runs
// out, a named pipe could block forever) of at most deck.MaxFileSize bytes.
func ReadImportFile(path string) ([]byte, error) {
	advice := "give the path of a file exported from Anki, or a CSV or TSV file"
	info, err := os.Stat(path)
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, UnwrapPath(err)), advice)
	}
	if !info.Mode().IsRegular() {
		return nil, hint.With(fmt.Errorf("cannot read %s: it is not a regular file", path), advice)
	}
	tooLarge := hint.With(fmt.Errorf("cannot read %s: it is larger than %d MiB", path, deck.MaxFileSize>>20),
		"split it into several files and import each")
	if info.Size() > deck.MaxFileSize {
		return nil, tooLarge
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, UnwrapPath(err)), advice)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, deck.MaxFileSize+1))
	if err != nil {
		return nil, hint.With(fmt.Errorf("cannot read %s: %w", path, UnwrapPath(err)), advice)
	}
	if len(data) > deck.MaxFileSize {
		return nil, tooLarge
	}
	return data, nil
}

// ImportTarget returns the deck an import goes into and its file's text:
// the user's deck id, or a new deck (created says so) in the user's deck
// folder, named name, else after the one deck the notes come from
// (fileDecks), else its id.
func (lib *Library) ImportTarget(id, name string, fileDecks []string) (d *deck.Deck, src []byte, created bool, err error) {
	if lib.Decks.Deck(id) != nil {
		if d, err = lib.EditableDeck(id); err != nil {
			return nil, nil, false, err
		}
		src, err = ReadDeckFile(d)
		return d, src, false, err
	}
	dir := config.DeckDir(lib.DataDir)
	path := filepath.Join(dir, id+".toml")
	if _, err := os.Stat(path); err == nil {
		return nil, nil, false, hint.With(fmt.Errorf("%s exists but holds no deck %q", path, id),
			"run `rehearse lint "+path+"` to see why it does not load, or import into another --deck")
	}
	if name == "" && len(fileDecks) == 1 {
		name = fileDecks[0]
	}
	if name == "" {
		name = id
	}
	src = []byte(deck.EncodeHeader(&deck.Deck{ID: id, Name: name}))
	d = &deck.Deck{ID: id, Name: name, File: path, Path: path, Origin: "user"}
	return d, src, true, nil
}

// Import is what importing a file into one deck does: the deck (created
// when it is new), its file's text before, the merge plan, and the rows
// that cannot be imported (Bad, in line order) or were read with a notice.
type Import struct {
	Path    string
	Deck    *deck.Deck
	Before  []byte
	Created bool
	Plan    *interchange.Plan
	Bad     []*deck.Error
	Notices []*deck.Error
}

// Adds counts the cards the import adds.
func (imp *Import) Adds() int { return imp.Plan.Count(interchange.Add) }

// Updates counts the cards whose text the import replaces.
func (imp *Import) Updates() int { return imp.Plan.Count(interchange.Update) }

// Summary counts every row by what becomes of it.
func (imp *Import) Summary() string {
	return fmt.Sprintf("%d added, %d updated, %d unchanged, %d skipped", imp.Adds(), imp.Updates(),
		imp.Plan.Count(interchange.Unchanged), imp.Plan.Count(interchange.Skip)+len(imp.Bad))
}

// PlanImport works out what importing file (read from path) into the deck
// id does: into the user's deck, or a new one named name (see
// ImportTarget); with update, notes whose text differs replace the cards'.
// It writes nothing.
func (lib *Library) PlanImport(path string, file *interchange.File, id, name string, update bool) (*Import, error) {
	d, before, created, err := lib.ImportTarget(id, name, file.Decks)
	if err != nil {
		return nil, err
	}
	plan := interchange.Merge(path, d, file.Notes, update)
	bad := append(append([]*deck.Error(nil), file.Errors...), plan.Errors...)
	sort.SliceStable(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
	return &Import{Path: path, Deck: d, Before: before, Created: created, Plan: plan, Bad: bad, Notices: file.Notices}, nil
}

// ApplyImport writes an import's additions and updates into its deck's
// file, creating the file for a new deck; the file's comments and layout
// stay. It returns the deck as saved and the ids of the cards it wrote.
func (lib *Library) ApplyImport(imp *Import) (*deck.Deck, map[string]bool, error) {
	d, before, created, plan := imp.Deck, imp.Before, imp.Created, imp.Plan
	p, err := deck.NewPatch(d.File, before)
	if err != nil {
		return nil, nil, hint.With(fmt.Errorf("cannot import into %s: %v", d.File, err), "run `rehearse lint "+d.File+"` and fix the deck first")
	}
	changed := map[string]bool{}
	for _, ch := range plan.Changes {
		switch ch.Action {
		case interchange.Add:
			p.Append(ch.Card)
		case interchange.Update:
			if err := p.Update(ch.Card.ID, ch.Card, ch.Keys...); err != nil {
				return nil, nil, err
			}
		default:
			continue
		}
		changed[ch.Card.ID] = true
	}
	var saved *deck.Deck
	if created {
		saved, err = CreateDeckFile(d, p.Bytes())
	} else {
		saved, err = SaveDeckFile(d, before, p.Bytes())
	}
	return saved, changed, err
}
