package deck

import (
	"encoding/binary"
	"errors"
)

// The binary form of a loaded deck file: what [Parse] made of it, in a
// length-prefixed layout that decodes many times faster than the TOML it
// came from. It is for caches only: [DecodeBinary] reads what
// [AppendBinary] wrote with the same binaryVersion, and nothing else.
//
// Layout: the version byte, then the deck (id, name, description, tags,
// derived-id flag), its warnings (line, message, hint), its cards and its
// stories, each list a count followed by its items. Strings and lists are
// prefixed with their length as a uvarint; flags are one byte.
const binaryVersion = 1

// ErrBinary is the error of a binary deck that does not decode: damaged,
// cut short, or written by another version.
var ErrBinary = errors.New("not a binary deck of this version")

// AppendBinary appends the binary form of d (as Parse returned it: its
// File, Path, Origin and stories' File are not kept) to b. It reports
// false when d cannot be kept in that form: a warning that wraps an
// error, which the form does not hold.
func AppendBinary(b []byte, d *Deck) ([]byte, bool) {
	for _, w := range d.Warnings {
		if w.Err != nil {
			return b, false
		}
	}
	e := encoder{b: append(b, binaryVersion)}
	e.str(d.ID)
	e.str(d.Name)
	e.str(d.Description)
	e.strs(d.Tags)
	e.flag(d.DerivedID)
	e.num(len(d.Warnings))
	for _, w := range d.Warnings {
		e.num(w.Line)
		e.str(w.Msg)
		e.str(w.Hint)
	}
	e.num(len(d.Cards))
	for _, c := range d.Cards {
		e.str(c.ID)
		e.str(c.Front)
		e.str(c.Back)
		e.strs(c.Tags)
		e.str(c.Hint)
		e.str(c.Explain)
		e.str(c.Source)
		e.flag(c.Reverse)
		e.str(string(c.Kind))
		e.strs(c.Points)
		e.strs(c.Accept)
		e.strs(c.Competencies)
		e.num(c.Line)
		e.flag(c.DerivedID)
	}
	e.num(len(d.Stories))
	for _, s := range d.Stories {
		e.str(s.ID)
		e.str(s.Title)
		e.str(s.Situation)
		e.str(s.Task)
		e.str(s.Action)
		e.str(s.Result)
		e.strs(s.Competencies)
		e.strs(s.Metrics)
		e.num(s.Line)
	}
	return e.b, true
}

type encoder struct{ b []byte }

func (e *encoder) num(n int) { e.b = binary.AppendUvarint(e.b, uint64(n)) }

func (e *encoder) str(s string) {
	e.num(len(s))
	e.b = append(e.b, s...)
}

func (e *encoder) strs(ss []string) {
	e.num(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) flag(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// Text says how much of a deck [DecodeBinary] keeps.
type Text int

// What a decoded deck holds.
const (
	// AllText keeps everything the deck file says.
	AllText Text = iota
	// KeysOnly keeps what identifies and selects cards (the deck's id,
	// name and tags; each card's id, tags, kind, reverse flag, competencies
	// and line) and the warnings, and leaves every other text empty (a
	// list of texts, such as a scenario card's points, keeps its length):
	// for commands that count and schedule cards without showing them.
	KeysOnly
)

// Keep returns d holding only what text keeps, as [DecodeBinary] would
// decode it: d itself for AllText, else a copy that shares no memory with
// the file's text, so that the text can be freed.
func (d *Deck) Keep(text Text) *Deck {
	if text == AllText {
		return d
	}
	if b, ok := AppendBinary(nil, d); ok {
		if kept, err := DecodeBinary(b, text); err == nil {
			return kept
		}
	}
	return d
}

// DecodeBinary decodes what AppendBinary wrote. Never panics: anything
// else is ErrBinary. With AllText, the deck's strings share one copy of b.
func DecodeBinary(b []byte, text Text) (d *Deck, err error) {
	if len(b) == 0 || b[0] != binaryVersion {
		return nil, ErrBinary
	}
	r := decoder{b: b, i: 1, keep: text == AllText}
	if r.keep {
		r.s = string(b)
	}
	d = &Deck{}
	d.ID = r.key()
	d.Name = r.key()
	d.Description = r.text()
	d.Tags = r.keys()
	d.DerivedID = r.flag()
	if n := r.count(3); n > 0 {
		d.Warnings = make([]*Error, n)
		for i := range d.Warnings {
			d.Warnings[i] = &Error{Line: r.num(), Msg: r.key(), Hint: r.key()}
		}
	}
	if n := r.count(15); n > 0 {
		cards := make([]Card, n)
		d.Cards = make([]*Card, n)
		for i := range cards {
			c := &cards[i]
			c.ID = r.key()
			c.Front = r.text()
			c.Back = r.text()
			c.Tags = r.keys()
			c.Hint = r.text()
			c.Explain = r.text()
			c.Source = r.text()
			c.Reverse = r.flag()
			c.Kind = Kind(r.key())
			c.Points = r.texts()
			c.Accept = r.texts()
			c.Competencies = r.keys()
			c.Line = r.num()
			c.DerivedID = r.flag()
			d.Cards[i] = c
		}
	}
	if n := r.count(9); n > 0 {
		d.Stories = make([]*Story, n)
		for i := range d.Stories {
			d.Stories[i] = &Story{ID: r.key(), Title: r.text(), Situation: r.text(), Task: r.text(),
				Action: r.text(), Result: r.text(), Competencies: r.keys(), Metrics: r.texts(), Line: r.num()}
		}
	}
	if r.bad || r.i != len(r.b) {
		return nil, ErrBinary
	}
	return d, nil
}

// decoder reads the binary form; a fault sets bad, after which every read
// returns zero values. Kept strings are cut out of s, one copy of b, when
// every text is kept, and copied out of b one by one when only keys are.
type decoder struct {
	b    []byte
	s    string
	i    int
	keep bool // keep every text, not only keys
	bad  bool
	// seen holds the list items (tags, competencies) copied out of b, so
	// that the many cards with the same tag share one string.
	seen map[string]string
}

func (r *decoder) num() int {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 || v > uint64(len(r.b)) {
		r.bad = true
		return 0
	}
	r.i += n
	return int(v)
}

// count reads a list's length, each item taking at least min bytes.
func (r *decoder) count(min int) int {
	n := r.num()
	if n*min > len(r.b)-r.i {
		r.bad = true
		return 0
	}
	return n
}

// span reads a string's length and returns where it is in b.
func (r *decoder) span() (int, int) {
	n := r.num()
	if r.bad || n > len(r.b)-r.i {
		r.bad = true
		return 0, 0
	}
	r.i += n
	return r.i - n, r.i
}

// key reads a string every decoded deck keeps.
func (r *decoder) key() string {
	i, j := r.span()
	if r.keep {
		return r.s[i:j]
	}
	return string(r.b[i:j])
}

// text reads a string only AllText keeps.
func (r *decoder) text() string {
	i, j := r.span()
	if r.keep {
		return r.s[i:j]
	}
	return ""
}

func (r *decoder) list(read func() string) []string {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = read()
	}
	return out
}

func (r *decoder) keys() []string {
	if r.keep {
		return r.list(r.key)
	}
	return r.list(func() string {
		i, j := r.span()
		if s, ok := r.seen[string(r.b[i:j])]; ok {
			return s
		}
		if r.seen == nil {
			r.seen = map[string]string{}
		}
		s := string(r.b[i:j])
		r.seen[s] = s
		return s
	})
}

// texts reads a list of strings that only AllText keeps; without it the
// list keeps its length.
func (r *decoder) texts() []string { return r.list(r.text) }

func (r *decoder) flag() bool {
	if r.bad || r.i >= len(r.b) || r.b[r.i] > 1 {
		r.bad = true
		return false
	}
	r.i++
	return r.b[r.i-1] == 1
}
