package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/deck"
)

const sampleDeck = `[deck]
id = "net"
name = "Networking"
description = "Layers."
tags = ["networking"]

[[card]]
id = "osi-l3"
front = "Which OSI layer routes packets?"
back = "Layer 3, network:\nby IP address."
tags = ["osi", "exam::n10-009"]
hint = "Routers."
explain = "Background."
source = "ISO/IEC 7498-1"
reverse = true

[[card]]
id = "outage"
kind = "scenario"
front = "Walk me through a P1 outage."
points = ["Declare a major incident", "Open a bridge, assign roles"]

[[card]]
id = "ssh-port"
front = "Which port does <SSH> use, \"by default\"?"
back = "22	(TCP) & more"
accept = ["22", "tcp/22"]

[[card]]
id = "anki-j5vdk6zlkaxt2lcs"
front = "Imported from Anki"
back = "Its GUID goes back."
`

func sample(t *testing.T) *deck.Deck {
	t.Helper()
	d, err := deck.Parse("net.toml", []byte(sampleDeck))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWriteAnki(t *testing.T) {
	var b bytes.Buffer
	if err := WriteAnki(&b, sample(t)); err != nil {
		t.Fatal(err)
	}
	want := "#separator:tab\n#html:true\n#notetype:Basic\n#guid column:1\n#deck column:2\n#tags column:5\n" +
		"rehearse:net/osi-l3\tNetworking\tWhich OSI layer routes packets?\tLayer 3, network:<br>by IP address.\tosi exam::n10-009\n" +
		"rehearse:net/outage\tNetworking\tWalk me through a P1 outage.\t<ul><li>Declare a major incident</li><li>Open a bridge, assign roles</li></ul>\t\n" +
		"rehearse:net/ssh-port\tNetworking\t\"Which port does &lt;SSH&gt; use, \"\"by default\"\"?\"\t\"22\t(TCP) &amp; more\"\t\n" +
		"Oj5{+P/=,R\tNetworking\tImported from Anki\tIts GUID goes back.\t\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample(t), ','); err != nil {
		t.Fatal(err)
	}
	want := "id,front,back,tags,hint,explain,source,kind,points,accept,reverse\n" +
		"osi-l3,Which OSI layer routes packets?,\"Layer 3, network:\nby IP address.\",osi exam::n10-009,Routers.,Background.,ISO/IEC 7498-1,,,,true\n" +
		"outage,Walk me through a P1 outage.,,,,,,scenario,\"Declare a major incident\nOpen a bridge, assign roles\",,\n" +
		"ssh-port,\"Which port does <SSH> use, \"\"by default\"\"?\",22\t(TCP) & more,,,,,,,\"22\ntcp/22\",\n" +
		"anki-j5vdk6zlkaxt2lcs,Imported from Anki,Its GUID goes back.,,,,,,,,\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestWriteJSON(t *testing.T) {
	d := sample(t)
	d.Cards = d.Cards[1:2]
	var b bytes.Buffer
	if err := WriteJSON(&b, d); err != nil {
		t.Fatal(err)
	}
	want := `{
  "id": "net",
  "name": "Networking",
  "description": "Layers.",
  "tags": [
    "networking"
  ],
  "cards": [
    {
      "id": "outage",
      "key": "net/outage",
      "kind": "scenario",
      "front": "Walk me through a P1 outage.",
      "points": [
        "Declare a major incident",
        "Open a bridge, assign roles"
      ]
    }
  ]
}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestRoundTrip exports a deck and imports the file back into it: nothing
// may change. Into an empty deck, the cards come back with their ids and
// the text each format carries.
func TestRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		format Format
		write  func(*bytes.Buffer, *deck.Deck) error
	}{
		{Anki, func(b *bytes.Buffer, d *deck.Deck) error { return WriteAnki(b, d) }},
		{CSV, func(b *bytes.Buffer, d *deck.Deck) error { return WriteCSV(b, d, ',') }},
		{TSV, func(b *bytes.Buffer, d *deck.Deck) error { return WriteCSV(b, d, '\t') }},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			d := sample(t)
			var b bytes.Buffer
			if err := tt.write(&b, d); err != nil {
				t.Fatal(err)
			}
			f, err := Read("export", b.Bytes(), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Errors) > 0 || len(f.Notes) != len(d.Cards) {
				t.Fatalf("read back %d notes, errors %v", len(f.Notes), f.Errors)
			}
			plan := Merge("export", d, f.Notes, true)
			for _, c := range plan.Changes {
				if c.Action != Unchanged {
					t.Errorf("line %d: card %q %s (keys %v)", c.Line, c.Card.ID, c.Action, c.Keys)
				}
			}
			if len(plan.Errors) > 0 {
				t.Errorf("errors: %v", plan.Errors)
			}

			fresh := Merge("export", &deck.Deck{ID: "new"}, f.Notes, false)
			var ids []string
			for _, c := range fresh.Changes {
				ids = append(ids, c.Card.ID)
				if c.Action != Add {
					t.Errorf("card %q %s into an empty deck", c.Card.ID, c.Action)
				}
			}
			if diff := cmp.Diff([]string{"osi-l3", "outage", "ssh-port", "anki-j5vdk6zlkaxt2lcs"}, ids); diff != "" {
				t.Errorf("ids (-want +got)\n%s", diff)
			}
			if tt.format != Anki {
				for i, c := range fresh.Changes {
					if !deck.Equal(d.Cards[i], c.Card) {
						t.Errorf("card %q changed on the way: %+v", c.Card.ID, c.Card)
					}
				}
			}
		})
	}
}

// TestAnkiExportsAgainTheSame checks rehearse -> Anki -> rehearse -> Anki:
// the second export of a deck imported from the first into an empty deck
// of the same id (a deck restored from its export) is the same file; into
// a deck of another id, the same file but for the GUIDs of the cards made
// in rehearse, which are the other deck's.
func TestAnkiExportsAgainTheSame(t *testing.T) {
	d := sample(t)
	d.Cards = append(d.Cards[:1], d.Cards[2:]...) // a scenario comes back as a plain card
	var first bytes.Buffer
	if err := WriteAnki(&first, d); err != nil {
		t.Fatal(err)
	}
	f, err := Read("export", first.Bytes(), Anki)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"net", "copy"} {
		t.Run(id, func(t *testing.T) {
			plan := Merge("export", &deck.Deck{ID: id}, f.Notes, false)
			src := deck.EncodeHeader(&deck.Deck{ID: id, Name: d.Name})
			for _, c := range plan.Changes {
				src += "\n" + deck.EncodeCard(c.Card)
			}
			d2, err := deck.Parse(id+".toml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			var second bytes.Buffer
			if err := WriteAnki(&second, d2); err != nil {
				t.Fatal(err)
			}
			want := strings.ReplaceAll(first.String(), "\nrehearse:net/", "\nrehearse:"+id+"/")
			if diff := cmp.Diff(want, second.String()); diff != "" {
				t.Errorf("(-want +second)\n%s", diff)
			}
		})
	}
}

// TestMergeGUIDs checks which card a note with a GUID is: the card
// exported under it, by this version or an earlier one, or imported from
// Anki with it.
func TestMergeGUIDs(t *testing.T) {
	d, err := deck.Parse("net.toml", []byte(`[deck]
id = "net"
[[card]]
id = "ospf"
front = "What is OSPF?"
back = "A link-state protocol."
[[card]]
id = "anki-j5vdk6zlkaxt2lcs"
front = "What does ARP resolve?"
back = "IPv4 to MAC."
[[card]]
id = "AbCdEf1234"
front = "HTTPS port"
back = "443"
`))
	if err != nil {
		t.Fatal(err)
	}
	note := func(line int, guid, front, back string) *Note {
		return &Note{Line: line, GUID: guid, Keys: []string{"front", "back"},
			Card: deck.Card{ID: IDFromGUID(guid), Front: front, Back: back, Kind: deck.Basic}}
	}
	type result struct {
		Line   int
		Action string
		ID     string
	}
	tests := []struct {
		name   string
		deck   *deck.Deck
		notes  []*Note
		want   []result
		errors []string
	}{
		{"this version's export", d, []*Note{note(2, "rehearse:net/ospf", "What is OSPF?", "A link-state protocol.")},
			[]result{{2, "unchanged", "ospf"}}, nil},
		{"an earlier version's export: the card id", d, []*Note{note(2, "ospf", "What is OSPF?", "A link-state protocol.")},
			[]result{{2, "unchanged", "ospf"}}, nil},
		{"Anki's GUID", d, []*Note{note(2, "Oj5{+P/=,R", "What does ARP resolve?", "IPv4 to MAC.")},
			[]result{{2, "unchanged", "anki-j5vdk6zlkaxt2lcs"}}, nil},
		{"Anki's GUID that an earlier version kept as the id", d, []*Note{note(2, "AbCdEf1234", "HTTPS port", "443")},
			[]result{{2, "unchanged", "AbCdEf1234"}}, nil},
		{"Anki's GUID, new: encoded, even if it could be an id", d, []*Note{note(2, "XyZ9876543", "SSH port", "22")},
			[]result{{2, "added", "anki-lb4vuojyg43dknbt"}}, nil},
		{"another deck's export: the card id", d, []*Note{
			note(2, "rehearse:routing/ospf", "What is OSPF?", "Open Shortest Path First."),
			note(3, "rehearse:routing/bgp", "What is BGP?", "Path-vector.")},
			[]result{{2, "skipped", "ospf"}, {3, "added", "bgp"}}, nil},
		{"another deck's export into an empty deck", &deck.Deck{ID: "copy"}, []*Note{
			note(2, "rehearse:net/ospf", "What is OSPF?", "A link-state protocol."),
			note(3, "Oj5{+P/=,R", "What does ARP resolve?", "IPv4 to MAC.")},
			[]result{{2, "added", "ospf"}, {3, "added", "anki-j5vdk6zlkaxt2lcs"}}, nil},
		{"two decks' exports of one id into one deck", &deck.Deck{ID: "all"}, []*Note{
			note(2, "rehearse:net/ospf", "What is OSPF?", "A link-state protocol."),
			note(3, "rehearse:routing/ospf", "Explain OSPF.", "Link-state.")},
			[]result{{2, "added", "ospf"}}, []string{`x:3: card "ospf" is also on line 2 / the notes come from the decks net and routing; import each deck's notes into a deck of its own`}},
		{"an old and a new export of one card", d, []*Note{
			note(2, "ospf", "What is OSPF?", "A link-state protocol."),
			note(3, "rehearse:net/ospf", "What is OSPF?", "A link-state protocol.")},
			[]result{{2, "unchanged", "ospf"}}, []string{`x:3: card "ospf" is also on line 2 / each note needs its own id; remove the copy`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := Merge("x", tt.deck, tt.notes, false)
			var got []result
			for _, c := range plan.Changes {
				got = append(got, result{c.Line, c.Action.String(), c.Card.ID})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got)\n%s", diff)
			}
			var errs []string
			for _, e := range plan.Errors {
				errs = append(errs, e.Error()+" / "+e.Hint)
			}
			if diff := cmp.Diff(tt.errors, errs); diff != "" {
				t.Errorf("errors (-want +got)\n%s", diff)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	d, err := deck.Parse("d.toml", []byte(`[[card]]
id = "a"
front = "Question A?"
back = "Answer A."
hint = "Kept."
tags = ["x"]

[[card]]
id = "s"
kind = "scenario"
front = "Walk me through it."
points = ["one", "two"]

[[card]]
id = "what-is-bgp"
front = "What is BGP?"
back = "A routing protocol."
`))
	if err != nil {
		t.Fatal(err)
	}
	note := func(line int, id, front, back string, keys ...string) *Note {
		if len(keys) == 0 {
			keys = []string{"front", "back"}
		}
		return &Note{Line: line, Keys: keys, Card: deck.Card{ID: id, Front: front, Back: back, Kind: deck.Basic}}
	}
	type result struct {
		Line   int
		Action string
		ID     string
		Keys   []string
	}
	tests := []struct {
		name   string
		notes  []*Note
		update bool
		want   []result
		errors []string
	}{
		{"unchanged by id", []*Note{note(2, "a", "Question A?", "Answer A.")}, false,
			[]result{{2, "unchanged", "a", nil}}, nil},
		{"changed, no update", []*Note{note(2, "a", "Question A?", "New answer.")}, false,
			[]result{{2, "skipped", "a", []string{"back"}}}, nil},
		{"changed, update", []*Note{note(2, "a", "Question A, edited?", "New answer.")}, true,
			[]result{{2, "updated", "a", []string{"front", "back"}}}, nil},
		{"found by its front", []*Note{note(3, "", "what is BGP", "A routing protocol.")}, true,
			[]result{{3, "updated", "what-is-bgp", []string{"front"}}}, nil},
		{"new ids are slugs made unique", []*Note{note(2, "", "What is BGP, really?", "B."), note(3, "", "What is BGP really", "C."), note(4, "", "?!", "D.")}, false,
			[]result{{2, "added", "what-is-bgp-really", nil}, {4, "added", "card", nil}},
			[]string{"x:3: the same front as line 2"}},
		{"an id twice", []*Note{note(2, "n", "Q1", "A"), note(5, "n", "Q2", "A")}, false,
			[]result{{2, "added", "n", nil}}, []string{`x:5: card "n" is also on line 2`}},
		{"scenario updated from a list on the back", []*Note{note(2, "s", "Walk me through it.", "• one\n• two\n• three")}, true,
			[]result{{2, "updated", "s", []string{"points"}}}, nil},
		{"scenario unchanged", []*Note{note(2, "s", "Walk me through it.", "• one\n• two")}, true,
			[]result{{2, "unchanged", "s", nil}}, nil},
		{"a new card without a back", []*Note{note(2, "", "Lonely question?", "")}, false,
			nil, []string{"x:2: the back is empty"}},
		{"an update that empties the back", []*Note{note(2, "a", "Question A?", "")}, true,
			nil, []string{`x:2: card "a": the back is empty`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := Merge("x", d, tt.notes, tt.update)
			var got []result
			for _, c := range plan.Changes {
				got = append(got, result{c.Line, c.Action.String(), c.Card.ID, c.Keys})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got)\n%s", diff)
			}
			var errs []string
			for _, e := range plan.Errors {
				if e.Hint == "" {
					t.Errorf("%v has no hint", e)
				}
				errs = append(errs, e.Error())
			}
			if diff := cmp.Diff(tt.errors, errs); diff != "" {
				t.Errorf("errors (-want +got)\n%s", diff)
			}
		})
	}
	// Keys the file does not give keep their values.
	plan := Merge("x", d, []*Note{note(2, "a", "Question A?", "New.")}, true)
	if c := plan.Changes[0].Card; c.Hint != "Kept." || !cmp.Equal(c.Tags, []string{"x"}) || d.Cards[0].Back != "Answer A." {
		t.Errorf("merged card %+v, deck card %+v", c, d.Cards[0])
	}
	if !strings.Contains(plan.Changes[0].Card.Back, "New.") {
		t.Error("the back was not updated")
	}
}
