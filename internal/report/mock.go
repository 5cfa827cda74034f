package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
)

// MockReport is what the end of a mock interview reports on.
type MockReport struct {
	Mock    *library.Mock
	History []library.Mock // every mock in the log, this one included
	Stories []*deck.Story  // the learner's story bank
}

// WriteMock reports a mock interview: the score and time, each question's
// points and time, a score per topic, the points missed most often across
// every mock, and what to practise next.
func WriteMock(out io.Writer, d tui.Display, r MockReport) error {
	m := r.Mock
	note := func(s string) { fmt.Fprintln(out, tui.Indent(s, " ", d.Width)) }
	fmt.Fprintln(out)
	if len(m.Answers) == 0 {
		note("The mock ended before its first answer: nothing was saved.")
		return nil
	}
	covered, points := m.Score()
	var took time.Duration
	over := 0
	for _, a := range m.Answers {
		took += a.Took
		if a.Over() {
			over++
		}
	}
	pct := 100 * float64(covered) / float64(max(points, 1))
	head := fmt.Sprintf("Mock of %s in %s: %d of %d points (%.0f%%)", tui.Plural(len(m.Answers), "question", "questions"),
		tui.Duration(took), covered, points, pct)
	if over > 0 {
		head += fmt.Sprintf("; %s over time", tui.Plural(over, "answer", "answers"))
	}
	note(head + ".")
	fmt.Fprintln(out)

	width := d.Width
	if width <= 0 {
		width = 100
	}
	tb := NewTable(out, d, []string{"#", "QUESTION", "KIND", "POINTS", "TIME"}, 0, 3, 4)
	for i, a := range m.Answers {
		q, kind := a.Card, ""
		if a.Prompt != nil {
			q, kind = a.Prompt.Question(), library.QuestionKind(a.Prompt.Card)
		}
		t := tui.Clock(a.Took)
		if a.Over() {
			t += " (over)"
		}
		if err := tb.Append(i+1, tui.OneLine(tui.Clean(q), max(width-48, 20)), kind, fmt.Sprintf("%d/%d", a.Covered, a.Points), t); err != nil {
			return err
		}
	}
	if err := tb.Render(); err != nil {
		return err
	}
	fmt.Fprintln(out)

	topics := mockTopics(m)
	var items []string
	for _, t := range topics {
		items = append(items, fmt.Sprintf("%s %d/%d", tui.Clean(t.name), t.covered, t.points))
	}
	fmt.Fprintln(out, tui.Flow(items, " By topic: ", "   ", " · ", d.Width))
	if missed := missedMost(r.History, 3); len(missed) > 0 {
		var parts []string
		for _, mp := range missed {
			parts = append(parts, fmt.Sprintf("%q (%s)", tui.OneLine(tui.Clean(mp.text), 50), tui.Plural(mp.n, "time", "times")))
		}
		note("Missed most often, in every mock: " + strings.Join(parts, ", "))
	}
	next := "Practise next: "
	if weakest, decks := weakestDeck(m); weakest != "" && decks > 1 {
		next += fmt.Sprintf("`rehearse mock --deck %s`", weakest)
	} else if card := weakestAnswer(m); card != "" {
		next += fmt.Sprintf("the points of %s (`rehearse card %s`)", card, card)
	} else {
		next += "`rehearse mock` again another day"
	}
	if gaps := storyGaps(m, r.Stories); len(gaps) > 0 {
		next += "; no story yet for: " + strings.Join(gaps, ", ") + " (`rehearse stories new`)"
	}
	note(next + ".")
	return nil
}

type topicScore struct {
	name            string
	covered, points int
}

// mockTopics scores a mock by topic, in the order the topics came up.
func mockTopics(m *library.Mock) []topicScore {
	var out []topicScore
	at := map[string]int{}
	for _, a := range m.Answers {
		t := a.Topic()
		i, ok := at[t]
		if !ok {
			i = len(out)
			at[t] = i
			out = append(out, topicScore{name: t})
		}
		out[i].covered += a.Covered
		out[i].points += a.Points
	}
	return out
}

type missedPoint struct {
	text string
	n    int
}

// missedMost returns the n key points missed most often across mocks,
// of those missed at least twice.
func missedMost(mocks []library.Mock, n int) []missedPoint {
	count := map[string]int{}
	var order []string
	for _, m := range mocks {
		for _, a := range m.Answers {
			if a.Prompt == nil {
				continue
			}
			for _, i := range a.Missed {
				if i < 1 || i > len(a.Prompt.Card.Points) {
					continue
				}
				text := a.Prompt.Card.Points[i-1]
				if count[text] == 0 {
					order = append(order, text)
				}
				count[text]++
			}
		}
	}
	out := make([]missedPoint, 0, len(order))
	for _, t := range order {
		if count[t] >= 2 {
			out = append(out, missedPoint{t, count[t]})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].n > out[j].n })
	return out[:min(n, len(out))]
}

// weakestAnswer is the card of the mock's answer with the lowest share of
// its points covered, or "" when every answer was complete.
func weakestAnswer(m *library.Mock) string {
	best, share := "", 1.0
	for _, a := range m.Answers {
		if s := float64(a.Covered) / float64(max(a.Points, 1)); s < share {
			best, share = a.Card, s
		}
	}
	return tui.Clean(best)
}

// weakestDeck is the deck of the mock's lowest share of points covered
// ("" when every answer was complete), and how many decks it asked from.
func weakestDeck(m *library.Mock) (string, int) {
	type score struct{ covered, points int }
	by := map[string]*score{}
	var order []string
	for _, a := range m.Answers {
		if a.Prompt == nil {
			continue
		}
		id := a.Prompt.Deck.ID
		if by[id] == nil {
			by[id] = &score{}
			order = append(order, id)
		}
		by[id].covered += a.Covered
		by[id].points += a.Points
	}
	best, share := "", 1.0
	for _, id := range order {
		if s := by[id]; float64(s.covered)/float64(s.points) < share {
			best, share = id, float64(s.covered)/float64(s.points)
		}
	}
	return best, len(order)
}

// storyGaps names the competencies the mock's behavioural questions
// tested that no story of the learner's names.
func storyGaps(m *library.Mock, stories []*deck.Story) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range m.Answers {
		if a.Prompt == nil {
			continue
		}
		for _, c := range a.Prompt.Card.Competencies {
			if seen[c] {
				continue
			}
			seen[c] = true
			answered := false
			for _, s := range stories {
				answered = answered || s.Answers([]string{c})
			}
			if !answered {
				name := deck.CompetencyName(c)
				if name == "" {
					name = c
				}
				out = append(out, name)
			}
		}
	}
	return out
}

// MockScore is one mock interview as the statistics show it: its score in
// all and per topic.
type MockScore struct {
	Began           time.Time // in the learner's time zone
	Questions       int
	Covered, Points int
	Topics          []TopicScore
}

// TopicScore is the points covered of a topic's questions in one mock.
type TopicScore struct {
	Topic           string
	Covered, Points int
}

// MockScores scores each mock over the answers to the cards keep accepts
// (a mock with none is left out), oldest first.
func MockScores(mocks []library.Mock, keep func(card string) bool, loc *time.Location) []MockScore {
	var out []MockScore
	for _, m := range mocks {
		kept := library.Mock{Began: m.Began}
		for _, a := range m.Answers {
			if keep(a.Card) {
				kept.Answers = append(kept.Answers, a)
			}
		}
		if len(kept.Answers) == 0 {
			continue
		}
		s := MockScore{Began: m.Began.In(loc), Questions: len(kept.Answers)}
		s.Covered, s.Points = kept.Score()
		for _, t := range mockTopics(&kept) {
			s.Topics = append(s.Topics, TopicScore{Topic: t.name, Covered: t.covered, Points: t.points})
		}
		out = append(out, s)
	}
	return out
}
