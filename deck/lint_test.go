package deck

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t *testing.T, file, src string) *Deck {
	t.Helper()
	d, err := Parse(file, []byte(src))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return d
}

func TestLint(t *testing.T) {
	long := strings.Repeat("word ", 51) // 254 characters once trimmed
	tests := []struct {
		name  string
		decks map[string]string // file -> text, loaded in file order
		want  []string
	}{
		{"clean", map[string]string{"a.toml": `[[card]]
id = "x"
front = "Which port does SSH use?"
back = "22"
source = "RFC 4253"
[[card]]
id = "y"
front = "Which port does SSL use?"
back = "443 for HTTPS"
source = "RFC 2818"
[[card]]
id = "s"
kind = "scenario"
front = "Walk me through an outage."
points = ["one"]
`}, nil},
		{"same question in one deck", map[string]string{"a.toml": `[[card]]
id = "x"
front = "What are the OSI layers?"
back = "Seven."
source = "ISO"
[[card]]
id = "y"
front = "Name the OSI layers."
back = "Seven."
source = "ISO"
`}, []string{`a.toml:6: card "y" asks the same question as card "x" on line 1`}},
		{"same question in another deck", map[string]string{
			"a.toml": "[[card]]\nid = \"x\"\nfront = \"What is BGP?\"\nback = \"B\"\nsource = \"s\"\n",
			"b.toml": "[[card]]\nid = \"y\"\nfront = \"what is bgp\"\nback = \"B\"\nsource = \"s\"\n",
		}, []string{`b.toml:1: card "y" asks the same question as card "x" of deck a (a.toml:1)`}},
		{"a copy of a deck is not compared with it", map[string]string{
			"a.toml":      "[deck]\nid = \"a\"\n[[card]]\nid = \"x\"\nfront = \"What is BGP?\"\nback = \"B\"\nsource = \"s\"\n",
			"copy/a.toml": "[deck]\nid = \"a\"\n[[card]]\nid = \"x\"\nfront = \"What is BGP?\"\nback = \"B\"\nsource = \"s\"\n",
		}, nil},
		{"long back", map[string]string{"a.toml": "[[card]]\nid = \"x\"\nfront = \"Q\"\nback = \"" + long + "\"\nsource = \"s\"\n"},
			[]string{`a.toml:1: card "x" has a back of 254 characters, too long to say aloud`}},
		{"one card without a source", map[string]string{"a.toml": `[[card]]
id = "x"
front = "Q1"
back = "B"
source = "s"
[[card]]
id = "y"
front = "Q2"
back = "B"
`}, []string{`a.toml:6: card "y" has no source, unlike 1 other card of this deck`}},
		{"no sources at all", map[string]string{"a.toml": "# x\n[[card]]\nid = \"x\"\nfront = \"Q1\"\nback = \"B\"\n[[card]]\nid = \"y\"\nfront = \"Q2\"\nback = \"B\"\n"},
			[]string{`a.toml:2: none of the deck's 2 factual cards names a source`}},
		{"accept that cannot match", map[string]string{"a.toml": "[[card]]\nid = \"x\"\nfront = \"Q\"\nback = \"B\"\naccept = [\"b\", \"?!\"]\nsource = \"s\"\n"},
			[]string{`a.toml:1: card "x": accepted answer 2 ("?!") has no letters or digits, so no typed answer can match it`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var decks []*Deck
			for _, file := range sortedKeys(tt.decks) {
				decks = append(decks, mustParse(t, file, tt.decks[file]))
			}
			var got []string
			for _, w := range Lint(decks) {
				if w.Hint == "" {
					t.Errorf("%v has no hint", w)
				}
				got = append(got, w.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestSameQuestion keeps the duplicate check honest: questions that differ
// in what they ask must not be flagged, whatever their overlap in words.
func TestSameQuestion(t *testing.T) {
	same := [][2]string{
		{"What are the OSI layers?", "Name the OSI layers."},
		{"What is BGP?", "Explain BGP."},
		{"Which role is held by one person for each task?", "Which role is held by one person per task?"},
		{"What is the main purpose of a DMZ?", "What is the purpose of a DMZ"},
	}
	different := [][2]string{
		{"Which port does SSH use?", "Which port does SSL use?"},
		{"What does TCP do that UDP does not?", "What does UDP do that TCP does not?"},
		{"How much downtime per year does 99.9% availability allow?", "How much downtime per year does 99.99% availability allow?"},
		{"What does ISACA's CISM demonstrate?", "What does ISACA's CISA demonstrate?"},
		{"Why is RAID not a backup?", "Why is a replica not a backup?"},
		{"How do you move a VM from host A to host B?", "How do you move a VM to host A from host B?"},
		{"Which records must all be kept?", "Which records must some be kept?"},
		{"What is a primary key?", "What is a foreign key?"},
		{"When is RAID 5 a bad choice?", "Why is RAID 5 a bad choice?"},
		{"Is it a problem?", "Is it not a problem?"},
	}
	for _, p := range same {
		if !SameQuestion(p[0], p[1]) {
			t.Errorf("%q and %q should be the same question", p[0], p[1])
		}
	}
	for _, p := range different {
		if SameQuestion(p[0], p[1]) {
			t.Errorf("%q and %q are different questions", p[0], p[1])
		}
	}
}
