package main

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// snapshotVersion changes whenever the snapshot's content changes.
const snapshotVersion = 1

// statusFacts is what `rehearse status` needs of the decks and the log,
// before the day's arithmetic: it is computed from them, or read from the
// snapshot cache when neither has changed since.
type statusFacts struct {
	DeckIDs   []string
	Cards     []srs.Candidate // every card side of every deck, in study order
	Keys      []string        // cards with a state ...
	States    []srs.CardState // ... and their states
	StudyDays []srs.Day       // days with answers, in order
	AvgAnswer time.Duration   // usual time per answer
	Mature    []dayTally      // mature true-retention answers per day
	Stderr    string          // the warnings printed while loading
}

// dayTally counts one day's passed and failed answers.
type dayTally struct {
	Day        srs.Day
	Pass, Fail int
}

func (f *statusFacts) stateMap() map[string]*srs.CardState {
	m := make(map[string]*srs.CardState, len(f.Keys))
	for i, k := range f.Keys {
		m[k] = &f.States[i]
	}
	return m
}

// snapshotPath is the cache file in the data folder. It is derived data:
// deleting it only costs the next status its speed.
func snapshotPath(dataDir string) string {
	return filepath.Join(dataDir, "cache", "status.snapshot")
}

// snapshotKey hashes everything status facts are computed from: every deck
// file's name and content, every log file's name and content, and the
// settings that change card states. Any edit, replacement, truncation or
// append changes it; a touch that changes nothing does not.
func snapshotKey(srcs []deck.Source, dataDir string, s settings) (uint64, error) {
	h := xxhash.New()
	fmt.Fprintf(h, "rehearse status snapshot %d\nmax-interval %d\n", snapshotVersion, s.params.MaxInterval)
	buf := make([]byte, 256<<10)
	add := func(fsys fs.FS, label, name string, limit int64) error {
		// A device or a named pipe named like a deck or a log would never
		// end (or never open): the cache is left out and loading says why.
		info, err := fs.Stat(fsys, name)
		if err != nil || !info.Mode().IsRegular() || (limit > 0 && info.Size() > limit) {
			return fmt.Errorf("%s: not a file the cache can follow", name)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00%s\x00", label, name)
		n, err := io.CopyBuffer(h, f, buf)
		fmt.Fprintf(h, "\x00%d\n", n)
		return err
	}
	for _, src := range srcs {
		names, err := deck.Files(src)
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(h, "source %s %s %d\n", src.Origin, src.Label, len(names))
		for _, name := range names {
			if err := add(src.FS, src.Label, name, deck.MaxFileSize); err != nil {
				return 0, err
			}
		}
	}
	logDir := revlog.Dir(dataDir)
	entries, err := os.ReadDir(logDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	var logs []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tsv") {
			logs = append(logs, e.Name())
		}
	}
	sort.Strings(logs)
	fmt.Fprintf(h, "logs %d\n", len(logs))
	for _, name := range logs {
		if err := add(os.DirFS(logDir), "log", name, 0); err != nil {
			return 0, err
		}
	}
	return h.Sum64(), nil
}

// readSnapshot returns the cached facts if the cache holds facts for key;
// a missing, stale or damaged cache gives nil.
func readSnapshot(dataDir string, key uint64) *statusFacts {
	b, err := os.ReadFile(snapshotPath(dataDir))
	if err != nil || len(b) < 16 {
		return nil
	}
	if binary.LittleEndian.Uint64(b[:8]) != key || binary.LittleEndian.Uint64(b[8:16]) != xxhash.Sum64(b[16:]) {
		return nil
	}
	var f statusFacts
	if err := gob.NewDecoder(bytes.NewReader(b[16:])).Decode(&f); err != nil {
		return nil
	}
	return &f
}

// writeSnapshot replaces the cache atomically (see writeFileAtomic).
// Failing to write a cache is not an error worth stopping for.
func writeSnapshot(dataDir string, key uint64, f *statusFacts) (err error) {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(f); err != nil {
		return err
	}
	var head [16]byte
	binary.LittleEndian.PutUint64(head[:8], key)
	binary.LittleEndian.PutUint64(head[8:], xxhash.Sum64(body.Bytes()))
	path := snapshotPath(dataDir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writeFileAtomic(path, append(head[:], body.Bytes()...), 0o600, true)
}

// factsFrom computes status facts by loading the library; warnings go to
// stderr as they are found and are kept in the facts.
func factsFrom(lib *library, mature map[srs.Day]*dayTally, stderr string) *statusFacts {
	f := &statusFacts{AvgAnswer: averageAnswer(lib.log), Stderr: stderr}
	for _, d := range lib.decks.Decks {
		f.DeckIDs = append(f.DeckIDs, d.ID)
	}
	sel, _ := lib.selectPrompts(nil, nil)
	f.Cards = sel.candidates()
	for k := range lib.states {
		f.Keys = append(f.Keys, k)
	}
	sort.Strings(f.Keys)
	f.States = make([]srs.CardState, len(f.Keys))
	for i, k := range f.Keys {
		f.States[i] = *lib.states[k]
	}
	days := map[srs.Day]bool{}
	for i := 0; i < lib.log.Len(); i++ {
		if r := lib.log.At(i); r.Event.Graded() {
			days[r.Day] = true
		}
	}
	for d := range days {
		f.StudyDays = append(f.StudyDays, d)
	}
	sort.Slice(f.StudyDays, func(i, j int) bool { return f.StudyDays[i] < f.StudyDays[j] })
	for _, t := range mature {
		f.Mature = append(f.Mature, *t)
	}
	sort.Slice(f.Mature, func(i, j int) bool { return f.Mature[i].Day < f.Mature[j].Day })
	return f
}
