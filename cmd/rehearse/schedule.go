package main

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/report"
	"github.com/rehearse/rehearse/srs"
)

func scheduleCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "schedule",
		Usage:     "show how SM-2 or FSRS schedules answers with given grades",
		UsageText: "rehearse schedule --grades 5,4,3,1,4 [--json]\n   rehearse schedule --scheduler fsrs --grades 4,4,1,4 --elapsed 0,3,12,5 [--retention 0.9] [--json]",
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

With --scheduler fsrs, FSRS-6 instead: grades 0-2 are Again, 3 Hard, 4 Good,
5 Easy. Each answer is made --elapsed days after the one before (0 for the
first; without --elapsed, on the day the card falls due), with the weights
fitted by ` + "`rehearse optimize`" + ` if there are any, else the published defaults. It
shows FSRS's chance of recall at each answer, the stability (days until
that chance falls to 90%), the difficulty (1-10) and the interval until the
chance falls to the desired retention (--retention, else the config's
desired_retention, else 0.9). An answer 0 days after the one before is a
same-day re-drill: as in a review, it leaves the state alone.

With --json, prints one object per grade:
   [{"grade":5,"repetitions":1,"interval":1,"ease":2.6}, ...]
or with FSRS, numbers at full precision:
   [{"grade":4,"rating":3,"elapsed":0,"stability":2.3065,"difficulty":2.118,
     "retrievability":null,"interval":3}, ...]`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "grades", Usage: "comma-separated grades from 0 to 5, for example `5,4,3`"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON instead of a table"},
			&cli.IntFlag{Name: "max-interval", Value: srs.DefaultMaxInterval, Usage: "longest interval in `DAYS`"},
			schedulerFlag,
			&cli.StringFlag{Name: "elapsed", Usage: "FSRS: days between answers, for example `0,3,12` (the first 0)"},
			&cli.Float64Flag{Name: "retention", Usage: "FSRS: the desired retention, `R` from 0.70 to 0.99", DefaultText: "0.9, or desired_retention"},
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
			w, err := locate(c, e)
			if err != nil {
				return err
			}
			if w.settings.Params.Model == srs.ModelSM2 {
				if c.IsSet("elapsed") || c.IsSet("retention") {
					return usagef("add --scheduler fsrs", "--elapsed and --retention are for FSRS")
				}
				return report.WriteSM2Schedule(e.Out, e.OutDisplay(), grades, c.Int("max-interval"), c.Bool("json"))
			}
			var elapsed []int
			if c.IsSet("elapsed") {
				if elapsed, err = parseElapsed(c.String("elapsed"), len(grades)); err != nil {
					return err
				}
			}
			retention := w.settings.Retention
			if c.IsSet("retention") {
				if retention = c.Float64("retention"); !(retention >= srs.MinRetention && retention <= srs.MaxRetention) {
					return usagef("for example --retention 0.9", "--retention %v is not from 0.70 to 0.99", retention)
				}
			}
			fit, err := library.ReadFit(w.dataDir)
			if err != nil {
				return err
			}
			f := library.FSRSParams(fit, retention)
			return report.WriteFSRSSchedule(e.Out, e.OutDisplay(), grades, elapsed, f, c.Int("max-interval"), c.Bool("json"))
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

// parseElapsed reads --elapsed: whole days, one per grade, the first 0.
func parseElapsed(s string, n int) ([]int, error) {
	const advice = "give one whole number of days per grade, the first 0, for example --elapsed 0,3,12"
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, usagef(advice, "--elapsed has %d values for %d grades", len(parts), n)
	}
	days := make([]int, n)
	for i, part := range parts {
		d, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || d < 0 || d > srs.DefaultMaxInterval {
			return nil, usagef(advice, "--elapsed: %q is not a whole number of days", part)
		}
		days[i] = d
	}
	if days[0] != 0 {
		return nil, usagef(advice, "--elapsed: the first answer has none before it, so its value is 0, not %d", days[0])
	}
	return days, nil
}
