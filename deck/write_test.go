package deck

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreLine compares cards by content only.
var ignoreLine = cmpopts.IgnoreFields(Card{}, "Line", "DerivedID")

func TestEncodeCardRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		card *Card
		want string
	}{
		{"basic", &Card{ID: "a", Front: "Q?", Back: "A.", Kind: Basic},
			"[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A.\"\n"},
		{"every key", &Card{ID: "b", Front: "Which port?", Back: "22", Accept: []string{"22", "tcp/22"}, Tags: []string{"net", "ssh"},
			Hint: "Secure.", Explain: "Line one.\nLine two.", Source: "RFC 4253", Reverse: true, Kind: Basic},
			"[[card]]\nid = \"b\"\nfront = \"Which port?\"\nback = \"22\"\naccept = [\"22\", \"tcp/22\"]\ntags = [\"net\", \"ssh\"]\nhint = \"Secure.\"\n" +
				"explain = \"\"\"\nLine one.\nLine two.\n\"\"\"\nsource = \"RFC 4253\"\nreverse = true\n"},
		{"scenario", &Card{ID: "c", Kind: Scenario, Front: "Walk me through it.", Points: []string{"One", "Two, with \"quotes\""}},
			"[[card]]\nid = \"c\"\nkind = \"scenario\"\nfront = \"Walk me through it.\"\npoints = [\n  \"One\",\n  \"Two, with \\\"quotes\\\"\",\n]\n"},
		{"hostile text", &Card{ID: "d", Front: "\"\"\" [[card]] \\ \t \x1b[31m \x7f", Back: "a\\\n\"\"\"\nb", Kind: Basic},
			"[[card]]\nid = \"d\"\nfront = \"\\\"\\\"\\\" [[card]] \\\\ \\t \\u001B[31m \\u007F\"\nback = \"\"\"\na\\\\\n\\\"\\\"\\\"\nb\n\"\"\"\n"},
		{"one point", &Card{ID: "e", Kind: Scenario, Front: "Q", Points: []string{"only"}},
			"[[card]]\nid = \"e\"\nkind = \"scenario\"\nfront = \"Q\"\npoints = [\"only\"]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EncodeCard(tt.card)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("EncodeCard (-want +got)\n%s", diff)
			}
			d, err := Parse("x.toml", []byte("[deck]\nid = \"x\"\n"+got))
			if err != nil {
				t.Fatalf("the encoded card does not load: %v", err)
			}
			if diff := cmp.Diff(tt.card, d.Cards[0], ignoreLine); diff != "" {
				t.Errorf("card after a round trip (-want +got)\n%s", diff)
			}
			if !Equal(tt.card, d.Cards[0]) {
				t.Error("Equal says the round-tripped card differs")
			}
		})
	}
}

func TestNewCardID(t *testing.T) {
	taken := func(id string) bool { return id == "what-is-bgp" }
	for front, want := range map[string]string{
		"What is BGP?": "what-is-bgp-2",
		"A P1 outage hits payroll. Walk me through the first hour.": "a-p1-outage-hits-payroll-walk-me",
		"?!":                "card",
		"Qu'est-ce que BGP": "qu-est-ce-que-bgp",
		// Cut between words, without a trailing "between", "at", "in", "to", "and".
		"What is the difference between TCP and UDP?":              "what-is-the-difference",
		"What is the role of the change advisory board?":           "what-is-the-role-of-the-change",
		"What does a firewall do at the edge of a network?":        "what-does-a-firewall-do",
		"Describe the purpose of a DMZ in the network.":            "describe-the-purpose-of-a-dmz",
		"How do you restore a database to a point in time?":        "how-do-you-restore-a-database",
		"Walk me through the first hour of a ransomware incident.": "walk-me-through-the-first-hour",
		"Explain RAID 5 and RAID 6 and when to use them":           "explain-raid-5-and-raid-6",
	} {
		got := NewCardID(front, taken)
		if got != want || !ValidID(got) || len(got) > 32+2 {
			t.Errorf("NewCardID(%q) = %q, want %q", front, got, want)
		}
	}
}

func TestUniqueID(t *testing.T) {
	taken := map[string]bool{"bgp": true, "bgp-2": true, "card": true}
	has := func(id string) bool { return taken[id] }
	for base, want := range map[string]string{"bgp": "bgp-3", "ospf": "ospf", "": "card-2"} {
		if got := UniqueID(base, has); got != want {
			t.Errorf("UniqueID(%q) = %q, want %q", base, got, want)
		}
	}
}

// TestAppendKeepsTheFile checks that appending a card leaves every byte
// of the file as it was and only adds the card at the end.
func TestAppendKeepsTheFile(t *testing.T) {
	card := &Card{ID: "new", Front: "New?", Back: "Yes.\nTwo lines.", Kind: Basic}
	tests := []struct {
		name, src string
		added     string // what Append adds after src
	}{
		{"ends with a newline", "[deck]\nid = \"n\"\n\n[[card]]\nid = \"a\" # mine\nfront   =   'Q'\nback = \"B\"\n",
			"\n" + EncodeCard(card)},
		{"no final newline", "[deck]\nid = \"n\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"B\"",
			"\n\n" + EncodeCard(card)},
		{"blank line at the end", "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"B\"\n\n",
			EncodeCard(card)},
		{"comment at the end, no newline", "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"B\"\n# the end",
			"\n\n" + EncodeCard(card)},
		{"empty file", "", EncodeCard(card)},
		{"new deck template", string(Template("n", "N")), "\n" + EncodeCard(card)},
		{"CRLF line endings", "[deck]\r\nid = \"n\"\r\n\r\n[[card]]\r\nid = \"a\"\r\nfront = \"Q\"\r\nback = \"B\"\r\n",
			"\r\n[[card]]\r\nid = \"new\"\r\nfront = \"New?\"\r\nback = \"Yes.\\nTwo lines.\"\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPatch("x.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			p.Append(card)
			got := p.Bytes()
			if !bytes.HasPrefix(got, []byte(tt.src)) {
				t.Fatalf("the file changed before the new card:\n%q", got)
			}
			if diff := cmp.Diff(tt.added, string(got[len(tt.src):])); diff != "" {
				t.Errorf("appended text (-want +got)\n%s", diff)
			}
			d, err := Parse("x.toml", got)
			if err != nil {
				t.Fatalf("the result does not load: %v", err)
			}
			if diff := cmp.Diff(card, d.Cards[len(d.Cards)-1], ignoreLine); diff != "" {
				t.Errorf("appended card (-want +got)\n%s", diff)
			}
		})
	}
}

func TestAppendSeveral(t *testing.T) {
	src := "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"B\"\n"
	p, err := NewPatch("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p.Append(&Card{ID: "b", Front: "Q2", Back: "B2"})
	p.Append(&Card{ID: "c", Front: "Q3", Back: "B3"})
	want := src + "\n[[card]]\nid = \"b\"\nfront = \"Q2\"\nback = \"B2\"\n\n[[card]]\nid = \"c\"\nfront = \"Q3\"\nback = \"B3\"\n"
	if diff := cmp.Diff(want, string(p.Bytes())); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

const updateSrc = `[deck]
id = "n"

# Routing
[[card]]
id = "a"   # keep
front = "Old front?"
back = """
Old back,
on two lines.
"""
hint = "A hint."   # the hint stays
tags = ["x"]

# Next section
[[card]]
id = "b"
front = "Other?"
back = "Other."
`

func TestUpdate(t *testing.T) {
	tests := []struct {
		name string
		card *Card
		keys []string
		want string
	}{
		{"replace a multi-line value", &Card{Front: "Old front?", Back: "New back."}, []string{"back"},
			strings.Replace(updateSrc, "back = \"\"\"\nOld back,\non two lines.\n\"\"\"\n", "back = \"New back.\"\n", 1)},
		{"remove a key", &Card{}, []string{"tags"},
			strings.Replace(updateSrc, "tags = [\"x\"]\n", "", 1)},
		{"add keys after the last one", &Card{Source: "RFC 1", Reverse: true}, []string{"source", "reverse"},
			strings.Replace(updateSrc, "tags = [\"x\"]\n", "tags = [\"x\"]\nsource = \"RFC 1\"\nreverse = true\n", 1)},
		{"unchanged keys are rewritten as they were meant", &Card{Front: "New front?", Tags: []string{"x", "y"}}, []string{"front", "tags"},
			strings.Replace(strings.Replace(updateSrc, "front = \"Old front?\"", "front = \"New front?\"", 1), "tags = [\"x\"]", "tags = [\"x\", \"y\"]", 1)},
		{"make it a scenario", &Card{Kind: Scenario, Points: []string{"p1", "p2"}}, []string{"kind", "back", "points"},
			strings.NewReplacer(
				"back = \"\"\"\nOld back,\non two lines.\n\"\"\"\n", "",
				"tags = [\"x\"]\n", "tags = [\"x\"]\nkind = \"scenario\"\npoints = [\n  \"p1\",\n  \"p2\",\n]\n",
			).Replace(updateSrc)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPatch("x.toml", []byte(updateSrc))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Update("a", tt.card, tt.keys...); err != nil {
				t.Fatal(err)
			}
			got := string(p.Bytes())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if _, err := Parse("x.toml", []byte(got)); err != nil {
				t.Errorf("the result does not load: %v", err)
			}
		})
	}
}

func TestUpdateAndAppendTogether(t *testing.T) {
	p, err := NewPatch("x.toml", []byte(updateSrc))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Update("b", &Card{Back: "Changed."}, "back"); err != nil {
		t.Fatal(err)
	}
	if err := p.Update("a", &Card{Hint: ""}, "hint"); err != nil {
		t.Fatal(err)
	}
	p.Append(&Card{ID: "c", Front: "Third?", Back: "Third."})
	d, err := Parse("x.toml", p.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q %q %q %q", d.Cards[0].Hint, d.Cards[1].Back, d.Cards[2].ID, d.Cards[0].Back)
	if want := `"" "Changed." "c" "Old back,\non two lines."`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !strings.Contains(string(p.Bytes()), "# Next section\n[[card]]\nid = \"b\"") {
		t.Error("the comment before the second card moved")
	}
	if err := p.Update("a", &Card{}, "tags"); err == nil {
		t.Error("a second update of one card was accepted")
	}
	if err := p.Update("zz", &Card{}, "tags"); err == nil {
		t.Error("an update of a missing card was accepted")
	}
}

func TestNewPatchRefuses(t *testing.T) {
	for name, src := range map[string]string{
		"broken deck":  "[[card]]\nfront = \"q\"\n",
		"inline cards": "card = [{id = \"a\", front = \"q\", back = \"b\"}]\n",
	} {
		if _, err := NewPatch("x.toml", []byte(src)); err == nil {
			t.Errorf("%s: NewPatch accepted it", name)
		}
	}
}

func TestTemplateLoads(t *testing.T) {
	d, err := Parse("x.toml", Template("my-deck", `Mine "quoted"`))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "my-deck" || d.Name != `Mine "quoted"` || len(d.Cards) != 0 || d.DerivedID {
		t.Errorf("template deck = %+v", d)
	}
	tmpl := string(Template("t", "T"))
	i := strings.Index(tmpl, "# [[card]]")
	uncommented := tmpl[:i] + strings.ReplaceAll("\n"+tmpl[i:], "\n# ", "\n")
	d, err = Parse("x.toml", []byte(uncommented))
	if err != nil {
		t.Fatalf("the example card is not a valid card once uncommented: %v", err)
	}
	if len(d.Cards) != 1 || d.Cards[0].ID != "ssh-port" {
		t.Errorf("example cards = %+v", d.Cards)
	}
}

func TestEncodeHeader(t *testing.T) {
	d := &Deck{ID: "n", Name: "Net", Description: "One.\nTwo.", Tags: []string{"a"}}
	src := EncodeHeader(d) + EncodeCard(&Card{ID: "a", Front: "Q", Back: "B"})
	got, err := Parse("x.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != d.ID || got.Name != d.Name || got.Description != d.Description || !cmp.Equal(got.Tags, d.Tags) {
		t.Errorf("header round trip = %+v", got)
	}
}
