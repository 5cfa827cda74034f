package tui

import (
	"io"
	"os"
	"sync"

	"golang.org/x/term"
)

// Raw is the learner's terminal in raw mode: one key at a time, no
// echo. Restore puts it back as it was; it is safe to call more than once.
type Raw struct {
	fd    int
	state *term.State
	mu    sync.Mutex
	raw   bool
}

// EnterRaw switches the terminal to raw mode when both in and out are a
// terminal; otherwise it returns nil and the session reads lines.
func EnterRaw(in io.Reader, out io.Writer) *Raw {
	f, ok := in.(*os.File)
	if !ok || !IsTerminal(in) || !IsTerminal(out) {
		return nil
	}
	state, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return nil
	}
	return &Raw{fd: int(f.Fd()), state: state, raw: true}
}

// Restore puts the terminal back in the mode it had before.
func (t *Raw) Restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.raw {
		term.Restore(t.fd, t.state)
		t.raw = false
	}
}

// Resume switches back to raw mode after restore (around an editor).
func (t *Raw) Resume() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.raw {
		if _, err := term.MakeRaw(t.fd); err == nil {
			t.raw = true
		}
	}
}
