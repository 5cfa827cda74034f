package library

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs"
)

// Answering times, the defaults of [MockOptions].
const (
	DefaultLongTime  = 2 * time.Minute  // a scenario or behavioural question
	DefaultShortTime = 30 * time.Second // a factual question
	DefaultQuestions = 8
)

// MockOptions say how a mock interview is made.
type MockOptions struct {
	Questions int           // how many questions (DefaultQuestions when 0 and Minutes is 0)
	Minutes   int           // instead: as many questions as fill this many minutes
	Seed      uint64        // the same seed and log choose the same questions
	LongTime  time.Duration // to answer a scenario or behavioural question aloud
	ShortTime time.Duration // to answer a factual question
}

// Question kinds, as a mock names them.
const (
	KindBehavioural = "behavioural"
	KindScenario    = "scenario"
	KindFactual     = "factual"
)

// MockQuestion is one question of a mock interview.
type MockQuestion struct {
	Prompt deck.Prompt
	Kind   string        // KindBehavioural, KindScenario or KindFactual
	Limit  time.Duration // the time to answer it aloud
	Recall float64       // predicted recall today (0 for a card never answered)
}

// QuestionKind says what kind of question a card is in a mock.
func QuestionKind(c *deck.Card) string {
	switch {
	case c.Behavioural():
		return KindBehavioural
	case c.Kind == deck.Scenario:
		return KindScenario
	}
	return KindFactual
}

// Mock is one mock interview as the log holds it: its answers in order.
type Mock struct {
	Began   time.Time
	Answers []MockAnswer
}

// MockAnswer is one question answered in a mock.
type MockAnswer struct {
	Card    string
	Prompt  *deck.Prompt // nil when the card is no longer in any deck
	Grade   srs.Grade
	Took    time.Duration
	Limit   time.Duration // the time it had (0 when read from the log)
	Points  int           // the key points of a scenario, 1 for a factual question
	Covered int           // of which the answer covered
	Missed  []int         // the points missed (1-based), scenario questions only
}

// Over reports whether the answer took longer than its limit.
func (a MockAnswer) Over() bool { return a.Limit > 0 && a.Took > a.Limit }

// Topic is what a mock's report scores an answer under: the first
// competency of a behavioural question, else the question's deck.
func (a MockAnswer) Topic() string {
	if a.Prompt == nil {
		return "cards no longer in a deck"
	}
	if c := a.Prompt.Card.Competencies; len(c) > 0 {
		if name := deck.CompetencyName(c[0]); name != "" {
			return name
		}
		return c[0]
	}
	return a.Prompt.Deck.Name
}

// NewMockAnswer scores an answer to a mock question: the points covered
// of a scenario, or one point for a factual answer graded 3 or more.
func NewMockAnswer(p deck.Prompt, g srs.Grade, took, limit time.Duration, missed []int) MockAnswer {
	a := MockAnswer{Card: p.Key, Prompt: &p, Grade: g, Took: took, Limit: limit, Missed: missed, Points: 1}
	if p.Card.Kind == deck.Scenario && len(p.Card.Points) > 0 {
		a.Points = len(p.Card.Points)
		a.Covered = max(a.Points-len(missed), 0)
	} else if g.Passed() {
		a.Covered = 1
	}
	return a
}

// Score sums the points covered and the points of a mock's answers.
func (m *Mock) Score() (covered, points int) {
	for _, a := range m.Answers {
		covered += a.Covered
		points += a.Points
	}
	return covered, points
}

// Mocks returns the mock interviews of the log, oldest first.
func (lib *Library) Mocks() []Mock {
	byBegan := map[time.Time]*Mock{}
	var order []time.Time
	for i := 0; i < lib.Log.Len(); i++ {
		r := lib.Log.At(i)
		if r.Event != srs.Mock {
			continue
		}
		m := byBegan[r.Mock]
		if m == nil {
			m = &Mock{Began: r.Mock}
			byBegan[r.Mock] = m
			order = append(order, r.Mock)
		}
		a := MockAnswer{Card: r.Card, Grade: r.Grade, Took: time.Duration(r.Millis) * time.Millisecond, Missed: r.Missed, Points: 1}
		if p, ok := lib.ByKey[r.Card]; ok {
			a = NewMockAnswer(p, r.Grade, a.Took, 0, r.Missed)
		} else if r.Grade.Passed() {
			a.Covered = 1
		}
		m.Answers = append(m.Answers, a)
	}
	slices.SortFunc(order, func(a, b time.Time) int { return a.Compare(b) })
	out := make([]Mock, len(order))
	for i, t := range order {
		out[i] = *byBegan[t]
	}
	return out
}

// mockCost is about how long a question takes in a mock, with marking.
func mockCost(limit time.Duration, kind string) time.Duration {
	if kind == KindFactual {
		return limit + 15*time.Second
	}
	return limit + 30*time.Second
}

// ChooseMock picks a mock interview's questions from the selection and
// puts them in the order a panel would ask them. About three in four are
// scenario and behavioural questions, the rest factual; within each, the
// choice leans towards the weakest cards: the lowest predicted recall
// today, the most key points missed in earlier mocks, and never asked in a
// mock. The first question is a warm-up (the best known factual one), then
// the technical questions deck by deck (each deck's factual ones before
// its scenarios), then the behavioural ones.
func (lib *Library) ChooseMock(sel *Selection, o MockOptions) ([]MockQuestion, error) {
	if o.LongTime <= 0 {
		o.LongTime = DefaultLongTime
	}
	if o.ShortTime <= 0 {
		o.ShortTime = DefaultShortTime
	}
	recall, err := lib.RecallOn(lib.Today)
	if err != nil {
		return nil, err
	}
	asked, missedShare := map[string]int{}, map[string]float64{}
	points := map[string][2]int{}
	for _, m := range lib.Mocks() {
		for _, a := range m.Answers {
			asked[a.Card]++
			p := points[a.Card]
			points[a.Card] = [2]int{p[0] + a.Points - a.Covered, p[1] + a.Points}
		}
	}
	for card, p := range points {
		if p[1] > 0 {
			missedShare[card] = float64(p[0]) / float64(p[1])
		}
	}

	type candidate struct {
		q   MockQuestion
		key float64 // weighted random order: larger first
	}
	rng := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	var long, short []candidate
	for _, p := range sel.Prompts {
		if p.Reversed {
			continue
		}
		if st := lib.States[p.Key]; st != nil && st.Suspended {
			continue
		}
		kind := QuestionKind(p.Card)
		q := MockQuestion{Prompt: p, Kind: kind, Limit: o.LongTime, Recall: recall(p.Key)}
		if kind == KindFactual {
			q.Limit = o.ShortTime
		}
		weight := 0.2 + (1 - q.Recall) + missedShare[p.Key]
		if asked[p.Key] == 0 {
			weight += 0.5
		}
		// Efraimidis and Spirakis: the k largest u^(1/w) are a weighted
		// sample of k without replacement.
		c := candidate{q: q, key: math.Pow(1-rng.Float64(), 1/weight)}
		if kind == KindFactual {
			short = append(short, c)
		} else {
			long = append(long, c)
		}
	}
	if len(long)+len(short) == 0 {
		return nil, fmt.Errorf("there are no cards to ask")
	}
	n := o.Questions
	if o.Minutes > 0 {
		per := (3*mockCost(o.LongTime, KindScenario) + mockCost(o.ShortTime, KindFactual)) / 4
		n = max(int(time.Duration(o.Minutes)*time.Minute/per), 1)
	} else if n <= 0 {
		n = DefaultQuestions
	}
	n = min(n, len(long)+len(short))
	nShort := (n + 2) / 4 // one in four, and a warm-up from two questions on
	nLong := min(n-nShort, len(long))
	nShort = min(n-nLong, len(short))
	byKey := func(a, b candidate) int { return cmp.Compare(b.key, a.key) }
	slices.SortFunc(long, byKey)
	slices.SortFunc(short, byKey)

	var chosen []MockQuestion
	for _, c := range short[:nShort] {
		chosen = append(chosen, c.q)
	}
	for _, c := range long[:nLong] {
		chosen = append(chosen, c.q)
	}
	return panelOrder(chosen), nil
}

// panelOrder puts questions in a panel's order (see ChooseMock).
func panelOrder(qs []MockQuestion) []MockQuestion {
	rank := map[string]int{KindFactual: 0, KindScenario: 1, KindBehavioural: 2}
	sort.SliceStable(qs, func(i, j int) bool {
		a, b := qs[i], qs[j]
		if (a.Kind == KindBehavioural) != (b.Kind == KindBehavioural) {
			return b.Kind == KindBehavioural
		}
		if a.Prompt.Deck.ID != b.Prompt.Deck.ID {
			return a.Prompt.Deck.ID < b.Prompt.Deck.ID
		}
		return rank[a.Kind] < rank[b.Kind]
	})
	warm := -1
	for i, q := range qs {
		if q.Kind == KindFactual && (warm < 0 || q.Recall > qs[warm].Recall) {
			warm = i
		}
	}
	if warm > 0 {
		q := qs[warm]
		qs = append(qs[:warm], qs[warm+1:]...)
		qs = append([]MockQuestion{q}, qs...)
	}
	return qs
}

// StoriesFor returns the learner's stories that answer a card: those that
// name one of the competencies it tests.
func (lib *Library) StoriesFor(c *deck.Card) []*deck.Story {
	if len(c.Competencies) == 0 {
		return nil
	}
	var out []*deck.Story
	for _, s := range lib.Decks.Stories() {
		if s.Answers(c.Competencies) {
			out = append(out, s)
		}
	}
	return out
}
