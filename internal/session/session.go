// Package session is the review and the mock interview (see [RunMock]) as
// state machines. The review shows each card of the day's queue, reads the
// learner's keys (single keys from a terminal in raw mode, or lines from a
// pipe), and turns them into review records:
// answers, same-day re-drills, bury, suspend, undo and leeches. Each record
// goes to an [Appender] (the device's review log) before the next card is
// shown, and the session folds exactly that record into its card states
// (an undo puts back the state the card had before the step it takes back,
// which is what a replay gives).
// It needs no terminal: tests drive it with lines and a slice of records.
package session

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// Appender takes the session's records, one at a time; a nil error means
// the record is safely stored (for the review log: on disk).
type Appender interface {
	Append(srs.Record) error
}

// Options are what a session needs.
type Options struct {
	Streams *tui.Streams
	Now     func() time.Time // the clock
	Lib     *library.Library
	Sel     *library.Selection
	Queue   []srs.Item
	Log     Appender
	Editor  []string // the editor command for the e key, at least one word (see config.EditorCommand)
	// Note, when not empty, is said before the first card (on a terminal,
	// at the top of its screen), such as that the clock was set by hand.
	Note string
	// Left is how many of today's cards are not in Queue (a --limit cut
	// them), and GoOn the command that studies them, for the summary.
	Left int
	GoOn string
}

// session is one review session, driven one key (or line) at a time.
type session struct {
	o      Options
	e      *tui.Streams
	lib    *library.Library
	log    Appender
	style  tui.Style
	in     *tui.Input
	scr    *tui.Screen
	term   *tui.Raw // nil unless the terminal is in raw mode
	notice string   // what happened to the previous card, shown on the next
	undone bool     // the card on screen came back by an undo
	clock  *clock

	queue []srs.Item
	pos   int
	undo  []undoEntry

	started  time.Time
	answered int            // first answers of the day in this session
	passed   int            // of which graded 3 or more
	drilled  map[string]int // re-drill answers made in this session, per card
	grades   int
	spent    time.Duration
}

// undoEntry remembers how to take back one step of the session.
type undoEntry struct {
	item     srs.Item
	before   srs.CardState
	records  []time.Time // the times of the log records the step wrote, which its undos name
	requeued bool        // the step put the card at the end of the queue
	what     string      // "answer", "bury", "suspend"
	grade    srs.Grade
	counted  bool // the step was a first answer of the day
	took     time.Duration
}

// outcome is what a key did to the card on screen.
type outcome int

const (
	outStay    outcome = iota // stay on the card, read the next key
	outNext                   // the card is dealt with: show the next one
	outUndo                   // take back the previous step
	outAgain                  // show the card again from its start (after an edit)
	outUnknown                // not a key of this step
)

// maxWidth is the widest the session lays its screen out: on a very wide
// terminal lines stay readable and the header stays together.
const maxWidth = 100

// blocks kept in view on a screen taller than the terminal (see tui.Screen).
var (
	topBlocks    = []string{"notice", "header", "question"}
	bottomBlocks = []string{"verdict", "grades", "typed", "keys", "message"}
)

// Run studies the queue until it is done, the learner quits (a nil error)
// or is interrupted (tui.ErrInterrupted), and then prints the summary. An
// empty queue prints what is due tomorrow.
func Run(ctx context.Context, o Options) error {
	e := o.Streams
	if len(o.Queue) == 0 {
		if o.Note != "" {
			fmt.Fprintln(e.Out, o.Note)
		}
		fmt.Fprintln(e.Out, "Nothing to study right now.")
		fmt.Fprintf(e.Out, "Tomorrow: %d due.\n", dueTomorrow(o.Lib, o.Sel, o.Lib.Today))
		return nil
	}
	s := &session{
		o: o, e: e, lib: o.Lib, log: o.Log, notice: o.Note,
		queue: o.Queue, drilled: map[string]int{}, started: o.Now(),
	}
	s.clock = newClock(o.Now, e.Loc, o.Lib, s.started)
	t := openScreen(ctx, e, topBlocks, bottomBlocks)
	defer t.close()
	s.term, s.scr, s.in, s.style = t.term, t.scr, t.in, t.style
	raw := s.scr.Raw

	if o.Note != "" && !raw {
		fmt.Fprintln(e.Out, " "+o.Note)
		s.notice = ""
	}
	for s.pos < len(s.queue) {
		out, err := s.study(s.queue[s.pos])
		if err != nil {
			s.summary(false)
			if errors.Is(err, tui.ErrQuit) {
				return nil
			}
			return err
		}
		if out == outUndo {
			if err := s.takeBack(); err != nil {
				s.summary(false)
				return err
			}
			continue
		}
		if out == outAgain {
			continue
		}
		s.pos++
	}
	s.summary(true)
	return nil
}

func (s *session) remaining() (fresh, due, again int) {
	for _, it := range s.queue[s.pos:] {
		switch it.Slot {
		case srs.SlotNew:
			fresh++
		case srs.SlotReview, srs.SlotAhead, srs.SlotCram:
			due++
		case srs.SlotDrill:
			again++
		}
	}
	return
}

// wrapped renders deck text, made safe, indented and wrapped to the width.
func wrapped(text, prefix string) func(int) string {
	text = tui.Clean(text)
	return func(w int) string { return tui.Indent(text, prefix, w) }
}

func (s *session) showCard(p deck.Prompt, item srs.Item) {
	kind := item.Slot.String()
	if p.Card.Kind == deck.Scenario {
		kind += " · scenario"
	}
	if p.Reversed {
		kind += " · reversed"
	}
	left := fmt.Sprintf("%s · %s · %d of %d", tui.Clean(p.Deck.ID), kind, s.pos+1, len(s.queue))
	fresh, due, again := s.remaining()
	right := fmt.Sprintf("new %d · due %d · again %d", fresh, due, again)
	s.scr.Set("header", func(w int) string {
		if w > 0 && tui.Width(left)+tui.Width(right)+3 > w {
			return "\n" + s.style.Dim(left) + "\n" + s.style.Dim(right) + "\n"
		}
		gap := 4
		if w > 0 {
			gap = w - tui.Width(left) - tui.Width(right) - 1
		}
		return "\n" + s.style.Dim(left+strings.Repeat(" ", gap)+right) + "\n"
	})
	s.scr.Set("question", func(w int) string { return s.style.Bold(wrapped(p.Question(), "   ")(w)) + "\n" })
}

// keysLine shows the keys of the step; items separated by three spaces in
// text are broken between, never inside, on a narrow terminal.
func (s *session) keysLine(text string) {
	items := strings.Split(text, "   ")
	s.scr.Set("keys", func(w int) string {
		if w <= 0 {
			w = 120 // piped: one line, as it always was
		}
		return s.style.Dim(tui.Flow(items, " ", " ", "   ", w))
	})
}

func (s *session) message(text string) { s.scr.Text("message", " "+text) }

// study shows one card and reads keys until the card is dealt with
// (answered, buried, suspended, edited away) or the learner undoes, quits
// or is interrupted.
func (s *session) study(item srs.Item) (outcome, error) {
	p, ok := s.lib.ByKey[item.Card]
	if !ok {
		return outNext, nil
	}
	shown := s.o.Now()
	s.scr.Clear()
	if s.notice != "" && s.scr.Raw {
		s.scr.Text("notice", s.style.Dim(" "+s.notice))
	}
	s.notice = ""
	s.showCard(p, item)
	undone := s.undone
	s.undone = false

	// Before the answer: reveal it, or type it.
	var answer string
	if !p.Reversed && len(p.Card.Accept) > 0 {
		out, text, err := s.typeAnswer(item, &p, undone)
		if err != nil || out != outStay {
			return out, err
		}
		answer = text
	} else {
		s.keysLine("[enter] show answer   [h] hint   [?] more keys   [q] quit")
		for {
			k, err := s.in.Key()
			if err != nil {
				return outStay, err
			}
			if k == tui.KeyEnter || k == tui.KeySpace {
				break
			}
			out, err := s.command(k, item, &p)
			if err != nil || out == outNext || out == outUndo || out == outAgain {
				return out, err
			}
			if out == outUnknown {
				s.message("press enter to show the answer (? shows the other keys)")
			}
		}
	}

	// The answer.
	s.scr.Drop("keys")
	s.scr.Drop("message")
	s.scr.Drop("help")
	s.scr.Set("rule", func(w int) string { return " " + strings.Repeat("─", max(min(w, 76), 40)-2) })
	var proposed *srs.Grade
	var missed []int
	if p.Card.Kind == deck.Scenario {
		g, miss, out, err := s.checklist(item, &p)
		if err != nil || out != outStay {
			return out, err
		}
		proposed, missed = &g, miss
	} else {
		s.scr.Set("answer", wrapped(p.Answer(), "   "))
		if answer != "" {
			g := srs.Wrong
			verdict, color := fmt.Sprintf("✗ expected %s (you typed %s) → proposed grade %d (%s)", tui.Clean(p.Card.Accept[0]), tui.Clean(answer), g, g), s.style.Red
			if p.Card.Check(answer) {
				g = srs.Hesitant
				verdict, color = fmt.Sprintf("✓ correct → proposed grade %d (%s)", g, g), s.style.Green
			}
			s.scr.Set("verdict", func(w int) string { return color(tui.Indent(verdict, " ", w)) })
			proposed = &g
		}
	}
	if p.Card.Explain != "" {
		s.scr.Set("explain", func(w int) string { return "\n" + s.style.Dim(wrapped(p.Card.Explain, "   ")(w)) })
	}
	if p.Card.Source != "" {
		s.scr.Set("source", func(w int) string { return s.style.Dim(wrapped("source: "+p.Card.Source, "   ")(w)) })
	}
	if p.Card.Behavioural() && !p.Reversed {
		s.scr.Set("stories", storiesBlock(s.lib, p.Card))
	}

	g, out, err := s.askGrade(item, &p, proposed)
	if err != nil || out != outStay {
		return out, err
	}
	return outNext, s.record(item, g, missed, s.o.Now().Sub(shown))
}

// typeAnswer reads a typed answer. On a terminal typing starts at once and
// Escape switches to the other keys; in line mode a line is the answer,
// unless it is one of the single-letter keys. An empty answer means "just
// show it".
func (s *session) typeAnswer(item srs.Item, p *deck.Prompt, keysFirst bool) (outcome, string, error) {
	if !s.scr.Raw {
		s.keysLine("type your answer and press enter (enter alone shows it)   [h] hint   [?] more keys   [q] quit")
		for {
			k, err := s.in.Key()
			if err != nil {
				return outStay, "", err
			}
			if len(k) == 1 && strings.Contains("hbsueq?", k) {
				out, err := s.command(k, item, p)
				if err != nil || out == outNext || out == outUndo || out == outAgain {
					return out, "", err
				}
				continue
			}
			return outStay, k, nil
		}
	}
	// Back on a card by undo, the learner is pressing keys, not typing:
	// the card opens with the other keys, and t starts the typing.
	for {
		if !keysFirst {
			s.keysLine("type your answer, then enter (enter alone shows it)   [esc] the other keys")
			text, ok, err := s.in.Line(func(t string) { s.scr.Text("typed", " > "+tui.Clean(t)) })
			if err != nil {
				return outStay, "", err
			}
			if ok {
				if text == "" {
					s.scr.Drop("typed")
				}
				return outStay, text, nil
			}
			s.scr.Drop("typed")
		}
		keysFirst = false
		s.keysLine("[t] type the answer   [enter] show it   [h] hint   [?] more keys   [q] quit")
	commands:
		for {
			k, err := s.in.Key()
			if err != nil {
				return outStay, "", err
			}
			switch k {
			case "t":
				break commands
			case tui.KeyEnter, tui.KeySpace:
				return outStay, "", nil
			}
			out, err := s.command(k, item, p)
			if err != nil || out == outNext || out == outUndo || out == outAgain {
				return out, "", err
			}
		}
	}
}

// command handles the keys that work at every step of a card.
func (s *session) command(k string, item srs.Item, p *deck.Prompt) (outcome, error) {
	switch k {
	case "q":
		return outStay, tui.ErrQuit
	case "h":
		if p.Card.Hint != "" && !p.Reversed {
			s.scr.Set("hint", func(w int) string { return s.style.Cyan(wrapped("hint: "+p.Card.Hint, " ")(w)) })
		} else {
			s.message("this card has no hint")
		}
	case "?":
		s.scr.Set("help", helpText)
	case "u":
		if len(s.undo) == 0 {
			s.message("nothing to undo yet in this session")
			return outStay, nil
		}
		return outUndo, nil
	case "b":
		return outNext, s.setAside(item, srs.Bury, "buried until tomorrow")
	case "s":
		return outNext, s.setAside(item, srs.Suspend, fmt.Sprintf("suspended; `rehearse card %s --unsuspend` brings it back", item.Card))
	case "e":
		return s.edit(item, p)
	case "j", tui.KeyDown:
		return s.scroll(1)
	case "k", tui.KeyUp:
		return s.scroll(-1)
	case tui.KeyPageDown:
		return s.scroll(s.scr.Page())
	case tui.KeyPageUp:
		return s.scroll(-s.scr.Page())
	default:
		return outUnknown, nil
	}
	return outStay, nil
}

// scroll moves a card taller than the terminal; elsewhere the key is not
// one of the step's.
func (s *session) scroll(lines int) (outcome, error) {
	if !s.scr.Scroll(lines) {
		return outUnknown, nil
	}
	return outStay, nil
}

// helpKeys and helpGrades are what ? shows, flowed to the terminal.
var (
	helpKeys = []string{"enter/space show the answer", "0-5 grade", "h hint", "u undo the last step",
		"b bury until tomorrow", "s suspend", "e edit the card in your editor", "j/k or ↓/↑ scroll a tall card",
		"? this help", "q quit (answers are saved)"}
	helpGrades = []string{"0 blackout", "1 wrong, knew it on seeing", "2 wrong, seemed easy", "3 hard", "4 hesitated", "5 perfect"}
)

// helpText renders what ? shows for a width (0: the piped layout).
func helpText(w int) string {
	if w <= 0 {
		w = 80
	}
	return tui.Flow(helpKeys, " keys: ", "       ", "   ", w) + "\n" +
		tui.Flow(helpGrades, " grades: ", "         ", " · ", w) + "\n" +
		tui.Indent("a grade below 4 brings the card back later today, until it gets a 4 or 5", " ", w)
}

// checklist shows a scenario's key points; the learner marks the ones
// they covered (typing the numbers on a line, or toggling them one key at
// a time on a terminal) and a grade is proposed from the share covered.
func (s *session) checklist(item srs.Item, p *deck.Prompt) (srs.Grade, []int, outcome, error) {
	c := p.Card
	if c.Back != "" {
		s.scr.Set("answer", func(w int) string { return wrapped(c.Back, "   ")(w) + "\n" })
	}
	covered := make([]bool, len(c.Points))
	render := pointsBlock(c, covered, s.scr.Raw)
	s.scr.Set("points", render)
	if s.scr.Raw {
		s.keysLine("Which did you cover? Press their numbers to mark them, enter when done.")
	} else {
		s.keysLine("Which did you cover? Type their numbers (for example 1 3 4), or enter for none.")
	}
	for {
		k, err := s.in.Key()
		if err != nil {
			return 0, nil, outStay, err
		}
		if s.scr.Raw && len(k) == 1 && k[0] >= '0' && k[0] <= '9' {
			if i := int(k[0] - '1'); k[0] != '0' && i < len(covered) {
				covered[i] = !covered[i]
				s.scr.Set("points", render)
				s.scr.Drop("message")
			} else {
				s.message(fmt.Sprintf("the points are numbered 1 to %d: press a point's number to mark it, enter when done", len(c.Points)))
			}
			continue
		}
		if s.scr.Raw && k != tui.KeyEnter {
			if out, err := s.command(k, item, p); err != nil || out == outNext || out == outUndo || out == outAgain {
				return 0, nil, out, err
			}
			continue
		}
		if !s.scr.Raw {
			if len(k) == 1 && strings.Contains("hbsueq?", k) {
				if out, err := s.command(k, item, p); err != nil || out == outNext || out == outUndo || out == outAgain {
					return 0, nil, out, err
				}
				continue
			}
			nums, ok := parsePoints(k, len(c.Points))
			if !ok {
				s.message(fmt.Sprintf("type point numbers from 1 to %d separated by spaces, or enter for none", len(c.Points)))
				continue
			}
			for _, n := range nums {
				covered[n-1] = true
			}
		}
		n, missed := coverage(covered)
		s.scr.Drop("keys")
		s.scr.Drop("message")
		g := gradeForCoverage(n, len(c.Points))
		verdict := fmt.Sprintf("%d of %d covered → proposed grade %d (%s)", n, len(c.Points), g, g)
		s.scr.Set("verdict", func(w int) string { return tui.Indent(verdict, " ", w) })
		return g, missed, outStay, nil
	}
}

// pointsBlock renders a scenario's key points, with a box for each on a
// terminal (ticked when covered).
func pointsBlock(c *deck.Card, covered []bool, raw bool) func(int) string {
	return func(w int) string {
		var b strings.Builder
		b.WriteString(" Key points:")
		for i, pt := range c.Points {
			mark := ""
			if raw {
				mark = "[ ] "
				if covered[i] {
					mark = "[x] "
				}
			}
			// A point that wraps keeps its one checkbox, and its later
			// lines go under its own text.
			first := fmt.Sprintf("   %s%d  ", mark, i+1)
			b.WriteString("\n" + tui.Hang(tui.Clean(pt), first, strings.Repeat(" ", tui.Width(first)), w))
		}
		return b.String()
	}
}

// coverage counts the points covered and lists the missed ones (1-based).
func coverage(covered []bool) (n int, missed []int) {
	for i, ok := range covered {
		if ok {
			n++
		} else {
			missed = append(missed, i+1)
		}
	}
	return n, missed
}

// parsePoints reads point numbers such as "1 3 4" or "1,3".
func parsePoints(line string, n int) ([]int, bool) {
	seen := map[int]bool{}
	var nums []int
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
		i, err := strconv.Atoi(f)
		if err != nil || i < 1 || i > n {
			return nil, false
		}
		if !seen[i] {
			seen[i] = true
			nums = append(nums, i)
		}
	}
	return nums, true
}

// gradeForCoverage proposes a grade from the share of key points covered:
// all 5, at least three quarters 4, half 3, a quarter 2, any 1, none 0.
func gradeForCoverage(covered, total int) srs.Grade {
	switch {
	case total == 0 || covered == 0:
		return srs.Blackout
	case covered >= total:
		return srs.Perfect
	case covered*4 >= total*3:
		return srs.Hesitant
	case covered*2 >= total:
		return srs.Hard
	case covered*4 >= total:
		return srs.WrongEasy
	}
	return srs.Wrong
}

func (s *session) askGrade(item srs.Item, p *deck.Prompt, proposed *srs.Grade) (srs.Grade, outcome, error) {
	st := s.lib.State(item.Card)
	today := s.clock.today()
	var labels []string
	for g := srs.Blackout; g <= srs.Perfect; g++ {
		labels = append(labels, fmt.Sprintf("[%d] %s", g, g))
	}
	var preview []string
	switch {
	case item.Slot == srs.SlotCram:
		preview = []string{"cram: saved as practice; the schedule stays as it is"}
	case st.AnsweredOn(today):
		preview = []string{"re-drill: the schedule stays as it is; 4 or 5 ends it for today"}
	default:
		preview = s.gradePreview(st, today)
	}
	var keys []string
	if s.scr.Raw {
		keys = []string{"[u] undo last", "[b] bury", "[s] suspend", "[e] edit", "[?] keys", "[q] quit"}
	}
	accept := ""
	if proposed != nil {
		accept = fmt.Sprintf(" [enter] accept %d, or choose another grade", *proposed)
	}
	s.scr.Set("grades", func(w int) string {
		if w <= 0 {
			w = 80 // piped: menus stay readable lines, deck text is left as it is
		}
		lines := []string{"", " How well did you recall it?", tui.Flow(labels, " ", " ", "  ", w),
			s.style.Dim(tui.Flow(preview, " ", "   ", "   ", w))}
		if accept != "" {
			lines = append(lines, accept)
		}
		if len(keys) > 0 {
			lines = append(lines, s.style.Dim(tui.Flow(keys, " ", " ", "   ", w)))
		}
		return strings.Join(lines, "\n")
	})
	for {
		k, err := s.in.Key()
		if err != nil {
			return 0, outStay, err
		}
		if k == tui.KeyEnter && proposed != nil {
			return *proposed, outStay, nil
		}
		if g, err := srs.ParseGrade(k); err == nil && k != "" {
			return g, outStay, nil
		}
		out, err := s.command(k, item, p)
		if err != nil || out == outNext || out == outUndo || out == outAgain {
			return 0, out, err
		}
		if out == outUnknown || k == tui.KeyEnter {
			s.message("choose a grade from 0 to 5 (? shows the other keys)")
		}
	}
}

// gradePreview says what each grade would do to the card: the interval
// and the new ease, and "again today" for the grades below 4 (SM-2 sets
// the interval from the old ease, so 3, 4 and 5 can share one; the new
// ease tells them apart). Grades 0-2 share their interval and re-drill and
// are shown together, with their eases.
func (s *session) gradePreview(st *srs.CardState, today srs.Day) []string {
	after := func(g srs.Grade) srs.CardState {
		n, _ := st.Apply(g, today, s.lib.Settings.Params)
		return n
	}
	if s.lib.Settings.Params.Model == srs.ModelFSRS {
		return fsrsPreview(after, today)
	}
	var fails []string
	for _, g := range []srs.Grade{srs.Blackout, srs.Wrong, srs.WrongEasy} {
		if e := after(g).Ease.String(); !slices.Contains(fails, e) {
			fails = append(fails, e)
		}
	}
	items := []string{"next: 0-2 → " + shortDays(after(srs.WrongEasy).Interval) + " · ease " + strings.Join(fails, "/") + " · again today"}
	for _, g := range []srs.Grade{srs.Hard, srs.Hesitant, srs.Perfect} {
		n := after(g)
		item := fmt.Sprintf("%d → %s · ease %s", g, shortDays(n.Interval), n.Ease)
		if g < srs.Hesitant {
			item += " · again today"
		}
		items = append(items, item)
	}
	return items
}

// fsrsPreview is the grade preview when FSRS schedules: FSRS's four
// intervals always differ (0-2 are all Again), and it has no ease.
func fsrsPreview(after func(srs.Grade) srs.CardState, today srs.Day) []string {
	in := func(g srs.Grade) string { return shortDays(int(after(g).Due - today)) }
	return []string{
		"next: 0-2 → " + in(srs.WrongEasy) + " · again today",
		"3 → " + in(srs.Hard) + " · again today",
		"4 → " + in(srs.Hesitant),
		"5 → " + in(srs.Perfect),
	}
}

// shortDays writes an interval for the grade preview: "1 d", "15 d".
func shortDays(n int) string { return fmt.Sprintf("%d d", n) }

// days says when an interval from today ends: "tomorrow", "in 6 days".
func days(n int) string {
	if n == 1 {
		return "tomorrow"
	}
	return "in " + tui.Plural(n, "day", "days")
}

// record saves the answer, requeues the card for a re-drill if needed and
// flags (or suspends) a leech.
func (s *session) record(item srs.Item, g srs.Grade, missed []int, took time.Duration) error {
	now := s.clock.stamp()
	today := s.clock.today()
	took = max(took, 0) // the clock went back while the card was shown
	// The log keeps ms in 32 bits: a card left on screen for weeks
	// records 24 days, still far past what statistics count.
	took = min(took, math.MaxInt32*time.Millisecond)

	before := *s.lib.State(item.Card)
	if item.Slot == srs.SlotCram {
		return s.recordCram(srs.Record{Time: now, Day: today, Event: srs.Cram, Card: item.Card, Grade: g,
			Millis: int(took.Milliseconds()), Missed: missed}, item, before)
	}
	after, scheduled := before.Apply(g, today, s.lib.Settings.Params)
	if scheduled && s.lib.Settings.LoadBalance {
		after.Due = today + srs.Day(srs.Balance(int(after.Due-today), s.dueOn, today, s.lib.Settings.Params.MaxInterval))
	}
	rec := srs.Record{Time: now, Day: today, Event: srs.Drill, Card: item.Card, Grade: g,
		Millis: int(took.Milliseconds()), Schedule: after.Schedule, Due: after.Due, Missed: missed,
		Model: s.lib.Settings.Params.Model}
	if scheduled {
		rec.Event = srs.Answer
	}
	if err := s.append(rec); err != nil {
		return err
	}
	// Study time is counted as the statistics count it: the time the log
	// records, each answer at most srs.MaxAnswerMillis.
	took = time.Duration(min(rec.Millis, srs.MaxAnswerMillis)) * time.Millisecond
	u := undoEntry{item: item, before: before, records: []time.Time{rec.Time}, what: "answer", grade: g, counted: scheduled, took: took}
	after = s.fold(item.Card, before, &rec)
	s.grades++
	s.spent += took
	if !scheduled {
		s.drilled[item.Card]++
	}
	if scheduled {
		s.answered++
		if g.Passed() {
			s.passed++
		}
	}
	var notes []string
	switch {
	case g < srs.Hesitant:
		u.requeued = s.requeue(item)
		notes = append(notes, "saved · comes back later today")
	case scheduled:
		notes = append(notes, fmt.Sprintf("saved · next review %s (%s)", days(int(after.Due-today)), after.Due))
	default:
		notes = append(notes, "saved · done for today")
	}
	if scheduled && !g.Passed() && after.Lapses >= s.lib.Settings.LeechThreshold {
		notes = append(notes, fmt.Sprintf("leech: forgotten %s. Rewrite it (split it up, add a mnemonic, or e to edit it now)", tui.Plural(after.Lapses, "time", "times")))
		if s.lib.Settings.LeechSuspend {
			rec := srs.Record{Time: now, Day: today, Event: srs.Suspend, Card: item.Card}
			if err := s.append(rec); err != nil {
				return err
			}
			s.fold(item.Card, after, &rec)
			u.records = append(u.records, rec.Time)
			s.dropLater(item.Card)
			notes = append(notes, "suspended as a leech (leech_action = \"suspend\")")
		}
	}
	s.undo = append(s.undo, u)
	s.setNotice(strings.Join(notes, "\n "))
	return nil
}

// recordCram saves a cram answer: its own event in the log, which leaves
// the card's schedule as it was.
func (s *session) recordCram(rec srs.Record, item srs.Item, before srs.CardState) error {
	if err := s.append(rec); err != nil {
		return err
	}
	took := time.Duration(min(rec.Millis, srs.MaxAnswerMillis)) * time.Millisecond
	s.fold(item.Card, before, &rec)
	s.grades++
	s.spent += took
	s.answered++
	if rec.Grade.Passed() {
		s.passed++
	}
	s.undo = append(s.undo, undoEntry{item: item, before: before, records: []time.Time{rec.Time}, what: "answer", grade: rec.Grade, counted: true, took: took})
	s.setNotice("saved · practice only: the schedule stays as it is")
	return nil
}

// requeue puts the card at the end of the queue for a re-drill, unless it
// is there already.
func (s *session) requeue(item srs.Item) bool {
	for _, it := range s.queue[s.pos+1:] {
		if it.Card == item.Card {
			return false
		}
	}
	item.Slot = srs.SlotDrill
	s.queue = append(s.queue, item)
	return true
}

// setAside buries or suspends the card: one log record, and the card
// leaves today's queue.
func (s *session) setAside(item srs.Item, ev srs.Event, note string) error {
	before := *s.lib.State(item.Card)
	rec := srs.Record{Time: s.clock.stamp(), Day: s.clock.today(), Event: ev, Card: item.Card}
	if err := s.append(rec); err != nil {
		return err
	}
	s.fold(item.Card, before, &rec)
	s.undo = append(s.undo, undoEntry{item: item, before: before, records: []time.Time{rec.Time}, what: ev.String()})
	s.dropLater(item.Card)
	s.setNotice(note)
	return nil
}

// dropLater removes the card's later entries from the queue.
func (s *session) dropLater(card string) {
	kept := append([]srs.Item{}, s.queue[:s.pos+1]...)
	for _, it := range s.queue[s.pos+1:] {
		if it.Card != card {
			kept = append(kept, it)
		}
	}
	s.queue = kept
}

// dueOn counts the cards of the library that fall due on day, for load
// balancing.
func (s *session) dueOn(day srs.Day) int {
	n := 0
	for _, st := range s.lib.States {
		if d, ok := st.ReviewDay(s.lib.Today); ok && d == day {
			n++
		}
	}
	return n
}

// fold makes the card's state the state before with the record folded in,
// exactly as a replay of the log will fold it, and returns it.
func (s *session) fold(card string, before srs.CardState, rec *srs.Record) srs.CardState {
	after := before.Fold(rec, s.lib.Settings.Params)
	s.lib.States[card] = &after
	return after
}

func (s *session) append(rec srs.Record) error { return appendRecord(s.log, s.lib, rec) }

// appendRecord saves one record, or says what was not saved.
func appendRecord(log Appender, lib *library.Library, rec srs.Record) error {
	if err := log.Append(rec); err != nil {
		hints := []string{"that step was not saved; every answer before it is"}
		if h := library.IOHint(err, lib.DataDir); h != "" {
			hints = append(hints, h)
		}
		return hint.With(err, hints...)
	}
	return nil
}

// setNotice says what happened to the card: at once in line mode, at the
// top of the next card on a terminal.
func (s *session) setNotice(text string) {
	if s.scr.Raw {
		s.notice = text
		return
	}
	s.scr.Text("notice", s.style.Dim(" "+text))
}

// takeBack undoes the session's last step: an undo record for each record
// the step wrote, the card's state as it was, and the card shown again next.
func (s *session) takeBack() error {
	u := s.undo[len(s.undo)-1]
	for i := len(u.records) - 1; i >= 0; i-- {
		rec := srs.Record{Time: s.clock.stamp(), Day: s.clock.today(), Event: srs.Undo, Card: u.item.Card, Undoes: u.records[i]}
		if err := s.append(rec); err != nil {
			return err
		}
	}
	s.undo = s.undo[:len(s.undo)-1]
	before := u.before
	s.lib.States[u.item.Card] = &before
	// Drop what the step added to the queue, then show the card next.
	for i := len(s.queue) - 1; i >= s.pos; i-- {
		if s.queue[i].Card == u.item.Card {
			if u.requeued && s.queue[i].Slot == srs.SlotDrill {
				s.queue = append(s.queue[:i], s.queue[i+1:]...)
			}
			break
		}
	}
	// The step's own place in the queue is given up, so the count stays.
	for i := s.pos - 1; i >= 0; i-- {
		if s.queue[i].Card == u.item.Card {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
			s.pos--
			break
		}
	}
	s.queue = append(s.queue[:s.pos], append([]srs.Item{u.item}, s.queue[s.pos:]...)...)
	if u.what == "answer" {
		s.grades--
		s.spent -= u.took
		if u.counted {
			s.answered--
			if u.grade.Passed() {
				s.passed--
			}
		}
		if !u.counted {
			if s.drilled[u.item.Card]--; s.drilled[u.item.Card] <= 0 {
				delete(s.drilled, u.item.Card)
			}
		}
	}
	s.setNotice(fmt.Sprintf("undone: %s of %s", u.what, u.item.Card))
	s.undone = true
	return nil
}

func (s *session) summary(finished bool) {
	if s.term != nil {
		s.term.Restore()
	}
	out := s.e.Out
	left := len(s.queue) - s.pos + s.o.Left // today's cards not studied
	var b strings.Builder
	switch {
	case finished && left == 0:
		b.WriteString(" Done for today: ")
	case finished:
		b.WriteString(" Done: ")
	default:
		b.WriteString(" Stopped: ")
	}
	fmt.Fprintf(&b, "%s in %s", tui.Plural(s.grades, "answer", "answers"), tui.Duration(s.spent))
	if s.grades > 0 {
		fmt.Fprintf(&b, " (%s per answer)", tui.Duration(s.spent/time.Duration(s.grades)))
	}
	b.WriteString(".")
	if s.answered > 0 {
		p, _ := srs.Percent(s.passed, s.answered)
		fmt.Fprintf(&b, " Passed %d of %d first answers (%.1f%%).", s.passed, s.answered, p)
	}
	width := s.scr.Width() // the summary wraps to the terminal, like the screen
	fmt.Fprintln(out)
	if s.notice != "" {
		fmt.Fprintln(out, tui.Indent(s.notice, " ", width))
	}
	fmt.Fprintln(out, tui.Indent(strings.TrimPrefix(b.String(), " "), " ", width))
	var line2 []string
	if n := len(s.drilled); n > 0 {
		line2 = append(line2, fmt.Sprintf("Re-drilled %s, %s.", tui.Plural(n, "card", "cards"), tui.Plural(s.grades-s.answered, "answer", "answers")))
	}
	if left > 0 {
		goOn := s.o.GoOn
		if goOn == "" {
			goOn = "rehearse review"
		}
		line2 = append(line2, fmt.Sprintf("%s left for today: run `%s` to go on.", tui.Plural(left, "card", "cards"), goOn))
	}
	line2 = append(line2, fmt.Sprintf("Tomorrow: %d due.", dueTomorrow(s.lib, s.o.Sel, s.clock.today())))
	fmt.Fprintln(out, tui.Indent(strings.Join(line2, " "), " ", width))
}

// dueTomorrow counts the selection's reviews that fall due the day after
// today (see srs.CardState.ReviewDay).
func dueTomorrow(lib *library.Library, sel *library.Selection, today srs.Day) int {
	n := 0
	for _, p := range sel.Prompts {
		if st := lib.States[p.Key]; st != nil {
			if day, ok := st.ReviewDay(today); ok && day == today+1 {
				n++
			}
		}
	}
	return n
}
