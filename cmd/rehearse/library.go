package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// settings are the learner's settings: defaults, then the config file.
type settings struct {
	dayStart       int // hour of local time at which a day begins
	limits         srs.Limits
	params         srs.Params
	leechThreshold int  // lapses that make a card a leech
	leechSuspend   bool // suspend leeches as well as flag them
	device         string
	editor         string
}

// defaultLeechThreshold is the number of lapses that makes a card a leech.
const defaultLeechThreshold = 8

func defaultSettings() settings {
	return settings{dayStart: srs.DefaultDayStart, limits: srs.DefaultLimits, leechThreshold: defaultLeechThreshold}
}

// library is everything a command knows: the decks, the review log and the
// card states replayed from it, as of one moment.
type library struct {
	dataDir  string
	settings settings
	srcs     []deck.Source // where the decks were loaded from
	decks    *deck.Set
	prompts  []deck.Prompt // every card side of every deck, in study order
	byKey    map[string]deck.Prompt
	log      *revlog.Log
	states   map[string]*srs.CardState
	today    srs.Day
}

// userDeckDir is the user's deck folder inside the data folder.
func userDeckDir(dataDir string) string { return filepath.Join(dataDir, "decks") }

// deckSources lists where decks come from: the built-in decks, the user's
// deck folder and every --decks PATH, later ones replacing earlier decks
// with the same id.
func deckSources(c *cli.Context, dataDir string) ([]deck.Source, error) {
	var srcs []deck.Source
	if !c.Bool("no-builtin") {
		srcs = append(srcs, deck.Source{FS: decks.FS, Label: "built-in", Origin: "built-in"})
	}
	if dataDir != "" {
		dir := userDeckDir(dataDir)
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			srcs = append(srcs, deck.Source{FS: os.DirFS(dir), Dir: dir, Label: dir, Origin: "user"})
		}
	}
	for _, p := range c.StringSlice("decks") {
		src, err := pathSource(p, "--decks")
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}

// pathSource makes a source of a deck file or a folder of deck files.
func pathSource(p, origin string) (deck.Source, error) {
	info, err := os.Stat(p)
	if err != nil {
		return deck.Source{}, withHint(fmt.Errorf("cannot read decks from %s: %w", p, unwrapPath(err)),
			"give a .toml deck file or a folder that holds deck files")
	}
	if info.IsDir() {
		return deck.Source{FS: os.DirFS(p), Dir: p, Label: p, Origin: origin}, nil
	}
	dir, name := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	return deck.Source{FS: os.DirFS(dir), Dir: dir, Label: strings.TrimSuffix(dir, string(filepath.Separator)), Origin: origin, Files: []string{name}}, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// openLibrary loads decks, log and states. Broken decks are reported on
// stderr and left out; the other decks still load.
func openLibrary(c *cli.Context, e *env) (*library, error) {
	return openLibraryWith(c, e, nil)
}

// openLibraryWith is openLibrary for commands that count something while
// the log is replayed: counter, given the library (with its decks and
// today), returns the function to call for every graded answer in force
// (see srs.ReplaySteps).
func openLibraryWith(c *cli.Context, e *env, counter func(lib *library) func(srs.Step)) (*library, error) {
	return loadLibrary(c, e, counter, withStates)
}

// openLibraryUnreplayed is openLibrary without card states (lib.states is
// empty), for commands that replay the log themselves.
func openLibraryUnreplayed(c *cli.Context, e *env) (*library, error) {
	return loadLibrary(c, e, nil, withLog)
}

// openDecks is openLibrary for commands that work on deck files only: the
// review log is not read (lib.log and lib.states are empty).
func openDecks(c *cli.Context, e *env) (*library, error) {
	return loadLibrary(c, e, nil, decksOnly)
}

// libraryParts says how much of the library a command needs.
type libraryParts int

const (
	decksOnly  libraryParts = iota // the decks
	withLog                        // and the review log
	withStates                     // and the card states replayed from it
)

func loadLibrary(c *cli.Context, e *env, counter func(lib *library) func(srs.Step), parts libraryParts) (*library, error) {
	dir, err := dataDir(c)
	if err != nil {
		return nil, err
	}
	srcs, err := deckSources(c, dir)
	if err != nil {
		return nil, err
	}
	cfg, err := loadSettings(configPath(c.String("config")))
	if err != nil {
		return nil, err
	}
	lib := &library{dataDir: dir, settings: cfg}
	lib.srcs = srcs
	// The log is read while the decks load: they need nothing of each other.
	type logResult struct {
		log *revlog.Log
		err error
	}
	logDone := make(chan logResult, 1)
	go func() {
		if parts == decksOnly {
			logDone <- logResult{&revlog.Log{}, nil}
			return
		}
		l, err := revlog.Read(dir)
		logDone <- logResult{l, err}
	}()
	lib.setDecks(deck.LoadAll(srcs...))
	reportBrokenDecks(e.stderr, lib.decks)
	res := <-logDone
	if res.err != nil {
		return nil, dataDirError(res.err, dir)
	}
	lib.log = res.log
	for _, w := range lib.log.Warnings {
		fmt.Fprintf(e.stderr, "rehearse: warning: %s\n", clean(w.Error()))
	}
	lib.today = lib.dayOf(e)
	lib.states = map[string]*srs.CardState{}
	if parts == withStates {
		var onStep func(srs.Step)
		if counter != nil {
			onStep = counter(lib)
		}
		lib.states = srs.ReplaySteps(lib.log, lib.settings.params, onStep)
	}
	return lib, nil
}

// setDecks makes set the library's decks.
func (lib *library) setDecks(set *deck.Set) {
	lib.decks = set
	lib.prompts = lib.prompts[:0]
	lib.byKey = map[string]deck.Prompt{}
	for _, d := range set.Decks {
		for _, p := range d.Prompts() {
			lib.prompts = append(lib.prompts, p)
			lib.byKey[p.Key] = p
		}
	}
}

func (lib *library) dayOf(e *env) srs.Day {
	return srs.DayOf(e.now(), e.loc, lib.settings.dayStart)
}

// reportBrokenDecks says, on stderr, which deck files did not load.
func reportBrokenDecks(w io.Writer, set *deck.Set) {
	if set.BadFiles == 0 {
		return
	}
	seen := map[string]bool{}
	for _, err := range set.Errors {
		if seen[err.File] {
			continue
		}
		seen[err.File] = true
		fmt.Fprintf(w, "rehearse: warning: deck not loaded: %s\n", clean(err.Error()))
	}
	fmt.Fprintf(w, "rehearse: hint: run `rehearse lint` to see every problem and how to fix it\n")
}

// state returns the state of a card side, new if it has none.
func (lib *library) state(key string) *srs.CardState {
	if st := lib.states[key]; st != nil {
		return st
	}
	st := srs.NewCardState()
	return &st
}

// selection is the part of the library a command works on.
type selection struct {
	prompts []deck.Prompt
}

// selectPrompts keeps the card sides of the decks and tags asked for.
func (lib *library) selectPrompts(deckIDs, tags []string) (*selection, error) {
	want := map[string]bool{}
	for _, id := range deckIDs {
		if lib.decks.Deck(id) == nil {
			return nil, withHint(fmt.Errorf("no deck %q", id), "run `rehearse decks` to list the decks and their ids")
		}
		want[id] = true
	}
	sel := &selection{}
	for _, p := range lib.prompts {
		if len(want) > 0 && !want[p.Deck.ID] {
			continue
		}
		if len(tags) > 0 && !hasAnyTag(p, tags) {
			continue
		}
		sel.prompts = append(sel.prompts, p)
	}
	if len(tags) > 0 && len(sel.prompts) == 0 {
		return nil, withHint(fmt.Errorf("no cards tagged %s", strings.Join(quoteAll(tags), " or ")),
			"tags are listed on the cards of each deck; `rehearse card ID` shows a card's tags")
	}
	return sel, nil
}

func hasAnyTag(p deck.Prompt, tags []string) bool {
	for _, t := range tags {
		if p.Deck.HasTag(p.Card, t) {
			return true
		}
	}
	return false
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// candidates turns the selection into the scheduler's list.
func (s *selection) candidates() []srs.Candidate {
	out := make([]srs.Candidate, len(s.prompts))
	for i, p := range s.prompts {
		out[i] = srs.Candidate{Card: p.Key, Group: p.Deck.ID}
	}
	return out
}

// queue builds today's queue for the selection.
func (lib *library) queue(sel *selection, lim srs.Limits) []srs.Item {
	return srs.BuildQueue(sel.candidates(), lib.states, lib.today, lim)
}

// splitCommas accepts --deck a,b as well as --deck a --deck b (deck ids and
// tags hold no commas).
func splitCommas(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// openLog takes the data folder's lock and opens this device's log for
// appending, saying on stderr if it repaired a line torn by a crash.
func openLog(e *env, lib *library) (*revlog.Writer, error) {
	w, err := revlog.Open(lib.dataDir, deviceName(lib.settings.device))
	if err != nil {
		return nil, dataDirError(err, lib.dataDir)
	}
	if w.Repaired != nil {
		fmt.Fprintf(e.stderr, "rehearse: note: %s\n", clean(w.Repaired.Error()))
	}
	return w, nil
}
