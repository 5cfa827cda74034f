package revlog

import (
	"sort"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// entry is one record held compactly: a million of them fit in about
// 50 MB. Log.At expands an entry into an srs.Record.
type entry struct {
	ms       int64  // time, Unix milliseconds
	card     uint32 // index into Log.cards
	missed   uint32 // index into Log.missed; 0 when none
	day      srs.Day
	due      srs.Day
	millis   int32
	reps     int32
	interval int32
	ease     int32
	line     int32
	file     uint16 // index into Log.files
	event    srs.Event
	grade    int8
	model    srs.Model
}

// Log is everything read from a data folder's log files: the records of
// every device in time order, and warnings about what was skipped. It is
// an srs.History.
type Log struct {
	entries []entry
	cards   []string
	files   []string
	missed  [][]int
	undoes  map[uint64]int64 // the time (Unix ms) an undo names, or a mock answer's mock began, by file<<32 | line: both are rare
	// Warnings about what was skipped: torn last lines from a crash
	// mid-write, and damaged lines of other devices' files (see [ReadFor]).
	Warnings []*Error
}

// Len returns the number of records.
func (l *Log) Len() int { return len(l.entries) }

// At returns the i-th record in time order.
func (l *Log) At(i int) srs.Record {
	e := &l.entries[i]
	r := srs.Record{
		Time:     time.UnixMilli(e.ms).UTC(),
		Day:      e.day,
		Event:    e.event,
		Card:     l.cards[e.card],
		Grade:    srs.Grade(e.grade),
		Millis:   int(e.millis),
		Schedule: srs.Schedule{Repetitions: int(e.reps), Interval: int(e.interval), Ease: srs.Ease(e.ease)},
		Due:      e.due,
		Model:    e.model,
		File:     l.files[e.file],
		Line:     int(e.line),
	}
	if e.missed != 0 {
		r.Missed = l.missed[e.missed]
	}
	if e.event == srs.Undo || e.event == srs.Mock {
		if ms, ok := l.undoes[undoKey(e.file, e.line)]; ok && e.event == srs.Undo {
			r.Undoes = time.UnixMilli(ms).UTC()
		} else if ok {
			r.Mock = time.UnixMilli(ms).UTC()
		}
	}
	return r
}

func undoKey(file uint16, line int32) uint64 { return uint64(file)<<32 | uint64(uint32(line)) }

// NumCards returns the number of different cards in the log.
func (l *Log) NumCards() int { return len(l.cards) }

// CardIndex returns the number of the i-th record's card, below NumCards.
func (l *Log) CardIndex(i int) int { return int(l.entries[i].card) }

// Card returns the card of the i-th record without expanding it.
func (l *Log) Card(i int) string { return l.cards[l.entries[i].card] }

// Records returns every record expanded, for small logs and tests.
func (l *Log) Records() []srs.Record {
	out := make([]srs.Record, l.Len())
	for i := range out {
		out[i] = l.At(i)
	}
	return out
}

// add packs a parsed record.
func (l *Log) add(r *srs.Record, card uint32, file uint16) {
	e := entry{
		ms: r.Time.UnixMilli(), card: card, day: r.Day, due: r.Due, millis: int32(r.Millis),
		reps: int32(r.Repetitions), interval: int32(r.Interval), ease: int32(r.Ease),
		line: int32(r.Line), file: file, event: r.Event, grade: int8(r.Grade), model: r.Model,
	}
	if len(r.Missed) > 0 {
		if len(l.missed) == 0 {
			l.missed = append(l.missed, nil) // index 0 means none
		}
		e.missed = uint32(len(l.missed))
		l.missed = append(l.missed, r.Missed)
	}
	ref := r.Undoes
	if r.Event == srs.Mock {
		ref = r.Mock
	}
	if (r.Event == srs.Undo || r.Event == srs.Mock) && !ref.IsZero() {
		if l.undoes == nil {
			l.undoes = map[uint64]int64{}
		}
		l.undoes[undoKey(file, e.line)] = ref.UnixMilli()
	}
	l.entries = append(l.entries, e)
}

// mergeRuns puts the entries, made of runs (one per file, each in the
// order read), in time order: each run is sorted (keeping equal times in
// file order), then the runs are merged with earlier files first on equal
// times, and records repeated across files (a sync tool's conflict copy)
// are dropped.
func (l *Log) mergeRuns(bounds []int) {
	es := l.entries
	for i := 0; i+1 < len(bounds); i++ {
		run := es[bounds[i]:bounds[i+1]]
		if !sort.SliceIsSorted(run, func(a, b int) bool { return run[a].ms < run[b].ms }) {
			sort.SliceStable(run, func(a, b int) bool { return run[a].ms < run[b].ms })
		}
	}
	if len(bounds) <= 2 {
		return
	}
	// Merge the runs into a gather order (kept entries first, repeated
	// ones after), then move the entries into that order in place: no
	// second copy of a large log is ever held.
	order := make([]int32, 0, len(es))
	var dropped []int32
	pos := append([]int(nil), bounds[:len(bounds)-1]...)
	for {
		best := -1
		for i := range pos {
			if pos[i] < bounds[i+1] && (best < 0 || es[pos[i]].ms < es[pos[best]].ms) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		k := pos[best]
		pos[best]++
		if repeated(es, order, k) {
			dropped = append(dropped, int32(k))
			continue
		}
		order = append(order, int32(k))
	}
	kept := len(order)
	gather(es, append(order, dropped...))
	l.entries = es[:kept]
}

// gather rearranges es in place so that the new es[i] is the old
// es[p[i]]; p must be a permutation of the indexes of es. It is
// clobbered.
func gather(es []entry, p []int32) {
	for i := range p {
		k := p[i]
		for int(k) < i {
			k = p[k]
		}
		es[i], es[k] = es[k], es[i]
		p[i] = k
	}
}

// repeated reports whether es[k] repeats a record of another file that
// the merge has already kept at the same moment.
func repeated(es []entry, order []int32, k int) bool {
	e := &es[k]
	for i := len(order) - 1; i >= 0 && es[order[i]].ms == e.ms; i-- {
		m := &es[order[i]]
		if m.file != e.file && m.card == e.card && m.event == e.event && m.grade == e.grade && m.millis == e.millis {
			return true
		}
	}
	return false
}
