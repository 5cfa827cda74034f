package session

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// MockOptions are what a mock interview needs.
type MockOptions struct {
	Streams   *tui.Streams
	Now       func() time.Time
	Lib       *library.Library
	Questions []library.MockQuestion // in the order asked (see library.ChooseMock)
	Log       Appender
	// Schedule makes each mock answer an answer of the card's review too,
	// as if given in `rehearse review`; otherwise no schedule changes.
	Schedule bool
}

// the blocks of a mock's screen kept in view.
var (
	mockTop    = []string{"header", "question"}
	mockBottom = []string{"verdict", "grades", "keys", "message"}
)

// mock is one mock interview, driven one key (or line) at a time.
type mock struct {
	o     MockOptions
	lib   *library.Library
	t     *screenIO
	scr   *tui.Screen
	style tui.Style
	clock *clock
	began time.Time
	done  library.Mock
}

// RunMock asks the questions one at a time: a countdown to answer aloud,
// then the answer or its key points, which the learner marks. Each answer
// is saved as a mock record before the next question. It returns the mock
// as far as it went: the learner may end it early (q, or the end of the
// input), which is not an error; an interrupt is tui.ErrInterrupted. The
// terminal is restored before it returns.
func RunMock(ctx context.Context, o MockOptions) (*library.Mock, error) {
	m := &mock{o: o, lib: o.Lib, began: o.Now()}
	m.clock = newClock(o.Now, o.Streams.Loc, o.Lib, m.began)
	m.began = m.clock.stamp() // the mock's records sort after it, and name it
	m.done.Began = m.began
	m.t = openScreen(ctx, o.Streams, mockTop, mockBottom)
	defer m.t.close()
	m.scr, m.style = m.t.scr, m.t.style
	for i, q := range o.Questions {
		if err := m.ask(i, q); err != nil {
			if errors.Is(err, tui.ErrQuit) {
				return &m.done, nil
			}
			return &m.done, err
		}
	}
	return &m.done, nil
}

// countdown writes the time left to answer, or how far over it is.
func countdown(limit, took time.Duration) string {
	if took <= limit {
		return tui.Clock(limit-took+time.Second-1) + " left" // a countdown shows the second it is in
	}
	return tui.Clock(took-limit) + " over"
}

// ask puts one question, times the answer and saves it.
func (m *mock) ask(i int, q library.MockQuestion) error {
	p := q.Prompt
	m.scr.Clear()
	left := fmt.Sprintf("Mock · question %d of %d · %s · %s", i+1, len(m.o.Questions), tui.Clean(p.Deck.ID), q.Kind)
	start := m.o.Now()
	var paused time.Duration // time spent paused, not counted
	var pausedAt time.Time   // zero unless paused now
	elapsed := func() time.Duration {
		d := m.o.Now().Sub(start) - paused
		if !pausedAt.IsZero() {
			d -= m.o.Now().Sub(pausedAt)
		}
		return max(d, 0)
	}
	header := func() {
		right := countdown(q.Limit, elapsed())
		if !pausedAt.IsZero() {
			right = "paused · " + right
		}
		over := elapsed() > q.Limit
		m.scr.Set("header", func(w int) string {
			r := right
			if over {
				r = m.style.Red(right)
			}
			if w > 0 && tui.Width(left)+tui.Width(right)+3 > w {
				return "\n" + m.style.Dim(left) + "\n " + r + "\n"
			}
			gap := 4
			if w > 0 {
				gap = w - tui.Width(left) - tui.Width(right) - 1
			}
			return "\n" + m.style.Dim(left+strings.Repeat(" ", gap)) + r + "\n"
		})
	}
	if m.scr.Raw {
		header()
	} else {
		m.scr.Text("header", fmt.Sprintf("\n%s · %s to answer", left, tui.Clock(q.Limit)))
	}
	m.scr.Set("question", func(w int) string { return m.style.Bold(wrapped(p.Question(), "   ")(w)) + "\n" })

	// The answer, aloud: enter ends it.
	in := m.t.in
	if m.scr.Raw {
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		in.Tick, in.OnTick = tick.C, header
		defer func() { in.Tick, in.OnTick = nil, nil }()
		m.keys("Answer aloud.   [enter] done   [p] pause   [q] end the mock")
	} else {
		m.keys("Answer aloud, then press enter (q ends the mock).")
	}
	for {
		k, err := in.Key()
		if err != nil {
			return err
		}
		if k == tui.KeyEnter || k == tui.KeySpace && m.scr.Raw {
			if !pausedAt.IsZero() {
				paused += m.o.Now().Sub(pausedAt)
				pausedAt = time.Time{}
			}
			break
		}
		switch {
		case k == "q":
			return tui.ErrQuit
		case k == "p" && m.scr.Raw:
			if pausedAt.IsZero() {
				pausedAt = m.o.Now()
			} else {
				paused += m.o.Now().Sub(pausedAt)
				pausedAt = time.Time{}
			}
			header()
		default:
			m.message("press enter when you have answered (q ends the mock)")
		}
	}
	in.Tick, in.OnTick = nil, nil
	took := elapsed()
	m.scr.Drop("keys")
	m.scr.Drop("message")
	verdict := "took " + tui.Clock(took)
	if took > q.Limit {
		verdict += fmt.Sprintf(", %s over the %s", tui.Clock(took-q.Limit), tui.Clock(q.Limit))
	}
	if m.scr.Raw {
		m.scr.Set("header", func(w int) string { return "\n" + m.style.Dim(left) + "\n" })
	}
	m.scr.Text("took", " "+verdict)

	// The answer, marked.
	var g srs.Grade
	var missed []int
	var err error
	if p.Card.Kind == deck.Scenario {
		g, missed, err = m.markPoints(p)
	} else {
		g, err = m.gradeFactual(p)
	}
	if err != nil {
		return err
	}
	return m.save(q, g, missed, took)
}

func (m *mock) keys(text string) {
	items := strings.Split(text, "   ")
	m.scr.Set("keys", func(w int) string {
		if w <= 0 {
			w = 120
		}
		return m.style.Dim(tui.Flow(items, " ", " ", "   ", w))
	})
}

func (m *mock) message(text string) { m.scr.Text("message", " "+text) }

// showExtras shows what follows an answer: the explanation, the source,
// and for a behavioural question the learner's stories that answer it.
func (m *mock) showExtras(p deck.Prompt) {
	if p.Card.Explain != "" {
		m.scr.Set("explain", func(w int) string { return "\n" + m.style.Dim(wrapped(p.Card.Explain, "   ")(w)) })
	}
	if p.Card.Behavioural() {
		m.scr.Set("stories", storiesBlock(m.lib, p.Card))
	}
}

// markPoints shows a scenario's key points and reads the ones covered.
func (m *mock) markPoints(p deck.Prompt) (srs.Grade, []int, error) {
	c := p.Card
	if c.Back != "" {
		m.scr.Set("answer", func(w int) string { return "\n" + wrapped(c.Back, "   ")(w) })
	}
	covered := make([]bool, len(c.Points))
	m.scr.Set("points", pointsBlock(c, covered, m.scr.Raw))
	m.showExtras(p)
	if m.scr.Raw {
		m.keys("Which did you cover? Press their numbers to mark them, enter when done.   [q] end the mock")
	} else {
		m.keys("Which did you cover? Type their numbers (for example 1 3 4), or enter for none.")
	}
	for {
		k, err := m.t.in.Key()
		if err != nil {
			return 0, nil, err
		}
		if k == "q" {
			return 0, nil, tui.ErrQuit
		}
		if m.scr.Raw && k != tui.KeyEnter {
			if i := int(k[0] - '1'); len(k) == 1 && k[0] >= '1' && k[0] <= '9' && i < len(covered) {
				covered[i] = !covered[i]
				m.scr.Set("points", pointsBlock(c, covered, true))
				m.scr.Drop("message")
			} else {
				m.message(fmt.Sprintf("press a point's number (1 to %d) to mark it, enter when done", len(c.Points)))
			}
			continue
		}
		if !m.scr.Raw {
			nums, ok := parsePoints(k, len(c.Points))
			if !ok {
				m.message(fmt.Sprintf("type point numbers from 1 to %d separated by spaces, or enter for none", len(c.Points)))
				continue
			}
			for _, n := range nums {
				covered[n-1] = true
			}
		}
		n, missed := coverage(covered)
		return gradeForCoverage(n, len(c.Points)), missed, nil
	}
}

// gradeFactual shows a factual question's answer and reads a grade.
func (m *mock) gradeFactual(p deck.Prompt) (srs.Grade, error) {
	m.scr.Set("answer", func(w int) string { return "\n" + wrapped(p.Answer(), "   ")(w) })
	m.showExtras(p)
	var labels []string
	for g := srs.Blackout; g <= srs.Perfect; g++ {
		labels = append(labels, fmt.Sprintf("[%d] %s", g, g))
	}
	m.scr.Set("grades", func(w int) string {
		if w <= 0 {
			w = 80
		}
		return "\n How well did you answer?\n" + tui.Flow(labels, " ", " ", "  ", w)
	})
	m.keys("0-5 grade   [q] end the mock")
	for {
		k, err := m.t.in.Key()
		if err != nil {
			return 0, err
		}
		if k == "q" {
			return 0, tui.ErrQuit
		}
		if g, err := srs.ParseGrade(k); err == nil && k != "" {
			return g, nil
		}
		m.message("choose a grade from 0 to 5 (q ends the mock)")
	}
}

// save writes the mock answer to the log (and, with Schedule, the card's
// review answer) and adds it to the mock.
func (m *mock) save(q library.MockQuestion, g srs.Grade, missed []int, took time.Duration) error {
	card := q.Prompt.Key
	ms := int(min(took, math.MaxInt32*time.Millisecond).Milliseconds())
	today := m.clock.today()
	rec := srs.Record{Time: m.clock.stamp(), Day: today, Event: srs.Mock, Card: card, Grade: g, Millis: ms, Missed: missed, Mock: m.began}
	if err := m.append(rec); err != nil {
		return err
	}
	if m.o.Schedule {
		params := m.lib.Settings.Params
		before := *m.lib.State(card)
		after, scheduled := before.Apply(g, today, params)
		ans := srs.Record{Time: m.clock.stamp(), Day: today, Event: srs.Drill, Card: card, Grade: g, Millis: ms,
			Schedule: after.Schedule, Due: after.Due, Missed: missed, Model: params.Model}
		if scheduled {
			ans.Event = srs.Answer
		}
		if err := m.append(ans); err != nil {
			return err
		}
		st := before.Fold(&ans, params)
		m.lib.States[card] = &st
	}
	m.done.Answers = append(m.done.Answers, library.NewMockAnswer(q.Prompt, g, took, q.Limit, missed))
	return nil
}

func (m *mock) append(rec srs.Record) error { return appendRecord(m.o.Log, m.lib, rec) }

// storiesBlock names the learner's stories that answer a behavioural
// card, or says that none does yet.
func storiesBlock(lib *library.Library, c *deck.Card) func(int) string {
	var names []string
	for _, id := range c.Competencies {
		names = append(names, competencyName(id))
	}
	var text string
	if stories := lib.StoriesFor(c); len(stories) > 0 {
		var items []string
		for _, s := range stories {
			var own []string
			for _, id := range s.Competencies {
				if slices.Contains(c.Competencies, id) {
					own = append(own, competencyName(id))
				}
			}
			items = append(items, fmt.Sprintf("%s (%s)", tui.Clean(s.ID), strings.Join(own, ", ")))
		}
		text = "your stories: " + strings.Join(items, " · ")
	} else {
		text = fmt.Sprintf("no story of yours answers this yet (it tests %s): `rehearse stories new` writes one", strings.Join(names, ", "))
	}
	return func(w int) string { return "\n" + tui.Indent(text, " ", w) }
}

// competencyName is a built-in competency's name, else its id.
func competencyName(id string) string {
	if n := deck.CompetencyName(id); n != "" {
		return n
	}
	return id
}
