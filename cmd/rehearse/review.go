package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/session"
	"github.com/rehearse/rehearse/srs"
)

func reviewCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "review",
		Usage:       "study today's cards: due reviews first, new cards mixed in",
		UsageText:   "rehearse review [--deck ID]... [--tag TAG]... [--new N] [--limit N] [--ahead | --cram]",
		Description: helpText("review"),
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "deck", Usage: "study only the deck with this `ID` (repeatable)"},
			&cli.StringSliceFlag{Name: "tag", Usage: "study only cards with this `TAG` (repeatable)"},
			&cli.IntFlag{Name: "new", Value: -1, Usage: "new cards allowed today, `N`", DefaultText: "20, or new_per_day"},
			&cli.IntFlag{Name: "limit", Usage: "stop after `N` cards (0: no limit)"},
			&cli.BoolFlag{Name: "ahead", Usage: "review cards not yet due, lowest predicted recall first (scheduling answers)"},
			&cli.BoolFlag{Name: "cram", Usage: "go through the cards, weakest first, without changing any schedule"},
			schedulerFlag,
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("choose decks with --deck ID", "unexpected argument %q", c.Args().First())
			}
			if c.Int("limit") < 0 {
				return usagef("for example --limit 20", "--limit must be 0 or more")
			}
			// Today's review needs today's states, not the history: they
			// are read on from the replay checkpoint.
			today := func(o *library.Options) { o.Resume = !c.Bool("ahead") && !c.Bool("cram") }
			lib, err := open(c, e, library.WithStates, today)
			if err != nil {
				return err
			}
			if n := c.Int("new"); n >= 0 {
				lib.Settings.Limits.NewPerDay = n
			} else if n != -1 {
				return usagef("for example --new 5, or --new 0 for reviews only", "--new must be 0 or more")
			}
			sel, err := selectCards(c, lib)
			if err != nil {
				return err
			}
			queue, err := reviewQueue(c, lib, sel)
			if err != nil {
				return err
			}
			left := 0
			if n := c.Int("limit"); n > 0 && len(queue) > n {
				queue, left = queue[:n], len(queue)-n
			}
			o := session.Options{Streams: e.Streams, Now: e.now, Lib: lib, Sel: sel, Queue: queue,
				Editor: config.EditorCommand(lib.Settings.Editor, e.Env), Left: left, GoOn: goOn(c)}
			if e.whatIf {
				o.Note = fmt.Sprintf("The clock is set by %s: it is %s, and answers are saved with that time.",
					nowVariable, e.now().In(e.Loc).Format("Mon 02 Jan 2006 15:04 MST"))
			}
			if len(queue) > 0 {
				w, err := openLog(e, lib)
				if err != nil {
					return err
				}
				defer w.Close()
				o.Log = w
			}
			return session.Run(c.Context, o)
		},
	}
}

// reviewQueue is the session's cards, as the flags ask.
func reviewQueue(c *cli.Context, lib *library.Library, sel *library.Selection) ([]srs.Item, error) {
	pass := library.PassToday
	switch {
	case c.Bool("ahead") && c.Bool("cram"), (c.Bool("ahead") || c.Bool("cram")) && c.IsSet("new"):
		return nil, usagef("use one of --ahead and --cram, without --new", "--ahead, --cram and --new do not go together")
	case c.Bool("ahead"):
		pass = library.PassAhead
	case c.Bool("cram"):
		pass = library.PassCram
	}
	return lib.ReviewQueue(sel, pass, !c.IsSet("new"))
}

// goOn is the command that goes on with this review: the same decks, tags
// and limits.
func goOn(c *cli.Context) string {
	parts := []string{"rehearse"}
	if c.Bool("no-builtin") {
		parts = append(parts, "--no-builtin")
	}
	for _, p := range c.StringSlice("decks") {
		parts = append(parts, "--decks", shellWord(p))
	}
	parts = append(parts, "review")
	for _, name := range []string{"deck", "tag"} {
		for _, v := range splitCommas(c.StringSlice(name)) {
			parts = append(parts, "--"+name, shellWord(v))
		}
	}
	for _, name := range []string{"ahead", "cram"} {
		if c.Bool(name) {
			parts = append(parts, "--"+name)
		}
	}
	for _, name := range []string{"new", "limit"} {
		if c.IsSet(name) {
			parts = append(parts, "--"+name, strconv.Itoa(c.Int(name)))
		}
	}
	return strings.Join(parts, " ")
}

// shellWord quotes a value for a shell when it needs it.
func shellWord(v string) string {
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=+,@", r)) {
			return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
		}
	}
	return v
}
