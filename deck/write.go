package deck

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A deck file is the author's document: rehearse changes it only by
// appending cards and by replacing the lines of the keys it updates, so
// comments, key order and layout stay as the author wrote them and a
// version-control diff shows just the change.

// cardKeyOrder is the order in which EncodeCard writes a card's keys.
var cardKeyOrder = []string{"id", "kind", "front", "back", "points", "accept", "tags", "hint", "explain", "source", "reverse"}

// EncodeCard returns the TOML text of a card, starting with its [[card]]
// line and ending with a newline. Empty fields are left out; the kind is
// written only for scenario cards.
func EncodeCard(c *Card) string {
	return encodeCard(c, false)
}

func encodeCard(c *Card, oneLine bool) string {
	var b strings.Builder
	b.WriteString("[[card]]\n")
	for _, key := range cardKeyOrder {
		if line, ok := encodeKey(c, key, oneLine); ok {
			b.WriteString(line)
		}
	}
	return b.String()
}

// encodeKey returns the "key = value\n" text of one of the card's keys,
// and false when the card leaves it empty. With oneLine, values never
// span lines (line breaks are written as \n escapes).
func encodeKey(c *Card, key string, oneLine bool) (string, bool) {
	str := func(v string) (string, bool) {
		if v == "" {
			return "", false
		}
		return key + " = " + quote(v, !oneLine) + "\n", true
	}
	list := func(vs []string, multiline bool) (string, bool) {
		if len(vs) == 0 {
			return "", false
		}
		if multiline && !oneLine && len(vs) > 1 {
			var b strings.Builder
			b.WriteString(key + " = [\n")
			for _, v := range vs {
				b.WriteString("  " + quote(v, false) + ",\n")
			}
			b.WriteString("]\n")
			return b.String(), true
		}
		items := make([]string, len(vs))
		for i, v := range vs {
			items[i] = quote(v, false)
		}
		return key + " = [" + strings.Join(items, ", ") + "]\n", true
	}
	switch key {
	case "id":
		return str(c.ID)
	case "kind":
		if c.Kind == Scenario {
			return str(string(c.Kind))
		}
		return "", false
	case "front":
		return str(c.Front)
	case "back":
		return str(c.Back)
	case "points":
		return list(c.Points, true)
	case "accept":
		return list(c.Accept, false)
	case "tags":
		return list(c.Tags, false)
	case "hint":
		return str(c.Hint)
	case "explain":
		return str(c.Explain)
	case "source":
		return str(c.Source)
	case "reverse":
		if c.Reverse {
			return "reverse = true\n", true
		}
		return "", false
	}
	panic("deck: unknown card key " + key)
}

// quote returns s as a TOML basic string. Text with line breaks becomes a
// multi-line string when multiline is set, so that it reads as written.
func quote(s string, multiline bool) string {
	var b strings.Builder
	if multiline && strings.Contains(s, "\n") {
		b.WriteString("\"\"\"\n")
		escape(&b, s, true)
		b.WriteString("\n\"\"\"")
		return b.String()
	}
	b.WriteByte('"')
	escape(&b, s, false)
	b.WriteByte('"')
	return b.String()
}

func escape(b *strings.Builder, s string, keepNewlines bool) {
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}

// UniqueID returns base, or base with the smallest suffix "-2", "-3", …
// that taken does not report as used. An empty base becomes "card".
func UniqueID(base string, taken func(id string) bool) string {
	if base == "" {
		base = "card"
	}
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		if id := base + "-" + strconv.Itoa(n); !taken(id) {
			return id
		}
	}
}

// ValidID reports whether s can be a deck or card id: letters, digits,
// '-', '_' and '.', starting with a letter or a digit.
func ValidID(s string) bool { return validID(s) }

// Patch changes a deck file's text while keeping everything it does not
// change byte for byte: cards are appended at the end, and an updated key
// replaces only the lines of its old value.
type Patch struct {
	file    string
	src     []byte
	deck    *Deck
	cards   map[string]*Card // by id
	tables  map[int]*section // [[card]] tables by line
	crlf    bool
	edits   []lineEdit
	updated map[string]bool
	tail    strings.Builder
}

// lineEdit replaces lines first..last (1-based, inclusive) with text; an
// insertion after line n has first = n+1 and last = n.
type lineEdit struct {
	first, last int
	text        string
}

// NewPatch starts a patch of the deck file src. The deck must load without
// errors, and its cards must be written as [[card]] tables.
func NewPatch(file string, src []byte) (*Patch, error) {
	d, err := Parse(file, src)
	if err != nil {
		return nil, err
	}
	ix := indexLines(string(src), true)
	if len(ix.cards()) != len(d.Cards) {
		return nil, ErrorList{{File: file, Msg: "the deck's cards are not all written as [[card]] tables",
			Hint: "write each card under its own [[card]] line so that rehearse can add and update cards"}}
	}
	nl := bytes.IndexByte(src, '\n')
	p := &Patch{
		file: file, src: src, deck: d,
		cards:   map[string]*Card{},
		tables:  map[int]*section{},
		crlf:    nl > 0 && src[nl-1] == '\r',
		updated: map[string]bool{},
	}
	for _, c := range d.Cards {
		p.cards[c.ID] = c
	}
	for _, s := range ix.cards() {
		p.tables[s.line] = s
	}
	return p, nil
}

// Append adds a card at the end of the file.
func (p *Patch) Append(c *Card) {
	p.tail.WriteString("\n")
	p.tail.WriteString(encodeCard(c, p.crlf))
}

// Update rewrites the given keys of the card with id to the values they
// have in c; a key that c leaves empty is removed. Other keys, comments and
// the layout of the card stay as they are. Each card may be updated once
// per patch.
func (p *Patch) Update(id string, c *Card, keys ...string) error {
	old := p.cards[id]
	if old == nil {
		return fmt.Errorf("deck %q has no card %q", p.deck.ID, id)
	}
	if p.updated[id] {
		return fmt.Errorf("card %q is updated twice", id)
	}
	p.updated[id] = true
	sec := p.tables[old.Line]
	if sec == nil { // cannot happen: NewPatch checked the cards' tables
		return fmt.Errorf("cannot find the [[card]] line of card %q", id)
	}
	var inserts strings.Builder
	for _, key := range keys {
		text, has := encodeKey(c, key, p.crlf)
		first, last, exists := sec.keySpan(key)
		switch {
		case exists:
			p.edits = append(p.edits, lineEdit{first: first, last: last, text: text})
		case has:
			inserts.WriteString(text)
		}
	}
	if inserts.Len() > 0 {
		p.edits = append(p.edits, lineEdit{first: sec.end + 1, last: sec.end, text: inserts.String()})
	}
	return nil
}

// Bytes returns the patched text. The original text is a prefix of it
// when the patch only appends.
func (p *Patch) Bytes() []byte {
	lines := splitLines(p.src)
	edits := append([]lineEdit(nil), p.edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].first < edits[j].first })
	var out bytes.Buffer
	next := 1 // next line of src to copy
	for _, e := range edits {
		for ; next < e.first; next++ {
			out.WriteString(lines[next-1])
		}
		// An edit after the last line of a file without a final newline.
		if e.first > len(lines) && len(lines) > 0 && !strings.HasSuffix(lines[len(lines)-1], "\n") {
			out.WriteString(p.newline())
		}
		out.WriteString(p.lineEnds(e.text))
		next = max(next, e.last+1)
	}
	for ; next <= len(lines); next++ {
		out.WriteString(lines[next-1])
	}
	if p.tail.Len() > 0 {
		b := out.Bytes()
		tail := p.tail.String() // each card starts with a blank line
		switch {
		case len(b) == 0:
			tail = tail[1:]
		case !bytes.HasSuffix(b, []byte("\n")):
			out.WriteString(p.newline()) // end the last line first
		case bytes.HasSuffix(b, []byte("\n\n")) || bytes.HasSuffix(b, []byte("\n\r\n")):
			tail = tail[1:] // there is a blank line already
		}
		out.WriteString(p.lineEnds(tail))
	}
	return out.Bytes()
}

func (p *Patch) newline() string {
	if p.crlf {
		return "\r\n"
	}
	return "\n"
}

// lineEnds gives text the file's line endings.
func (p *Patch) lineEnds(text string) string {
	if !p.crlf {
		return text
	}
	return strings.ReplaceAll(text, "\n", "\r\n")
}

// splitLines splits src after each '\n', keeping the line endings.
func splitLines(src []byte) []string {
	var lines []string
	s := string(src)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// CardKeys lists the keys a card may have, in the order EncodeCard writes
// them.
func CardKeys() []string { return append([]string(nil), cardKeyOrder...) }

// Equal reports whether two cards have the same content in the given keys
// (all keys when none are given); Line and DerivedID are not compared.
func Equal(a, b *Card, keys ...string) bool {
	if len(keys) == 0 {
		keys = cardKeyOrder
	}
	for _, k := range keys {
		x, _ := encodeKey(a, k, true)
		y, _ := encodeKey(b, k, true)
		if x != y {
			return false
		}
	}
	return true
}

// EncodeHeader returns the [deck] table of a deck file, ending with a
// newline: the deck's id, name, and its description and tags if any.
func EncodeHeader(d *Deck) string {
	var b strings.Builder
	b.WriteString("[deck]\n")
	b.WriteString("id = " + quote(d.ID, false) + "\n")
	if d.Name != "" {
		b.WriteString("name = " + quote(d.Name, false) + "\n")
	}
	if d.Description != "" {
		b.WriteString("description = " + quote(d.Description, true) + "\n")
	}
	if len(d.Tags) > 0 {
		items := make([]string, len(d.Tags))
		for i, t := range d.Tags {
			items[i] = quote(t, false)
		}
		b.WriteString("tags = [" + strings.Join(items, ", ") + "]\n")
	}
	return b.String()
}

// Template returns the text of a new deck file: its [deck] table and a
// commented example card that shows the format. It loads as a deck with
// no cards.
func Template(id, name string) []byte {
	var b strings.Builder
	b.WriteString("# A rehearse deck. Lines starting with # are comments.\n")
	b.WriteString("# Check it with `rehearse lint`; see the README for every key.\n")
	b.WriteString("[deck]\n")
	b.WriteString("id = " + quote(id, false) + "   # progress is kept by this id: keep it if you rename the file\n")
	b.WriteString("name = " + quote(name, false) + "\n")
	b.WriteString(`# description = "What the deck covers, and where its answers come from."
# tags = ["interviews"]

# Add cards with ` + "`rehearse add --deck " + id + "`" + `, or write them here.
# Remove the # signs below to turn the example into a card:
#
# [[card]]
# id = "ssh-port"                # unique in the deck: keep it when you edit the card
# front = "Which TCP port does SSH listen on by default?"
# back = "22"
# accept = ["22", "tcp/22"]      # optional: type the answer, checked leniently
# tags = ["networking"]
# source = "RFC 4253"            # optional: where the answer can be checked
`)
	return []byte(b.String())
}
