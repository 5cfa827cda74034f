package deck

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the deck loader: it must never panic,
// and every problem must come back as an ErrorList of *Error that name the
// file and a line inside it.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	seeds, _ := filepath.Glob("testdata/*.toml")
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[[card]]\nfront = \"\"\"\n[[card]]\n\"\"\"\nback = 1\n"))
	f.Add([]byte("card = [{front = \"q\", back = \"b\"}, {frnt = 1}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.toml", src)
		lines := strings.Count(string(src), "\n") + 1
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is not a non-empty ErrorList: %v", err)
			}
			for _, e := range list {
				if e.File != "f.toml" || e.Line < 0 || e.Line > lines || e.Msg == "" {
					t.Fatalf("bad error %#v for %d lines", e, lines)
				}
			}
			return
		}
		if !ValidID(d.ID) {
			t.Fatalf("deck with id %q loaded", d.ID)
		}
		seen := map[string]bool{}
		for _, c := range d.Cards {
			if c.ID == "" || seen[c.ID] || c.Front == "" || (c.Back == "" && len(c.Points) == 0) {
				t.Fatalf("invalid card loaded: %+v", c)
			}
			if strings.ContainsAny(c.ID, " \t\r\n/") {
				t.Fatalf("card id %q would break the review log", c.ID)
			}
			seen[c.ID] = true
		}
	})
}
