package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rehearse/rehearse/internal/tui"
)

// writeJSON writes v as JSON and a newline: on one line, or indented by
// two spaces when indent is set. Deck text is written harmlessly (see
// [tui.JSON]).
func writeJSON(out io.Writer, v any, indent bool) error {
	var b []byte
	var err error
	if indent {
		b, err = json.MarshalIndent(v, "", "  ")
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s\n", tui.JSON(b))
	return err
}
