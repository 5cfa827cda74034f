// Package revlog keeps the review log on disk: the only place where
// rehearse writes a learner's progress.
//
// # Layout
//
// The log lives in the data folder as one file per device,
// log/DEVICE.tsv, so that a folder synced by git, Syncthing or Dropbox
// never has two writers on one file. Reading merges every device's file in
// time order.
//
// # Format
//
// Each file is tab-separated text: a header row naming the columns, then
// one record per line, appended and never rewritten:
//
//	time	event	card	grade	ms	day	reps	interval	ease	due	missed	undoes
//	2026-11-25T07:12:32.123Z	answer	networking-layers/osi-l3-router	4	5300	2026-11-25	1	1	2.50	2026-11-26
//	2026-11-25T07:12:40.456Z	undo	networking-layers/osi-l3-router		2026-11-25						2026-11-25T07:12:32.123Z
//
// time is UTC (RFC 3339 with milliseconds); event is answer, drill, undo,
// bury, suspend, unsuspend, reset, reschedule, cram or mock; card is DECK/CARD; day is the
// learner's day of the event (days start at 4 AM local time by default);
// grade (0-5), ms (time to answer), reps, interval (days), ease (the SM-2
// E-Factor) and due (the next due day) are filled for answer and drill and
// empty otherwise (due may differ from day + interval by up to 5% when
// load balancing moved it, and replays keep it); missed lists the key points of a scenario card that the
// answer did not cover, as numbers separated by spaces; undoes, for an
// undo, is the time of the record of the same card that it takes back (an
// undo in a file without that column takes back the card's latest record
// in force), and for a mock answer the time its mock interview began. Cram
// and mock answers carry grade, ms and missed, and no schedule. A device whose answers FSRS schedules adds a last column,
// model (sm2 or fsrs, for answers and reschedules; empty means sm2): the
// due day of an FSRS answer is kept as written, and a reschedule record
// gives an answered card a new due day, with its model, and no grade.
// Readers find columns by their header names, so columns may be
// added at the end later. A writer appends in the layout of its file's own
// header; when that header lacks a column rehearse writes, the device goes
// on in a new file of its own, DEVICE+2.tsv (then +3, ...), with today's
// header, and the old file is never written again.
//
// # Durability
//
// [Writer.Append] writes one whole line with one write call and fsyncs it
// before returning. A crash mid-write can leave a torn last line: readers
// report it and skip it, and the next [Open] of that device's file cuts it
// off. A damaged line anywhere else is an error naming the file and line;
// nothing is ever rewritten to "fix" it. A lock in the data folder keeps two
// sessions on one device from writing at once.
package revlog

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// columnNames are the log's column names, in order.
var columnNames = [...]string{"time", "event", "card", "grade", "ms", "day", "reps", "interval", "ease", "due", "missed", "undoes", "model"}

// columns are the names a header may hold, in order.
var columns = columnNames[:]

// Header is the first line of a log file: the column names. A device
// whose answers are all SM-2's writes no model column.
var Header = strings.Join(columns[:colModel], "\t")

// ModelHeader is the first line of a log file that names the model that
// scheduled each answer: Header and the model column.
var ModelHeader = strings.Join(columns, "\t")

// defaultLayout and modelLayout are the layouts of Header and ModelHeader.
var defaultLayout, modelLayout = mustLayout(Header), mustLayout(ModelHeader)

func mustLayout(header string) layout {
	l, err := parseHeader([]byte(header))
	if err != nil {
		panic(err)
	}
	return l
}

// timeLayout is how times are written: UTC with milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// Format returns the log line of a record in the layout of Header,
// without the newline.
func Format(r srs.Record) string { return formatIn(r, defaultLayout) }

// fields returns the record's value for each of columns.
func fields(r srs.Record) [len(columnNames)]string {
	var f [len(columnNames)]string
	f[colTime] = r.Time.UTC().Format(timeLayout)
	f[colEvent] = r.Event.String()
	f[colCard] = r.Card
	f[colDay] = r.Day.String()
	if r.Event.Graded() {
		f[colGrade] = strconv.Itoa(int(r.Grade))
		f[colMillis] = strconv.Itoa(r.Millis)
		f[colReps] = strconv.Itoa(r.Repetitions)
		f[colInterval] = strconv.Itoa(r.Interval)
		f[colEase] = r.Ease.String()
		f[colDue] = r.Due.String()
		f[colModel] = r.Model.String()
		f[colMissed] = missedText(r.Missed)
	}
	if r.Event == srs.Undo && !r.Undoes.IsZero() {
		f[colUndoes] = r.Undoes.UTC().Format(timeLayout)
	}
	if r.Event == srs.Reschedule {
		f[colDue] = r.Due.String()
		f[colModel] = r.Model.String()
	}
	if r.Event == srs.Cram || r.Event == srs.Mock {
		f[colGrade] = strconv.Itoa(int(r.Grade))
		f[colMillis] = strconv.Itoa(r.Millis)
		f[colMissed] = missedText(r.Missed)
	}
	if r.Event == srs.Mock {
		f[colUndoes] = r.Mock.UTC().Format(timeLayout)
	}
	return f
}

// missedText writes the key points missed, space-separated.
func missedText(missed []int) string {
	nums := make([]string, len(missed))
	for i, n := range missed {
		nums[i] = strconv.Itoa(n)
	}
	return strings.Join(nums, " ")
}

// formatIn writes the record in a file's own column layout: columns the
// file does not have are left out, columns rehearse does not know are empty.
func formatIn(r srs.Record, l layout) string {
	f := fields(r)
	out := make([]string, l.width)
	for col, pos := range l.idx {
		if pos >= 0 {
			out[pos] = f[col]
		}
	}
	return strings.Join(out, "\t")
}

// layout maps the columns of one file to their positions.
type layout struct {
	idx   [len(columnNames)]int // position of each of columns, -1 when absent
	width int                   // number of columns in the header
}

// complete reports whether the layout has every column this version
// writes, the model column only when withModel.
func (l layout) complete(withModel bool) bool {
	for col, pos := range l.idx {
		if pos < 0 && (col != colModel || withModel) {
			return false
		}
	}
	return true
}

// bom is the UTF-8 byte-order mark that Excel and Notepad put at the start
// of a file they save: it is read as if it were not there.
var bom = []byte("\xef\xbb\xbf")

func parseHeader(line []byte) (layout, error) {
	line = bytes.TrimPrefix(line, bom)
	var l layout
	for i := range l.idx {
		l.idx[i] = -1
	}
	names := strings.Split(string(line), "\t")
	l.width = len(names)
	for pos, name := range names {
		for i, want := range columns {
			if name == want {
				l.idx[i] = pos
			}
		}
	}
	for _, required := range []int{colTime, colEvent, colCard, colDay} {
		if l.idx[required] < 0 {
			return l, fmt.Errorf("the header has no %q column", columns[required])
		}
	}
	return l, nil
}

const (
	colTime = iota
	colEvent
	colCard
	colGrade
	colMillis
	colDay
	colReps
	colInterval
	colEase
	colDue
	colMissed
	colUndoes
	colModel
)

// parser turns lines into records, sharing one copy of each card id.
type parser struct {
	layout    layout
	log       *Log
	cardIndex map[string]uint32 // index of each card in log.cards
	card      uint32            // the card of the record parsed last
	fields    [][]byte
}

// intern returns the card's string, shared by every record of the card,
// and sets p.card to its index.
func (p *parser) intern(b []byte) string {
	if i, ok := p.cardIndex[string(b)]; ok {
		p.card = i
		return p.log.cards[i]
	}
	s := string(b)
	p.card = uint32(len(p.log.cards))
	p.cardIndex[s] = p.card
	p.log.cards = append(p.log.cards, s)
	return s
}

func (p *parser) field(col int) []byte {
	i := p.layout.idx[col]
	if i < 0 || i >= len(p.fields) {
		return nil
	}
	return p.fields[i]
}

// parse reads one record line (without its newline).
func (p *parser) parse(line []byte) (srs.Record, error) {
	var r srs.Record
	p.fields = p.fields[:0]
	for {
		i := bytes.IndexByte(line, '\t')
		if i < 0 {
			p.fields = append(p.fields, line)
			break
		}
		p.fields = append(p.fields, line[:i])
		line = line[i+1:]
	}
	if len(p.fields) != p.layout.width {
		return r, fmt.Errorf("has %d fields, the header has %d", len(p.fields), p.layout.width)
	}
	t, ok := parseTime(p.field(colTime))
	if !ok {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, string(p.field(colTime))); err != nil {
			return r, fmt.Errorf("time %q is not an RFC 3339 time", p.field(colTime))
		}
	}
	r.Time = t
	var err error
	if r.Event, err = parseEvent(p.field(colEvent)); err != nil {
		return r, err
	}
	card := p.field(colCard)
	if len(card) == 0 || bytes.IndexByte(card, '/') <= 0 || bytes.ContainsAny(card, " \r\x00") {
		return r, fmt.Errorf("card %q is not written as DECK/CARD", card)
	}
	r.Card = p.intern(card)
	if r.Day, err = parseDay(p.field(colDay)); err != nil {
		return r, err
	}
	if r.Event == srs.Undo && len(p.field(colUndoes)) > 0 {
		if r.Undoes, err = p.timeField(colUndoes, "undoes"); err != nil {
			return r, err
		}
	}
	if r.Event == srs.Reschedule {
		if r.Model, err = parseModel(p.field(colModel)); err != nil {
			return r, err
		}
		if r.Due, err = parseDay(p.field(colDue)); err != nil {
			return r, fmt.Errorf("a reschedule needs its due day: %v", err)
		}
		return r, nil
	}
	if r.Event == srs.Cram {
		return r, p.gradeAndPoints(&r)
	}
	if r.Event == srs.Mock {
		t, err := p.timeField(colUndoes, "the time its mock began")
		if err != nil {
			return r, err
		}
		r.Mock = t
		return r, p.gradeAndPoints(&r)
	}
	if !r.Event.Graded() {
		return r, nil
	}
	if r.Model, err = parseModel(p.field(colModel)); err != nil {
		return r, err
	}
	if err := p.gradeAndPoints(&r); err != nil {
		return r, err
	}
	if r.Repetitions, err = atoi(p.field(colReps), "reps"); err != nil {
		return r, err
	}
	if r.Interval, err = atoi(p.field(colInterval), "interval"); err != nil {
		return r, err
	}
	if ease := p.field(colEase); len(ease) > 0 {
		if e, ok := parseEase(ease); ok {
			r.Ease = e
		} else if r.Ease, err = srs.ParseEase(string(ease)); err != nil {
			return r, err
		}
	}
	if due := p.field(colDue); len(due) > 0 {
		if r.Due, err = parseDay(due); err != nil {
			return r, err
		}
	}
	return r, nil
}

// timeField reads a column that holds a time (what names it in errors).
func (p *parser) timeField(col int, what string) (time.Time, error) {
	u := p.field(col)
	t, ok := parseTime(u)
	if !ok {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, string(u)); err != nil {
			return t, fmt.Errorf("%s %q is not an RFC 3339 time", what, u)
		}
	}
	return t, nil
}

// gradeAndPoints reads what every graded record has: the grade, the time
// taken and the key points missed.
func (p *parser) gradeAndPoints(r *srs.Record) error {
	var err error
	if g := p.field(colGrade); len(g) == 1 && g[0] >= '0' && g[0] <= '5' {
		r.Grade = srs.Grade(g[0] - '0')
	} else if r.Grade, err = srs.ParseGrade(string(g)); err != nil {
		return err
	}
	if r.Millis, err = atoi(p.field(colMillis), "ms"); err != nil {
		return err
	}
	if missed := p.field(colMissed); len(missed) > 0 {
		for _, f := range strings.Fields(string(missed)) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				return fmt.Errorf("missed %q is not a list of point numbers", missed)
			}
			r.Missed = append(r.Missed, n)
		}
	}
	return nil
}

// parseModel reads the model column: empty (a file written before it, or
// by a device using SM-2 only) is SM-2.
func parseModel(b []byte) (srs.Model, error) {
	switch string(b) {
	case "", "sm2":
		return srs.ModelSM2, nil
	case "fsrs":
		return srs.ModelFSRS, nil
	}
	return 0, fmt.Errorf("model %q is not sm2 or fsrs", b)
}

// atoi reads an optional non-negative whole number; empty is 0. The log
// keeps these columns in 32 bits, so a larger number is damage.
func atoi(b []byte, name string) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if n, ok := digits(b); ok && len(b) <= 9 {
		return n, nil
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s %q is not a whole number", name, b)
	}
	if n > math.MaxInt32 {
		return 0, fmt.Errorf("%s %q is larger than %d", name, b, math.MaxInt32)
	}
	return n, nil
}

// digits reads a run of ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

// parseEase reads an E-Factor written as rehearse writes it, "2.50".
func parseEase(b []byte) (srs.Ease, bool) {
	n := len(b)
	if n < 4 || b[n-3] != '.' {
		return 0, false
	}
	whole, ok1 := digits(b[:n-3])
	frac, ok2 := digits(b[n-2:])
	return srs.Ease(whole*100 + frac), ok1 && ok2 && n <= 9
}

// parseTime reads the one layout rehearse writes,
// 2006-01-02T15:04:05.000Z, without the general parser.
func parseTime(b []byte) (time.Time, bool) {
	if len(b) != 24 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[19] != '.' || b[23] != 'Z' {
		return time.Time{}, false
	}
	hh, ok1 := digits(b[11:13])
	mm, ok2 := digits(b[14:16])
	ss, ok3 := digits(b[17:19])
	ms, ok4 := digits(b[20:23])
	if !ok1 || !ok2 || !ok3 || !ok4 || hh > 23 || mm > 59 || ss > 59 {
		return time.Time{}, false
	}
	d, err := parseDay(b[:10])
	if err != nil {
		return time.Time{}, false
	}
	sec := int64(d)*86400 + int64(hh*3600+mm*60+ss)
	return time.UnixMilli(sec*1000 + int64(ms)).UTC(), true
}

// parseDay reads a YYYY-MM-DD date.
func parseDay(b []byte) (srs.Day, error) {
	if len(b) == 10 && b[4] == '-' && b[7] == '-' {
		y, ok1 := digits(b[0:4])
		m, ok2 := digits(b[5:7])
		d, ok3 := digits(b[8:10])
		if ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			day := srs.DateDay(y, time.Month(m), d)
			if day.Time().Day() == d { // not normalised: a real date
				return day, nil
			}
		}
	}
	return srs.ParseDay(string(b))
}

var eventsByName = func() map[string]srs.Event {
	m := map[string]srs.Event{}
	for e := srs.Answer; e <= srs.Reset; e++ {
		m[e.String()] = e
	}
	return m
}()

func parseEvent(b []byte) (srs.Event, error) {
	if e, ok := eventsByName[string(b)]; ok {
		return e, nil
	}
	return srs.ParseEvent(string(b))
}
