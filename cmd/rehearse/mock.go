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
		Name:        "mock",
		Usage:       "a timed mock interview: answer aloud, mark points, get a report",
		UsageText:   "rehearse mock [--deck ID]... [--tag TAG]... [--questions N | --minutes N] [--seed N] [--schedule]",
		Description: helpText("mock"),
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
