package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// chart draws bars and the calendar heatmap: with Unicode blocks on a
// terminal that can show them, in plain ASCII otherwise.
type chart struct {
	blocks bool      // Unicode block characters rather than ASCII
	style  tui.Style // colour, when allowed
}

// newChart returns the chart style for a display.
func newChart(d tui.Display) chart {
	return chart{blocks: d.Blocks, style: d.Style()}
}

// eighths are the partial blocks, from one eighth to seven eighths wide.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// bar draws n against max as a bar of at most width cells. A count above
// zero always shows at least a sliver.
func (c chart) bar(n, max, width int) string {
	if n <= 0 || max <= 0 {
		return ""
	}
	if !c.blocks {
		cells := (n*width + max - 1) / max
		return c.style.Green(strings.Repeat("#", cells))
	}
	e := (n*width*8 + max - 1) / max
	return c.style.Green(strings.Repeat("█", e/8) + eighths[e%8])
}

// heatLevels are the calendar's cells: no answers, then four levels of
// activity.
func (c chart) heatLevels() []string {
	if c.blocks {
		return []string{"·", "░", "▒", "▓", "█"}
	}
	return []string{".", "-", "+", "*", "#"}
}

// legend is the calendar's key, as in "less ░▒▓█ more".
func (c chart) legend() string {
	l := c.heatLevels()
	return "less " + c.style.Green(strings.Join(l[1:], "")) + " more"
}

// heatmapWeeks is how many weeks the calendar shows: the current week and
// the 52 before it, so that it always holds the last 365 days.
const heatmapWeeks = 53

// heatmap draws the answers of the last year as a calendar: one column
// per week (Monday to Sunday), the current week last, months named above.
// Days with answers get one of four shades by the quartiles of the window's
// days with answers, so a few very busy days do not wash the rest out.
func (c chart) heatmap(w io.Writer, a *srs.Activity, today srs.Day) {
	monday := today - srs.Day((int(today.Time().Weekday())+6)%7)
	start := monday - 7*(heatmapWeeks-1)
	counts := map[srs.Day]int{}
	var busy []int
	for _, d := range a.Days {
		if d.Day >= start && d.Day <= today && d.Reviews > 0 {
			counts[d.Day] = d.Reviews
			busy = append(busy, d.Reviews)
		}
	}
	level := heatLevel(busy)

	// Month names over the week that holds the month's first day.
	months := []rune(strings.Repeat(" ", heatmapWeeks+3))
	next := 0 // first column free for a label
	for wk := 0; wk < heatmapWeeks; wk++ {
		for i := 0; i < 7; i++ {
			day := start + srs.Day(7*wk+i)
			if day.Time().Day() == 1 && wk >= next {
				copy(months[wk:], []rune(day.Time().Month().String()[:3]))
				next = wk + 4
			}
		}
	}
	fmt.Fprintf(w, "     %s\n", strings.TrimRight(string(months), " "))

	levels := c.heatLevels()
	for row := 0; row < 7; row++ {
		label := "   "
		if row%2 == 0 && row < 6 {
			label = time.Weekday((row + 1) % 7).String()[:3]
		}
		var b strings.Builder
		for wk := 0; wk < heatmapWeeks; wk++ {
			day := start + srs.Day(7*wk+row)
			switch n := counts[day]; {
			case day > today:
				b.WriteString(" ")
			case n == 0:
				b.WriteString(c.style.Dim(levels[0]))
			default:
				b.WriteString(c.style.Green(levels[level(n)]))
			}
		}
		fmt.Fprintf(w, " %s %s\n", label, strings.TrimRight(b.String(), " "))
	}
}

// heatLevel returns the shade (1-4) of a day's answers among the counts of
// the days with answers: up to the first quartile 1, the median 2, the
// third quartile 3, above it 4; the busiest day is always 4.
func heatLevel(counts []int) func(int) int {
	sorted := append([]int(nil), counts...)
	sort.Ints(sorted)
	return func(n int) int {
		k := len(sorted)
		switch {
		case k == 0:
			return 1
		case n >= sorted[k-1]:
			return 4
		case n <= sorted[(k-1)/4]:
			return 1
		case n <= sorted[(k-1)/2]:
			return 2
		case n <= sorted[3*(k-1)/4]:
			return 3
		}
		return 4
	}
}
