package report

import (
	"fmt"
	"io"

	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

// WriteLoadPreview shows what a reschedule does to the next days' reviews:
// each day's count before and after (today with the overdue), and totals.
func WriteLoadPreview(out io.Writer, d tui.Display, today srs.Day, before, after []int, moves int, m srs.Model) error {
	sum := func(load []int, n int) int {
		total := 0
		for _, v := range load[:min(n, len(load))] {
			total += v
		}
		return total
	}
	fmt.Fprintf(out, "Rescheduling %s to follow %s: the reviews due on the next %d days.\n\n",
		tui.Plural(moves, "card", "cards"), modelName(m), len(before))
	t := NewTable(out, d, []string{"DAY", "DATE", "NOW", "AFTER", "CHANGE"}, 2, 3, 4)
	for i := range before {
		label := fmt.Sprintf("+%d", i)
		if i == 0 {
			label = "today"
		}
		if err := t.Append(label, (today + srs.Day(i)).String(), before[i], after[i], signed(after[i]-before[i])); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(out, "\nToday %d → %d, next 7 days %d → %d, next %d days %d → %d.\n",
		before[0], after[0], sum(before, 7), sum(after, 7), len(before), sum(before, len(before)), sum(after, len(after)))
	return err
}

// signed writes a change with its sign: "+3", "-2", "0".
func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}
