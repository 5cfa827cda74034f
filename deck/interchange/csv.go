package interchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rehearse/rehearse/deck"
)

// readTable reads a CSV or TSV file whose first row names the columns.
func readTable(name, text string, sep byte, format Format) (*File, error) {
	if sep == ',' {
		// Spreadsheets in much of Europe write semicolons: trust the header.
		first, _, _ := strings.Cut(text, "\n")
		if strings.Contains(first, ";") && !strings.Contains(first, ",") {
			sep = ';'
		}
	}
	rr := newRecordReader(name, text, sep, false)
	header, err := rr.next()
	if err != nil {
		return nil, err
	}
	if header == nil {
		return nil, &deck.Error{File: name, Line: 1, Msg: "the file is empty",
			Hint: "the first row names the columns, for example: front,back,tags"}
	}
	keys := deck.CardKeys()
	cols := make([]string, len(header.fields)) // card key of each column, "" to ignore
	at := map[string]int{}
	for i, h := range header.fields {
		k := strings.ToLower(strings.TrimSpace(h))
		if k == "" {
			continue
		}
		if !slices.Contains(keys, k) {
			hint := "the columns are " + strings.Join(keys, ", ")
			if c := deck.Closest(k, keys); c != "" {
				hint = fmt.Sprintf("did you mean %q?", c)
			} else if c := columnAliases[k]; c != "" {
				hint = fmt.Sprintf("name it %q", c)
			}
			return nil, &deck.Error{File: name, Line: header.line, Msg: fmt.Sprintf("unknown column %q", strings.TrimSpace(h)), Hint: hint}
		}
		if j, dup := at[k]; dup {
			return nil, &deck.Error{File: name, Line: header.line,
				Msg: fmt.Sprintf("column %q appears twice (columns %d and %d)", k, j+1, i+1), Hint: "keep one of them"}
		}
		at[k], cols[i] = i, k
	}
	if _, ok := at["front"]; !ok {
		return nil, &deck.Error{File: name, Line: header.line, Msg: "the first row names no front column",
			Hint: "the first row names the columns, for example: front,back,tags"}
	}
	f := &File{Format: format}
	for {
		rec, err := rr.next()
		if err != nil {
			return nil, err
		}
		if rec == nil {
			break
		}
		if n := tableNote(f, name, rec, cols); n != nil && f.checkNote(name, n) {
			f.Notes = append(f.Notes, n)
		}
	}
	return f, nil
}

func tableNote(f *File, name string, rec *record, cols []string) *Note {
	empty := true
	for _, v := range rec.fields {
		if strings.TrimSpace(v) != "" {
			empty = false
		}
	}
	if empty {
		return nil // a row of empty cells, as spreadsheets leave at the end
	}
	n := &Note{Line: rec.line, Card: deck.Card{Kind: deck.Basic}}
	c := &n.Card
	for i, v := range rec.fields {
		if i >= len(cols) || cols[i] == "" {
			if strings.TrimSpace(v) != "" {
				f.errorf(name, rec.line, "give the column a name in the first row, or empty it",
					"cell %d has a value but its column has no name", i+1)
				return nil
			}
			continue
		}
		v = strings.ReplaceAll(v, "\r\n", "\n")
		text := strings.TrimSpace(v)
		switch cols[i] {
		case "id":
			c.ID = text
		case "front":
			c.Front = text
		case "back":
			c.Back = text
		case "tags":
			c.Tags = splitTags(text)
		case "hint":
			c.Hint = text
		case "explain":
			c.Explain = text
		case "source":
			c.Source = text
		case "kind":
			switch strings.ToLower(text) {
			case "", "basic":
				c.Kind = deck.Basic
			case "scenario":
				c.Kind = deck.Scenario
			default:
				f.errorf(name, rec.line, `write scenario, or leave the kind empty for a card with a back`, "unknown kind %q", text)
				return nil
			}
		case "points":
			c.Points = splitLines(v)
		case "accept":
			c.Accept = splitLines(v)
		case "reverse":
			switch strings.ToLower(text) {
			case "", "false", "no", "0":
				c.Reverse = false
			case "true", "yes", "1":
				c.Reverse = true
			default:
				f.errorf(name, rec.line, "write true or false, or leave it empty", "reverse is %q, not true or false", text)
				return nil
			}
		}
	}
	for _, k := range cols {
		if k != "" {
			n.Keys = append(n.Keys, k)
		}
	}
	// The id is how the card is found again, not a value to update.
	n.Keys = slices.DeleteFunc(n.Keys, func(k string) bool { return k == "id" })
	return n
}

// columnAliases are names other programs give the front and back.
var columnAliases = map[string]string{
	"question": "front", "term": "front", "prompt": "front", "word": "front",
	"answer": "back", "definition": "back", "meaning": "back",
}

// tableColumns are the columns WriteCSV writes, in order.
var tableColumns = []string{"id", "front", "back", "tags", "hint", "explain", "source", "kind", "points", "accept", "reverse"}

// WriteCSV writes the deck's cards as CSV (sep ',') or TSV (sep '\t') with
// a header row and every card key as a column; lists of points and
// accepted answers have one item per line of their cell. [Read] reads it
// back to the same cards.
func WriteCSV(w io.Writer, d *deck.Deck, sep rune) error {
	cw := csv.NewWriter(w)
	cw.Comma = sep
	if err := cw.Write(tableColumns); err != nil {
		return err
	}
	for _, c := range d.Cards {
		kind, reverse := "", ""
		if c.Kind == deck.Scenario {
			kind = string(deck.Scenario)
		}
		if c.Reverse {
			reverse = "true"
		}
		row := []string{c.ID, c.Front, c.Back, strings.Join(c.Tags, " "), c.Hint, c.Explain, c.Source, kind,
			strings.Join(c.Points, "\n"), strings.Join(c.Accept, "\n"), reverse}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
