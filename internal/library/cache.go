package library

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// StatusFacts are what `rehearse status` needs of the decks and the log,
// before the day's arithmetic: they are computed from them (see
// [ComputeStatusFacts]), or resumed from the replay checkpoint when the log
// has only grown since. They are values, never rendered text.
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

// CheckpointPath is the replay checkpoint in the data folder: the card
// states as of a mark in each log file, so that the next status replays
// only what was appended since. It is derived data: deleting it only
// costs the next status its speed.
func CheckpointPath(dataDir string) string {
	return filepath.Join(dataDir, "cache", "replay.checkpoint")
}

// checkpointVersion changes whenever the checkpoint's content does.
const checkpointVersion = 1

// checkpoint is the replay of the log up to Marks: the states of its
// cards and the graded answers in force, as status counts them.
type checkpoint struct {
	Settings uint64 // settingsKey of the replay
	Marks    []revlog.Mark
	Newest   int64 // the newest record's time, Unix ms
	Keys     []string
	States   []srs.CardState
	// Each graded answer in force: its card (an index into Keys), its day
	// and stepMature, stepPassed.
	StepCard []uint32
	StepDay  []srs.Day
	StepFlag []uint8
	Millis   []int32 // the last answers' times (see averageAnswer), oldest first
}

// The flags of a step.
const (
	stepMature uint8 = 1 << iota // counts for mature true retention
	stepPassed                   // and passed
)

// settingsKey hashes what card states are replayed with: the device
// (whose own log files are read strictly) and the settings that change
// states, with every device's FSRS fit when FSRS schedules.
func settingsKey(dataDir, device string, s config.Settings) (uint64, error) {
	h := xxhash.New()
	fmt.Fprintf(h, "rehearse replay checkpoint %d\nmax-interval %d\ndevice %q\n", checkpointVersion, s.Params.MaxInterval, device)
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
	return h.Sum64(), nil
}

// readCheckpoint returns the checkpoint if there is one for settings; a
// missing, damaged or other one gives nil.
func readCheckpoint(dataDir string, settings uint64) *checkpoint {
	b, err := os.ReadFile(CheckpointPath(dataDir))
	if err != nil || len(b) < 16 || binary.LittleEndian.Uint64(b[:8]) != xxhash.Sum64(b[8:]) {
		return nil
	}
	cp := decodeCheckpoint(b[8:])
	if cp == nil || cp.Settings != settings {
		return nil
	}
	return cp
}

// write replaces the checkpoint atomically. A cache that cannot be
// written only costs the next status its speed: the error may be ignored.
func (cp *checkpoint) write(dataDir string) error {
	b := appendCheckpoint(make([]byte, 8, 64+len(cp.StepCard)*4+len(cp.Keys)*64), cp)
	binary.LittleEndian.PutUint64(b[:8], xxhash.Sum64(b[8:]))
	path := CheckpointPath(dataDir)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.ReplaceUnsynced(path, b, 0o600)
}

// recorder collects a checkpoint's steps during a replay.
type recorder struct {
	cp    *checkpoint
	index map[string]uint32 // Keys by card
	// byStep is index by the replay's card numbers (Step.CardIndex), plus
	// one; 0 for a card not yet looked up.
	byStep []uint32
}

func newRecorder(cp *checkpoint) *recorder {
	r := &recorder{cp: cp, index: make(map[string]uint32, len(cp.Keys))}
	for i, k := range cp.Keys {
		r.index[k] = uint32(i)
	}
	return r
}

// step records one graded answer in force.
func (r *recorder) step(st srs.Step) {
	if st.CardIndex >= len(r.byStep) {
		r.byStep = append(r.byStep, make([]uint32, st.CardIndex+1-len(r.byStep))...)
	}
	c := r.byStep[st.CardIndex] - 1
	if r.byStep[st.CardIndex] == 0 {
		var ok bool
		if c, ok = r.index[st.Record.Card]; !ok {
			c = uint32(len(r.cp.Keys))
			r.cp.Keys = append(r.cp.Keys, st.Record.Card)
			r.index[st.Record.Card] = c
		}
		r.byStep[st.CardIndex] = c + 1
	}
	var flag uint8
	if srs.CountsForRetention(st) && srs.Mature(st.Before) {
		flag = stepMature
		if st.Record.Grade.Passed() {
			flag |= stepPassed
		}
	}
	r.cp.StepCard = append(r.cp.StepCard, c)
	r.cp.StepDay = append(r.cp.StepDay, st.Record.Day)
	r.cp.StepFlag = append(r.cp.StepFlag, flag)
}

// finish stores the states replayed and the times of the last answers of
// h, the records replayed (after those of the checkpoint, if any).
func (r *recorder) finish(states map[string]*srs.CardState, h srs.History) {
	cp := r.cp
	for k := range states {
		if _, ok := r.index[k]; !ok {
			r.index[k] = uint32(len(cp.Keys))
			cp.Keys = append(cp.Keys, k)
		}
	}
	cp.States = make([]srs.CardState, len(cp.Keys))
	for i, k := range cp.Keys {
		cp.States[i] = *states[k]
	}
	var recent []int32
	for i := h.Len() - 1; i >= 0 && len(recent) < answersAveraged; i-- {
		if rec := h.At(i); rec.Event.Graded() && rec.Millis > 0 {
			recent = append(recent, int32(min(rec.Millis, srs.MaxAnswerMillis)))
		}
	}
	slices.Reverse(recent)
	cp.Millis = append(cp.Millis, recent...)
	cp.Millis = cp.Millis[max(0, len(cp.Millis)-answersAveraged):]
	if n := h.Len(); n > 0 {
		cp.Newest = max(cp.Newest, h.At(n-1).Time.UnixMilli())
	}
}

// stateMap returns the checkpoint's states by card, to replay onto.
func (cp *checkpoint) stateMap() map[string]*srs.CardState {
	m := make(map[string]*srs.CardState, len(cp.Keys))
	for i, k := range cp.Keys {
		m[k] = &cp.States[i]
	}
	return m
}

// follows reports whether tail, read after the checkpoint's marks, can
// be replayed onto it: every record is later than every record before,
// each undo takes back a record of the tail, and nothing was skipped.
func (cp *checkpoint) follows(tail *revlog.Log) bool {
	if len(tail.Warnings) > 0 {
		return false
	}
	for i := 0; i < tail.Len(); i++ {
		r := tail.At(i)
		if r.Time.UnixMilli() <= cp.Newest || (r.Event == srs.Undo && r.Undoes.UnixMilli() <= cp.Newest) {
			return false
		}
	}
	return true
}

// facts are the status facts of the decks of lib and the checkpoint.
func (cp *checkpoint) facts(lib *Library) *StatusFacts {
	f := &StatusFacts{AvgAnswer: 15 * time.Second, Warnings: lib.Warnings}
	if len(cp.Millis) > 0 {
		sum := 0
		for _, ms := range cp.Millis {
			sum += int(ms)
		}
		f.AvgAnswer = time.Duration(sum/len(cp.Millis)) * time.Millisecond
	}
	for _, d := range lib.Decks.Decks {
		f.DeckIDs = append(f.DeckIDs, d.ID)
	}
	sel, _ := lib.Select(nil, nil)
	f.Cards = sel.Candidates()
	f.Keys, f.States = cp.Keys, cp.States
	inDeck := make([]bool, len(cp.Keys))
	for i, k := range cp.Keys {
		_, inDeck[i] = lib.ByKey[k]
	}
	// The steps' days, as offsets from the first: a day's tally is a slot.
	first, last := srs.Day(math.MaxInt32), srs.Day(math.MinInt32)
	for _, d := range cp.StepDay {
		first, last = min(first, d), max(last, d)
	}
	if first > last {
		return f
	}
	days := make([]DayTally, last-first+1)
	studied := make([]bool, len(days))
	for i, c := range cp.StepCard {
		if !inDeck[c] {
			continue
		}
		k := cp.StepDay[i] - first
		studied[k] = true
		if cp.StepFlag[i]&stepMature != 0 {
			days[k].Add(cp.StepFlag[i]&stepPassed != 0)
		}
	}
	for k := range days {
		day := first + srs.Day(k)
		if studied[k] {
			f.StudyDays = append(f.StudyDays, day)
		}
		if days[k].Pass+days[k].Fail > 0 {
			days[k].Day = day
			f.Mature = append(f.Mature, days[k])
		}
	}
	return f
}

// answersAveraged is how many of the last answers make the usual time
// per answer.
const answersAveraged = 200

// computeStatusFacts opens the library and computes the status facts in
// one replay of the log (on an error, the facts hold only the warnings to
// show with it): the days studied and the mature true-retention answers
// per day are counted from the answers in force to cards that are in a
// deck. It also returns the library it opened, and the checkpoint of
// that replay.
func computeStatusFacts(o Options) (*StatusFacts, *Library, *checkpoint, error) {
	o.Text = deck.KeysOnly
	lib, cp, err := openRecorded(o)
	if err != nil {
		if lib != nil {
			return &StatusFacts{Warnings: lib.Warnings}, nil, nil, err
		}
		return nil, nil, nil, err
	}
	return cp.facts(lib), lib, cp, nil
}

// openRecorded opens the library with its states, replaying the whole
// log, and returns the checkpoint of that replay (with no marks when the
// log had lines left out: such a log is replayed whole each time).
func openRecorded(o Options) (*Library, *checkpoint, error) {
	cp := &checkpoint{}
	rec := newRecorder(cp)
	o.Parts, o.Resume = WithStates, false
	o.Counter = func(*Library) func(srs.Step) { return rec.step }
	lib, err := Open(o)
	if err != nil {
		return lib, nil, err
	}
	rec.finish(lib.States, lib.Log)
	if len(lib.Log.Warnings) == 0 {
		cp.Marks = lib.marks
	}
	return lib, cp, nil
}

// resumeStatusFacts computes the status facts from the checkpoint for
// the settings key and what was appended to the log since, when that is
// all that changed; nil when something else did (and then the whole log
// must be replayed). The checkpoint comes back updated when it is worth
// rewriting, else nil.
func resumeStatusFacts(o Options, key uint64) (*StatusFacts, *checkpoint, error) {
	o.Text = deck.KeysOnly
	lib, cp, rewrite, err := resume(o, key)
	if lib == nil || err != nil {
		return nil, nil, err
	}
	if !rewrite {
		return cp.facts(lib), nil, nil
	}
	return cp.facts(lib), cp, nil
}

// rewriteAfter is how many records appended after the checkpoint make it
// worth rewriting: reading and replaying fewer costs less than writing it.
const rewriteAfter = 1000

// resume opens the library from the checkpoint for the settings key and
// what was appended to the log since, when that is all that changed; it
// returns nil when something else did (and then the whole log must be
// replayed), else the checkpoint updated and whether to rewrite it: its
// marks moved, over rewriteAfter records or over none (lines that are not
// records). The library's Log holds only the records appended.
func resume(o Options, key uint64) (lib *Library, cp *checkpoint, rewrite bool, err error) {
	// The checkpoint and the log after it are read while the decks load.
	type readOn struct {
		cp    *checkpoint
		tail  *revlog.Log
		marks []revlog.Mark
		ok    bool
	}
	read := make(chan readOn, 1)
	go func() {
		cp := readCheckpoint(o.DataDir, key)
		if cp == nil {
			read <- readOn{}
			return
		}
		tail, marks, ok, err := revlog.ReadAfter(o.DataDir, o.Device, cp.Marks)
		read <- readOn{cp, tail, marks, ok && err == nil && cp.follows(tail)}
	}()
	o.Parts, o.Resume = DecksOnly, false
	lib, err = Open(o)
	r := <-read
	if !r.ok {
		return nil, nil, false, nil // and the whole log is replayed
	}
	if err != nil {
		return lib, nil, false, err
	}
	cp = r.cp
	states := cp.stateMap()
	if r.tail.Len() > 0 {
		rec := newRecorder(cp)
		states = srs.ReplayOnto(states, r.tail, lib.Settings.Params, rec.step)
		rec.finish(states, r.tail)
	}
	n := r.tail.Len()
	rewrite = !slices.Equal(r.marks, cp.Marks) && (n == 0 || n >= rewriteAfter)
	cp.Marks = r.marks
	lib.Log, lib.States, lib.marks = r.tail, states, r.marks
	if cp.Newest != 0 {
		lib.newest = time.UnixMilli(cp.Newest).UTC()
	}
	return lib, cp, rewrite, nil
}

// openFromCheckpoint is Open for o.Resume: the states come from the
// replay checkpoint and what was appended to the log since, or, when
// that cannot be (no checkpoint for these settings, a log changed
// otherwise than by appending, an interview plan in force, which needs
// the whole log), from replaying the whole log, which writes a new
// checkpoint.
func openFromCheckpoint(o Options) (*Library, error) {
	key, err := settingsKey(o.DataDir, o.Device, o.Settings)
	if err != nil {
		o.Resume = false
		return Open(o)
	}
	loc := o.Loc
	if loc == nil {
		loc = time.Local
	}
	iv, ivErr := ReadInterview(o.DataDir)
	planned := ivErr != nil || iv.Active(srs.DayOf(o.Now, loc, o.Settings.DayStart))
	if !planned {
		lib, cp, rewrite, err := resume(o, key)
		if err != nil || lib != nil {
			if rewrite {
				cp.Settings = key
				cp.write(o.DataDir) // a cache that cannot be written is only slower
			}
			return lib, err
		}
	}
	lib, cp, err := openRecorded(o)
	if err == nil && cp.Marks != nil {
		cp.Settings = key
		cp.write(o.DataDir)
	}
	return lib, err
}
