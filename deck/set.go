package deck

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Source is a place decks come from: every *.toml file under FS.
type Source struct {
	FS fs.FS
	// Dir is where FS is on disk, empty for the embedded built-in decks.
	Dir string
	// Label prefixes file names in errors and listings.
	Label string
	// Origin names the source in listings: "built-in", "user", "--decks".
	Origin string
	// Files, if not empty, limits the source to these files (slash paths in FS).
	Files []string
}

// Set is every deck found in a list of sources.
type Set struct {
	// Decks that loaded, sorted by id.
	Decks []*Deck
	// Errors of the deck files that did not load, in the order found.
	Errors []*Error
	// BadFiles counts the deck files that did not load.
	BadFiles int
	// Replaced lists decks that a later source's deck with the same id
	// replaced (a user's copy of a built-in deck replaces it).
	Replaced []*Deck
	// StoryFiles are the files that hold stories and no cards: not decks.
	StoryFiles []*Deck
}

// Stories returns every story of the set: those of its decks, then those
// of its stories files, in the order loaded.
func (s *Set) Stories() []*Story {
	var out []*Story
	for _, d := range append(append([]*Deck(nil), s.Decks...), s.StoryFiles...) {
		out = append(out, d.Stories...)
	}
	return out
}

// LoadAll loads every deck of every source. A broken deck does not stop
// the others. A deck whose id a later source uses again is replaced by the
// later one; two decks with one id in the same source are an error.
func LoadAll(sources ...Source) *Set { return LoadAllWith(nil, sources...) }

// Loader loads the deck file name of src as [Load] does, perhaps from
// something kept from an earlier load (a cache). It returns a deck of its
// own, which the caller may change.
type Loader func(src Source, name string) (*Deck, error)

// LoadAllWith is LoadAll with every file loaded by load (Load when nil).
func LoadAllWith(load Loader, sources ...Source) *Set {
	if load == nil {
		load = func(src Source, name string) (*Deck, error) { return Load(src.FS, name) }
	}
	set := &Set{}
	byID := map[string]*Deck{}
	for si, src := range sources {
		inSource := map[string]*Deck{}
		names, err := deckFiles(src)
		if err != nil {
			set.Errors = append(set.Errors, &Error{File: src.Label, Msg: "cannot read the deck folder: " + unwrapPathError(err), Err: err,
				Hint: "check that the folder exists and that you may read it"})
			set.BadFiles++
			continue
		}
		loaded := loadParallel(src, names, load)
		for i, name := range names {
			d, err := loaded[i].deck, loaded[i].err
			file := displayName(src, name)
			if err != nil {
				for _, e := range err.(ErrorList) {
					e.File = file
					set.Errors = append(set.Errors, e)
				}
				set.BadFiles++
				continue
			}
			d.File, d.Origin = file, src.Origin
			for _, w := range d.Warnings {
				w.File = file
			}
			if src.Dir != "" {
				d.Path = filepath.Join(src.Dir, filepath.FromSlash(name))
			}
			for _, st := range d.Stories {
				st.File = file
			}
			if len(d.Cards) == 0 && len(d.Stories) > 0 {
				set.StoryFiles = append(set.StoryFiles, d)
				continue
			}
			if first, dup := inSource[d.ID]; dup {
				set.Errors = append(set.Errors, &Error{File: file, Line: 1,
					Msg:  fmt.Sprintf("deck id %q is already used by %s", d.ID, first.File),
					Hint: `give one of them another id = "…" under [deck]`})
				set.BadFiles++
				continue
			}
			inSource[d.ID] = d
			if old, ok := byID[d.ID]; ok && si > 0 {
				set.Replaced = append(set.Replaced, old)
			}
			byID[d.ID] = d
		}
	}
	for _, d := range byID {
		set.Decks = append(set.Decks, d)
	}
	sort.Slice(set.Decks, func(i, j int) bool { return set.Decks[i].ID < set.Decks[j].ID })
	return set
}

type loadResult struct {
	deck *Deck
	err  error
}

// loadParallel loads the files on every processor at once; the results
// keep the order of names.
func loadParallel(src Source, names []string, load Loader) []loadResult {
	out := make([]loadResult, len(names))
	workers := min(runtime.GOMAXPROCS(0), len(names))
	if workers <= 1 {
		for i, name := range names {
			out[i].deck, out[i].err = load(src, name)
		}
		return out
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].deck, out[i].err = load(src, names[i])
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// Files lists the deck files of a source, in the order LoadAll reads them.
func Files(src Source) ([]string, error) { return deckFiles(src) }

func deckFiles(src Source) ([]string, error) {
	if len(src.Files) > 0 {
		return src.Files, nil
	}
	var names []string
	err := fs.WalkDir(src.FS, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && p != "." && strings.HasPrefix(e.Name(), ".") {
			return fs.SkipDir
		}
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, p)
		} else if linkedFolder(src.FS, p, e) {
			names = append(names, p) // not followed; Load says so
		}
		return nil
	})
	return names, err
}

func displayName(src Source, name string) string {
	if src.Label == "" {
		return name
	}
	if src.Dir != "" {
		return filepath.Join(src.Label, filepath.FromSlash(name))
	}
	return path.Join(src.Label, name)
}

// Deck returns the deck with the given id, or nil.
func (s *Set) Deck(id string) *Deck {
	i := sort.Search(len(s.Decks), func(i int) bool { return s.Decks[i].ID >= id })
	if i < len(s.Decks) && s.Decks[i].ID == id {
		return s.Decks[i]
	}
	return nil
}

// Cards counts the cards of every deck, as [Deck.CardCount] counts them.
func (s *Set) Cards() int {
	n := 0
	for _, d := range s.Decks {
		n += d.CardCount()
	}
	return n
}
