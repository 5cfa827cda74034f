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

// WriteCardTable writes rows as a table; on a terminal, fronts and tags
// are shortened to fit its width, and piped output keeps them whole.
func WriteCardTable(w io.Writer, d tui.Display, first string, rows []CardRow, withTags bool) error {
	header := []string{first, "FRONT", "STATE", "DUE"}
	if withTags {
		header = []string{first, "FRONT", "TAGS", "STATE", "DUE"}
	}
	frontMax, tagsMax := 0, 0
	if width := d.Width; width > 0 {
		widest := func(title string, f func(CardRow) string) int {
			n := len(title)
			for _, r := range rows {
				n = max(n, tui.Width(f(r)))
			}
			return n
		}
		used := 3*len(header) + 1 // borders and padding
		used += widest(first, func(r CardRow) string { return r.name })
		used += widest("STATE", func(r CardRow) string { return r.state })
		used += widest("DUE", func(r CardRow) string { return r.due })
		if withTags {
			tagsMax = 24
			used += min(widest("TAGS", func(r CardRow) string { return r.tags }), tagsMax)
		}
		frontMax = max(width-used, 16)
	}
	t := NewTable(w, d, header)
	for _, r := range rows {
		cells := []any{tui.Clean(r.name), tui.OneLine(tui.Clean(r.front), frontMax), r.state, r.due}
		if withTags {
			cells = []any{cells[0], cells[1], tui.OneLine(tui.Clean(r.tags), tagsMax), r.state, r.due}
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	return t.Render()
}
