// Package interchange moves cards between rehearse decks and other
// programs: Anki's "Notes in Plain Text" export, CSV and TSV files with a
// header row, and JSON.
//
// # Import
//
// [Read] turns a file into [Note]s, each with the line its row starts on.
// A row that cannot become a card is an error naming its line; a file that
// cannot be read at all (not text, a quoted field that never ends, a bad
// header) is a single error. [Merge] then matches the notes with the cards
// of a deck and says, note by note, what an import would add, update or
// skip, and why.
//
// # Anki
//
// Anki's plain-text notes start with header lines such as
//
//	#separator:tab
//	#html:true
//	#guid column:1
//	#deck column:2
//	#tags column:5
//
// The other columns are the note's fields, in order: the first is the
// front, the second the back. With #html:true the fields are HTML, turned
// into text (line breaks kept, images and sounds left out and reported).
// A note's GUID gives its card id ([IDFromGUID]), so importing a newer
// export of the same notes updates the cards instead of adding them again.
// [WriteAnki] gives a card imported from Anki its GUID back, and every
// other card the GUID "rehearse:DECK-ID/CARD-ID" ([GUID]), which no card
// of another deck has.
//
// # CSV and TSV
//
// The first row names the columns, in any order: front (required), back,
// tags, id, hint, explain, source, kind, points, accept and reverse, as in
// a deck file. Tags are separated by spaces or commas; points and accept
// have one item per line of the cell.
package interchange

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rehearse/rehearse/deck"
)

// Format is a file format for import and export.
type Format string

// The formats.
const (
	Anki Format = "anki" // Anki's "Notes in Plain Text"
	CSV  Format = "csv"  // comma-separated, with a header row
	TSV  Format = "tsv"  // tab-separated, with a header row
	JSON Format = "json" // export only
)

// Note is one card read from an import file.
type Note struct {
	// Line is the line of the file on which the note's row starts.
	Line int
	// Card holds what the file says; its ID is empty when the file has no
	// id for it. Card.Line is 0.
	Card deck.Card
	// Keys are the card keys the file gives a value for (an empty value
	// included), such as front, back and tags.
	Keys []string
	// GUID is the Anki note's GUID, if the file has one.
	GUID string
	// Deck is the note's Anki deck, if the file has a deck column.
	Deck string
}

// File is what [Read] found in an import file.
type File struct {
	Format Format
	Notes  []*Note
	// Errors are the rows that cannot be imported, each with its line.
	Errors []*deck.Error
	// Notices are things left out of notes that were read, such as images.
	Notices []*deck.Error
	// Decks are the Anki decks the notes come from, in order of appearance.
	Decks []string
}

// DetectFormat guesses a file's format from its first bytes and its name:
// Anki's header lines, else the extension (.csv, .tsv or .tab; .txt is
// Anki's plain-text export).
func DetectFormat(name string, data []byte) (Format, error) {
	text := strings.TrimPrefix(string(data[:min(len(data), 4096)]), "\ufeff")
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimRight(first, "\r")
	if strings.HasPrefix(first, "tags:") || (strings.HasPrefix(first, "#") && strings.Contains(first, ":")) {
		return Anki, nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return CSV, nil
	case ".tsv", ".tab":
		return TSV, nil
	case ".txt":
		return Anki, nil
	}
	return "", fmt.Errorf("cannot tell the format of %s from its name or its first line", filepath.Base(name))
}

// Read reads an import file of the given format. The error, if any, is a
// *deck.Error that names the line where reading stopped; problems with
// single rows are in File.Errors instead.
func Read(name string, data []byte, format Format) (*File, error) {
	text, err := decodeText(name, data)
	if err != nil {
		return nil, err
	}
	switch format {
	case Anki:
		return readAnki(name, text)
	case CSV:
		return readTable(name, text, ',', CSV)
	case TSV:
		return readTable(name, text, '\t', TSV)
	}
	return nil, &deck.Error{File: name, Msg: fmt.Sprintf("cannot import the %s format", format),
		Hint: "import Anki's plain-text notes (anki), csv or tsv"}
}

func (f *File) errorf(name string, line int, hint, format string, args ...any) {
	f.Errors = append(f.Errors, &deck.Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (f *File) noticef(name string, line int, format string, args ...any) {
	f.Notices = append(f.Notices, &deck.Error{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// checkNote reports what stops a note from being a card, whatever deck it
// goes to: a bad id, or a card the deck format rejects.
func (f *File) checkNote(name string, n *Note) bool {
	c := &n.Card
	if c.ID != "" && !deck.ValidID(c.ID) {
		f.errorf(name, n.Line, fmt.Sprintf("ids use letters, digits, '-', '_' and '.'; for example %q", deck.Slug(c.ID)),
			"id %q is not a valid card id", c.ID)
		return false
	}
	if c.Front == "" {
		f.errorf(name, n.Line, "every card needs a question; fill in the front or remove the row", "the front is empty")
		return false
	}
	return true
}

// splitTags splits a cell of tags at spaces and commas.
func splitTags(s string) []string {
	tags := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(tags) == 0 {
		return nil
	}
	return tags
}

// splitLines splits a cell of items at line breaks, trimming each item and
// leaving out empty ones.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
