package main

import (
	"io"
	"os"
	"sync"

	"golang.org/x/term"
)

// rawTerminal is the learner's terminal in raw mode: one key at a time, no
// echo. restore puts it back as it was; it is safe to call more than once.
type rawTerminal struct {
	fd    int
	state *term.State
	mu    sync.Mutex
	raw   bool
}

// enterRaw switches the terminal to raw mode when both in and out are a
// terminal; otherwise it returns nil and the session reads lines.
func enterRaw(in io.Reader, out io.Writer) *rawTerminal {
	f, ok := in.(*os.File)
	if !ok || !isTerminal(in) || !isTerminal(out) {
		return nil
	}
	state, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return nil
	}
	return &rawTerminal{fd: int(f.Fd()), state: state, raw: true}
}

// restore puts the terminal back in the mode it had before.
func (t *rawTerminal) restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.raw {
		term.Restore(t.fd, t.state)
		t.raw = false
	}
}

// resume switches back to raw mode after restore (around an editor).
func (t *rawTerminal) resume() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.raw {
		if _, err := term.MakeRaw(t.fd); err == nil {
			t.raw = true
		}
	}
}
