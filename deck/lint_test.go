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
		{"same question but for a contraction", map[string]string{"a.toml": `[[card]]
id = "x"
front = "What is BGP?"
back = "B"
source = "s"
[[card]]
id = "y"
front = "What’s BGP?"
back = "B"
source = "s"
`}, []string{`a.toml:6: card "y" asks the same question as card "x" on line 1`}},
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
		// Contractions, with either apostrophe.
		{"What's BGP?", "What is BGP?"},
		{"What’s BGP?", "what is bgp"},
		{"It's a /24: how many hosts?", "It is a /24: how many hosts?"},
		{"Which ports aren't encrypted?", "Which ports are not encrypted?"},
		{"A backup that isn't tested: what's the risk?", "A backup that is not tested: what is the risk?"},
		{"Why doesn’t it scale?", "Why does it not scale?"},
		{"Which frames don't get forwarded?", "Which frames do not get forwarded?"},
		{"Why can't you ping the host?", "Why can you not ping the host?"},
		{"What can't be encrypted?", "What cannot be encrypted?"},
		{"What won't be replicated?", "What will not be replicated?"},
		{"Let's compare TCP and UDP.", "Let us compare TCP and UDP."},
		{"Who's on call at night?", "Who is on call at night?"},
		{"Where's the DMZ?", "Where is the DMZ?"},
		{"How's a VLAN tagged?", "How is a VLAN tagged?"},
		{"There's a loop: what stops it?", "There is a loop: what stops it?"},
		{"That's a SYN flood: why?", "That is a SYN flood: why?"},
		{"You're on call: what first?", "You are on call: what first?"},
		{"We’re over budget: what goes?", "We are over budget: what goes?"},
		{"They're asking for SSO: why?", "They are asking for SSO: why?"},
		{"I'm new: which logs matter?", "I am new: which logs matter?"},
		{"I've two sites: how to link them?", "I have two sites: how to link them?"},
		{"You've lost a disk: now what?", "You have lost a disk: now what?"},
		{"We've lost a site: now what?", "We have lost a site: now what?"},
		{"They've lost a site: now what?", "They have lost a site: now what?"},
		{"I'd pick which RAID level?", "I would pick which RAID level?"},
		{"You'd pick which RAID level?", "You would pick which RAID level?"},
		{"I'll own DR: where to start?", "I will own DR: where to start?"},
		{"You'll own DR: where to start?", "You will own DR: where to start?"},
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
		// A contraction keeps its "not", and a possessive is not "is".
		{"Why isn't RAID a backup?", "Why is RAID a backup?"},
		{"Why can't you ping the host?", "Why can you ping the host?"},
		{"What's CISM?", "What's CISA?"},
		{"Who's on call?", "Who is not on call?"},
		{"What is ISACA's CISM?", "What is ISACA CISM?"},
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

// TestTypedAnswersKeepContractions: contractions are spelled out only to
// compare questions; a typed answer is compared as it is written.
func TestTypedAnswersKeepContractions(t *testing.T) {
	c := &Card{Accept: []string{"don't"}}
	for typed, want := range map[string]bool{"don't": true, "Don’t": true, "don t": true, "do not": false} {
		if got := c.Check(typed); got != want {
			t.Errorf("Check(%q) with accept %q = %v, want %v", typed, c.Accept, got, want)
		}
	}
}

func TestExpandContractions(t *testing.T) {
	for in, want := range map[string]string{
		"What's BGP?":                  "what is BGP?",
		"It’s DNS, isn't it?":          "it is DNS, is not it?",
		"I'm sure they'd say we'll go": "i am sure they would say we will go",
		"Can't, WON'T, don’t":          "can not, will not, do not",
		"Let's see what you've got":    "let us see what you have got",
		"ISACA's CISM":                 "ISACA's CISM",
		"O'Reilly and rock'n'roll":     "O'Reilly and rock'n'roll",
		"'quoted' words":               "'quoted' words",
		"No apostrophe at all":         "No apostrophe at all",
	} {
		if got := expandContractions(in); got != want {
			t.Errorf("expandContractions(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClosestSwappedLetters(t *testing.T) {
	for typed, want := range map[string]string{"frnot": "front", "bakc": "back", "hnit": "hint", "zzzz": ""} {
		if got := Closest(typed, []string{"front", "back", "hint"}); got != want {
			t.Errorf("Closest(%q) = %q, want %q", typed, got, want)
		}
	}
}
