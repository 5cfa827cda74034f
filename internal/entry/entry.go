// Package entry asks a learner, line by line, for the parts of a new card
// that the command line did not give: the deck, the question, the answer
// or the key points, and the tags.
package entry

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/tui"
)

// Input is the card to add and the deck it goes to.
type Input struct {
	Deck string
	Card deck.Card
	// DeckOK, when set, checks a deck id typed at the prompt: "" when
	// cards can be added to it, else what to say before asking again.
	DeckOK func(id string) string
}

// Missing names the flags that are needed and not given.
func (in *Input) Missing() []string {
	var m []string
	if in.Deck == "" {
		m = append(m, "--deck")
	}
	if in.Card.Front == "" {
		m = append(m, "--front")
	}
	if in.Card.Kind == deck.Scenario && len(in.Card.Points) == 0 {
		m = append(m, "--point")
	}
	if in.Card.Kind != deck.Scenario && in.Card.Back == "" {
		m = append(m, "--back")
	}
	return m
}

// Prompt asks on w for what is missing, reading answers from r.
func (in *Input) Prompt(r *bufio.Reader, w io.Writer) error {
	ask := func(label string) (string, error) {
		fmt.Fprintf(w, "%s: ", label)
		line, err := r.ReadString('\n')
		if err != nil && line == "" {
			return "", hint.With(fmt.Errorf("no answer for %s: the card was not added", strings.ToLower(label)), "give it as a flag; see `rehearse add --help`")
		}
		return strings.TrimSpace(line), nil
	}
	need := func(label string, v *string) error {
		for *v == "" {
			s, err := ask(label)
			if err != nil {
				return err
			}
			*v = s
		}
		return nil
	}
	for {
		if err := need("Deck id", &in.Deck); err != nil {
			return err
		}
		if in.DeckOK == nil {
			break
		}
		msg := in.DeckOK(in.Deck)
		if msg == "" {
			break
		}
		fmt.Fprintln(w, tui.Clean(msg))
		in.Deck = ""
	}
	askTags := in.Card.Front == "" && len(in.Card.Tags) == 0
	if err := need("Front (the question)", &in.Card.Front); err != nil {
		return err
	}
	if in.Card.Kind == deck.Scenario {
		if len(in.Card.Points) == 0 {
			fmt.Fprintln(w, "Key points, one per line; an empty line ends the list:")
			for {
				p, err := ask("  point")
				if err != nil && len(in.Card.Points) == 0 {
					return err
				}
				if err != nil || p == "" {
					break
				}
				in.Card.Points = append(in.Card.Points, p)
			}
		}
		if len(in.Card.Points) == 0 {
			return hint.With(errors.New("no key points given: the card was not added"), "a scenario card lists what a good answer covers")
		}
	} else if err := need("Back (the answer)", &in.Card.Back); err != nil {
		return err
	}
	if askTags {
		tags, err := ask("Tags (separated by spaces, optional)")
		if err != nil {
			return err
		}
		in.Card.Tags = strings.Fields(strings.ReplaceAll(tags, ",", " "))
	}
	return nil
}

// TrimAll returns the values that are not blank, trimmed.
func TrimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
