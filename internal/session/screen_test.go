package session

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/internal/tui"
)

// frames splits what a session in keys mode wrote into its screens (each
// redraw starts by clearing the screen) and their lines.
func frames(out string) [][]string {
	var fs [][]string
	for _, f := range strings.Split(out, "\x1b[H\x1b[2J")[1:] {
		f = strings.ReplaceAll(strings.TrimSuffix(f, "\r\n"), "\r\n", "\n")
		fs = append(fs, strings.Split(strings.TrimRight(f, "\n"), "\n"))
	}
	return fs
}

// longDeck has a card whose answer is far taller than a terminal, and a
// scenario card whose points wrap.
func longDeck() string {
	var back []string
	for i := 1; i <= 40; i++ {
		back = append(back, fmt.Sprintf("Line %d of a long answer that goes on and on.", i))
	}
	return `[deck]
id = "k"

[[card]]
id = "long"
front = "A question with a very long answer?"
back = """` + strings.Join(back, "\n") + `"""

[[card]]
id = "scen"
kind = "scenario"
front = "Walk me through it."
points = ["A first key point that is long enough to wrap on a narrow terminal, as real key points do",
          "Two", "Three"]
`
}

// TestScreenFits plays a terminal of 80x24 and of 60x24: no line is wider
// than the terminal, the screen never has more rows than it, the header
// and the question stay in view while a long answer scrolls with j, a
// marker says there is more, and a wrapped key point has one checkbox.
func TestScreenFits(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			r := newRun(t, longDeck(), "\r"+"jjjj"+"5"+"\r"+"1\r"+"q")
			r.streams.Keys = true
			r.streams.Size = func() (int, int) { return size[0], size[1] }
			if err := r.run(); err != nil {
				t.Fatal(err)
			}
			fs := frames(r.out.String())
			if len(fs) < 6 {
				t.Fatalf("%d screens", len(fs))
			}
			sawMarker, sawScrolled := false, false
			for i, f := range fs {
				if len(f) > size[1]-1 && i < len(fs)-1 { // the last is followed by the summary
					t.Errorf("screen %d has %d rows on a terminal of %d", i, len(f), size[1])
				}
				text := strings.Join(f, "\n")
				for _, line := range f {
					if w := tui.Width(line); w > size[0] {
						t.Errorf("screen %d: a line of %d columns: %q", i, w, line)
					}
				}
				if strings.Contains(text, "A question with a very long answer?") {
					if !strings.Contains(text, "k · new") {
						t.Errorf("screen %d lost the header:\n%s", i, text)
					}
					if strings.Contains(text, "↓") && strings.Contains(text, " below") {
						sawMarker = true
					}
					if strings.Contains(text, " above") && !strings.Contains(text, "Line 1 of") {
						sawScrolled = true
					}
					if strings.Contains(text, "How well did you recall it?") && !strings.Contains(text, "A question with a very long answer?") {
						t.Errorf("screen %d lost the question", i)
					}
				}
				if strings.Contains(text, "Key points:") && strings.Count(text, "[ ]")+strings.Count(text, "[x]") > 3 {
					t.Errorf("screen %d: a wrapped point repeats its checkbox:\n%s", i, text)
				}
			}
			if !sawMarker || !sawScrolled {
				t.Errorf("marker shown %v, scrolled with j %v", sawMarker, sawScrolled)
			}
		})
	}
}
