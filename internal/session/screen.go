package session

import (
	"context"

	"github.com/rehearse/rehearse/internal/tui"
)

// screenIO is what a session shows and reads through: the terminal in raw
// mode when there is one, its screen and its keys.
type screenIO struct {
	term  *tui.Raw // nil unless the terminal is in raw mode
	scr   *tui.Screen
	in    *tui.Input
	style tui.Style
	stop  func()
}

// openScreen puts a terminal in raw mode (a pipe is read a line at a
// time) and lays out its screen with the top and bottom blocks kept in
// view; close restores the terminal.
func openScreen(ctx context.Context, e *tui.Streams, top, bottom []string) *screenIO {
	t := &screenIO{term: tui.EnterRaw(e.In, e.Out), stop: func() {}}
	raw := t.term != nil || e.Keys
	t.style = e.OutDisplay().Style()
	t.scr = &tui.Screen{Out: e.Out, Raw: raw, Top: top, Bottom: bottom,
		Width: func() int {
			if w := e.OutDisplay().Width; w > 0 {
				return min(w, maxWidth)
			}
			return 0
		},
		Height:   func() int { return e.OutDisplay().Height },
		MoreHint: "j or ↓ scrolls down, k or ↑ up",
		Dim:      t.style.Dim,
	}
	t.in = tui.NewInput(ctx, e.In, raw)
	if raw {
		resized, stop := tui.NotifyResize()
		t.stop = stop
		t.in.Resized, t.in.OnResize = resized, t.scr.Redraw
	}
	return t
}

// close restores the terminal; it may be called more than once.
func (t *screenIO) close() {
	t.stop()
	t.stop = func() {}
	if t.term != nil {
		t.term.Restore()
	}
}
