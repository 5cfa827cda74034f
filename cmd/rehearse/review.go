package main

import (
	"bufio"
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
		Description: `Shows each card's front; recall the answer, press enter to see it, then
grade yourself from 0 to 5:

   0 blackout                    3 correct, with serious difficulty
   1 wrong, knew it on seeing    4 correct after a hesitation
   2 wrong, but seemed easy      5 perfect

SM-2 schedules the card from the grade. Cards graded below 4 come back at
the end of the session (and later the same day) until you grade them 4 or
5; only the day's first answer changes the schedule.

Each step reads one line: enter shows the answer, h shows a hint, q quits,
0-5 grades. On a typed-answer card, type your answer (or just enter to see
it); on a scenario card, list the numbers of the key points you covered.
A proposed grade is accepted with enter, or choose another digit.

Every answer is saved (and flushed to disk) before the next card appears,
so quitting, Ctrl-C or a crash never loses an answered card.

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
			sel, err := lib.selectPrompts(c.StringSlice("deck"), c.StringSlice("tag"))
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

// session is one review session, driven one input line at a time.
type session struct {
	ctx   context.Context
	e     *env
	lib   *library
	sel   *selection
	log   *revlog.Writer
	out   io.Writer
	style style
	width int
	lines <-chan string

	queue []srs.Item
	pos   int

	started  time.Time
	answered int // first answers of the day in this session
	passed   int // of which graded 3 or more
	drilled  map[string]bool
	grades   int // every graded answer
	spent    time.Duration
}

// errQuit ends a session at the learner's request, or at end of input.
var errQuit = errors.New("quit")

func runReview(ctx context.Context, e *env, lib *library, sel *selection, queue []srs.Item) error {
	if len(queue) == 0 {
		fmt.Fprintln(e.stdout, "Nothing to study right now.")
		printTomorrow(e.stdout, lib, sel)
		return nil
	}
	w, err := revlog.Open(lib.dataDir, deviceName(lib.settings.device))
	if err != nil {
		return err
	}
	defer w.Close()
	if w.Repaired != nil {
		fmt.Fprintf(e.stderr, "rehearse: note: %v\n", w.Repaired)
	}
	s := &session{
		ctx: ctx, e: e, lib: lib, sel: sel, log: w, out: e.stdout,
		style: style{on: colorAllowed(e.stdout)}, width: termWidth(e.stdout),
		lines: readLines(ctx, e.stdin), queue: queue, drilled: map[string]bool{}, started: e.now(),
	}
	for s.pos < len(s.queue) {
		err := s.study(s.queue[s.pos])
		if errors.Is(err, errQuit) {
			s.summary(false)
			return nil
		}
		if errors.Is(err, errInterrupted) {
			fmt.Fprintln(s.out)
			s.summary(false)
			return errInterrupted
		}
		if err != nil {
			fmt.Fprintln(s.out)
			s.summary(false)
			return err
		}
		s.pos++
	}
	s.summary(true)
	return nil
}

// readLines delivers input lines until the input ends or ctx is done.
func readLines(ctx context.Context, r io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 4096), 1<<20)
		for sc.Scan() {
			select {
			case ch <- strings.TrimRight(sc.Text(), "\r"):
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

// next waits for the next input line.
func (s *session) next() (string, error) {
	select {
	case <-s.ctx.Done():
		return "", errInterrupted
	case line, ok := <-s.lines:
		if !ok {
			return "", errQuit
		}
		return strings.TrimSpace(line), nil
	}
}

func (s *session) println(a ...any) { fmt.Fprintln(s.out, a...) }

// text prints deck text safely, indented and wrapped to the terminal.
func (s *session) text(t string) { s.println(indent(clean(t), "   ", s.width)) }

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

func (s *session) header(p deck.Prompt, item srs.Item) {
	kind := item.Slot.String()
	if p.Card.Kind == deck.Scenario {
		kind += " · scenario"
	}
	if p.Reversed {
		kind += " · reversed"
	}
	left := fmt.Sprintf("%s · %s · %d of %d", p.Deck.ID, kind, s.pos+1, len(s.queue))
	fresh, due, again := s.remaining()
	right := fmt.Sprintf("new %d · due %d · again %d", fresh, due, again)
	gap := 4
	if s.width > 0 {
		gap = max(s.width-utf8.RuneCountInString(left)-utf8.RuneCountInString(right)-1, 2)
	}
	s.println()
	s.println(s.style.dim(left + strings.Repeat(" ", gap) + right))
	s.println()
}

// study shows one card and records the learner's grade.
func (s *session) study(item srs.Item) error {
	p, ok := s.lib.byKey[item.Card]
	if !ok {
		return nil
	}
	shown := s.e.now()
	s.header(p, item)
	s.println(s.style.bold(indent(clean(p.Question()), "   ", s.width)))
	s.println()

	typed := !p.Reversed && len(p.Card.Accept) > 0
	var proposed *srs.Grade
	if typed {
		s.println(s.style.dim(" type your answer and press enter (enter alone shows it)   [h] hint   [q] quit"))
	} else {
		s.println(s.style.dim(" [enter] show answer   [h] hint   [q] quit"))
	}
	var answer string
	for {
		line, err := s.next()
		if err != nil {
			return err
		}
		if line == "q" {
			return errQuit
		}
		if line == "h" {
			if p.Card.Hint != "" && !p.Reversed {
				s.println(" hint: " + clean(p.Card.Hint))
			} else {
				s.println(" (this card has no hint)")
			}
			continue
		}
		if line == "" || typed {
			answer = line
			break
		}
		s.println(s.style.dim(" press enter to show the answer, h for a hint, q to quit"))
	}

	s.println(" " + strings.Repeat("─", max(min(s.width, 76), 40)-2))
	switch {
	case p.Card.Kind == deck.Scenario:
		g, err := s.checklist(p.Card)
		if err != nil {
			return err
		}
		proposed = &g
	default:
		s.text(p.Answer())
		if typed && answer != "" {
			g := srs.Wrong
			if p.Card.Check(answer) {
				g = srs.Hesitant
				s.println(s.style.green(fmt.Sprintf(" ✓ correct → proposed grade %d (%s)", g, g)))
			} else {
				s.println(s.style.red(fmt.Sprintf(" ✗ expected %s (you typed %s) → proposed grade %d (%s)",
					clean(p.Card.Accept[0]), clean(answer), g, g)))
			}
			proposed = &g
		}
	}
	if p.Card.Explain != "" {
		s.println()
		s.println(s.style.dim(indent(clean(p.Card.Explain), "   ", s.width)))
	}
	if p.Card.Source != "" {
		s.println(s.style.dim("   source: " + clean(p.Card.Source)))
	}

	grade, err := s.askGrade(item, proposed)
	if err != nil {
		return err
	}
	return s.record(item, grade, s.e.now().Sub(shown))
}

// checklist shows a scenario's key points, reads which ones the learner
// covered and proposes a grade from the share covered.
func (s *session) checklist(c *deck.Card) (srs.Grade, error) {
	if c.Back != "" {
		s.text(c.Back)
		s.println()
	}
	s.println(" Key points:")
	for i, pt := range c.Points {
		s.println(indent(clean(pt), fmt.Sprintf("   %d  ", i+1), s.width))
	}
	s.println()
	s.println(" Which did you cover? Type their numbers (for example 1 3 4), or enter for none.")
	for {
		line, err := s.next()
		if err != nil {
			return 0, err
		}
		if line == "q" {
			return 0, errQuit
		}
		covered, ok := parsePoints(line, len(c.Points))
		if !ok {
			s.println(fmt.Sprintf(" type point numbers from 1 to %d separated by spaces, or enter for none", len(c.Points)))
			continue
		}
		g := gradeForCoverage(covered, len(c.Points))
		s.println(fmt.Sprintf(" %d of %d covered → proposed grade %d (%s)", covered, len(c.Points), g, g))
		return g, nil
	}
}

// parsePoints reads point numbers such as "1 3 4" or "1,3"; it returns how
// many different points were named.
func parsePoints(line string, n int) (int, bool) {
	seen := map[int]bool{}
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
		i, err := strconv.Atoi(f)
		if err != nil || i < 1 || i > n {
			return 0, false
		}
		seen[i] = true
	}
	return len(seen), true
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

func (s *session) askGrade(item srs.Item, proposed *srs.Grade) (srs.Grade, error) {
	st := s.lib.state(item.Card)
	today := s.lib.dayOf(s.e)
	s.println()
	s.println(" How well did you recall it?")
	var labels []string
	for g := srs.Blackout; g <= srs.Perfect; g++ {
		labels = append(labels, fmt.Sprintf("[%d] %s", g, g))
	}
	s.println(" " + strings.Join(labels[:3], "  "))
	s.println(" " + strings.Join(labels[3:], "  "))
	if st.AnsweredOn(today) {
		s.println(s.style.dim(" re-drill: the schedule stays as it is; 4 or 5 ends it for today"))
	} else {
		var next []string
		for _, g := range []srs.Grade{srs.Hard, srs.Hesitant, srs.Perfect} {
			n, _ := st.Apply(g, today, s.lib.settings.params)
			next = append(next, fmt.Sprintf("%d → %s", g, days(n.Interval)))
		}
		s.println(s.style.dim(" next: " + strings.Join(next, " · ") + " · below 3 → tomorrow, and again today"))
	}
	if proposed != nil {
		s.println(fmt.Sprintf(" [enter] accept %d, or type another grade", *proposed))
	}
	for {
		line, err := s.next()
		if err != nil {
			return 0, err
		}
		if line == "" && proposed != nil {
			return *proposed, nil
		}
		if line == "q" {
			return 0, errQuit
		}
		g, err := srs.ParseGrade(line)
		if err == nil {
			return g, nil
		}
		s.println(" type a grade from 0 to 5 (or q to quit)")
	}
}

func days(n int) string {
	if n == 1 {
		return "tomorrow"
	}
	return plural(n, "day", "days")
}

// record saves the answer and requeues the card for a re-drill if needed.
func (s *session) record(item srs.Item, g srs.Grade, took time.Duration) error {
	now := s.e.now()
	today := s.lib.dayOf(s.e)
	before := s.lib.state(item.Card)
	after, scheduled := before.Apply(g, today, s.lib.settings.params)
	rec := srs.Record{Time: now, Day: today, Event: srs.Drill, Card: item.Card, Grade: g,
		Millis: int(took.Milliseconds()), Schedule: after.Schedule, Due: after.Due}
	if scheduled {
		rec.Event = srs.Answer
	}
	if err := s.log.Append(rec); err != nil {
		return withHint(err, "the answer was not saved; answers before it are safe. Free some disk space or fix the folder's permissions, then run `rehearse review` again")
	}
	s.lib.states[item.Card] = &after
	s.grades++
	s.spent += took
	if scheduled {
		s.answered++
		if g.Passed() {
			s.passed++
		}
	}
	if g < srs.Hesitant {
		s.drilled[item.Card] = true
		s.requeue(item)
		s.println(s.style.dim(" saved · comes back later today"))
	} else if scheduled {
		s.println(s.style.dim(fmt.Sprintf(" saved · next review %s (%s)", days(after.Interval), after.Due)))
	} else {
		s.println(s.style.dim(" saved · done for today"))
	}
	return nil
}

func (s *session) requeue(item srs.Item) {
	for _, it := range s.queue[s.pos+1:] {
		if it.Card == item.Card {
			return
		}
	}
	item.Slot = srs.SlotDrill
	s.queue = append(s.queue, item)
}

func (s *session) summary(finished bool) {
	took := s.e.now().Sub(s.started)
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
	s.println()
	s.println(b.String())
	var line2 []string
	if n := len(s.drilled); n > 0 {
		line2 = append(line2, fmt.Sprintf("Re-drilled %s.", plural(n, "card", "cards")))
	}
	if !finished {
		if left := len(s.queue) - s.pos; left > 0 {
			line2 = append(line2, fmt.Sprintf("%s left for today: run `rehearse review` to go on.", plural(left, "card", "cards")))
		}
	}
	line2 = append(line2, fmt.Sprintf("Tomorrow: %d due.", dueBy(s.lib, s.sel, s.lib.dayOf(s.e)+1)))
	s.println(" " + strings.Join(line2, " "))
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
