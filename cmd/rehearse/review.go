package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

func reviewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "review",
		Usage:     "study today's cards: due reviews first, new cards mixed in",
		UsageText: "rehearse review [--deck ID]... [--tag TAG]... [--new N] [--limit N]",
		Description: `Shows each card's front; recall the answer, press enter (or space) to see
it, then grade yourself from 0 to 5:

   0 blackout                    3 correct, with serious difficulty
   1 wrong, knew it on seeing    4 correct after a hesitation
   2 wrong, but seemed easy      5 perfect

SM-2 schedules the card from the grade. Cards graded below 4 come back at
the end of the session (and later the same day) until you grade them 4 or
5; only the day's first answer changes the schedule.

Keys (one keypress each on a terminal):
   enter/space  show the answer       0-5  grade
   h  hint      u  undo the last step (several levels)
   b  bury until tomorrow              s  suspend (rehearse card ID --unsuspend)
   e  edit the card in your editor, then reload the deck
   ?  all keys  q  quit

Typed-answer cards: type the answer and press enter; it is checked
ignoring case, spaces and punctuation and a grade is proposed (enter
accepts it). Escape leaves the typing for the other keys. Scenario cards:
answer aloud, reveal the key points, mark the ones you covered (press
their numbers), and a grade is proposed from the share covered.

When stdin is not a terminal, each line is one key: an empty line is
enter, a line "1 3" marks scenario points, any other line on a typed card
is the answer. Scripts and tests drive the session this way.

Every answer is saved (and flushed to disk) before the next card appears,
so quitting, Ctrl-C or a crash never loses an answered card. A card
forgotten 8 times (leech_threshold) is flagged as a leech, and suspended
too if the config says leech_action = "suspend".

Examples:
   rehearse review
   rehearse review --deck networking-layers --deck cybersecurity
   rehearse review --tag dns --new 0
   rehearse review --limit 10`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "study only the deck with this `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "study only cards with this `TAG` (repeatable)"},
			&cli.IntFlag{Name: "new", Value: -1, Usage: "new cards allowed today, `N` (default 20)", DefaultText: "20"},
			&cli.IntFlag{Name: "limit", Usage: "stop after `N` cards (0: no limit)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("choose decks with --deck ID", "unexpected argument %q", c.Args().First())
			}
			if c.Int("limit") < 0 {
				return usagef("for example --limit 20", "--limit must be 0 or more")
			}
			lib, err := openLibrary(c, e)
			if err != nil {
				return err
			}
			if n := c.Int("new"); n >= 0 {
				lib.settings.limits.NewPerDay = n
			} else if n != -1 {
				return usagef("for example --new 5, or --new 0 for reviews only", "--new must be 0 or more")
			}
			sel, err := lib.selectPrompts(splitCommas(c.StringSlice("deck")), splitCommas(c.StringSlice("tag")))
			if err != nil {
				return err
			}
			queue := lib.queue(sel, lib.settings.limits)
			if n := c.Int("limit"); n > 0 && len(queue) > n {
				queue = queue[:n]
			}
			return runReview(c.Context, e, lib, sel, queue)
		},
	}
}

// session is one review session, driven one key (or line) at a time.
type session struct {
	ctx    context.Context
	e      *env
	lib    *library
	sel    *selection
	log    *revlog.Writer
	style  style
	in     *input
	scr    *screen
	term   *rawTerminal // nil unless the terminal is in raw mode
	notice string       // what happened to the previous card, shown on the next
	clock  *sessionClock

	queue []srs.Item
	pos   int
	undo  []undoEntry

	started  time.Time
	answered int // first answers of the day in this session
	passed   int // of which graded 3 or more
	drilled  map[string]int
	grades   int
	spent    time.Duration
}

// undoEntry remembers how to take back one step of the session.
type undoEntry struct {
	item     srs.Item
	before   srs.CardState
	records  int    // log records the step wrote
	requeued bool   // the step put the card at the end of the queue
	what     string // "answer", "bury", "suspend"
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
	outUnknown                // not a key of this step
)

// errQuit ends a session at the learner's request, or at end of input.
var errQuit = errors.New("quit")

func runReview(ctx context.Context, e *env, lib *library, sel *selection, queue []srs.Item) error {
	if len(queue) == 0 {
		fmt.Fprintln(e.stdout, "Nothing to study right now.")
		printTomorrow(e.stdout, lib, sel)
		return nil
	}
	w, err := openLog(e, lib)
	if err != nil {
		return err
	}
	defer w.Close()
	s := &session{
		ctx: ctx, e: e, lib: lib, sel: sel, log: w,
		queue: queue, drilled: map[string]int{}, started: e.now(),
	}
	s.clock = newSessionClock(e, lib, s.started)
	s.term = enterRaw(e.stdin, e.stdout)
	if s.term != nil {
		defer s.term.restore()
		defer func() {
			if p := recover(); p != nil {
				s.term.restore()
				panic(p)
			}
		}()
	}
	raw := s.term != nil || e.keys
	s.style = style{on: colorAllowed(e.stdout)}
	s.scr = &screen{out: e.stdout, raw: raw, width: func() int { return termWidth(e.stdout) }}
	s.in = newInput(ctx, e.stdin, raw)
	if raw {
		resized, stop := notifyResize()
		defer stop()
		s.in.resized, s.in.onResize = resized, s.scr.redraw
	}

	for s.pos < len(s.queue) {
		out, err := s.study(s.queue[s.pos])
		if err != nil {
			s.summary(false)
			if errors.Is(err, errQuit) {
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
		case srs.SlotReview:
			due++
		case srs.SlotDrill:
			again++
		}
	}
	return
}

// wrapped renders deck text, made safe, indented and wrapped to the width.
func wrapped(text, prefix string) func(int) string {
	text = clean(text)
	return func(w int) string { return indent(text, prefix, w) }
}

func (s *session) showCard(p deck.Prompt, item srs.Item) {
	kind := item.Slot.String()
	if p.Card.Kind == deck.Scenario {
		kind += " · scenario"
	}
	if p.Reversed {
		kind += " · reversed"
	}
	left := fmt.Sprintf("%s · %s · %d of %d", clean(p.Deck.ID), kind, s.pos+1, len(s.queue))
	fresh, due, again := s.remaining()
	right := fmt.Sprintf("new %d · due %d · again %d", fresh, due, again)
	s.scr.set("header", func(w int) string {
		gap := 4
		if w > 0 {
			gap = max(w-utf8.RuneCountInString(left)-utf8.RuneCountInString(right)-1, 2)
		}
		return "\n" + s.style.dim(left+strings.Repeat(" ", gap)+right) + "\n"
	})
	s.scr.set("question", func(w int) string { return s.style.bold(wrapped(p.Question(), "   ")(w)) + "\n" })
}

func (s *session) keysLine(text string) { s.scr.text("keys", s.style.dim(" "+text)) }

func (s *session) message(text string) { s.scr.text("message", " "+text) }

// study shows one card and reads keys until the card is dealt with
// (answered, buried, suspended, edited away) or the learner undoes, quits
// or is interrupted.
func (s *session) study(item srs.Item) (outcome, error) {
	p, ok := s.lib.byKey[item.Card]
	if !ok {
		return outNext, nil
	}
	shown := s.e.now()
	s.scr.clear()
	if s.notice != "" && s.scr.raw {
		s.scr.text("notice", s.style.dim(" "+s.notice))
	}
	s.notice = ""
	s.showCard(p, item)

	// Before the answer: reveal it, or type it.
	var answer string
	if !p.Reversed && len(p.Card.Accept) > 0 {
		out, text, err := s.typeAnswer(item, &p)
		if err != nil || out != outStay {
			return out, err
		}
		answer = text
	} else {
		s.keysLine("[enter] show answer   [h] hint   [?] more keys   [q] quit")
		for {
			k, err := s.in.key()
			if err != nil {
				return outStay, err
			}
			if k == keyEnter || k == keySpace {
				break
			}
			out, err := s.command(k, item, &p)
			if err != nil || out == outNext || out == outUndo {
				return out, err
			}
			if out == outUnknown {
				s.message("press enter to show the answer (? shows the other keys)")
			}
		}
	}

	// The answer.
	s.scr.drop("keys")
	s.scr.drop("message")
	s.scr.set("rule", func(w int) string { return " " + strings.Repeat("─", max(min(w, 76), 40)-2) })
	var proposed *srs.Grade
	var missed []int
	if p.Card.Kind == deck.Scenario {
		g, miss, out, err := s.checklist(item, &p)
		if err != nil || out != outStay {
			return out, err
		}
		proposed, missed = &g, miss
	} else {
		s.scr.set("answer", wrapped(p.Answer(), "   "))
		if answer != "" {
			g := srs.Wrong
			verdict := s.style.red(fmt.Sprintf(" ✗ expected %s (you typed %s) → proposed grade %d (%s)", clean(p.Card.Accept[0]), clean(answer), g, g))
			if p.Card.Check(answer) {
				g = srs.Hesitant
				verdict = s.style.green(fmt.Sprintf(" ✓ correct → proposed grade %d (%s)", g, g))
			}
			s.scr.text("verdict", verdict)
			proposed = &g
		}
	}
	if p.Card.Explain != "" {
		s.scr.set("explain", func(w int) string { return "\n" + s.style.dim(wrapped(p.Card.Explain, "   ")(w)) })
	}
	if p.Card.Source != "" {
		s.scr.set("source", func(w int) string { return s.style.dim(wrapped("source: "+p.Card.Source, "   ")(w)) })
	}

	g, out, err := s.askGrade(item, &p, proposed)
	if err != nil || out != outStay {
		return out, err
	}
	return outNext, s.record(item, g, missed, s.e.now().Sub(shown))
}

// typeAnswer reads a typed answer. On a terminal typing starts at once and
// Escape switches to the other keys; in line mode a line is the answer,
// unless it is one of the single-letter keys. An empty answer means "just
// show it".
func (s *session) typeAnswer(item srs.Item, p *deck.Prompt) (outcome, string, error) {
	if !s.scr.raw {
		s.keysLine("type your answer and press enter (enter alone shows it)   [h] hint   [?] more keys   [q] quit")
		for {
			k, err := s.in.key()
			if err != nil {
				return outStay, "", err
			}
			if len(k) == 1 && strings.Contains("hbsueq?", k) {
				out, err := s.command(k, item, p)
				if err != nil || out == outNext || out == outUndo {
					return out, "", err
				}
				continue
			}
			return outStay, k, nil
		}
	}
	for {
		s.keysLine("type your answer, then enter (enter alone shows it)   [esc] the other keys")
		text, ok, err := s.in.line(func(t string) { s.scr.text("typed", " > "+clean(t)) })
		if err != nil {
			return outStay, "", err
		}
		if ok {
			if text == "" {
				s.scr.drop("typed")
			}
			return outStay, text, nil
		}
		s.scr.drop("typed")
		s.keysLine("[t] type the answer   [enter] show it   [h] hint   [?] more keys   [q] quit")
	commands:
		for {
			k, err := s.in.key()
			if err != nil {
				return outStay, "", err
			}
			switch k {
			case "t":
				break commands
			case keyEnter, keySpace:
				return outStay, "", nil
			}
			out, err := s.command(k, item, p)
			if err != nil || out == outNext || out == outUndo {
				return out, "", err
			}
		}
	}
}

// command handles the keys that work at every step of a card.
func (s *session) command(k string, item srs.Item, p *deck.Prompt) (outcome, error) {
	switch k {
	case "q":
		return outStay, errQuit
	case "h":
		if p.Card.Hint != "" && !p.Reversed {
			s.scr.set("hint", func(w int) string { return s.style.cyan(wrapped("hint: "+p.Card.Hint, " ")(w)) })
		} else {
			s.message("this card has no hint")
		}
	case "?":
		s.scr.text("help", helpText)
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
	default:
		return outUnknown, nil
	}
	return outStay, nil
}

const helpText = ` keys: enter/space show the answer   0-5 grade   h hint
       u undo the last step   b bury until tomorrow   s suspend
       e edit the card in your editor   ? this help   q quit (answers are saved)
 grades: 0 blackout · 1 wrong, knew it on seeing · 2 wrong, seemed easy
         3 hard · 4 hesitated · 5 perfect; below 4 comes back later today`

// checklist shows a scenario's key points; the learner marks the ones
// they covered (typing the numbers on a line, or toggling them one key at
// a time on a terminal) and a grade is proposed from the share covered.
func (s *session) checklist(item srs.Item, p *deck.Prompt) (srs.Grade, []int, outcome, error) {
	c := p.Card
	if c.Back != "" {
		s.scr.set("answer", func(w int) string { return wrapped(c.Back, "   ")(w) + "\n" })
	}
	covered := make([]bool, len(c.Points))
	render := func(w int) string {
		var b strings.Builder
		b.WriteString(" Key points:")
		for i, pt := range c.Points {
			mark := ""
			if s.scr.raw {
				mark = "[ ] "
				if covered[i] {
					mark = "[x] "
				}
			}
			b.WriteString("\n" + indent(clean(pt), fmt.Sprintf("   %s%d  ", mark, i+1), w))
		}
		return b.String()
	}
	s.scr.set("points", render)
	if s.scr.raw {
		s.keysLine("Which did you cover? Press their numbers to mark them, enter when done.")
	} else {
		s.keysLine("Which did you cover? Type their numbers (for example 1 3 4), or enter for none.")
	}
	for {
		k, err := s.in.key()
		if err != nil {
			return 0, nil, outStay, err
		}
		if s.scr.raw && len(k) == 1 && k[0] >= '1' && k[0] <= '9' {
			if i := int(k[0] - '1'); i < len(covered) {
				covered[i] = !covered[i]
				s.scr.set("points", render)
			}
			continue
		}
		if s.scr.raw && k != keyEnter {
			if out, err := s.command(k, item, p); err != nil || out == outNext || out == outUndo {
				return 0, nil, out, err
			}
			continue
		}
		if !s.scr.raw {
			if len(k) == 1 && strings.Contains("hbsueq?", k) {
				if out, err := s.command(k, item, p); err != nil || out == outNext || out == outUndo {
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
		n := 0
		var missed []int
		for i, ok := range covered {
			if ok {
				n++
			} else {
				missed = append(missed, i+1)
			}
		}
		s.scr.drop("keys")
		s.scr.drop("message")
		g := gradeForCoverage(n, len(c.Points))
		s.scr.text("verdict", fmt.Sprintf(" %d of %d covered → proposed grade %d (%s)", n, len(c.Points), g, g))
		return g, missed, outStay, nil
	}
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
	st := s.lib.state(item.Card)
	today := s.clock.today()
	var labels []string
	for g := srs.Blackout; g <= srs.Perfect; g++ {
		labels = append(labels, fmt.Sprintf("[%d] %s", g, g))
	}
	lines := []string{"", " How well did you recall it?",
		" " + strings.Join(labels[:3], "  "),
		" " + strings.Join(labels[3:], "  ")}
	if st.AnsweredOn(today) {
		lines = append(lines, s.style.dim(" re-drill: the schedule stays as it is; 4 or 5 ends it for today"))
	} else {
		var next []string
		for _, g := range []srs.Grade{srs.Hard, srs.Hesitant, srs.Perfect} {
			n, _ := st.Apply(g, today, s.lib.settings.params)
			next = append(next, fmt.Sprintf("%d → %s", g, days(n.Interval)))
		}
		lines = append(lines, s.style.dim(" next: "+strings.Join(next, " · ")+" · below 3 → tomorrow, and again today"))
	}
	if proposed != nil {
		lines = append(lines, fmt.Sprintf(" [enter] accept %d, or choose another grade", *proposed))
	}
	if s.scr.raw {
		lines = append(lines, s.style.dim(" [u] undo last   [b] bury   [s] suspend   [e] edit   [?] keys   [q] quit"))
	}
	s.scr.text("grades", strings.Join(lines, "\n"))
	for {
		k, err := s.in.key()
		if err != nil {
			return 0, outStay, err
		}
		if k == keyEnter && proposed != nil {
			return *proposed, outStay, nil
		}
		if g, err := srs.ParseGrade(k); err == nil && k != "" {
			return g, outStay, nil
		}
		out, err := s.command(k, item, p)
		if err != nil || out == outNext || out == outUndo {
			return 0, out, err
		}
		if out == outUnknown || k == keyEnter {
			s.message("choose a grade from 0 to 5 (? shows the other keys)")
		}
	}
}

func days(n int) string {
	if n == 1 {
		return "tomorrow"
	}
	return plural(n, "day", "days")
}

// record saves the answer, requeues the card for a re-drill if needed and
// flags (or suspends) a leech.
func (s *session) record(item srs.Item, g srs.Grade, missed []int, took time.Duration) error {
	now := s.clock.stamp()
	today := s.clock.today()
	took = max(took, 0) // the clock went back while the card was shown
	before := *s.lib.state(item.Card)
	after, scheduled := before.Apply(g, today, s.lib.settings.params)
	rec := srs.Record{Time: now, Day: today, Event: srs.Drill, Card: item.Card, Grade: g,
		Millis: int(took.Milliseconds()), Schedule: after.Schedule, Due: after.Due, Missed: missed}
	if scheduled {
		rec.Event = srs.Answer
	}
	if err := s.append(rec); err != nil {
		return err
	}
	u := undoEntry{item: item, before: before, records: 1, what: "answer", grade: g, counted: scheduled, took: took}
	s.lib.states[item.Card] = &after
	s.grades++
	s.spent += took
	if scheduled {
		s.answered++
		if g.Passed() {
			s.passed++
		}
	}
	var notes []string
	switch {
	case g < srs.Hesitant:
		s.drilled[item.Card]++
		u.requeued = s.requeue(item)
		notes = append(notes, "saved · comes back later today")
	case scheduled:
		notes = append(notes, fmt.Sprintf("saved · next review %s (%s)", days(after.Interval), after.Due))
	default:
		notes = append(notes, "saved · done for today")
	}
	if scheduled && !g.Passed() && after.Lapses >= s.lib.settings.leechThreshold {
		notes = append(notes, fmt.Sprintf("leech: forgotten %s. Rewrite it (split it up, add a mnemonic, or e to edit it now)", plural(after.Lapses, "time", "times")))
		if s.lib.settings.leechSuspend {
			rec := srs.Record{Time: now, Day: today, Event: srs.Suspend, Card: item.Card}
			if err := s.append(rec); err != nil {
				return err
			}
			after.Suspended = true
			u.records++
			s.dropLater(item.Card)
			notes = append(notes, "suspended as a leech (leech_action = \"suspend\")")
		}
	}
	s.undo = append(s.undo, u)
	s.setNotice(strings.Join(notes, "\n "))
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
	before := *s.lib.state(item.Card)
	rec := srs.Record{Time: s.clock.stamp(), Day: s.clock.today(), Event: ev, Card: item.Card}
	if err := s.append(rec); err != nil {
		return err
	}
	st := before
	if ev == srs.Bury {
		st.Buried, st.BuriedOn = true, rec.Day
	} else {
		st.Suspended = true
	}
	s.lib.states[item.Card] = &st
	s.undo = append(s.undo, undoEntry{item: item, before: before, records: 1, what: ev.String()})
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

func (s *session) append(rec srs.Record) error {
	if err := s.log.Append(rec); err != nil {
		hints := []string{"that step was not saved; every answer before it is"}
		if h := ioHint(err, s.lib.dataDir); h != "" {
			hints = append(hints, h)
		}
		return withHint(err, hints...)
	}
	return nil
}

// setNotice says what happened to the card: at once in line mode, at the
// top of the next card on a terminal.
func (s *session) setNotice(text string) {
	if s.scr.raw {
		s.notice = text
		return
	}
	s.scr.text("notice", s.style.dim(" "+text))
}

// takeBack undoes the session's last step: an undo record for each record
// the step wrote, the card's state as it was, and the card shown again next.
func (s *session) takeBack() error {
	u := s.undo[len(s.undo)-1]
	for i := 0; i < u.records; i++ {
		rec := srs.Record{Time: s.clock.stamp(), Day: s.clock.today(), Event: srs.Undo, Card: u.item.Card}
		if err := s.append(rec); err != nil {
			return err
		}
	}
	s.undo = s.undo[:len(s.undo)-1]
	before := u.before
	s.lib.states[u.item.Card] = &before
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
		if u.grade < srs.Hesitant {
			if s.drilled[u.item.Card]--; s.drilled[u.item.Card] <= 0 {
				delete(s.drilled, u.item.Card)
			}
		}
	}
	s.setNotice(fmt.Sprintf("undone: %s of %s", u.what, u.item.Card))
	return nil
}

func (s *session) summary(finished bool) {
	if s.term != nil {
		s.term.restore()
	}
	out := s.e.stdout
	took := max(s.e.now().Sub(s.started), 0)
	var b strings.Builder
	if finished {
		b.WriteString(" Done for today: ")
	} else {
		b.WriteString(" Stopped: ")
	}
	fmt.Fprintf(&b, "%s in %s", plural(s.grades, "answer", "answers"), clock(took))
	if s.grades > 0 {
		fmt.Fprintf(&b, " (%s per answer)", clock(s.spent/time.Duration(s.grades)))
	}
	b.WriteString(".")
	if s.answered > 0 {
		fmt.Fprintf(&b, " Passed %d of %d first answers (%d%%).", s.passed, s.answered, (s.passed*100+s.answered/2)/s.answered)
	}
	fmt.Fprintln(out)
	if s.notice != "" {
		fmt.Fprintln(out, " "+s.notice)
	}
	fmt.Fprintln(out, b.String())
	var line2 []string
	if n := len(s.drilled); n > 0 {
		line2 = append(line2, fmt.Sprintf("Re-drilled %s.", plural(n, "card", "cards")))
	}
	if !finished {
		if left := len(s.queue) - s.pos; left > 0 {
			line2 = append(line2, fmt.Sprintf("%s left for today: run `rehearse review` to go on.", plural(left, "card", "cards")))
		}
	}
	line2 = append(line2, fmt.Sprintf("Tomorrow: %d due.", dueBy(s.lib, s.sel, s.clock.today()+1)))
	fmt.Fprintln(out, " "+strings.Join(line2, " "))
}

// dueBy counts the selection's studied cards due on or before day.
func dueBy(lib *library, sel *selection, day srs.Day) int {
	n := 0
	for _, p := range sel.prompts {
		if st := lib.states[p.Key]; st != nil && !st.IsNew() && !st.Suspended && st.Due <= day {
			n++
		}
	}
	return n
}

func printTomorrow(w io.Writer, lib *library, sel *selection) {
	fmt.Fprintf(w, "Tomorrow: %d due.\n", dueBy(lib, sel, lib.today+1))
}

// clock formats a duration as "12 min 40 s" or "14 s".
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}
