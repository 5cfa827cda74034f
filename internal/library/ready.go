package library

import (
	"sort"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs"
)

// Readiness is how ready the learner is for the interview, as things
// stand: the recall FSRS predicts on the date for every card in scope if
// nothing more were studied. A card never answered counts as recall 0.
type Readiness struct {
	Date   srs.Day
	Today  srs.Day
	Target float64
	Total  ReadyGroup   // every card in scope
	Decks  []ReadyGroup // per deck, in the decks' order
	Tags   []ReadyGroup // the weakest tags (of at least 3 cards), weakest first
	// Weakest are the answered cards with the lowest recall on the date,
	// lowest first.
	Weakest []ReadyCard
}

// ReadyGroup is the readiness of a group of cards: a deck, a tag, all.
type ReadyGroup struct {
	Name        string
	Cards, Seen int
	BelowTarget int     // cards whose recall on the date is below the target, never-seen ones included
	MeanRecall  float64 // mean recall on the date, 0 to 1
	sum         float64
}

func (g *ReadyGroup) add(recall float64, seen, below bool) {
	g.Cards++
	g.sum += recall
	g.MeanRecall = g.sum / float64(g.Cards)
	if seen {
		g.Seen++
	}
	if below {
		g.BelowTarget++
	}
}

// ReadyCard is one card's predicted recall on the date.
type ReadyCard struct {
	Prompt deck.Prompt
	Recall float64
	Due    srs.Day // its next due day
}

// WeakestCards and WeakestTags are how many of each readiness lists.
const (
	WeakestCards = 10
	WeakestTags  = 5
	minTagCards  = 3
)

// Readiness predicts recall on date for the cards in scope (decks and
// tags as an interview names them), by FSRS with the fitted weights (the
// published ones if none), replayed from the log whichever model
// schedules. It needs the log (WithLog or WithStates).
func (lib *Library) Readiness(iv *Interview) (*Readiness, error) {
	scope, err := lib.Select(iv.Decks, iv.Tags)
	if err != nil {
		return nil, err
	}
	p, err := lib.PredictionParams()
	if err != nil {
		return nil, err
	}
	states := srs.Replay(lib.Log, p)
	r := &Readiness{Date: iv.Date, Today: lib.Today, Target: iv.Target, Total: ReadyGroup{Name: "total"}}
	decks := map[string]*ReadyGroup{}
	var deckOrder []string
	tags := map[string]*ReadyGroup{}
	for _, pr := range scope.Prompts {
		st := states[pr.Key]
		seen := st != nil && !st.IsNew()
		recall := 0.0
		if seen {
			recall = p.FSRS.Recall(st.Memory, int(iv.Date-st.LastDay))
			r.Weakest = append(r.Weakest, ReadyCard{Prompt: pr, Recall: recall, Due: st.Due})
		}
		below := recall < iv.Target
		r.Total.add(recall, seen, below)
		g := decks[pr.Deck.ID]
		if g == nil {
			g = &ReadyGroup{Name: pr.Deck.ID}
			decks[pr.Deck.ID] = g
			deckOrder = append(deckOrder, pr.Deck.ID)
		}
		g.add(recall, seen, below)
		for _, t := range cardTags(pr) {
			tg := tags[t]
			if tg == nil {
				tg = &ReadyGroup{Name: t}
				tags[t] = tg
			}
			tg.add(recall, seen, below)
		}
	}
	for _, id := range deckOrder {
		r.Decks = append(r.Decks, *decks[id])
	}
	for _, g := range tags {
		if g.Cards >= minTagCards {
			r.Tags = append(r.Tags, *g)
		}
	}
	sort.Slice(r.Tags, func(i, j int) bool {
		if r.Tags[i].MeanRecall != r.Tags[j].MeanRecall {
			return r.Tags[i].MeanRecall < r.Tags[j].MeanRecall
		}
		return r.Tags[i].Name < r.Tags[j].Name
	})
	r.Tags = r.Tags[:min(len(r.Tags), WeakestTags)]
	sort.SliceStable(r.Weakest, func(i, j int) bool { return r.Weakest[i].Recall < r.Weakest[j].Recall })
	r.Weakest = r.Weakest[:min(len(r.Weakest), WeakestCards)]
	return r, nil
}

// cardTags are a card's own tags (a deck's tags are the deck's row),
// lower-cased, each once.
func cardTags(p deck.Prompt) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range p.Card.Tags {
		t = strings.ToLower(t)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// RecallOn returns each card's recall on day as FSRS predicts it (the
// fitted weights, else the published ones, replayed from the log whichever
// model schedules): 0 for a card never answered. It needs the log.
func (lib *Library) RecallOn(day srs.Day) (func(card string) float64, error) {
	p, err := lib.PredictionParams()
	if err != nil {
		return nil, err
	}
	states := srs.Replay(lib.Log, p)
	return func(card string) float64 {
		st := states[card]
		if st == nil || st.IsNew() {
			return 0
		}
		return p.FSRS.Recall(st.Memory, int(day-st.LastDay))
	}, nil
}
