package interchange

import (
	"fmt"
	"io"

	"github.com/rehearse/rehearse/deck"
)

// Write writes the deck in format: Anki's notes, CSV, TSV or JSON.
func Write(w io.Writer, d *deck.Deck, format Format) error {
	switch format {
	case Anki:
		return WriteAnki(w, d)
	case CSV:
		return WriteCSV(w, d, ',')
	case TSV:
		return WriteCSV(w, d, '\t')
	case JSON:
		return WriteJSON(w, d)
	}
	return fmt.Errorf("no format %q to write", format)
}
