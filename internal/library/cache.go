package library

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
	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// snapshotVersion changes whenever the snapshot's content changes.
const snapshotVersion = 2

// StatusFacts are what `rehearse status` needs of the decks and the log,
// before the day's arithmetic: they are computed from them (see
// [ComputeStatusFacts]), or read from the snapshot cache when neither has
// changed since. They are values, never rendered text.
type StatusFacts struct {
	DeckIDs   []string
	Cards     []srs.Candidate // every card side of every deck, in study order
	Keys      []string        // cards with a state ...
	States    []srs.CardState // ... and their states
	StudyDays []srs.Day       // days with answers in force to cards in a deck, in order
	AvgAnswer time.Duration   // usual time per answer
	Mature    []DayTally      // mature true-retention answers per day
	Warnings  []Warning       // what loading left out
}

// DayTally counts one day's passed and failed answers.
type DayTally struct {
	Day srs.Day
	srs.Tally
}

// StateMap returns the facts' card states by card.
func (f *StatusFacts) StateMap() map[string]*srs.CardState {
	m := make(map[string]*srs.CardState, len(f.Keys))
	for i, k := range f.Keys {
		m[k] = &f.States[i]
	}
	return m
}

// SnapshotPath is the cache file in the data folder. It is derived data:
// deleting it only costs the next status its speed.
func SnapshotPath(dataDir string) string {
	return filepath.Join(dataDir, "cache", "status.snapshot")
}

// SnapshotKey hashes everything status facts are computed from: every deck
// file's name and content, every log file's name and content, the device
// (whose own log files are read strictly) and the settings that change
// card states. Any edit, replacement, truncation or
// append changes it; a touch that changes nothing does not.
func SnapshotKey(srcs []deck.Source, dataDir, device string, s config.Settings) (uint64, error) {
	h := xxhash.New()
	fmt.Fprintf(h, "rehearse status snapshot %d\nmax-interval %d\ndevice %q\n", snapshotVersion, s.Params.MaxInterval, device)
	if s.Params.Model != srs.ModelSM2 {
		// The model, its retention and every device's fit: the newest is in force.
		fmt.Fprintf(h, "model %s retention %v\n", s.Params.Model, s.Retention)
		fits, err := fitFiles(dataDir)
		if err != nil {
			return 0, err
		}
		for _, name := range fits {
			b, err := os.ReadFile(name)
			if err != nil {
				return 0, err
			}
			fmt.Fprintf(h, "fit %s %d\n%s\n", filepath.Base(name), len(b), b)
		}
	}
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

// ReadSnapshot returns the cached facts if the cache holds facts for key;
// a missing, stale or damaged cache gives nil.
func ReadSnapshot(dataDir string, key uint64) *StatusFacts {
	b, err := os.ReadFile(SnapshotPath(dataDir))
	if err != nil || len(b) < 16 {
		return nil
	}
	if binary.LittleEndian.Uint64(b[:8]) != key || binary.LittleEndian.Uint64(b[8:16]) != xxhash.Sum64(b[16:]) {
		return nil
	}
	var f StatusFacts
	if err := gob.NewDecoder(bytes.NewReader(b[16:])).Decode(&f); err != nil {
		return nil
	}
	return &f
}

// WriteSnapshot replaces the cache atomically. Failing to write a cache is
// not an error worth stopping for: the caller may ignore the error.
func WriteSnapshot(dataDir string, key uint64, f *StatusFacts) (err error) {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(f); err != nil {
		return err
	}
	var head [16]byte
	binary.LittleEndian.PutUint64(head[:8], key)
	binary.LittleEndian.PutUint64(head[8:], xxhash.Sum64(body.Bytes()))
	path := SnapshotPath(dataDir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Replace(path, append(head[:], body.Bytes()...), 0o600)
}

// ComputeStatusFacts opens the library and computes the status facts in
// one replay of the log (on an error, the facts hold only the warnings to
// show with it): the days studied and the mature true-retention
// answers per day are counted as the log is replayed, from the answers in
// force to cards that are in a deck. It also returns the library it opened.
func ComputeStatusFacts(o Options) (*StatusFacts, *Library, error) {
	mature := map[srs.Day]*DayTally{}
	studied := map[srs.Day]bool{}
	o.Parts = WithStates
	o.Text = deck.KeysOnly
	o.Counter = func(lib *Library) func(srs.Step) {
		inDeck := make([]int8, lib.Log.NumCards()) // 0 unknown, 1 in a deck, 2 not
		return func(st srs.Step) {
			if inDeck[st.CardIndex] == 0 {
				inDeck[st.CardIndex] = 2
				if _, ok := lib.ByKey[st.Record.Card]; ok {
					inDeck[st.CardIndex] = 1
				}
			}
			if inDeck[st.CardIndex] != 1 {
				return
			}
			studied[st.Record.Day] = true
			if !srs.CountsForRetention(st) || !srs.Mature(st.Before) {
				return
			}
			t := mature[st.Record.Day]
			if t == nil {
				t = &DayTally{Day: st.Record.Day}
				mature[st.Record.Day] = t
			}
			t.Add(st.Record.Grade.Passed())
		}
	}
	lib, err := Open(o)
	if err != nil {
		if lib != nil {
			return &StatusFacts{Warnings: lib.Warnings}, nil, err
		}
		return nil, nil, err
	}
	f := &StatusFacts{AvgAnswer: averageAnswer(lib.Log), Warnings: lib.Warnings}
	for _, d := range lib.Decks.Decks {
		f.DeckIDs = append(f.DeckIDs, d.ID)
	}
	sel, _ := lib.Select(nil, nil)
	f.Cards = sel.Candidates()
	for k := range lib.States {
		f.Keys = append(f.Keys, k)
	}
	sort.Strings(f.Keys)
	f.States = make([]srs.CardState, len(f.Keys))
	for i, k := range f.Keys {
		f.States[i] = *lib.States[k]
	}
	for d := range studied {
		f.StudyDays = append(f.StudyDays, d)
	}
	sort.Slice(f.StudyDays, func(i, j int) bool { return f.StudyDays[i] < f.StudyDays[j] })
	for _, t := range mature {
		f.Mature = append(f.Mature, *t)
	}
	sort.Slice(f.Mature, func(i, j int) bool { return f.Mature[i].Day < f.Mature[j].Day })
	return f, lib, nil
}

// averageAnswer is the learner's usual time per answer (each capped at
// srs.MaxAnswerMillis) over their last 200 answers, or 15 seconds with no
// history.
func averageAnswer(h srs.History) time.Duration {
	var sum, n int
	for i := h.Len() - 1; i >= 0 && n < 200; i-- {
		if r := h.At(i); r.Event.Graded() && r.Millis > 0 {
			sum += min(r.Millis, srs.MaxAnswerMillis)
			n++
		}
	}
	if n == 0 {
		return 15 * time.Second
	}
	return time.Duration(sum/n) * time.Millisecond
}
