package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs/revlog"
)

func TestAddPrompt(t *testing.T) {
	tests := []struct {
		name  string
		given addInput
		input string
		want  addInput
		asked string
		err   string
	}{
		{"everything", addInput{card: deck.Card{Kind: deck.Basic}}, "mine\n\nWhat is BGP?\nA routing protocol.\nrouting, bgp\n",
			addInput{deck: "mine", card: deck.Card{Kind: deck.Basic, Front: "What is BGP?", Back: "A routing protocol.", Tags: []string{"routing", "bgp"}}},
			"Deck id: Front (the question): Front (the question): Back (the answer): Tags (separated by spaces, optional): ", ""},
		{"only the back", addInput{deck: "mine", card: deck.Card{Kind: deck.Basic, Front: "Q?"}}, "A.\n",
			addInput{deck: "mine", card: deck.Card{Kind: deck.Basic, Front: "Q?", Back: "A."}},
			"Back (the answer): ", ""},
		{"scenario points", addInput{deck: "mine", card: deck.Card{Kind: deck.Scenario, Front: "Walk me through it."}}, "one\ntwo\n\n",
			addInput{deck: "mine", card: deck.Card{Kind: deck.Scenario, Front: "Walk me through it.", Points: []string{"one", "two"}}},
			"Key points, one per line; an empty line ends the list:\n  point:   point:   point: ", ""},
		{"points end with the input", addInput{deck: "mine", card: deck.Card{Kind: deck.Scenario, Front: "Q"}}, "one",
			addInput{deck: "mine", card: deck.Card{Kind: deck.Scenario, Front: "Q", Points: []string{"one"}}},
			"Key points, one per line; an empty line ends the list:\n  point:   point: ", ""},
		{"input ends early", addInput{card: deck.Card{Kind: deck.Basic}}, "mine\n",
			addInput{}, "", "no answer for front (the question): the card was not added"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.given
			var asked strings.Builder
			err := in.prompt(bufio.NewReader(strings.NewReader(tt.input)), &asked)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, in, cmp.AllowUnexported(addInput{})); diff != "" {
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
	in := addInput{card: deck.Card{Kind: deck.Basic}}
	in.deckOK = func(id string) string {
		if id != "mine" {
			return `no deck "` + id + `"; did you mean mine?`
		}
		return ""
	}
	var asked strings.Builder
	if err := in.prompt(bufio.NewReader(strings.NewReader("mien\nmine\nQ?\nA.\n\n")), &asked); err != nil {
		t.Fatal(err)
	}
	if in.deck != "mine" || in.card.Front != "Q?" {
		t.Errorf("got deck %q, front %q", in.deck, in.card.Front)
	}
	if want := "Deck id: no deck \"mien\"; did you mean mine?\nDeck id: Front (the question): "; !strings.HasPrefix(asked.String(), want) {
		t.Errorf("asked %q, want it to start with %q", asked.String(), want)
	}
}

// TestCardActionWhileReviewing checks that --suspend is refused, clearly
// and without writing, while a review session holds the data folder.
func TestCardActionWhileReviewing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("REHEARSE_HOME", dir)
	t.Setenv("REHEARSE_DEVICE", "test")
	t.Setenv("XDG_CONFIG_HOME", dir)
	if err := os.MkdirAll(filepath.Join(dir, "decks"), 0o700); err != nil {
		t.Fatal(err)
	}
	deckFile := "[deck]\nid = \"d\"\n[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A.\"\n"
	if err := os.WriteFile(filepath.Join(dir, "decks", "d.toml"), []byte(deckFile), 0o644); err != nil {
		t.Fatal(err)
	}
	session, err := revlog.Open(dir, "test") // what a review session holds
	if err != nil {
		t.Fatal(err)
	}
	defer session.Close()
	now := func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }
	var stdout, stderr strings.Builder
	code := run([]string{"rehearse", "--no-builtin", "card", "d/a", "--suspend"}, strings.NewReader(""), &stdout, &stderr, now)
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	want := "rehearse: cannot suspend d/a: another rehearse session is running on this data folder (pid " +
		strconv.Itoa(os.Getpid()) + ")\nrehearse: hint: finish or quit the other session first (its lock is " + filepath.Join(dir, "lock") + ")\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	log, err := revlog.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if log.Len() != 0 {
		t.Errorf("records written while locked: %+v", log.Records())
	}
}
