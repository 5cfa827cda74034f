package main

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/rehearse/rehearse/deck"
)

// cardRow is one card side in a table of cards.
type cardRow struct {
	name  string // what identifies it in this table
	front string
	tags  string
	state string
	due   string
}

// newCardRow describes a card side as of today.
func newCardRow(lib *library, name string, p deck.Prompt, tags bool) cardRow {
	st := lib.state(p.Key)
	r := cardRow{name: name, front: p.Question(), state: st.Maturity().String()}
	if !st.IsNew() {
		r.due = st.Due.String()
	}
	if st.Suspended {
		r.state += ", suspended"
	}
	if st.BuriedToday(lib.today) {
		r.state += ", buried"
	}
	if tags {
		r.tags = strings.Join(p.Card.Tags, " ")
	}
	return r
}

// writeCardTable writes rows as a table; on a terminal, fronts and tags
// are shortened to fit its width, and piped output keeps them whole.
func writeCardTable(w io.Writer, first string, rows []cardRow, withTags bool) error {
	header := []string{first, "FRONT", "STATE", "DUE"}
	if withTags {
		header = []string{first, "FRONT", "TAGS", "STATE", "DUE"}
	}
	frontMax, tagsMax := 0, 0
	if width := termWidth(w); width > 0 {
		widest := func(title string, f func(cardRow) string) int {
			n := len(title)
			for _, r := range rows {
				n = max(n, utf8.RuneCountInString(f(r)))
			}
			return n
		}
		used := 3*len(header) + 1 // borders and padding
		used += widest(first, func(r cardRow) string { return r.name })
		used += widest("STATE", func(r cardRow) string { return r.state })
		used += widest("DUE", func(r cardRow) string { return r.due })
		if withTags {
			tagsMax = 24
			used += min(widest("TAGS", func(r cardRow) string { return r.tags }), tagsMax)
		}
		frontMax = max(width-used, 16)
	}
	t := newTable(w, header)
	for _, r := range rows {
		cells := []any{clean(r.name), oneLine(clean(r.front), frontMax), r.state, r.due}
		if withTags {
			cells = []any{cells[0], cells[1], oneLine(clean(r.tags), tagsMax), r.state, r.due}
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	return t.Render()
}

// oneLine puts text on one line and shortens it to n runes with "…" (n = 0:
// no limit).
func oneLine(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if n <= 0 || utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)
	return strings.TrimSpace(string(r[:max(n-1, 1)])) + "…"
}
