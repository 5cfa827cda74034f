package report

import (
	"strings"
	"testing"

	"github.com/rehearse/rehearse/internal/tui"
)

// TestCardTableFits: on a terminal of 60 or 80 columns the table fits,
// the question keeps at least 30 columns and long ids are shortened first;
// piped, everything is whole.
func TestCardTableFits(t *testing.T) {
	rows := []CardRow{
		{name: "systems-administration/a-very-long-card-id-that-takes-room", front: "Which RAID level stripes with distributed parity, and what does a rebuild cost?", tags: "storage raid", state: "new"},
		{name: "k/short", front: "日本語の質問はここにあります、長い質問です。", tags: "ja", state: "young", due: "2026-12-09"},
	}
	for _, width := range []int{60, 80} {
		for _, boxes := range []bool{false, true} {
			var b strings.Builder
			if err := WriteCardTable(&b, tui.Display{Width: width, Color: boxes}, "CARD", rows, true); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
				if tui.Width(line) > width {
					t.Errorf("width %d (boxes %v): a line of %d columns:\n%s", width, boxes, tui.Width(line), b.String())
					break
				}
			}
			if !strings.Contains(b.String(), "Which RAID level str") {
				t.Errorf("width %d: the question lost its start:\n%s", width, b.String())
			}
		}
	}
	var piped strings.Builder
	if err := WriteCardTable(&piped, tui.Display{}, "CARD", rows, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(piped.String(), rows[0].name) || !strings.Contains(piped.String(), rows[0].front) {
		t.Errorf("piped output was shortened:\n%s", piped.String())
	}
}
