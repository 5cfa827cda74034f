package report

import (
	"io"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// CardRow is one card side in a table of cards.
type CardRow struct {
	name  string // what identifies it in this table
	front string
	tags  string
	state string
	due   string
	// Where says which of the card's fields a search matched, as in
	// "front, tags"; empty outside a search.
	Where string
}

// NewCardRow describes a card side as of the library's today; name is
// what identifies it in the table.
func NewCardRow(lib *library.Library, name string, p deck.Prompt, tags bool) CardRow {
	st := lib.State(p.Key)
	r := CardRow{name: name, front: p.Question(), state: st.Maturity().String()}
	if due, ok := st.ReviewDay(lib.Today); ok {
		r.due = due.String()
	} else if !st.IsNew() {
		r.due = st.Due.String() // suspended: the day it would be due
	}
	if st.Suspended {
		r.state += ", suspended"
	}
	if st.BuriedToday(lib.Today) {
		r.state += ", buried"
	}
	if tags {
		r.tags = strings.Join(p.Card.Tags, " ")
	}
	return r
}

// WriteCardTable writes rows as a table; on a terminal the table fits its
// width: the question gets the room, tags (then the TAGS column) and card
// ids give way first, so that it keeps at least 30 columns where it can.
// Piped output keeps everything whole. Rows with a Where get a MATCH
// column.
func WriteCardTable(w io.Writer, d tui.Display, first string, rows []CardRow, withTags bool) error {
	withWhere := false
	for _, r := range rows {
		withWhere = withWhere || r.Where != ""
	}
	frontMax, tagsMax, nameMax := 0, 0, 0
	if width := d.Width; width > 0 {
		widest := func(title string, f func(CardRow) string) int {
			n := tui.Width(title)
			for _, r := range rows {
				n = max(n, tui.Width(f(r)))
			}
			return n
		}
		const minFront = 30
		columns := 4 + btoi(withTags) + btoi(withWhere)
		used := 3*columns + 1 // borders and padding
		used += widest("STATE", func(r CardRow) string { return r.state })
		used += widest("DUE", func(r CardRow) string { return r.due })
		if withWhere {
			used += widest("MATCH", func(r CardRow) string { return r.Where })
		}
		name := widest(first, func(r CardRow) string { return r.name })
		tags := 0
		if withTags {
			tags = min(widest("TAGS", func(r CardRow) string { return r.tags }), 24)
		}
		room := func() int { return width - used - name - tags }
		// While the question has less than its minimum: shorten the tags,
		// then leave them out, then shorten the ids.
		for room() < minFront && tags > 8 {
			tags--
		}
		if room() < minFront && withTags {
			withTags, tags, used = false, 0, used-3
		}
		for room() < minFront && name > 10 {
			name--
		}
		tagsMax, nameMax = tags, name
		frontMax = max(room(), 10)
	}
	header := []string{first, "FRONT"}
	if withTags {
		header = append(header, "TAGS")
	}
	if withWhere {
		header = append(header, "MATCH")
	}
	header = append(header, "STATE", "DUE")
	t := NewTable(w, d, header)
	for _, r := range rows {
		cells := []any{tui.OneLine(tui.Clean(r.name), nameMax), tui.OneLine(tui.Clean(r.front), frontMax)}
		if withTags {
			cells = append(cells, tui.OneLine(tui.Clean(r.tags), tagsMax))
		}
		if withWhere {
			cells = append(cells, r.Where)
		}
		cells = append(cells, r.state, r.due)
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	return t.Render()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
