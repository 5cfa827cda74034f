package session

import (
	"errors"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/internal/tui"
)

const keysDeck = `[deck]
id = "k"

[[card]]
id = "basic"
front = "Basic?"
back = "Basic."
hint = "A hint."

[[card]]
id = "typed"
front = "Which port does SSH use?"
back = "22"
accept = ["22"]

[[card]]
id = "scen"
kind = "scenario"
front = "Walk me through it."
points = ["One", "Two", "Three", "Four"]
`

// TestKeysInEveryState plays single keys, as a terminal in raw mode sends
// them, at each step of a card, and checks the log records they leave and
// what the screen shows.
func TestKeysInEveryState(t *testing.T) {
	tests := []struct {
		name        string
		keys        string
		records     []string // event card grade [missed]
		screen      []string
		interrupted bool
	}{
		{name: "enter reveals, digit grades", keys: "\r5q",
			records: []string{"answer k/basic 5"}},
		{name: "space reveals", keys: " 4q",
			records: []string{"answer k/basic 4"}},
		{name: "h shows the hint", keys: "h\r5q",
			records: []string{"answer k/basic 5"}, screen: []string{"hint: A hint."}},
		{name: "? shows the keys", keys: "?q", screen: []string{"u undo the last step"}},
		{name: "unknown key at the question", keys: "xq", screen: []string{"press enter to show the answer"}},
		{name: "unknown key at the grade", keys: "\rx9q", screen: []string{"choose a grade from 0 to 5"}},
		{name: "u with nothing to undo", keys: "uq", screen: []string{"nothing to undo yet"}},
		{name: "b buries", keys: "bq", records: []string{"bury k/basic"}},
		{name: "s suspends", keys: "sq", records: []string{"suspend k/basic"}},
		{name: "b at the grade step", keys: "\rbq", records: []string{"bury k/basic"}},
		{name: "u undoes an answer", keys: "\r5\x1bu\r3q",
			records: []string{"answer k/basic 5", "undo k/basic", "answer k/basic 3"}},
		{name: "u undoes two steps", keys: "\r5" + "2\r2" + "b" + "\x1bu" + "u" + "t22\r\r" + "q",
			records: []string{"answer k/basic 5", "answer k/typed 2", "bury k/scen", "undo k/scen", "undo k/typed", "answer k/typed 4"}},
		{name: "undo onto a typed card opens it with the keys, not the typing", keys: "\r5" + "2\r2" + "u" + "uq",
			records: []string{"answer k/basic 5", "answer k/typed 2", "undo k/typed", "undo k/basic"}},
		{name: "0 while marking points gets a word", keys: "\r5" + "\r5" + "\r0q", records: []string{"answer k/basic 5", "answer k/typed 5"},
			screen: []string{"the points are numbered 1 to 4"}},
		{name: "j with nothing to scroll is not a key", keys: "jq", screen: []string{"press enter to show the answer"}},
		{name: "typed answer right, enter accepts 4", keys: "\r5" + "22\r\rq",
			records: []string{"answer k/basic 5", "answer k/typed 4"}, screen: []string{"✓ correct"}},
		{name: "typed answer wrong, override", keys: "\r5" + "23\r3q",
			records: []string{"answer k/basic 5", "answer k/typed 3"}, screen: []string{"✗ expected 22 (you typed 23)"}},
		{name: "typed answer with backspace", keys: "\r5" + "23\x7f2\r\rq",
			records: []string{"answer k/basic 5", "answer k/typed 4"}},
		{name: "typed: escape, then enter shows without typing", keys: "\r5" + "\x1b\r5q",
			records: []string{"answer k/basic 5", "answer k/typed 5"}},
		{name: "typed: escape, then s suspends", keys: "\r5" + "\x1bsq",
			records: []string{"answer k/basic 5", "suspend k/typed"}},
		{name: "scenario: toggle points, proposed grade", keys: "\r5" + "\r5" + "\r13\r\rq",
			records: []string{"answer k/basic 5", "answer k/typed 5", "answer k/scen 3 2,4"}, screen: []string{"2 of 4 covered → proposed grade 3", "[x] 1"}},
		{name: "scenario: toggling twice clears", keys: "\r5" + "\r5" + "\r1234 4\r\rq",
			records: []string{"answer k/basic 5", "answer k/typed 5", "answer k/scen 4 4"}},
		{name: "scenario: all points", keys: "\r5" + "\r5" + "\r1234\r\rq",
			records: []string{"answer k/basic 5", "answer k/typed 5", "answer k/scen 5"}},
		{name: "scenario: none, then override", keys: "\r5" + "\r5" + "\r\r2q",
			records: []string{"answer k/basic 5", "answer k/typed 5", "answer k/scen 2 1,2,3,4"}},
		{name: "below 4 comes back as a drill", keys: "\r3" + "\r5" + "\r1234\r\r" + "\r4q",
			records: []string{"answer k/basic 3", "answer k/typed 5", "answer k/scen 5", "drill k/basic 4"}, screen: []string{"Done for today"}},
		{name: "Ctrl-C interrupts", keys: "\r5\x03", records: []string{"answer k/basic 5"}, interrupted: true},
		{name: "Ctrl-D quits", keys: "\r5\x04", records: []string{"answer k/basic 5"}},
		{name: "q at the grade step records nothing", keys: "\rq"},
		{name: "arrow keys are ignored", keys: "\x1b[A\x1b[B\r5q", records: []string{"answer k/basic 5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRun(t, keysDeck, tt.keys)
			r.streams.Keys = true
			err := r.run()
			if errors.Is(err, tui.ErrInterrupted) != tt.interrupted || (err != nil && !tt.interrupted) {
				t.Errorf("Run: %v (want interrupted: %v)", err, tt.interrupted)
			}
			got := r.log.lines()
			if strings.Join(got, "\n") != strings.Join(tt.records, "\n") {
				t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.records, "\n"))
			}
			for _, want := range tt.screen {
				if !strings.Contains(r.out.String(), want) {
					t.Errorf("the screen never showed %q", want)
				}
			}
			if strings.Contains(r.out.String(), "\n") && !strings.Contains(r.out.String(), "\r\n") {
				t.Error("raw-mode screen lines do not end in \\r\\n")
			}
		})
	}
}
