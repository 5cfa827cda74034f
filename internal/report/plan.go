package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// longDate is how the plan and readiness name a day.
func longDate(d srs.Day) string { return d.Time().Format("Mon 02 Jan 2006") }

// shortDate names a day of the plan's table.
func shortDate(d srs.Day) string { return d.Time().Format("Mon 02 Jan") }

// roundMinutes rounds a duration up to whole minutes, for a budget.
func roundMinutes(d time.Duration) int { return int(math.Ceil(d.Minutes())) }

// writeInterview writes the line that says what the plan prepares for.
func writeInterview(out io.Writer, d tui.Display, ip *library.InterviewPlan) {
	iv, pl := ip.Interview, ip.Plan
	days := int(iv.Date - pl.Today)
	when := fmt.Sprintf("in %s", tui.Plural(days, "day", "days"))
	switch days {
	case 0:
		when = "today"
	case 1:
		when = "tomorrow"
	}
	budget := "no daily time limit"
	if iv.Minutes > 0 {
		budget = fmt.Sprintf("%d min a day", iv.Minutes)
	}
	fmt.Fprintln(out, tui.Indent(fmt.Sprintf("Interview on %s, %s: %s (%s, %d seen), %s, target recall %.0f%%.",
		longDate(iv.Date), when, tui.Clean(iv.ScopeNames()), tui.Plural(pl.Cards, "card", "cards"), ip.Seen, budget, 100*iv.Target), "", d.Width))
}

// WritePlan writes the plan day by day, whether it fits, and what would
// make it fit when it does not.
func WritePlan(out io.Writer, d tui.Display, ip *library.InterviewPlan) error {
	pl := ip.Plan
	writeInterview(out, d, ip)
	fmt.Fprintln(out)
	if len(pl.Days) == 0 {
		fmt.Fprintln(out, "The interview is today: no days are left to plan. Run `rehearse ready` to see where you stand, and good luck.")
		return nil
	}
	t := NewTable(out, d, []string{"DAY", "NEW", "REVIEWS", "LAST LOOKS", "MINUTES"}, 1, 2, 3, 4)
	var total srs.PlanDay
	for i, day := range pl.Days {
		name := shortDate(day.Day)
		if i == 0 {
			name += " (today)"
		}
		if err := t.Append(name, day.New, day.Reviews, day.LastLooks, roundMinutes(day.Time)); err != nil {
			return err
		}
		total.New += day.New
		total.Reviews += day.Reviews
		total.LastLooks += day.LastLooks
		total.Time += day.Time
	}
	t.Footer("total", total.New, total.Reviews, total.LastLooks, roundMinutes(total.Time))
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintln(out)
	note := func(s string) { fmt.Fprintln(out, tui.Indent(s, "", d.Width)) }
	note(fmt.Sprintf("Reviews are those expected if you answer each card 4 on its due day; a lapse adds its re-drill's time. "+
		"Last looks are cards brought forward in the last days because their recall on the date would fall below %.0f%%. "+
		"Minutes are at your pace: %s a new card, %s a review.", 100*pl.Goal.Target, seconds(ip.Pace.New), seconds(ip.Pace.Review)))
	fmt.Fprintln(out)
	switch {
	case pl.TooClose:
		note(fmt.Sprintf("The interview is too close for every card to be seen and then reviewed before it: %s never seen. "+
			"Study the decks that matter most with `rehearse review --deck ID`, or choose a later date.",
			tui.Plural(pl.Unseen, "card is", "cards are")))
	case !pl.Feasible:
		note(fmt.Sprintf("The plan does not fit %d min a day: its busiest day needs %d min.", ip.Interview.Minutes, roundMinutes(pl.NeedBudget)))
		var would []string
		would = append(would, fmt.Sprintf("%d min a day (`rehearse plan --minutes %d`)", roundMinutes(pl.NeedBudget), roundMinutes(pl.NeedBudget)))
		if pl.FirstDate != 0 {
			would = append(would, fmt.Sprintf("an interview on %s or later", longDate(pl.FirstDate)))
		}
		if len(pl.Drop) > 0 {
			would = append(would, fmt.Sprintf("leaving out %s", tui.Clean(strings.Join(pl.Drop, ", "))))
		}
		note("What would fit: " + strings.Join(would, "; or ") + ".")
	default:
		ready := len(pl.Recall) - pl.BelowTarget()
		note(fmt.Sprintf("The plan fits: every card is seen by %s and reviewed again before the date; "+
			"%d of %d cards are predicted at %.0f%% or more on the date.",
			longDate(lastNewDay(pl)), ready, pl.Cards, 100*pl.Goal.Target))
	}
	today := pl.Days[0]
	note(fmt.Sprintf("Today `rehearse review` brings %s and %s.", tui.Plural(today.New, "new card", "new cards"),
		tui.Plural(today.Reviews, "review", "reviews")))
	return nil
}

// lastNewDay is the last day the plan introduces a card (today if none).
func lastNewDay(pl *srs.Plan) srs.Day {
	last := pl.Today
	for _, d := range pl.Days {
		if d.New > 0 {
			last = d.Day
		}
	}
	return last
}

// seconds formats a pace.
func seconds(d time.Duration) string { return fmt.Sprintf("%d s", int(d.Round(time.Second).Seconds())) }

type planJSON struct {
	Date      string        `json:"date"`
	Decks     []string      `json:"decks"`
	Tags      []string      `json:"tags"`
	Minutes   int           `json:"minutes"`
	Target    float64       `json:"target"`
	Cards     int           `json:"cards"`
	Seen      int           `json:"seen"`
	Feasible  bool          `json:"feasible"`
	NeedMin   *int          `json:"minutes_needed"`
	FirstDate *string       `json:"first_date"`
	Drop      []string      `json:"drop_decks"`
	Days      []planDayJSON `json:"days"`
}

type planDayJSON struct {
	Day       string  `json:"day"`
	New       int     `json:"new"`
	Reviews   int     `json:"reviews"`
	LastLooks int     `json:"last_looks"`
	Other     int     `json:"other_reviews"`
	Minutes   float64 `json:"minutes"`
}

// WritePlanJSON writes the plan as one JSON object, for scripts.
func WritePlanJSON(out io.Writer, ip *library.InterviewPlan) error {
	pl, iv := ip.Plan, ip.Interview
	doc := planJSON{Date: iv.Date.String(), Decks: scopeDecks(ip), Tags: iv.Tags, Minutes: iv.Minutes, Target: iv.Target,
		Cards: pl.Cards, Seen: ip.Seen, Feasible: pl.Feasible, Drop: pl.Drop, Days: []planDayJSON{}}
	if doc.Tags == nil {
		doc.Tags = []string{}
	}
	if doc.Drop == nil {
		doc.Drop = []string{}
	}
	if !pl.Feasible && pl.NeedBudget > 0 {
		n := roundMinutes(pl.NeedBudget)
		doc.NeedMin = &n
	}
	if pl.FirstDate != 0 {
		s := pl.FirstDate.String()
		doc.FirstDate = &s
	}
	for _, d := range pl.Days {
		doc.Days = append(doc.Days, planDayJSON{Day: d.Day.String(), New: d.New, Reviews: d.Reviews, LastLooks: d.LastLooks,
			Other: d.Other, Minutes: math.Round(d.Time.Minutes()*10) / 10})
	}
	return writeJSON(out, doc, true)
}

// scopeDecks lists the ids of the decks with cards in the plan's scope.
func scopeDecks(ip *library.InterviewPlan) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, p := range ip.Scope.Prompts {
		if !seen[p.Deck.ID] {
			seen[p.Deck.ID] = true
			out = append(out, p.Deck.ID)
		}
	}
	return out
}

// WriteNoPlan says there is no interview plan in force (the last one
// passed, or none was set), and how to set one.
func WriteNoPlan(out io.Writer, iv *library.Interview, today srs.Day) {
	if iv != nil && !iv.Cleared && iv.Date < today {
		fmt.Fprintf(out, "The interview on %s has passed, and its plan with it.\n", iv.Date)
	} else {
		fmt.Fprintln(out, "No interview plan.")
	}
	fmt.Fprintln(out, "Set one with `rehearse plan --date YYYY-MM-DD --minutes N`: it spreads")
	fmt.Fprintln(out, "the cards over the days to the date, within N minutes a day.")
}
