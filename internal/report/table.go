// Package report renders what rehearse knows for people and for scripts:
// statistics, status, and tables of cards and decks as text (boxes on a
// terminal, plain columns when piped), JSON and CSV, with bar charts and
// the calendar heatmap. It counts by the rules srs and the library define
// (srs.CardState.ReviewDay, srs.Percent, srs.Minutes...), so that each
// number means the same everywhere.
package report

import (
	"bytes"
	"io"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/rehearse/rehearse/internal/tui"
)

// NewTable returns a table for w: light boxes on a display that allows
// colour, plain borderless columns when piped or when NO_COLOR is set.
// Columns listed in right are aligned right (numbers).
func NewTable(w io.Writer, d tui.Display, header []string, right ...int) *tablewriter.Table {
	align := make(tw.Alignment, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
	}
	for _, i := range right {
		align[i] = tw.AlignRight
	}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithAlignment(align),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.On),
		// Widths as tui.Width counts them, whatever the locale says.
		tablewriter.WithEastAsian(tw.Off),
	}
	if !d.Color {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off, ShowFooterLine: tw.Off},
			},
		})))
	}
	if !d.Color {
		w = &trimWriter{w: w}
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(toAny(header)...)
	return t
}

// trimWriter drops the padding that borderless tables leave at the end of
// each line, so piped output has no trailing spaces.
type trimWriter struct {
	w       io.Writer
	pending []byte
}

func (t *trimWriter) Write(p []byte) (int, error) {
	t.pending = append(t.pending, p...)
	for {
		i := bytes.IndexByte(t.pending, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := bytes.TrimRight(t.pending[:i], " ")
		if _, err := t.w.Write(append(line, '\n')); err != nil {
			return 0, err
		}
		t.pending = t.pending[i+1:]
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
