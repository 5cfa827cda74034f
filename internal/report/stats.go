package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// StatsSections are the parts of the statistics, in the order they are shown.
var StatsSections = []string{"counts", "retention", "forecast", "activity", "grades", "ease", "intervals", "hardest", "calibration", "recall", "mock"}

// PickSections returns the sections named, in the report's order, and
// the first name that is no section; nil for no names.
func PickSections(names []string) (sections []string, unknown string) {
	for _, n := range names {
		if !slices.Contains(StatsSections, n) {
			return nil, n
		}
	}
	for _, s := range StatsSections {
		if slices.Contains(names, s) {
			sections = append(sections, s)
		}
	}
	return sections, ""
}

// DefaultStatsSections are the sections of the full report: calibration
// and recall only when FSRS schedules (SM-2 predicts no recall itself).
// The mock section comes only when the learner has done a mock.
func DefaultStatsSections(m srs.Model, mocks bool) []string {
	sections := StatsSections[:len(StatsSections)-1]
	if m != srs.ModelFSRS {
		sections = sections[:len(sections)-2]
	}
	if mocks {
		sections = append(slices.Clip(sections), "mock")
	}
	return sections
}

// WriteStats writes the sections of the statistics as text for the
// display: tables, bars and the calendar; full adds the headline first.
func WriteStats(w io.Writer, d tui.Display, s *srs.Stats, mocks []MockScore, sections []string, full bool) error {
	r := &statsReport{out: w, s: s, mocks: mocks, chart: newChart(d), display: d}
	return r.write(sections, full)
}

// statsReport writes the statistics as text: tables, bars and the calendar.
type statsReport struct {
	out     io.Writer
	s       *srs.Stats
	mocks   []MockScore
	chart   chart
	display tui.Display
}

func (r *statsReport) write(sections []string, full bool) error {
	if full {
		fmt.Fprintln(r.out, r.headline())
	}
	for i, name := range sections {
		if i > 0 || full {
			fmt.Fprintln(r.out)
		}
		var err error
		switch name {
		case "counts":
			err = r.counts()
		case "retention":
			err = r.retention()
		case "forecast":
			r.forecast()
		case "activity":
			err = r.activity()
		case "grades":
			err = r.grades()
		case "ease":
			r.ease()
		case "intervals":
			r.intervals()
		case "hardest":
			err = r.hardest()
		case "calibration":
			err = r.calibration()
		case "recall":
			r.recall()
		case "mock":
			err = r.mock()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// note prints a line of prose, wrapped to the terminal's width.
func (r *statsReport) note(text string) {
	fmt.Fprintln(r.out, tui.Indent(text, "", r.display.Width))
}

// title prints a section's title, with what goes on its right.
func (r *statsReport) title(name, right string) {
	if right == "" {
		fmt.Fprintln(r.out, r.chart.style.Bold(name))
		return
	}
	fmt.Fprintf(r.out, "%s   %s\n", r.chart.style.Bold(name), right)
}

// headline is the report's first line: the numbers that matter most.
func (r *statsReport) headline() string {
	s := r.s
	parts := []string{fmt.Sprintf("%s in %s", tui.Plural(s.Total.Cards(), "card", "cards"), tui.Plural(len(s.Groups), "deck", "decks"))}
	due := fmt.Sprintf("%d due today", s.Total.Due)
	if s.Total.Overdue > 0 {
		due += fmt.Sprintf(" (%d overdue)", s.Total.Overdue)
	}
	parts = append(parts, due)
	if s.Activity.Streak > 0 {
		parts = append(parts, "streak "+tui.Plural(s.Activity.Streak, "day", "days"))
	}
	if p, ok := matureRetention30(s.Retention); ok {
		parts = append(parts, "mature retention (30 d) "+p)
	}
	return "Stats for " + s.Today.String() + ": " + strings.Join(parts, ", ") + "."
}

// matureRetention30 formats the mature retention of the last 30 days, if
// there were mature answers.
func matureRetention30(rows []srs.RetentionRow) (string, bool) {
	for _, row := range rows {
		if row.Period == "30d" {
			if p, ok := row.Mature.Percent(); ok {
				return fmt.Sprintf("%.1f%%", p), true
			}
		}
	}
	return "", false
}

func (r *statsReport) counts() error {
	s := r.s
	r.title("CARD COUNTS", "")
	t := NewTable(r.out, r.display, []string{"DECK", "CARDS", "NEW", "LEARNING", "YOUNG", "MATURE", "SUSPENDED", "BURIED", "LEECHES"}, 1, 2, 3, 4, 5, 6, 7, 8)
	row := func(c *srs.Counts) []any {
		return []any{tui.Clean(c.Group), c.Cards(), c.New, c.Learning, c.Young, c.Mature, c.Suspended, c.Buried, c.Leeches}
	}
	for i := range s.Groups {
		if err := t.Append(row(&s.Groups[i])...); err != nil {
			return err
		}
	}
	if len(s.Groups) > 1 {
		total := s.Total
		total.Group = "total"
		t.Footer(row(&total)...)
	}
	if err := t.Render(); err != nil {
		return err
	}
	line := fmt.Sprintf("Due today: %d", s.Total.Due)
	if s.Total.Overdue > 0 {
		line += fmt.Sprintf(" (%d overdue)", s.Total.Overdue)
	}
	fmt.Fprintf(r.out, "%s. Due tomorrow: %d.", line, s.Total.Tomorrow)
	if s.Total.Again > 0 {
		fmt.Fprintf(r.out, " Re-drills still owed today: %d.", s.Total.Again)
	}
	if s.Total.Leeches > 0 {
		fmt.Fprintf(r.out, " Leeches: %d (see hardest cards).", s.Total.Leeches)
	}
	fmt.Fprintln(r.out)
	return nil
}

// periodNames are the retention periods as the table shows them.
var periodNames = map[string]string{
	"today": "today", "yesterday": "yesterday", "7d": "last 7 days",
	"30d": "last 30 days", "365d": "last 365 days", "all": "all time",
}

func (r *statsReport) retention() error {
	r.title("TRUE RETENTION", "the day's first answers to cards with an interval of a day or more")
	t := NewTable(r.out, r.display, []string{"PERIOD", "YOUNG", "YOUNG", "YOUNG", "MATURE", "MATURE", "MATURE", "TOTAL", "TOTAL", "TOTAL"}, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	// The header's repeated titles merge into one. WithConfig (unlike
	// setting the field) also sets what the renderer reads.
	var cfg tablewriter.Config
	t.Configure(func(c *tablewriter.Config) { cfg = *c })
	cfg.Header.Merging.Mode = tw.MergeHorizontal
	t.Options(tablewriter.WithConfig(cfg))
	if err := t.Append("", "passed", "failed", "%", "passed", "failed", "%", "passed", "failed", "%"); err != nil {
		return err
	}
	for _, row := range r.s.Retention {
		cells := []any{periodNames[row.Period]}
		for _, tally := range []srs.Tally{row.Young, row.Mature, row.Total()} {
			cells = append(cells, tallyCells(tally)...)
		}
		if err := t.Append(cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	r.note(retentionVerdict(r.s.Retention))
	return nil
}

// tallyCells are a tally's passed, failed and percent columns.
func tallyCells(t srs.Tally) []any {
	p, ok := t.Percent()
	if !ok {
		return []any{"-", "-", "-"}
	}
	return []any{t.Pass, t.Fail, fmt.Sprintf("%.1f%%", p)}
}

// retentionVerdict says what the last 30 days' mature retention means,
// against the 90% that SM-2 users typically reach.
func retentionVerdict(rows []srs.RetentionRow) string {
	var month srs.RetentionRow
	for _, row := range rows {
		if row.Period == "30d" {
			month = row
		}
	}
	n := month.Mature.Answers()
	p, ok := month.Mature.Percent()
	if !ok {
		return "No mature reviews in the last 30 days yet: a card is mature once its interval reaches 21 days."
	}
	head := fmt.Sprintf("Mature retention %.1f%% over the last 30 days", p)
	if n < 20 {
		return fmt.Sprintf("%s, from only %s: too few to judge yet (SM-2 users typically reach about 90%%).", head, tui.Plural(n, "answer", "answers"))
	}
	switch {
	case p < 80:
		return head + " is well below the 90% SM-2 users typically reach: you forget a lot of what the schedule expects you to remember. Review every day so cards are not overdue, and rewrite the cards you keep failing (see the hardest cards)."
	case p < 85:
		return head + " is below the 90% SM-2 users typically reach: review every day so cards are not overdue, and rewrite the cards you keep failing."
	case p <= 95:
		return head + " is on target (SM-2 users typically reach about 90%)."
	}
	return head + " is above the 90% SM-2 users typically reach: you remember almost everything. Check that you grade strictly (3 means recalled with serious difficulty); SM-2 lengthens the intervals of cards you find easy by itself."
}

func (r *statsReport) forecast() {
	f := &r.s.Forecast
	r.title(fmt.Sprintf("DUE IN THE NEXT %d DAYS", srs.ForecastDays), fmt.Sprintf("daily load %.0f", f.DailyLoad))
	if f.Days(srs.ForecastDays) == 0 {
		fmt.Fprintln(r.out, "Nothing due in the next 30 days.")
	} else {
		most := 0
		for _, n := range f.Due {
			most = max(most, n)
		}
		for i, n := range f.Due {
			label := "today"
			if i > 0 {
				label = fmt.Sprintf("+%d", i)
			}
			fmt.Fprintln(r.out, barLine(label, 5, r.chart.bar(n, most, 40), n))
		}
	}
	line := fmt.Sprintf("Next 7 days: %d, next 30 days: %d, later: %d.", f.Days(7), f.Days(srs.ForecastDays), f.Later)
	if f.Overdue > 0 {
		line += fmt.Sprintf(" Overdue: %d (counted today).", f.Overdue)
	}
	fmt.Fprintln(r.out, line)
}

func (r *statsReport) activity() error {
	a := &r.s.Activity
	today := r.s.Today
	days, _, _ := a.Between(today-364, today)
	streak := "no current streak"
	if a.Streak > 0 {
		streak = "streak " + tui.Plural(a.Streak, "day", "days")
	}
	r.title("LAST 52 WEEKS", fmt.Sprintf("%s   %s, longest %d, studied %d of 365 days", r.chart.legend(), streak, a.Longest, days))
	r.chart.heatmap(r.out, a, today)

	t := NewTable(r.out, r.display, []string{"DAY", "ANSWERS", "MINUTES"}, 1, 2)
	for d := today - 6; d <= today; d++ {
		_, n, ms := a.Between(d, d)
		label := d.Time().Format("Mon 01-02")
		if d == today {
			label += " (today)"
		}
		if err := t.Append(label, n, fmt.Sprintf("%.1f", srs.Minutes(ms))); err != nil {
			return err
		}
	}
	fmt.Fprintln(r.out)
	if err := t.Render(); err != nil {
		return err
	}
	for _, p := range []struct {
		name string
		from srs.Day
	}{{"Last 30 days", today - 29}, {"All time", -1 << 30}} {
		days, n, ms := a.Between(p.from, today)
		line := fmt.Sprintf("%s: %s in %s", p.name, tui.Plural(n, "answer", "answers"), minutes(time.Duration(ms)*time.Millisecond))
		if days > 0 {
			line += fmt.Sprintf(" on %s studied, %s and %s a day", tui.Plural(days, "day", "days"), tui.Plural((n+days/2)/days, "answer", "answers"),
				minutes(time.Duration(ms/int64(days))*time.Millisecond))
		}
		fmt.Fprintln(r.out, line+".")
	}
	return nil
}

func (r *statsReport) grades() error {
	r.title("ANSWERS BY GRADE", "all time, by the card's state before the answer")
	t := NewTable(r.out, r.display, []string{"GRADE", "LEARNING", "YOUNG", "MATURE", "RE-DRILL", "TOTAL"}, 1, 2, 3, 4, 5)
	var pass, all srs.GradeCounts
	for q, g := range r.s.Grades {
		grade := srs.Grade(q)
		if err := t.Append(fmt.Sprintf("%d %s", q, grade), g.Learning, g.Young, g.Mature, g.Drill, g.Total()); err != nil {
			return err
		}
		all = addGrades(all, g)
		if grade.Passed() {
			pass = addGrades(pass, g)
		}
	}
	pct := func(p, n int) string {
		v, ok := srs.Percent(p, n)
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%.1f%%", v)
	}
	t.Footer("passed (3-5)", pct(pass.Learning, all.Learning), pct(pass.Young, all.Young), pct(pass.Mature, all.Mature),
		pct(pass.Drill, all.Drill), pct(pass.Total(), all.Total()))
	if err := t.Render(); err != nil {
		return err
	}
	r.note("Learning: new cards, and cards with fewer than 2 successful repetitions in a row. Re-drills: same-day answers after the first.")
	return nil
}

func addGrades(a, b srs.GradeCounts) srs.GradeCounts {
	return srs.GradeCounts{Learning: a.Learning + b.Learning, Young: a.Young + b.Young, Mature: a.Mature + b.Mature, Drill: a.Drill + b.Drill}
}

func (r *statsReport) ease() {
	d := &r.s.Ease
	if d.Cards == 0 {
		r.title("EASE", "")
		fmt.Fprintln(r.out, "No cards answered yet.")
		return
	}
	r.title("EASE", fmt.Sprintf("%s: median %.2f, mean %.2f", tui.Plural(d.Cards, "card", "cards"), d.Median/100, d.Mean/100))
	r.histogram(d, func(b srs.Bucket) string {
		if b.To == 0 {
			return srs.Ease(b.From).String() + "+"
		}
		return srs.Ease(b.From).String() + "-" + srs.Ease(b.To).String()
	})
	r.note("A new card starts at 2.50; each answer below 4 lowers it, a 5 raises it. The floor is 1.30.")
}

func (r *statsReport) intervals() {
	d := &r.s.Intervals
	if d.Cards == 0 {
		r.title("INTERVALS", "")
		fmt.Fprintln(r.out, "No cards answered yet.")
		return
	}
	r.title("INTERVALS", fmt.Sprintf("%s: median %s, mean %.1f days, longest %s", tui.Plural(d.Cards, "card", "cards"),
		halfDays(d.Median), d.Mean, tui.Plural(d.Max, "day", "days")))
	r.histogram(d, func(b srs.Bucket) string {
		switch {
		case b.To == 0:
			return fmt.Sprintf("%d+ days", b.From)
		case b.From == b.To:
			return tui.Plural(b.From, "day", "days")
		}
		return fmt.Sprintf("%d-%d days", b.From, b.To)
	})
}

// halfDays formats a median number of days, which may end in a half.
func halfDays(v float64) string {
	if v == float64(int(v)) {
		return tui.Plural(int(v), "day", "days")
	}
	return fmt.Sprintf("%.1f days", v)
}

// histogram draws a distribution's buckets as bars.
func (r *statsReport) histogram(d *srs.Distribution, label func(srs.Bucket) string) {
	most, width := 0, 0
	for _, b := range d.Buckets {
		most = max(most, b.Cards)
		width = max(width, len(label(b)))
	}
	for _, b := range d.Buckets {
		fmt.Fprintln(r.out, barLine(label(b), width, r.chart.bar(b.Cards, most, 40), b.Cards))
	}
}

// barLine is one line of a bar chart: the label padded to width, the bar
// (if any) and the number.
func barLine(label string, width int, bar string, n int) string {
	line := fmt.Sprintf(" %-*s ", width, label)
	if bar != "" {
		line += bar + " "
	}
	return line + strconv.Itoa(n)
}

func (r *statsReport) hardest() error {
	h := &r.s.Hardest
	r.title("HARDEST CARDS", "")
	if r.s.Ease.Cards == 0 {
		fmt.Fprintln(r.out, "No cards answered yet.")
		return nil
	}
	lists := []struct {
		name, none string
		cards      []srs.HardCard
	}{
		{"Lowest ease", " (no card's ease is below 2.50)", h.LowestEase},
		{"Most lapses", " (no card was failed after its first answer)", h.MostLapses},
		{fmt.Sprintf("Leeches (%d or more lapses)", h.LeechThreshold), "", h.Leeches},
	}
	for i, l := range lists {
		if i > 0 {
			fmt.Fprintln(r.out)
		}
		if len(l.cards) == 0 {
			fmt.Fprintf(r.out, "%s: none%s.\n", l.name, l.none)
			continue
		}
		fmt.Fprintf(r.out, "%s:\n", l.name)
		t := NewTable(r.out, r.display, []string{"CARD", "EASE", "LAPSES", "INTERVAL", "ANSWERS"}, 1, 2, 3, 4)
		for _, c := range l.cards {
			card := tui.Clean(c.Card)
			if c.Suspended {
				card += " (suspended)"
			}
			if err := t.Append(card, c.Ease.String(), c.Lapses, tui.Plural(c.Interval, "day", "days"), c.Answers); err != nil {
				return err
			}
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(h.Leeches) > 0 {
		r.note("Leeches cost more time than they teach: rewrite each one (split it into smaller cards, add a hint or a mnemonic, make the question more precise) or suspend it.")
	}
	fmt.Fprintln(r.out, "`rehearse card ID` shows a card and its history.")
	return nil
}

func (r *statsReport) calibration() error {
	c := &r.s.Calibration
	if c.Total.Answers == 0 {
		r.title("CALIBRATION", "")
		fmt.Fprintln(r.out, "No answers to compare yet: a card's first answer has no prediction.")
		return nil
	}
	r.title("CALIBRATION", fmt.Sprintf("%s: %s, log loss %.3f", modelName(c.Model),
		tui.Plural(c.Total.Answers, "answer", "answers"), c.LogLoss))
	t := NewTable(r.out, r.display, []string{"PREDICTED", "ANSWERS", "MEAN PREDICTED", "RECALLED"}, 1, 2, 3)
	for i, b := range c.Bins {
		if b.Answers == 0 {
			continue
		}
		label := fmt.Sprintf("%d-%d%%", 10*i, 10*i+10)
		if err := t.Append(label, b.Answers, pct(b.MeanPredicted()), pct(b.Actual())); err != nil {
			return err
		}
	}
	if err := t.Append("all", c.Total.Answers, pct(c.Total.MeanPredicted()), pct(c.Total.Actual())); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	r.note("A well-calibrated scheduler recalls about what it predicts in each row. " +
		"Run `rehearse optimize` to fit FSRS to your answers and compare the models.")
	return nil
}

func (r *statsReport) recall() {
	d := &r.s.Recall
	if d.Cards == 0 {
		r.title("RECALL TODAY", "")
		fmt.Fprintln(r.out, "No cards in review yet.")
		return
	}
	r.title("RECALL TODAY", fmt.Sprintf("%s, %s: mean %.1f%%, median %s%%", modelName(r.s.Calibration.Model),
		tui.Plural(d.Cards, "card", "cards"), d.Mean, strconv.FormatFloat(d.Median, 'f', -1, 64)))
	r.histogram(d, func(b srs.Bucket) string { return fmt.Sprintf("%d-%d%%", b.From, b.To) })
}

// modelName names a scheduler for a section's title.
func modelName(m srs.Model) string {
	if m == srs.ModelFSRS {
		return "FSRS-6"
	}
	return "SM-2"
}

// pct writes a fraction as a percentage with one decimal.
func pct(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

// mock shows each mock interview's score, in all and by topic.
func (r *statsReport) mock() error {
	r.title("MOCK INTERVIEWS", tui.Plural(len(r.mocks), "mock", "mocks"))
	if len(r.mocks) == 0 {
		r.note("No mock interview yet: `rehearse mock` runs one.")
		return nil
	}
	width := r.display.Width
	if width <= 0 {
		width = 120
	}
	t := NewTable(r.out, r.display, []string{"WHEN", "QUESTIONS", "POINTS", "BY TOPIC"}, 1, 2)
	for _, m := range r.mocks {
		var topics []string
		for _, tp := range m.Topics {
			topics = append(topics, fmt.Sprintf("%s %d/%d", tui.Clean(tp.Topic), tp.Covered, tp.Points))
		}
		pct := 100 * float64(m.Covered) / float64(max(m.Points, 1))
		if err := t.Append(m.Began.Format("2006-01-02 15:04"), m.Questions, fmt.Sprintf("%d/%d (%.0f%%)", m.Covered, m.Points, pct),
			tui.OneLine(strings.Join(topics, " · "), max(width-50, 30))); err != nil {
			return err
		}
	}
	return t.Render()
}
