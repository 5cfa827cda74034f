package interchange

import (
	"encoding/base32"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rehearse/rehearse/deck"
)

// ankiSeparators are the separators Anki's #separator: header names, in
// the order Anki tries them when a file has no such header.
var ankiSeparators = []struct {
	name string
	sep  byte
}{{"tab", '\t'}, {"pipe", '|'}, {"semicolon", ';'}, {"colon", ':'}, {"comma", ','}, {"space", ' '}}

// ankiHeader is what the # lines at the top of an Anki file say.
type ankiHeader struct {
	sep                           byte
	html, htmlSet                 bool
	tags                          []string
	notetype, deck                string
	guidCol, deckCol, notetypeCol int // 1-based; 0 when absent
	tagsCol                       int
	tagsGiven                     bool
	lines                         int // header lines, the "tags:" line included
}

func readAnki(name, text string) (*File, error) {
	h, err := parseAnkiHeader(name, text)
	if err != nil {
		return nil, err
	}
	rr := newRecordReader(name, text, h.sep, true)
	// Skip the header lines (comments anyway, except a first "tags:" line).
	for i := 0; i < h.lines; i++ {
		end := strings.IndexByte(rr.src[rr.pos:], '\n')
		if end < 0 {
			rr.pos = len(rr.src)
			break
		}
		rr.pos += end + 1
		rr.line++
	}
	var recs []*record
	for {
		rec, err := rr.next()
		if err != nil {
			return nil, err
		}
		if rec == nil {
			break
		}
		recs = append(recs, rec)
	}
	if !h.htmlSet {
		for _, rec := range recs {
			for _, f := range rec.fields {
				if isHTML(f) {
					h.html = true
				}
			}
		}
	}
	f := &File{Format: Anki}
	seenDeck := map[string]bool{}
	for _, rec := range recs {
		n := h.note(f, name, rec)
		if n == nil {
			continue
		}
		if n.Deck != "" && !seenDeck[n.Deck] {
			seenDeck[n.Deck] = true
			f.Decks = append(f.Decks, n.Deck)
		}
		if f.checkNote(name, n) {
			f.Notes = append(f.Notes, n)
		}
	}
	if h.deck != "" && len(f.Decks) == 0 {
		f.Decks = []string{h.deck}
	}
	return f, nil
}

func parseAnkiHeader(name, text string) (*ankiHeader, error) {
	h := &ankiHeader{}
	bad := func(line int, hint, format string, args ...any) error {
		return &deck.Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint}
	}
	lineNo := 0
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		line = strings.TrimSuffix(line, "\r")
		lineNo++
		if lineNo == 1 && strings.HasPrefix(line, "tags:") {
			h.tags, h.tagsGiven = splitTags(strings.TrimPrefix(line, "tags:")), true
		} else if !strings.HasPrefix(line, "#") {
			break
		} else if key, value, ok := strings.Cut(line[1:], ":"); ok {
			key = strings.ToLower(strings.TrimSpace(key))
			column := func() (int, error) {
				n, err := strconv.Atoi(strings.TrimSpace(value))
				if err != nil || n < 1 || n > 1000 {
					return 0, bad(lineNo, "columns are numbered from 1", "#%s: %q is not a column number", key, value)
				}
				return n, nil
			}
			var err error
			switch key {
			case "separator":
				v := strings.ToLower(strings.TrimSpace(value))
				h.sep = 0
				for _, s := range ankiSeparators {
					if v == s.name || value == string(s.sep) {
						h.sep = s.sep
					}
				}
				if h.sep == 0 {
					return nil, bad(lineNo, "write #separator: and one of tab, comma, semicolon, space, pipe or colon",
						"unknown separator %q", value)
				}
			case "html":
				switch strings.ToLower(strings.TrimSpace(value)) {
				case "true":
					h.html, h.htmlSet = true, true
				case "false":
					h.html, h.htmlSet = false, true
				default:
					return nil, bad(lineNo, "write #html:true or #html:false", "#html: %q is neither true nor false", value)
				}
			case "tags":
				h.tags, h.tagsGiven = append(h.tags, splitTags(value)...), true
			case "notetype":
				h.notetype = strings.TrimSpace(value)
			case "deck":
				h.deck = strings.TrimSpace(value)
			case "guid column":
				h.guidCol, err = column()
			case "deck column":
				h.deckCol, err = column()
			case "notetype column":
				h.notetypeCol, err = column()
			case "tags column":
				h.tagsCol, err = column()
				h.tagsGiven = true
			}
			// Anki ignores other keys (columns, if matches, ...), and so do we.
			if err != nil {
				return nil, err
			}
		}
		h.lines = lineNo
		text = rest
	}
	if h.sep == 0 {
		h.sep = sniffSeparator(text)
	}
	return h, nil
}

// sniffSeparator picks the separator of a file without a #separator:
// header the way Anki does: the first of tab, pipe, semicolon, colon and
// comma found in the start of the data, else a space.
func sniffSeparator(data string) byte {
	data = data[:min(len(data), 8<<10)]
	for _, s := range ankiSeparators {
		if strings.IndexByte(data, s.sep) >= 0 {
			return s.sep
		}
	}
	return ' '
}

// note turns one row into a note, or reports why it cannot be one.
func (h *ankiHeader) note(f *File, name string, rec *record) *Note {
	n := &Note{Line: rec.line, Card: deck.Card{Kind: deck.Basic}}
	col := func(i int) string {
		if i < 1 || i > len(rec.fields) {
			return ""
		}
		return rec.fields[i-1]
	}
	var fields []string
	for i, v := range rec.fields {
		switch i + 1 {
		case h.guidCol, h.deckCol, h.notetypeCol, h.tagsCol:
			continue
		}
		fields = append(fields, v)
	}
	n.GUID = strings.TrimSpace(col(h.guidCol))
	n.Deck = strings.TrimSpace(col(h.deckCol))
	notetype := h.notetype
	if h.notetypeCol > 0 {
		notetype = strings.TrimSpace(col(h.notetypeCol))
	}
	kind := strings.ToLower(notetype)
	text := func(i int) string {
		if i >= len(fields) {
			return ""
		}
		if !h.html {
			return strings.TrimSpace(strings.ReplaceAll(fields[i], "\r\n", "\n"))
		}
		t, media := htmlToText(fields[i])
		for _, m := range media {
			f.noticef(name, rec.line, "left out %q: rehearse shows text only", m)
		}
		return t
	}
	n.Card.Front, n.Card.Back = text(0), text(1)
	n.Keys = []string{"front", "back"}
	if strings.Contains(kind, "cloze") || clozeMark.MatchString(n.Card.Front) {
		f.errorf(name, rec.line, "rehearse has no cloze cards; make it a Basic note in Anki, or leave it out with --skip-bad",
			"a cloze note cannot be imported")
		return nil
	}
	switch {
	case strings.Contains(kind, "and reversed"):
		n.Card.Reverse = true
		n.Keys = append(n.Keys, "reverse")
	case strings.Contains(kind, "optional reversed"):
		if text(2) != "" {
			n.Card.Reverse = true
			n.Keys = append(n.Keys, "reverse")
		}
		fields = fields[:min(len(fields), 2)]
	case strings.Contains(kind, "type in the answer"):
		if n.Card.Back != "" && !strings.Contains(n.Card.Back, "\n") {
			n.Card.Accept = []string{n.Card.Back}
			n.Keys = append(n.Keys, "accept")
		}
	}
	for i := 2; i < len(fields); i++ {
		if strings.TrimSpace(fields[i]) != "" {
			f.noticef(name, rec.line, "left out field %d: rehearse takes the first two fields, front and back", i+1)
			break
		}
	}
	if h.tagsGiven {
		n.Card.Tags = uniq(append(splitTags(col(h.tagsCol)), h.tags...))
		n.Keys = append(n.Keys, "tags")
	}
	if n.GUID != "" {
		n.Card.ID = IDFromGUID(n.GUID)
		if !deck.ValidID(n.Card.ID) {
			f.errorf(name, rec.line, "Anki's GUIDs are short; check the #guid column: header", "GUID %q is too long to be a card id", n.GUID)
			return nil
		}
	}
	return n
}

// clozeMark is how a cloze deletion starts: {{c1::.
var clozeMark = regexp.MustCompile(`\{\{c\d+::`)

// uniq drops repeated strings, keeping the first of each.
func uniq(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// The id of a card imported from an Anki note whose GUID rehearse did not
// write is ankiPrefix and the GUID in base 32.
const ankiPrefix = "anki-"

var guidEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// guidPrefix starts the GUID of every note rehearse exports, before the
// card's key. Anki's own GUIDs are at most ten characters (a random 64-bit
// number in base 91), so none of them is of this form.
const guidPrefix = "rehearse:"

// GUID returns the Anki GUID of the card cardID of the deck deckID: the
// GUID the card was imported with, if its id was made from one ("anki-…",
// see [IDFromGUID]), else "rehearse:" and the card's key, such as
// "rehearse:networking/ospf", which no card of another deck has.
func GUID(deckID, cardID string) string {
	if guid, ok := decodeGUID(cardID); ok {
		return guid
	}
	return guidPrefix + deck.Key(deckID, cardID)
}

// IDFromGUID returns the id of the card an Anki note becomes. A GUID that
// rehearse wrote ([GUID]) gives the card id in it, whatever its deck; any
// other GUID gives "anki-" and the GUID in lower-case base 32, so that a
// GUID such as "Oj5{+P/=,R" gives an id that works in a deck file and in
// the review log, and [GUID] gives it back for the way to Anki. (A GUID
// too long to encode that is a card id itself, which only an earlier
// version of rehearse writes, stays as it is.) [Merge] also finds the
// cards that earlier versions made from a GUID.
func IDFromGUID(guid string) string {
	if _, cardID, ok := splitGUID(guid); ok {
		return cardID
	}
	if id := encodeGUID(guid); deck.ValidID(id) || !deck.ValidID(guid) {
		return id
	}
	return guid
}

// encodeGUID returns "anki-" and the GUID in base 32.
func encodeGUID(guid string) string {
	return ankiPrefix + guidEncoding.EncodeToString([]byte(guid))
}

// splitGUID splits a GUID that [GUID] made from a card's key into the
// deck id and the card id.
func splitGUID(guid string) (deckID, cardID string, ok bool) {
	key, ok := strings.CutPrefix(guid, guidPrefix)
	if !ok {
		return "", "", false
	}
	deckID, cardID, ok = strings.Cut(key, "/")
	if !ok || !deck.ValidID(deckID) || !deck.ValidID(cardID) {
		return "", "", false
	}
	if _, encoded := decodeGUID(cardID); encoded {
		return "", "", false // such a card's GUID is the one it was imported with
	}
	return deckID, cardID, true
}

// decodeGUID decodes an id made by encodeGUID.
func decodeGUID(id string) (string, bool) {
	rest, ok := strings.CutPrefix(id, ankiPrefix)
	if !ok || rest == "" {
		return "", false
	}
	b, err := guidEncoding.DecodeString(rest)
	if err != nil || len(b) == 0 || !utf8.Valid(b) || guidEncoding.EncodeToString(b) != rest {
		return "", false
	}
	guid := string(b)
	if _, _, ok := splitGUID(guid); ok {
		return "", false // such a GUID gives the card id in it, not this id
	}
	return guid, true
}

// WriteAnki writes the deck as Anki's "Notes in Plain Text": tab-separated
// with HTML fields, each note's GUID ("rehearse:DECK-ID/CARD-ID", or the
// GUID the card was imported with; see [GUID]), the deck's name as its
// Anki deck, the front and the back as the two fields of a Basic note, and
// the card's own tags. A scenario card's points become a list on the back.
// Anki's File > Import reads it without questions; importing it again
// updates the notes instead of adding them, and cards of two decks never
// become one note, whatever their ids.
func WriteAnki(w io.Writer, d *deck.Deck) error {
	var b strings.Builder
	b.WriteString("#separator:tab\n#html:true\n#notetype:Basic\n#guid column:1\n#deck column:2\n#tags column:5\n")
	for _, c := range d.Cards {
		back := textToHTML(c.Back)
		if c.Kind == deck.Scenario {
			var list strings.Builder
			list.WriteString("<ul>")
			for _, p := range c.Points {
				list.WriteString("<li>" + textToHTML(p) + "</li>")
			}
			list.WriteString("</ul>")
			back = list.String()
		}
		row := []string{GUID(d.ID, c.ID), d.Name, textToHTML(c.Front), back, strings.Join(c.Tags, " ")}
		for i, field := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(quoteField(field, '\t'))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// quoteField quotes a field that holds the separator, a quote, a line
// break, or starts with '#' (which Anki would read as a comment).
func quoteField(s string, sep byte) string {
	if !strings.ContainsAny(s, "\"\r\n"+string(sep)) && !strings.HasPrefix(s, "#") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
