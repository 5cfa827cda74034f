// Package library is everything rehearse knows as of one moment: the decks
// (built-in, the user's and any given), the review log, and the card states
// replayed from it. Commands open a library, select the cards they work on
// and ask it for the day's queue; it also saves deck files and keeps the
// derived caches.
package library

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// Library is the decks, the review log and the card states as of one moment.
type Library struct {
	DataDir  string
	Settings config.Settings
	Sources  []deck.Source // where the decks were loaded from
	Decks    *deck.Set
	Prompts  []deck.Prompt // every card side of every deck, in study order
	ByKey    map[string]deck.Prompt
	Log      *revlog.Log
	States   map[string]*srs.CardState
	Today    srs.Day
	// Fit is the FSRS fit in force (see [ReadFit]), nil for the defaults;
	// read only when FSRS schedules.
	Fit *Fit
	// Warnings are what loading found and left out (decks that do not
	// load, a torn last line of the log), for the command to show.
	Warnings []Warning
	// marks say how far each log file was read, when Options.Cache.
	marks []revlog.Mark
	// newest is the time of the newest record before Log's, when Log holds
	// only what was appended after the replay checkpoint (Options.Resume).
	newest time.Time
}

// Warning is something loading left out, and what to do about it.
type Warning struct {
	Msg  string
	Hint string // may be empty
}

// Parts says how much of the library a command needs.
type Parts int

// The parts of a library, each including the ones before.
const (
	DecksOnly  Parts = iota // the decks; the log is not read
	WithLog                 // and the review log, not replayed
	WithStates              // and the card states replayed from it
)

// Options say what to open.
type Options struct {
	DataDir  string
	Sources  []deck.Source // see [Sources]
	Settings config.Settings
	Parts    Parts
	Device   string         // this device's name: damage in other devices' log files is a warning (see revlog.ReadFor)
	Now      time.Time      // the moment the library is as of
	Loc      *time.Location // the learner's time zone
	// Counter, when not nil and Parts is WithStates, is given the library
	// (its decks loaded, Today set) and returns the function to call for
	// every graded answer in force while the log is replayed (see
	// [srs.ReplaySteps]).
	Counter func(lib *Library) func(srs.Step)
	// Cache says to use and keep the derived caches in the data folder
	// (see [DeckCacheDir]); they never change what Open returns.
	Cache bool
	// Text is how much of each card to keep: deck.KeysOnly for commands
	// that count and schedule cards without showing them.
	Text deck.Text
	// Resume, with Cache and WithStates, lets Open take the states from
	// the replay checkpoint and replay only the records appended to the
	// log since; Log then holds only those records. It is for commands
	// that need today's states and not the history: a review of today's
	// cards. Without a checkpoint that can be read on from, the whole log
	// is replayed and the checkpoint written.
	Resume bool
}

// Sources lists where decks come from: the built-in decks (unless
// builtin is false), the user's deck folder in dataDir and every path
// given, later ones replacing earlier decks with the same id.
func Sources(dataDir string, builtin bool, paths []string) ([]deck.Source, error) {
	var srcs []deck.Source
	if builtin {
		srcs = append(srcs, deck.Source{FS: decks.FS, Label: "built-in", Origin: "built-in"})
	}
	if dataDir != "" {
		dir := config.DeckDir(dataDir)
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			srcs = append(srcs, deck.Source{FS: os.DirFS(dir), Dir: dir, Label: dir, Origin: "user"})
		}
	}
	for _, p := range paths {
		src, err := PathSource(p, "--decks")
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	return srcs, nil
}

// PathSource makes a source of a deck file or a folder of deck files.
func PathSource(p, origin string) (deck.Source, error) {
	info, err := os.Stat(p)
	if err != nil {
		return deck.Source{}, hint.With(fmt.Errorf("cannot read decks from %s: %w", p, UnwrapPath(err)),
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

// UnwrapPath drops the operation and path of an *os.PathError, for
// messages that name the path themselves.
func UnwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Open loads the decks and, as asked, the log and the card states. Broken
// decks are left out (and listed in Warnings); the other decks still load.
// When the log cannot be read, Open returns the error and a library that
// holds only its decks and Warnings, so that both can be shown.
func Open(o Options) (*Library, error) {
	if o.Resume && o.Cache && o.Parts == WithStates && o.Counter == nil {
		return openFromCheckpoint(o)
	}
	lib := &Library{DataDir: o.DataDir, Settings: o.Settings, Sources: o.Sources}
	// The log is read while the decks load: they need nothing of each other.
	type logResult struct {
		log *revlog.Log
		err error
	}
	logDone := make(chan logResult, 1)
	go func() {
		if o.Parts == DecksOnly {
			logDone <- logResult{&revlog.Log{}, nil}
			return
		}
		if o.Cache {
			l, marks, err := revlog.ReadMarked(o.DataDir, o.Device)
			lib.marks = marks
			logDone <- logResult{l, err}
			return
		}
		l, err := revlog.ReadFor(o.DataDir, o.Device)
		logDone <- logResult{l, err}
	}()
	var load deck.Loader
	if o.Cache {
		load = deckLoader(o.DataDir, o.Text)
	}
	if load == nil && o.Text != deck.AllText {
		// Only what is kept stays in memory, not the files' text.
		load = func(src deck.Source, name string) (*deck.Deck, error) {
			d, err := deck.Load(src.FS, name)
			if err != nil {
				return d, err
			}
			return d.Keep(o.Text), nil
		}
	}
	lib.SetDecks(deck.LoadAllWith(load, o.Sources...))
	lib.Warnings = brokenDecks(lib.Decks)
	res := <-logDone
	if res.err != nil {
		// The library comes back with its warnings, to show with the error.
		return lib, DataDirError(res.err, o.DataDir)
	}
	lib.Log = res.log
	for _, w := range lib.Log.Warnings {
		lib.Warnings = append(lib.Warnings, Warning{Msg: w.Error(), Hint: w.Hint})
	}
	loc := o.Loc
	if loc == nil {
		loc = time.Local
	}
	lib.Today = srs.DayOf(o.Now, loc, lib.Settings.DayStart)
	if lib.Settings.Params.Model == srs.ModelFSRS {
		fit, err := ReadFit(o.DataDir)
		if err != nil {
			return lib, err
		}
		lib.Fit = fit
		lib.Settings.Params.FSRS = FSRSParams(fit, lib.Settings.Retention)
	}
	lib.States = map[string]*srs.CardState{}
	if o.Parts == WithStates {
		var onStep func(srs.Step)
		if o.Counter != nil {
			onStep = o.Counter(lib)
		}
		lib.States = srs.ReplaySteps(lib.Log, lib.Settings.Params, onStep)
	}
	return lib, nil
}

// SetDecks makes set the library's decks.
func (lib *Library) SetDecks(set *deck.Set) {
	lib.Decks = set
	lib.Prompts = slices.Grow(lib.Prompts[:0], set.Cards())
	for _, d := range set.Decks {
		lib.Prompts = d.AppendPrompts(lib.Prompts)
	}
	lib.ByKey = make(map[string]deck.Prompt, len(lib.Prompts))
	for _, p := range lib.Prompts {
		lib.ByKey[p.Key] = p
	}
}

// brokenDecks lists the deck files that did not load.
func brokenDecks(set *deck.Set) []Warning {
	if set.BadFiles == 0 {
		return nil
	}
	var out []Warning
	seen := map[string]bool{}
	for _, err := range set.Errors {
		if seen[err.File] {
			continue
		}
		seen[err.File] = true
		out = append(out, Warning{Msg: "deck not loaded: " + err.Error()})
	}
	if len(out) > 0 {
		out[len(out)-1].Hint = "run `rehearse lint` to see every problem and how to fix it"
	}
	return out
}

// State returns the state of a card side, new if it has none.
func (lib *Library) State(key string) *srs.CardState {
	if st := lib.States[key]; st != nil {
		return st
	}
	st := srs.NewCardState()
	return &st
}

// Selection is the part of the library a command works on.
type Selection struct {
	Prompts []deck.Prompt
}

// Select keeps the card sides of the decks and tags asked for (all when
// none are given).
func (lib *Library) Select(deckIDs, tags []string) (*Selection, error) {
	want := map[string]bool{}
	for _, id := range deckIDs {
		if lib.Decks.Deck(id) == nil {
			return nil, hint.With(fmt.Errorf("no deck %q", id), "run `rehearse decks` to list the decks and their ids")
		}
		want[id] = true
	}
	sel := &Selection{}
	for _, p := range lib.Prompts {
		if len(want) > 0 && !want[p.Deck.ID] {
			continue
		}
		if len(tags) > 0 && !hasAnyTag(p, tags) {
			continue
		}
		sel.Prompts = append(sel.Prompts, p)
	}
	if len(tags) > 0 && len(sel.Prompts) == 0 {
		return nil, hint.With(fmt.Errorf("no cards tagged %s", strings.Join(quoteAll(tags), " or ")),
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

// Candidates turns the selection into the scheduler's list.
func (s *Selection) Candidates() []srs.Candidate {
	out := make([]srs.Candidate, len(s.Prompts))
	for i, p := range s.Prompts {
		out[i] = srs.Candidate{Card: p.Key, Group: p.Deck.ID}
	}
	return out
}

// Queue builds today's queue for the selection.
func (lib *Library) Queue(sel *Selection, lim srs.Limits) []srs.Item {
	return srs.BuildQueue(sel.Candidates(), lib.States, lib.Today, lim)
}

// Pass is which cards a review session goes through.
type Pass int

// The passes of a review.
const (
	PassToday Pass = iota // today's queue
	PassAhead             // cards not yet due, lowest predicted recall first
	PassCram              // every card, weakest first, as practice
)

// ReviewQueue builds a session's cards for sel: today's (under the
// interview plan when one is active and followPlan is set, else within
// the daily limits), or the cards of another pass.
func (lib *Library) ReviewQueue(sel *Selection, pass Pass, followPlan bool) ([]srs.Item, error) {
	if pass != PassToday {
		recall, err := lib.RecallOn(lib.Today)
		if err != nil {
			return nil, err
		}
		if pass == PassAhead {
			return srs.AheadQueue(sel.Candidates(), lib.States, lib.Today, recall), nil
		}
		return srs.CramQueue(sel.Candidates(), lib.States, recall), nil
	}
	if followPlan {
		ip, err := lib.ActivePlan()
		if err != nil {
			return nil, err
		}
		if ip != nil {
			return ip.Queue(lib, sel, lib.Settings.Limits), nil
		}
	}
	return lib.Queue(sel, lib.Settings.Limits), nil
}

// MaxClockLead is how far ahead of this device's clock the newest record
// in the log may be and still be followed. A record further ahead was
// written by a clock that was plainly wrong; following it would stamp
// every later record with that wrong time.
const MaxClockLead = 24 * time.Hour

// Newest returns the time of the log's newest record, and false when the
// log is empty or that record is more than MaxClockLead ahead of now.
func (lib *Library) Newest(now time.Time) (time.Time, bool) {
	newest := lib.newest
	if n := lib.Log.Len(); n > 0 {
		newest = lib.Log.At(n - 1).Time
	}
	if newest.IsZero() || newest.Sub(now) > MaxClockLead {
		return time.Time{}, false
	}
	return newest, true
}

// Stamp returns the time for a record written now: now to the log's
// millisecond, or a millisecond after the newest record if now is not
// after it (a clock that is behind, here or on another device), so that
// the record sorts after every record it follows.
func (lib *Library) Stamp(now time.Time) time.Time {
	t := now.UTC().Truncate(time.Millisecond)
	if newest, ok := lib.Newest(now); ok && !t.After(newest) {
		t = newest.UTC().Truncate(time.Millisecond).Add(time.Millisecond)
	}
	return t
}

// OpenLog takes the data folder's lock and opens the device's log for
// appending. The writer's Repaired says whether it cut a line torn by a
// crash.
func (lib *Library) OpenLog(device string) (*revlog.Writer, error) {
	open := revlog.Open
	if lib.Settings.Params.Model == srs.ModelFSRS {
		open = revlog.OpenModels
	}
	w, err := open(lib.DataDir, device)
	if err != nil {
		return nil, DataDirError(err, lib.DataDir)
	}
	return w, nil
}
