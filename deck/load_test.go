package deck

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const good = `# A small deck.
[deck]
id = "net"
name = "Networking"
description = "Layers."
tags = ["networking"]

[[card]]
id = "osi-l3"
front = "Which OSI layer routes packets?"
back = "Layer 3, network."
tags = ["osi"]
hint = "Routers."
explain = """
Routers forward by IP address.
[[card]] inside a string is not a card.
"""
source = "ISO/IEC 7498-1"
reverse = true

[[card]]
id = "outage"
kind = "scenario"
front = "Walk me through the first hour of a P1 outage."
points = ["Declare a major incident",
          "Open a bridge",   # comments in arrays are fine
          "Restore service first"]

[[card]]
id = "ssh-port"
front = "Which TCP port does SSH use?"
back = "22"
accept = ["22", "tcp/22"]
`

func TestParseGood(t *testing.T) {
	d, err := Parse("net.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	want := &Deck{
		ID: "net", Name: "Networking", Description: "Layers.", Tags: []string{"networking"}, File: "net.toml",
		Cards: []*Card{
			{ID: "osi-l3", Front: "Which OSI layer routes packets?", Back: "Layer 3, network.", Tags: []string{"osi"},
				Hint: "Routers.", Explain: "Routers forward by IP address.\n[[card]] inside a string is not a card.",
				Source: "ISO/IEC 7498-1", Reverse: true, Kind: Basic, Line: 8},
			{ID: "outage", Front: "Walk me through the first hour of a P1 outage.", Kind: Scenario,
				Points: []string{"Declare a major incident", "Open a bridge", "Restore service first"}, Line: 21},
			{ID: "ssh-port", Front: "Which TCP port does SSH use?", Back: "22", Accept: []string{"22", "tcp/22"}, Kind: Basic, Line: 29},
		},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	var keys []string
	for _, p := range d.Prompts() {
		keys = append(keys, p.Key)
	}
	if diff := cmp.Diff([]string{"net/osi-l3", "net/outage", "net/ssh-port", "net/osi-l3:reverse"}, keys); diff != "" {
		t.Errorf("prompt keys (-want +got)\n%s", diff)
	}
	if rev := d.Prompts()[3]; rev.Question() != "Layer 3, network." || rev.Answer() != "Which OSI layer routes packets?" {
		t.Errorf("reverse prompt asks %q / %q", rev.Question(), rev.Answer())
	}
}

// TestParseErrors checks every validation error once: its line, message
// and that it carries a hint.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line: message"
	}{
		{"syntax error", "[deck]\nname = \"x\n", []string{`2: invalid TOML: strings cannot contain newlines`}},
		{"missing equals", "[[card]]\nfront \"x\"\n", []string{`2: invalid TOML: expected '.' or '=', but got '"' instead`}},
		{"no back", "[[card]]\nid = \"a\"\nfront = \"q\"\n", []string{`1: card "a" has no back`}},
		{"empty back", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"  \"\n", []string{`4: card "a" has an empty back`}},
		{"no front", "[[card]]\nid = \"a\"\nback = \"b\"\n", []string{`1: card "a" has no front`}},
		{"empty front", "[[card]]\nfront = \"\"\nback = \"b\"\n", []string{`2: card 1 has an empty front`}},
		{"unknown card key", "[[card]]\nid = \"dns-port\"\nfrnt = \"q\"\nfront = \"q\"\nback = \"b\"\n", []string{`3: unknown key "frnt" in card "dns-port"`}},
		{"unknown deck key", "[deck]\nnmae = \"x\"\n[[card]]\nfront = \"q\"\nback = \"b\"\n", []string{`2: unknown key "nmae" in [deck]`}},
		{"unknown table", "[cards]\nfront = \"q\"\n[[card]]\nfront = \"q\"\nback = \"b\"\n", []string{`1: unknown key "cards" outside [deck], [[card]] and [[story]]`}},
		{"unknown top-level key", "title = \"x\"\n[[card]]\nfront = \"q\"\nback = \"b\"\n", []string{`1: unknown key "title" outside [deck], [[card]] and [[story]]`}},
		{"duplicate card id", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n\n[[card]]\nid = \"a\"\nfront = \"q2\"\nback = \"b\"\n",
			[]string{`7: duplicate card id "a": the card on line 1 has it too`}},
		{"duplicate derived id", "[[card]]\nfront = \"q\"\nback = \"b\"\n[[card]]\nfront = \"q\"\nback = \"c\"\n",
			[]string{`4: duplicate card front (and so its derived id) "q-8e35c2": the card on line 1 has it too`}},
		{"bad card id", "[[card]]\nid = \"a b\"\nfront = \"q\"\nback = \"b\"\n", []string{`2: card id "a b" may use only letters, digits, '-', '_' and '.'`}},
		{"bad deck id", "[deck]\nid = \"x/y\"\n[[card]]\nfront = \"q\"\nback = \"b\"\n", []string{`2: deck id "x/y" may use only letters, digits, '-', '_' and '.'`}},
		{"front not text", "[[card]]\nid = \"a\"\nfront = 3\nback = \"b\"\n", []string{`3: card "a" front must be text, not a whole number`}},
		{"tags not a list", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\ntags = \"x\"\n", []string{`5: card "a" tags must be a list of text, not text`}},
		{"tag with a space", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\ntags = [\"two words\"]\n", []string{`5: card "a" tags: tag "two words" has a space or comma in it`}},
		{"empty list item", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\naccept = [\"\"]\n", []string{`5: card "a" accept: item 1 is empty`}},
		{"list item not text", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\naccept = [22]\n", []string{`5: card "a" accept: item 1 must be text, not a whole number`}},
		{"reverse not bool", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\nreverse = \"yes\"\n", []string{`5: card "a": reverse must be true or false, not text`}},
		{"unknown kind", "[[card]]\nid = \"a\"\nkind = \"essay\"\nfront = \"q\"\nback = \"b\"\n", []string{`3: card "a": unknown kind "essay"`}},
		{"scenario without points", "[[card]]\nid = \"a\"\nkind = \"scenario\"\nfront = \"q\"\n", []string{`1: scenario card "a" has no points`}},
		{"scenario with empty points", "[[card]]\nid = \"a\"\nkind = \"scenario\"\nfront = \"q\"\npoints = []\n", []string{`5: scenario card "a" has an empty points list`}},
		{"scenario with accept", "[[card]]\nid = \"a\"\nkind = \"scenario\"\nfront = \"q\"\npoints = [\"p\"]\naccept = [\"x\"]\n", []string{`6: scenario card "a" cannot have typed answers (accept)`}},
		{"scenario reversed", "[[card]]\nid = \"a\"\nkind = \"scenario\"\nfront = \"q\"\npoints = [\"p\"]\nreverse = true\n", []string{`6: scenario card "a" cannot be reversed: it has no back to ask`}},
		{"points without scenario", "[[card]]\nid = \"a\"\nfront = \"q\"\npoints = [\"p\"]\n", []string{`1: card "a" has points but no back and is not a scenario`}},
		{"points and back without scenario", "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\npoints = [\"p\"]\n", []string{`5: card "a" has points but is not a scenario`}},
		{"deck not a table", "deck = 3\n[[card]]\nfront = \"q\"\nback = \"b\"\n", []string{`1: deck must be a table, not a whole number`}},
		{"card not a table list", "card = 3\n", []string{`1: card must be a list of [[card]] tables, not a whole number`}},
		{"several errors at once", "[[card]]\nid = \"a\"\nfront = \"q\"\n\n[[card]]\nid = \"b\"\nback = \"b\"\nbakc = \"c\"\n",
			[]string{`1: card "a" has no back`, `5: card "b" has no front`, `8: unknown key "bakc" in card "b"`}},
		{"invalid UTF-8", "[[card]]\nfront = \"q\"\nback = \"\xff\"\n", []string{"3: the file is not valid UTF-8 text"}},
		{"NUL byte", "[[card]]\nfront = \"q\x00\"\nback = \"b\"\n", []string{`2: invalid TOML: TOML files cannot contain control characters: '0x00'`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tt.src))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				if e.File != "x.toml" {
					t.Errorf("error names file %q", e.File)
				}
				if e.Hint == "" {
					t.Errorf("%v has no hint", e)
				}
				got = append(got, strings.TrimPrefix(e.Error(), "x.toml:"))
			}
			for i, w := range tt.want {
				if !strings.Contains(w, ": ") || strings.HasPrefix(w, "0: ") {
					tt.want[i] = strings.TrimPrefix(w, "0: ") // errors without a line have no number
					tt.want[i] = " " + tt.want[i]
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestHints(t *testing.T) {
	_, err := Parse("net.toml", []byte("[[card]]\nid = \"dns-port\"\nfrnt = \"q\"\nfront = \"q\"\nback = \"b\"\n\n[[card]]\nid = \"osi-l3\"\nfront = \"q2\"\n"))
	list := err.(ErrorList)
	got := []string{list[0].Hint, list[1].Hint}
	want := []string{`did you mean "front"?`, `add back = "…" under the [[card]] that starts on line 7`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestDerivedIDWarns(t *testing.T) {
	d, err := Parse("x.toml", []byte("[[card]]\nfront = \"What is BGP?\"\nback = \"A routing protocol.\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "x" || d.Name != "x" {
		t.Errorf("deck id %q name %q, want both from the file name", d.ID, d.Name)
	}
	c := d.Cards[0]
	if !c.DerivedID || !strings.HasPrefix(c.ID, "what-is-bgp-") {
		t.Errorf("derived id %q", c.ID)
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, w.Error()+" / "+w.Hint)
	}
	want := []string{
		`x.toml:1: the deck has no id, so renaming the file (now "x.toml") will lose its progress / add [deck] and id = "x" on the lines before the first card`,
		`x.toml:1: card 1 has no id, so editing its front will restart its schedule / add id = "what-is-bgp-04072b" under its [[card]] line`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got)\n%s", diff)
	}
	if !d.DerivedID {
		t.Error("deck id not marked as derived")
	}
	// The same front always derives the same id.
	d2, _ := Parse("x.toml", []byte("[[card]]\nfront = \"What is BGP?\"\nback = \"Changed back.\"\n"))
	if d2.Cards[0].ID != c.ID {
		t.Errorf("derived id changed with the back: %q vs %q", d2.Cards[0].ID, c.ID)
	}
}

func TestDeckWarnings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"explicit ids", "[deck]\nid = \"n\"\n[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n", nil},
		{"deck table without id", "# net\n[deck]\nname = \"N\"\n[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"b\"\n",
			[]string{`2: the deck has no id, so renaming the file (now "net.toml") will lose its progress / add id = "net" under [deck]`}},
		{"no cards yet", "[deck]\nid = \"n\"\n# [[card]]\n", []string{" the deck has no cards yet / add cards with `rehearse add --deck n`, or write them under [[card]] lines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("net.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range d.Warnings {
				got = append(got, strings.TrimPrefix(w.Error(), "net.toml:")+" / "+w.Hint)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"What is BGP?":            "what-is-bgp",
		"  TCP/IP -- layers!  ":   "tcp-ip-layers",
		"Größe der Übertragung":   "größe-der-übertragung",
		"!!!":                     "",
		strings.Repeat("ab ", 40): strings.TrimSuffix(strings.Repeat("ab-", 16), "-"),
		// Cut between words, without a trailing "between", "and", "of", "the".
		"What is the difference between TCP and UDP in a data centre?":       "what-is-the-difference-between-tcp-and-udp",
		"Explain the purpose of the three-way handshake and of the SYN flag": "explain-the-purpose-of-the-three-way-handshake",
		"Which records must the service desk keep for each of the changes?":  "which-records-must-the-service-desk-keep",
		"What is the role of the CAB":                                        "what-is-the-role-of-the-cab",
		"Summarise the the the the the the the the the the the the the the":  "summarise",
		// A text that fits is not cut, whatever its last word.
		"Which port is SSH on": "which-port-is-ssh-on",
		// A first word longer than the limit can only be cut within it.
		strings.Repeat("x", 60) + " y": strings.Repeat("x", 48),
		strings.Repeat("漢", 20) + " y": strings.Repeat("漢", 16),
	} {
		got := Slug(in)
		if got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if len(got) > 48 {
			t.Errorf("Slug(%q) = %q is longer than 48 bytes", in, got)
		}
	}
}

// TestDerivedIDsDoNotChange pins the ids of cards without an id: they key
// the review log, so a new way of making slugs must not change them.
func TestDerivedIDsDoNotChange(t *testing.T) {
	for front, want := range map[string]string{
		"What is the difference between TCP and UDP in a data centre?":             "what-is-the-difference-between-tcp-and-udp-in-a-514ba4",
		"A P1 outage hits payroll. Walk me through the first hour.":                "a-p1-outage-hits-payroll-walk-me-through-the-551189",
		"Pneumonoultramicroscopicsilicovolcanoconiosisxxxxxxxxxxxxxxxxxxxx is a b": "pneumonoultramicroscopicsilicovolcanoconiosisxxx-47431e",
		"a漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢 b c":                                                "a漢漢漢漢漢漢漢漢漢漢漢漢漢漢漢-b-f151d3",
		"?!": "card-545f94",
	} {
		if got := derivedID(front); got != want {
			t.Errorf("derivedID(%q) = %q, want %q", front, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	c := &Card{Accept: []string{"22", "tcp/22"}}
	for typed, want := range map[string]bool{
		"22": true, " 22 ": true, "TCP/22": true, "tcp 22": true, "22.": true,
		"23": false, "": false, "  ": false, "tcp": false, "2 2": false,
	} {
		if got := c.Check(typed); got != want {
			t.Errorf("Check(%q) = %v, want %v", typed, got, want)
		}
	}
	if (&Card{Accept: []string{"?!"}}).Check("?!") {
		t.Error("an answer of only punctuation matched")
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.toml":         {Data: []byte("[[card]]\nid = \"x\"\nfront = \"q\"\nback = \"b\"\n")},
		"b.toml":         {Data: []byte("[[card]]\nid = \"x\"\nfront = \"q\"\n")},
		"c.toml":         {Data: []byte("[deck]\nid = \"a\"\n[[card]]\nid = \"y\"\nfront = \"q\"\nback = \"b\"\n")},
		"sub/d.toml":     {Data: []byte("[[card]]\nid = \"z\"\nfront = \"q\"\nback = \"b\"\n")},
		".hidden/e.toml": {Data: []byte("not toml")},
		"notes.txt":      {Data: []byte("not a deck")},
	}
	set := LoadAll(Source{FS: fsys, Label: "decks", Origin: "user"})
	var ids []string
	for _, d := range set.Decks {
		ids = append(ids, d.ID+"@"+d.File)
	}
	if diff := cmp.Diff([]string{"a@decks/a.toml", "d@decks/sub/d.toml"}, ids); diff != "" {
		t.Errorf("decks (-want +got)\n%s", diff)
	}
	var errs []string
	for _, e := range set.Errors {
		errs = append(errs, e.Error())
	}
	want := []string{`decks/b.toml:1: card "x" has no back`, `decks/c.toml:1: deck id "a" is already used by decks/a.toml`}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got)\n%s", diff)
	}
	if set.BadFiles != 2 {
		t.Errorf("BadFiles = %d, want 2", set.BadFiles)
	}
}

func TestLaterSourceReplaces(t *testing.T) {
	builtin := fstest.MapFS{"net.toml": {Data: []byte("[[card]]\nid = \"x\"\nfront = \"old\"\nback = \"b\"\n")}}
	user := fstest.MapFS{"net.toml": {Data: []byte("[[card]]\nid = \"x\"\nfront = \"new\"\nback = \"b\"\n")}}
	set := LoadAll(Source{FS: builtin, Label: "built-in", Origin: "built-in"}, Source{FS: user, Label: "mine", Origin: "user"})
	if len(set.Decks) != 1 || set.Decks[0].Cards[0].Front != "new" || set.Decks[0].Origin != "user" {
		t.Fatalf("decks = %+v", set.Decks)
	}
	if len(set.Replaced) != 1 || set.Replaced[0].Origin != "built-in" {
		t.Errorf("Replaced = %+v", set.Replaced)
	}
	if len(set.Errors) != 0 {
		t.Errorf("errors = %v", set.Errors)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "gone.toml")
	var list ErrorList
	if !errors.As(err, &list) || !strings.Contains(list[0].Error(), "gone.toml: cannot read the deck") {
		t.Errorf("Load error = %v", err)
	}
}

func TestLineIndex(t *testing.T) {
	src := `title = 1
[deck]
id = "x"
[[card]]
front = """
[[card]]
not = a key
"""
back = 'it''s'
points = [
  "a = b",
  'c',
]
"quoted" = 1
dotted.key = 2
[[card]] # second
front = "x" # [[card]]
`
	ix := indexLines(src, true)
	cards := ix.cards()
	if len(cards) != 2 || cards[0].line != 4 || cards[1].line != 16 {
		t.Fatalf("cards at %v", cards)
	}
	want := map[string]int{"front": 5, "back": 9, "points": 10, "quoted": 14, "dotted": 15}
	if diff := cmp.Diff(want, cards[0].keys); diff != "" {
		t.Errorf("keys of the first card (-want +got)\n%s", diff)
	}
	if ix.sections[0].keys["title"] != 1 || ix.table("deck").keys["id"] != 3 {
		t.Errorf("root or deck keys wrong: %v %v", ix.sections[0].keys, ix.table("deck").keys)
	}
}

// TestTooManyPoints: a scenario card with more than 9 points is an error
// on its points line, saying to split it.
func TestTooManyPoints(t *testing.T) {
	src := "[deck]\nid = \"d\"\n\n[[card]]\nid = \"s\"\nkind = \"scenario\"\nfront = \"Walk me through it.\"\npoints = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\"]\n"
	_, err := Parse("d.toml", []byte(src))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Line != 8 || !strings.Contains(list[0].Msg, "10 points, more than 9") || !strings.Contains(list[0].Hint, "split it") {
		t.Fatalf("Parse = %v, want one error on line 8 about 10 points", err)
	}
	nine := strings.Replace(src, `, "10"]`, `]`, 1)
	if _, err := Parse("d.toml", []byte(nine)); err != nil {
		t.Errorf("nine points: %v", err)
	}
}
