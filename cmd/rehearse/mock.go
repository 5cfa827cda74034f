package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/session"
)

func mockCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "mock",
		Usage:     "a timed mock interview: answer aloud, mark points, get a report",
		UsageText: "rehearse mock [--deck ID]... [--tag TAG]... [--questions N | --minutes N] [--seed N] [--schedule]",
		Description: `A panel session. rehearse picks the questions (8 by default) from the
decks in scope, leaning towards what you are weakest at: the lowest
predicted recall, the key points most often missed in earlier mocks, and
questions never asked in a mock. About three in four are scenario and
behavioural questions, the rest factual, in a panel's order: a warm-up
first, the technical questions deck by deck, the behavioural ones last.

Each question shows a countdown for answering aloud: 2 minutes for a
scenario or behavioural question, 30 seconds for a factual one (set them
with --answer-time and --factual-time). Press enter when you have
answered; p pauses the clock. Running over is shown, not punished. Then
come the key points (mark the ones you covered, as in a review) or the
answer (grade it 0-5), and for a behavioural question the stories of
yours that answer it (rehearse stories).

At the end, a report: each question's points and time, a score per
topic, the points you miss most often across mocks, and what to practise
next. Each answer is saved as a mock record; no schedule changes unless
you pass --schedule, which also counts each answer as a review answer.

Piped (stdin not a terminal), each line is one key, as in a review, and
the countdown is printed rather than drawn. The same --seed over the same
review log asks the same questions.

Examples:
   rehearse mock
   rehearse mock --deck leadership-scenarios --questions 5
   rehearse mock --minutes 20 --tag incident
   rehearse mock --answer-time 3m`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "ask only from the deck with this `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "ask only cards with this `TAG` (repeatable)"},
			&cli.IntFlag{Name: "questions", Usage: "ask `N` questions", DefaultText: "8"},
			&cli.IntFlag{Name: "minutes", Usage: "ask as many questions as fill about `N` minutes", DefaultText: "not set"},
			&cli.Uint64Flag{Name: "seed", Usage: "choose the questions with seed `N` (repeatable choice)", DefaultText: "from the clock"},
			&cli.DurationFlag{Name: "answer-time", Value: library.DefaultLongTime, Usage: "time to answer a scenario or behavioural question, `DURATION`"},
			&cli.DurationFlag{Name: "factual-time", Value: library.DefaultShortTime, Usage: "time to answer a factual question, `DURATION`"},
			&cli.BoolFlag{Name: "schedule", Usage: "also count each answer as a review answer (changes schedules)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("choose decks with --deck ID", "unexpected argument %q", c.Args().First())
			}
			switch {
			case c.IsSet("questions") && c.IsSet("minutes"):
				return usagef("give one of them", "--questions and --minutes do not go together")
			case c.Int("questions") < 0 || c.IsSet("questions") && c.Int("questions") == 0:
				return usagef("for example --questions 5", "--questions must be 1 or more")
			case c.Int("minutes") < 0 || c.IsSet("minutes") && c.Int("minutes") == 0:
				return usagef("for example --minutes 20", "--minutes must be 1 or more")
			case c.Duration("answer-time") < time.Second || c.Duration("factual-time") < time.Second:
				return usagef("for example --answer-time 2m --factual-time 30s", "answering times must be at least 1s")
			}
			lib, err := open(c, e, library.WithStates)
			if err != nil {
				return err
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			seed := c.Uint64("seed")
			if !c.IsSet("seed") {
				seed = uint64(e.now().UnixNano())
			}
			questions, err := lib.ChooseMock(sel, library.MockOptions{Questions: c.Int("questions"), Minutes: c.Int("minutes"),
				Seed: seed, LongTime: c.Duration("answer-time"), ShortTime: c.Duration("factual-time")})
			if err != nil {
				return usagef("choose other decks or tags, or none for every deck", "%v", err)
			}
			w, err := openLog(e, lib)
			if err != nil {
				return err
			}
			defer w.Close()
			m, err := session.RunMock(c.Context, session.MockOptions{Streams: e.Streams, Now: e.now, Lib: lib,
				Questions: questions, Log: w, Schedule: c.Bool("schedule")})
			if m != nil {
				history := append(lib.Mocks(), *m)
				if rerr := report.WriteMock(e.Out, e.OutDisplay(), report.MockReport{Mock: m, History: history, Stories: lib.Decks.Stories()}); err == nil {
					err = rerr
				}
			}
			return err
		},
	}
}
