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
		Name:        "schedule",
		Usage:       "show how SM-2 or FSRS schedules answers with given grades",
		UsageText:   "rehearse schedule --grades 5,4,3,1,4 [--json]\n   rehearse schedule --scheduler fsrs --grades 4,4,1,4 --elapsed 0,3,12,5 [--retention 0.9] [--json]",
		Description: helpText("schedule"),
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
