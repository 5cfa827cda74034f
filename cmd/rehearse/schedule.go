package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

func scheduleCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "schedule",
		Usage:     "show how SM-2 schedules a card answered with given grades",
		UsageText: "rehearse schedule --grades 5,4,3,1,4 [--json]",
		Description: `Takes a new card through the grades given, each answer made on the day the
card falls due, and shows what SM-2 does after each: the repetitions in the
current run, the next interval, the E-Factor (ease) and the next due day.

SM-2 in one paragraph: grades 3-5 pass. The first pass gives 1 day, the
second 6 days, then each interval is the last one times the ease, rounded
to the nearest day. Grades 0-2 fail: the run starts again at 1 day. The
ease starts at 2.5, moves after every answer (+0.10 for a 5, 0 for a 4,
-0.14 for a 3, -0.32/-0.54/-0.80 for 2/1/0) and never drops below 1.3.
A card answered below 4 also comes back the same day until answered 4 or
5; those re-drills do not change its schedule.

With --json, prints one object per grade:
   [{"grade":5,"repetitions":1,"interval":1,"ease":2.6}, ...]`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "grades", Usage: "comma-separated grades from 0 to 5, for example `5,4,3`"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of a table"},
			&cli.IntFlag{Name: "max-interval", Value: srs.DefaultMaxInterval, Usage: "longest interval in `DAYS`"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return usagef("give the grades with --grades 5,4,3", "unexpected argument %q", c.Args().First())
			}
			if !c.IsSet("grades") {
				return usagef("for example: rehearse schedule --grades 5,4,3", "give the grades with --grades")
			}
			grades, err := parseGrades(c.String("grades"))
			if err != nil {
				return err
			}
			if c.Int("max-interval") < 1 {
				return usagef("for example --max-interval 365", "--max-interval must be at least 1 day")
			}
			return runSchedule(e, grades, c.Int("max-interval"), c.Bool("json"))
		},
	}
}

func parseGrades(s string) ([]srs.Grade, error) {
	var grades []srs.Grade
	for _, part := range strings.Split(s, ",") {
		g, err := srs.ParseGrade(part)
		if err != nil {
			return nil, usagef("write the grades as digits from 0 to 5 separated by commas, for example --grades 5,4,3", "--grades: %v", err)
		}
		grades = append(grades, g)
	}
	return grades, nil
}

type scheduleStep struct {
	Grade       int     `json:"grade"`
	Repetitions int     `json:"repetitions"`
	Interval    int     `json:"interval"`
	Ease        float64 `json:"ease"`
}

func runSchedule(e *env, grades []srs.Grade, maxInterval int, asJSON bool) error {
	s := srs.NewSchedule()
	steps := make([]scheduleStep, 0, len(grades))
	scheds := make([]srs.Schedule, 0, len(grades))
	for _, q := range grades {
		s = s.Next(q, maxInterval)
		scheds = append(scheds, s)
		steps = append(steps, scheduleStep{Grade: int(q), Repetitions: s.Repetitions, Interval: s.Interval, Ease: s.Ease.Float()})
	}
	if asJSON {
		b, err := json.Marshal(steps)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.Out, "%s\n", b)
		return err
	}
	t := report.NewTable(e.Out, e.OutDisplay(), []string{"#", "GRADE", "ANSWERED", "REPETITIONS", "INTERVAL", "EASE", "DUE"}, 0, 3, 4, 5)
	day := 0
	for i, q := range grades {
		st := scheds[i]
		due := fmt.Sprintf("day %d", day+st.Interval)
		if q < srs.Hesitant {
			due += " (and again later today, until a 4 or 5)"
		}
		if err := t.Append(i+1, fmt.Sprintf("%d %s", q, q), fmt.Sprintf("day %d", day), st.Repetitions,
			tui.Plural(st.Interval, "day", "days"), st.Ease.String(), due); err != nil {
			return err
		}
		day += st.Interval
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, "\nDay 0 is the day of the first answer; each later answer is made on the day the card is due.")
	return nil
}
