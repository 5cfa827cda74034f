package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/rehearse/rehearse/srs"
)

// The JSON and CSV field names below are a stable interface, listed in the
// README: add fields, never rename or remove one.

type statsJSON struct {
	Today     string           `json:"today"`
	Counts    *countsJSON      `json:"counts,omitempty"`
	Retention []retentionJSON  `json:"retention,omitempty"`
	Forecast  *forecastJSON    `json:"forecast,omitempty"`
	Activity  *activityJSON    `json:"activity,omitempty"`
	Grades    []gradeJSON      `json:"grades,omitempty"`
	Ease      *distributionOut `json:"ease,omitempty"`
	Intervals *distributionOut `json:"intervals,omitempty"`
	Hardest   *hardestJSON     `json:"hardest,omitempty"`
	// Calibration and Recall are for the model in force.
	Calibration *calibrationJSON `json:"calibration,omitempty"`
	Recall      *distributionOut `json:"recall,omitempty"`
	// Mock is every mock interview's score, oldest first.
	Mock *[]mockJSON `json:"mock,omitempty"`
}

type mockJSON struct {
	Began     string      `json:"began"`
	Questions int         `json:"questions"`
	Covered   int         `json:"covered"`
	Points    int         `json:"points"`
	Topics    []topicJSON `json:"topics"`
}

type topicJSON struct {
	Topic   string `json:"topic"`
	Covered int    `json:"covered"`
	Points  int    `json:"points"`
}

type calibrationJSON struct {
	Model string `json:"model"`
	calibrationBinJSON
	LogLoss float64              `json:"log_loss"`
	Bins    []calibrationBinJSON `json:"bins"`
}

// calibrationBinJSON is one bin of predicted recall, from..to (fractions).
type calibrationBinJSON struct {
	From          *float64 `json:"from,omitempty"`
	To            *float64 `json:"to,omitempty"`
	Answers       int      `json:"answers"`
	MeanPredicted float64  `json:"mean_predicted"`
	Recalled      float64  `json:"recalled"` // the share of the answers recalled
}

type countsJSON struct {
	Decks []countJSON `json:"decks"`
	Total countJSON   `json:"total"`
}

type countJSON struct {
	Deck      string `json:"deck,omitempty"`
	Cards     int    `json:"cards"`
	New       int    `json:"new"`
	Learning  int    `json:"learning"`
	Young     int    `json:"young"`
	Mature    int    `json:"mature"`
	Suspended int    `json:"suspended"`
	Buried    int    `json:"buried"`
	Leeches   int    `json:"leeches"`
	Due       int    `json:"due"`
	Overdue   int    `json:"overdue"`
	Tomorrow  int    `json:"tomorrow"`
	Again     int    `json:"again"`
}

type retentionJSON struct {
	Period string    `json:"period"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Young  tallyJSON `json:"young"`
	Mature tallyJSON `json:"mature"`
	Total  tallyJSON `json:"total"`
}

type tallyJSON struct {
	Pass    int      `json:"pass"`
	Fail    int      `json:"fail"`
	Percent *float64 `json:"percent"` // null with no answers
}

type forecastJSON struct {
	Days       []forecastDayJSON `json:"days"`
	Overdue    int               `json:"overdue"`
	Later      int               `json:"later"`
	Next7Days  int               `json:"next_7_days"`
	Next30Days int               `json:"next_30_days"`
	DailyLoad  float64           `json:"daily_load"`
}

type forecastDayJSON struct {
	Day    string `json:"day"`
	InDays int    `json:"in_days"`
	Due    int    `json:"due"`
}

type activityJSON struct {
	Streak        int               `json:"streak"`
	LongestStreak int               `json:"longest_streak"`
	DaysStudied   int               `json:"days_studied"`
	Reviews       int               `json:"reviews"`
	Minutes       float64           `json:"minutes"`
	LastYear      activityTotalJSON `json:"last_365_days"`
	Days          []activityDayJSON `json:"days"`
}

type activityTotalJSON struct {
	DaysStudied int     `json:"days_studied"`
	Reviews     int     `json:"reviews"`
	Minutes     float64 `json:"minutes"`
}

type activityDayJSON struct {
	Day     string  `json:"day"`
	Reviews int     `json:"reviews"`
	Minutes float64 `json:"minutes"`
}

type gradeJSON struct {
	Grade    int `json:"grade"`
	Learning int `json:"learning"`
	Young    int `json:"young"`
	Mature   int `json:"mature"`
	Drill    int `json:"drill"`
	Total    int `json:"total"`
}

type distributionOut struct {
	Cards   int          `json:"cards"`
	Median  *float64     `json:"median"`
	Mean    *float64     `json:"mean"`
	Min     *float64     `json:"min"`
	Max     *float64     `json:"max"`
	Buckets []bucketJSON `json:"buckets"`
}

type bucketJSON struct {
	From  float64  `json:"from"`
	To    *float64 `json:"to"` // null: no upper bound
	Cards int      `json:"cards"`
}

type hardestJSON struct {
	LeechThreshold int            `json:"leech_threshold"`
	LowestEase     []hardCardJSON `json:"lowest_ease"`
	MostLapses     []hardCardJSON `json:"most_lapses"`
	Leeches        []hardCardJSON `json:"leeches"`
}

type hardCardJSON struct {
	Card      string  `json:"card"`
	Deck      string  `json:"deck"`
	Ease      float64 `json:"ease"`
	Interval  int     `json:"interval"`
	Lapses    int     `json:"lapses"`
	Answers   int     `json:"answers"`
	Suspended bool    `json:"suspended"`
}

// round rounds to the given number of decimals, for stable output.
func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

func minutesOf(ms int64) float64 { return srs.Minutes(ms) }

// exportStats turns the statistics into the JSON document, with only the
// sections asked for.
func exportStats(s *srs.Stats, mocks []MockScore, sections []string) *statsJSON {
	out := &statsJSON{Today: s.Today.String()}
	for _, name := range sections {
		switch name {
		case "counts":
			c := &countsJSON{Decks: []countJSON{}, Total: countOut(&s.Total)}
			for i := range s.Groups {
				c.Decks = append(c.Decks, countOut(&s.Groups[i]))
			}
			out.Counts = c
		case "retention":
			for _, r := range s.Retention {
				out.Retention = append(out.Retention, retentionJSON{Period: r.Period, From: r.From.String(), To: r.To.String(),
					Young: tallyOut(r.Young), Mature: tallyOut(r.Mature), Total: tallyOut(r.Total())})
			}
		case "forecast":
			f := &s.Forecast
			fj := &forecastJSON{Overdue: f.Overdue, Later: f.Later, Next7Days: f.Days(7), Next30Days: f.Days(srs.ForecastDays),
				DailyLoad: round(f.DailyLoad, 2)}
			for i, n := range f.Due {
				fj.Days = append(fj.Days, forecastDayJSON{Day: (s.Today + srs.Day(i)).String(), InDays: i, Due: n})
			}
			out.Forecast = fj
		case "activity":
			a := &s.Activity
			days, reviews, ms := a.Between(-1<<30, 1<<30)
			ydays, yreviews, yms := a.Between(s.Today-364, s.Today)
			aj := &activityJSON{Streak: a.Streak, LongestStreak: a.Longest, DaysStudied: days, Reviews: reviews,
				Minutes: minutesOf(ms), LastYear: activityTotalJSON{ydays, yreviews, minutesOf(yms)}, Days: []activityDayJSON{}}
			for _, d := range a.Days {
				aj.Days = append(aj.Days, activityDayJSON{Day: d.Day.String(), Reviews: d.Reviews, Minutes: minutesOf(d.Millis)})
			}
			out.Activity = aj
		case "grades":
			for q, g := range s.Grades {
				out.Grades = append(out.Grades, gradeJSON{q, g.Learning, g.Young, g.Mature, g.Drill, g.Total()})
			}
		case "ease":
			out.Ease = distributionJSON(&s.Ease, 100)
		case "intervals":
			out.Intervals = distributionJSON(&s.Intervals, 1)
		case "calibration":
			c := &s.Calibration
			bin := func(b srs.CalibrationBin) calibrationBinJSON {
				return calibrationBinJSON{Answers: b.Answers, MeanPredicted: round(b.MeanPredicted(), 4), Recalled: round(b.Actual(), 4)}
			}
			cj := &calibrationJSON{Model: c.Model.String(), calibrationBinJSON: bin(c.Total), LogLoss: round(c.LogLoss, 4),
				Bins: []calibrationBinJSON{}}
			for i, b := range c.Bins {
				from, to := round(float64(i)/srs.CalibrationBins, 2), round(float64(i+1)/srs.CalibrationBins, 2)
				bj := bin(b)
				bj.From, bj.To = &from, &to
				cj.Bins = append(cj.Bins, bj)
			}
			out.Calibration = cj
		case "recall":
			out.Recall = distributionJSON(&s.Recall, 100)
		case "mock":
			ms := []mockJSON{}
			for _, m := range mocks {
				mj := mockJSON{Began: m.Began.UTC().Format("2006-01-02T15:04:05.000Z"), Questions: m.Questions, Covered: m.Covered,
					Points: m.Points, Topics: []topicJSON{}}
				for _, t := range m.Topics {
					mj.Topics = append(mj.Topics, topicJSON(t))
				}
				ms = append(ms, mj)
			}
			out.Mock = &ms
		case "hardest":
			h := &s.Hardest
			out.Hardest = &hardestJSON{LeechThreshold: h.LeechThreshold, LowestEase: hardOut(h.LowestEase),
				MostLapses: hardOut(h.MostLapses), Leeches: hardOut(h.Leeches)}
		}
	}
	return out
}

func countOut(c *srs.Counts) countJSON {
	return countJSON{Deck: c.Group, Cards: c.Cards(), New: c.New, Learning: c.Learning, Young: c.Young, Mature: c.Mature,
		Suspended: c.Suspended, Buried: c.Buried, Leeches: c.Leeches, Due: c.Due, Overdue: c.Overdue, Tomorrow: c.Tomorrow,
		Again: c.Again}
}

func tallyOut(t srs.Tally) tallyJSON {
	out := tallyJSON{Pass: t.Pass, Fail: t.Fail}
	if p, ok := t.Percent(); ok {
		out.Percent = &p
	}
	return out
}

// distributionJSON converts a distribution whose values are in units of
// 1/scale (ease is in hundredths).
func distributionJSON(d *srs.Distribution, scale float64) *distributionOut {
	val := func(v float64) *float64 {
		x := round(v/scale, 2)
		return &x
	}
	out := &distributionOut{Cards: d.Cards}
	if d.Cards > 0 {
		out.Median, out.Mean, out.Min, out.Max = val(d.Median), val(d.Mean), val(float64(d.Min)), val(float64(d.Max))
	}
	for _, b := range d.Buckets {
		bj := bucketJSON{From: round(float64(b.From)/scale, 2), Cards: b.Cards}
		if b.To != 0 {
			bj.To = val(float64(b.To))
		}
		out.Buckets = append(out.Buckets, bj)
	}
	return out
}

func hardOut(cards []srs.HardCard) []hardCardJSON {
	out := []hardCardJSON{}
	for _, c := range cards {
		out = append(out, hardCardJSON{Card: c.Card, Deck: c.Group, Ease: c.Ease.Float(), Interval: c.Interval,
			Lapses: c.Lapses, Answers: c.Answers, Suspended: c.Suspended})
	}
	return out
}

// WriteStatsJSON writes the sections of the statistics as one JSON
// object. Deck text is written harmlessly (see [tui.JSON]).
func WriteStatsJSON(w io.Writer, s *srs.Stats, mocks []MockScore, sections []string) error {
	return writeJSON(w, exportStats(s, mocks, sections), true)
}

// WriteStatsCSV writes one section as a CSV table with a header row.
func WriteStatsCSV(w io.Writer, s *srs.Stats, mocks []MockScore, section string) error {
	doc := exportStats(s, mocks, []string{section})
	cw := csv.NewWriter(w)
	itoa := strconv.Itoa
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return num(*v)
	}
	var rows [][]string
	switch section {
	case "counts":
		rows = append(rows, []string{"deck", "cards", "new", "learning", "young", "mature", "suspended", "buried", "leeches", "due", "overdue", "tomorrow", "again"})
		for _, c := range append(doc.Counts.Decks, doc.Counts.Total) {
			rows = append(rows, []string{c.Deck, itoa(c.Cards), itoa(c.New), itoa(c.Learning), itoa(c.Young), itoa(c.Mature),
				itoa(c.Suspended), itoa(c.Buried), itoa(c.Leeches), itoa(c.Due), itoa(c.Overdue), itoa(c.Tomorrow), itoa(c.Again)})
		}
	case "retention":
		rows = append(rows, []string{"period", "from", "to", "young_pass", "young_fail", "young_percent",
			"mature_pass", "mature_fail", "mature_percent", "total_pass", "total_fail", "total_percent"})
		for _, r := range doc.Retention {
			row := []string{r.Period, r.From, r.To}
			for _, t := range []tallyJSON{r.Young, r.Mature, r.Total} {
				row = append(row, itoa(t.Pass), itoa(t.Fail), opt(t.Percent))
			}
			rows = append(rows, row)
		}
	case "forecast":
		rows = append(rows, []string{"day", "in_days", "due"})
		for _, d := range doc.Forecast.Days {
			rows = append(rows, []string{d.Day, itoa(d.InDays), itoa(d.Due)})
		}
	case "activity":
		rows = append(rows, []string{"day", "reviews", "minutes"})
		for _, d := range doc.Activity.Days {
			rows = append(rows, []string{d.Day, itoa(d.Reviews), num(d.Minutes)})
		}
	case "grades":
		rows = append(rows, []string{"grade", "learning", "young", "mature", "drill", "total"})
		for _, g := range doc.Grades {
			rows = append(rows, []string{itoa(g.Grade), itoa(g.Learning), itoa(g.Young), itoa(g.Mature), itoa(g.Drill), itoa(g.Total)})
		}
	case "calibration":
		rows = append(rows, []string{"from", "to", "answers", "mean_predicted", "recalled"})
		for _, b := range doc.Calibration.Bins {
			rows = append(rows, []string{opt(b.From), opt(b.To), itoa(b.Answers), num(b.MeanPredicted), num(b.Recalled)})
		}
	case "ease", "intervals", "recall":
		d := doc.Ease
		switch section {
		case "intervals":
			d = doc.Intervals
		case "recall":
			d = doc.Recall
		}
		rows = append(rows, []string{"from", "to", "cards"})
		for _, b := range d.Buckets {
			rows = append(rows, []string{num(b.From), opt(b.To), itoa(b.Cards)})
		}
	case "mock":
		rows = append(rows, []string{"began", "questions", "topic", "covered", "points"})
		for _, m := range *doc.Mock {
			rows = append(rows, []string{m.Began, itoa(m.Questions), "", itoa(m.Covered), itoa(m.Points)})
			for _, t := range m.Topics {
				rows = append(rows, []string{m.Began, itoa(m.Questions), t.Topic, itoa(t.Covered), itoa(t.Points)})
			}
		}
	case "hardest":
		rows = append(rows, []string{"list", "deck", "card", "ease", "interval", "lapses", "answers", "suspended"})
		for _, l := range []struct {
			name  string
			cards []hardCardJSON
		}{{"lowest_ease", doc.Hardest.LowestEase}, {"most_lapses", doc.Hardest.MostLapses}, {"leech", doc.Hardest.Leeches}} {
			for _, c := range l.cards {
				rows = append(rows, []string{l.name, c.Deck, c.Card, num(c.Ease), itoa(c.Interval), itoa(c.Lapses),
					itoa(c.Answers), strconv.FormatBool(c.Suspended)})
			}
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
