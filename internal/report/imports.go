package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/deck/interchange"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// WriteImportPlan says what an import does (writes) or would do: the deck
// it creates, then row by row (WriteImport).
func WriteImportPlan(out io.Writer, imp *library.Import, writes bool) {
	if imp.Created {
		if writes {
			fmt.Fprintf(out, "Creating the deck %s in %s.\n", imp.Deck.ID, imp.Deck.Path)
		} else {
			fmt.Fprintf(out, "There is no deck %s yet: the import would create it in %s.\n", imp.Deck.ID, imp.Deck.Path)
		}
	}
	WriteImport(out, imp.Path, imp.Deck, imp.Plan, imp.Bad, imp.Notices, writes)
}

// WriteImport lists, row by row, what the import does, or would do when
// it writes nothing (a dry run, or rows that cannot be imported).
func WriteImport(out io.Writer, path string, d *deck.Deck, plan *interchange.Plan, bad, notices []*deck.Error, writes bool) {
	added, updated := "added", "updated"
	if !writes {
		added, updated = "would add", "would update"
	}
	type row struct {
		line int
		text string
		err  *deck.Error
	}
	var rows []row
	for _, ch := range plan.Changes {
		key := deck.Key(d.ID, ch.Card.ID)
		switch ch.Action {
		case interchange.Add:
			rows = append(rows, row{line: ch.Line, text: fmt.Sprintf("%s %s", added, key)})
		case interchange.Update:
			rows = append(rows, row{line: ch.Line, text: fmt.Sprintf("%s %s: %s", updated, key, strings.Join(ch.Keys, ", "))})
		case interchange.Skip:
			rows = append(rows, row{line: ch.Line, text: fmt.Sprintf("skipped %s: the deck has it with another %s; --update replaces it",
				key, strings.Join(ch.Keys, ", "))})
		}
	}
	for _, b := range bad {
		rows = append(rows, row{line: b.Line, err: b})
	}
	for _, n := range notices {
		rows = append(rows, row{line: n.Line, text: "note: " + n.Msg})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].line < rows[j].line })
	for _, r := range rows {
		if r.err != nil {
			WriteDiagnostic(out, r.err, "error: ")
			continue
		}
		fmt.Fprintf(out, "%s:%d: %s\n", path, r.line, tui.Clean(r.text))
	}
}
