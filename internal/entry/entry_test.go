package entry

import (
	"bufio"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rehearse/rehearse/deck"
)

func TestAddPrompt(t *testing.T) {
	tests := []struct {
		name  string
		given Input
		input string
		want  Input
		asked string
		err   string
	}{
		{"everything", Input{Card: deck.Card{Kind: deck.Basic}}, "mine\n\nWhat is BGP?\nA routing protocol.\nrouting, bgp\n",
			Input{Deck: "mine", Card: deck.Card{Kind: deck.Basic, Front: "What is BGP?", Back: "A routing protocol.", Tags: []string{"routing", "bgp"}}},
			"Deck id: Front (the question): Front (the question): Back (the answer): Tags (separated by spaces, optional): ", ""},
		{"only the back", Input{Deck: "mine", Card: deck.Card{Kind: deck.Basic, Front: "Q?"}}, "A.\n",
			Input{Deck: "mine", Card: deck.Card{Kind: deck.Basic, Front: "Q?", Back: "A."}},
			"Back (the answer): ", ""},
		{"scenario points", Input{Deck: "mine", Card: deck.Card{Kind: deck.Scenario, Front: "Walk me through it."}}, "one\ntwo\n\n",
			Input{Deck: "mine", Card: deck.Card{Kind: deck.Scenario, Front: "Walk me through it.", Points: []string{"one", "two"}}},
			"Key points, one per line; an empty line ends the list:\n  point:   point:   point: ", ""},
		{"points end with the input", Input{Deck: "mine", Card: deck.Card{Kind: deck.Scenario, Front: "Q"}}, "one",
			Input{Deck: "mine", Card: deck.Card{Kind: deck.Scenario, Front: "Q", Points: []string{"one"}}},
			"Key points, one per line; an empty line ends the list:\n  point:   point: ", ""},
		{"input ends early", Input{Card: deck.Card{Kind: deck.Basic}}, "mine\n",
			Input{}, "", "no answer for front (the question): the card was not added"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.given
			var asked strings.Builder
			err := in.Prompt(bufio.NewReader(strings.NewReader(tt.input)), &asked)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, in, cmpopts.IgnoreFields(Input{}, "DeckOK")); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			if asked.String() != tt.asked {
				t.Errorf("asked %q, want %q", asked.String(), tt.asked)
			}
		})
	}
}

// TestAddPromptChecksTheDeck: a deck id typed at the prompt is checked at
// once, and asked again with what was wrong, before the card is typed.
func TestAddPromptChecksTheDeck(t *testing.T) {
	in := Input{Card: deck.Card{Kind: deck.Basic}}
	in.DeckOK = func(id string) string {
		if id != "mine" {
			return `no deck "` + id + `"; did you mean mine?`
		}
		return ""
	}
	var asked strings.Builder
	if err := in.Prompt(bufio.NewReader(strings.NewReader("mien\nmine\nQ?\nA.\n\n")), &asked); err != nil {
		t.Fatal(err)
	}
	if in.Deck != "mine" || in.Card.Front != "Q?" {
		t.Errorf("got deck %q, front %q", in.Deck, in.Card.Front)
	}
	if want := "Deck id: no deck \"mien\"; did you mean mine?\nDeck id: Front (the question): "; !strings.HasPrefix(asked.String(), want) {
		t.Errorf("asked %q, want it to start with %q", asked.String(), want)
	}
}
