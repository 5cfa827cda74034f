package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/rehearse/rehearse/deck"
)

func seed(f *testing.F, pattern string) {
	names, _ := filepath.Glob(pattern)
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
}

// FuzzReadAnki feeds arbitrary bytes to the Anki importer.
func FuzzReadAnki(f *testing.F) {
	seed(f, "testdata/anki-*.txt")
	f.Add([]byte("#separator:comma\n#html:true\n#guid column:1\n\"a\",\"<b>q</b>\",\"\"\n"))
	f.Add([]byte("#separator:tab\n\"unterminated\tq\n"))
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, data, Anki) })
}

// FuzzReadCSV feeds arbitrary bytes to the CSV and TSV importer.
func FuzzReadCSV(f *testing.F) {
	seed(f, "testdata/notes.*")
	f.Add([]byte("front,back,kind,points\nq,,scenario,\"a\nb\"\n"))
	f.Add([]byte("\xff\xfef\x00r\x00o\x00n\x00t\x00\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkImport(t, data, CSV)
		checkImport(t, data, TSV)
	})
}

// checkImport is the importers' contract: no panic; every error names the
// file and a line of it; and the cards an import would add into an empty
// deck make a deck file that loads.
func checkImport(t *testing.T, data []byte, format Format) {
	lines := bytes.Count(data, []byte("\n")) + 1
	inFile := func(what string, e *deck.Error) {
		if e.File != "in" || e.Line < 1 || e.Line > lines || e.Msg == "" || e.Hint == "" {
			t.Fatalf("%s %#v is not on a line of the %d-line file", what, e, lines)
		}
	}
	file, err := Read("in", data, format)
	if err != nil {
		e, ok := err.(*deck.Error)
		if !ok {
			t.Fatalf("Read error %T %v is not a *deck.Error", err, err)
		}
		inFile("error", e)
		return
	}
	for _, e := range file.Errors {
		inFile("row error", e)
	}
	for _, n := range file.Notes {
		if n.Line < 1 || n.Line > lines {
			t.Fatalf("note on line %d of a %d-line file", n.Line, lines)
		}
	}
	plan := Merge("in", &deck.Deck{ID: "fuzz"}, file.Notes, false)
	for _, e := range plan.Errors {
		inFile("merge error", e)
	}
	p, err := deck.NewPatch("fuzz.toml", deck.Template("fuzz", "Fuzz"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range plan.Changes {
		if c.Action != Add {
			t.Fatalf("card %q %s in an empty deck", c.Card.ID, c.Action)
		}
		p.Append(c.Card)
	}
	d, err := deck.Parse("fuzz.toml", p.Bytes())
	if err != nil {
		t.Fatalf("the imported cards make a deck that does not load: %v\n%s", err, p.Bytes())
	}
	if len(d.Cards) != len(plan.Changes) {
		t.Fatalf("%d cards planned, %d loaded", len(plan.Changes), len(d.Cards))
	}
}
