package interchange

import (
	"encoding/json"
	"io"

	"github.com/rehearse/rehearse/deck"
)

// jsonDeck is the JSON export of a deck.
type jsonDeck struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Tags        []string   `json:"tags,omitempty"`
	Cards       []jsonCard `json:"cards"`
}

type jsonCard struct {
	ID      string   `json:"id"`
	Key     string   `json:"key"`
	Kind    string   `json:"kind"`
	Front   string   `json:"front"`
	Back    string   `json:"back,omitempty"`
	Points  []string `json:"points,omitempty"`
	Accept  []string `json:"accept,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	Hint    string   `json:"hint,omitempty"`
	Explain string   `json:"explain,omitempty"`
	Source  string   `json:"source,omitempty"`
	Reverse bool     `json:"reverse,omitempty"`
}

// WriteJSON writes the deck as one JSON object: the deck's id, name,
// description and tags, and its cards with every key and their identity
// in the review log ("key": "DECK-ID/CARD-ID").
func WriteJSON(w io.Writer, d *deck.Deck) error {
	out := jsonDeck{ID: d.ID, Name: d.Name, Description: d.Description, Tags: d.Tags, Cards: []jsonCard{}}
	for _, c := range d.Cards {
		kind := c.Kind
		if kind == "" {
			kind = deck.Basic
		}
		out.Cards = append(out.Cards, jsonCard{
			ID: c.ID, Key: deck.Key(d.ID, c.ID), Kind: string(kind), Front: c.Front, Back: c.Back,
			Points: c.Points, Accept: c.Accept, Tags: c.Tags, Hint: c.Hint, Explain: c.Explain,
			Source: c.Source, Reverse: c.Reverse,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
