package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/tui"
)

// WriteStories prints the story bank against the behavioural questions:
// for each competency, how many questions test it and which stories show
// it; then the questions that no story answers yet.
func WriteStories(out io.Writer, d tui.Display, stories []*deck.Story, questions []deck.Prompt) error {
	note := func(s string) { fmt.Fprintln(out, tui.Indent(s, "", d.Width)) }
	if len(stories) == 0 {
		note("You have no STAR stories yet: `rehearse stories new` writes a template to your deck folder, `rehearse stories example` shows three filled in.")
	} else {
		note(fmt.Sprintf("%s, against %s.", tui.Plural(len(stories), "story", "stories"),
			tui.Plural(len(questions), "behavioural question", "behavioural questions")))
	}
	fmt.Fprintln(out)
	ids := deck.CompetencyIDs()
	for _, s := range stories { // competencies of the learner's own
		for _, c := range s.Competencies {
			if deck.CompetencyName(c) == "" && !slices.Contains(ids, c) {
				ids = append(ids, c)
			}
		}
	}
	tb := NewTable(out, d, []string{"COMPETENCY", "QUESTIONS", "STORIES"}, 1)
	for _, id := range ids {
		n := 0
		for _, q := range questions {
			if slices.Contains(q.Card.Competencies, id) {
				n++
			}
		}
		var names []string
		for _, s := range stories {
			if slices.Contains(s.Competencies, id) {
				names = append(names, tui.Clean(s.ID))
			}
		}
		shown := "—"
		if len(names) > 0 {
			shown = strings.Join(names, ", ")
		}
		name := deck.CompetencyName(id)
		if name == "" {
			name = tui.Clean(id)
		}
		if err := tb.Append(name, n, shown); err != nil {
			return err
		}
	}
	if err := tb.Render(); err != nil {
		return err
	}
	var open []deck.Prompt
	for _, q := range questions {
		answered := false
		for _, s := range stories {
			answered = answered || s.Answers(q.Card.Competencies)
		}
		if !answered {
			open = append(open, q)
		}
	}
	fmt.Fprintln(out)
	if len(open) == 0 {
		note("Every behavioural question has a story of yours that answers it.")
		return nil
	}
	fmt.Fprintf(out, "NO STORY YET (%d)\n", len(open))
	width := d.Width
	if width <= 0 {
		width = 100
	}
	keys := 0
	for _, q := range open {
		keys = max(keys, tui.Width(tui.Clean(q.Key)))
	}
	tb = NewTable(out, d, []string{"CARD", "QUESTION"})
	for _, q := range open {
		if err := tb.Append(tui.Clean(q.Key), tui.OneLine(tui.Clean(q.Question()), max(width-8-keys, 20))); err != nil {
			return err
		}
	}
	return tb.Render()
}

// WriteCompetencies lists the built-in competencies: id and name.
func WriteCompetencies(out io.Writer, d tui.Display) error {
	tb := NewTable(out, d, []string{"ID", "COMPETENCY"})
	for _, c := range deck.Competencies {
		if err := tb.Append(c.ID, c.Name); err != nil {
			return err
		}
	}
	return tb.Render()
}
