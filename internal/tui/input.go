package tui

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrQuit ends a session at the learner's request (q, Ctrl-D) or at the
// end of input; ErrInterrupted is Ctrl-C.
var (
	ErrQuit        = errors.New("quit")
	ErrInterrupted = errors.New("interrupted")
)

// Keys the session reads. In line mode a whole line is one key: its text,
// trimmed, with the empty line as KeyEnter.
const (
	KeyEnter     = ""
	KeySpace     = " "
	KeyEscape    = "\x1b"
	KeyBackspace = "\x7f"
	KeyUp        = "\x1b[A"
	KeyDown      = "\x1b[B"
	KeyPageUp    = "\x1b[5~"
	KeyPageDown  = "\x1b[6~"
	keyCtrlC     = "\x03"
	keyCtrlD     = "\x04"
)

// Input delivers the learner's keys: single keypresses from a terminal in
// raw mode, or lines from a pipe. It reads only when a key is asked for, so
// that an editor started in between gets the terminal to itself.
type Input struct {
	ctx     context.Context
	raw     bool
	want    chan struct{}
	keys    chan string
	waiting bool // a read was asked for and has not been delivered
	// Resized, when not nil, signals a new terminal size; OnResize redraws.
	Resized  <-chan os.Signal
	OnResize func()
	// Tick, when not nil, calls OnTick at each of its ticks while a key
	// is awaited (a countdown redrawn in place).
	Tick   <-chan time.Time
	OnTick func()
}

// NewInput starts reading r: lines, or single keys when raw.
func NewInput(ctx context.Context, r io.Reader, raw bool) *Input {
	in := &Input{ctx: ctx, raw: raw, want: make(chan struct{}), keys: make(chan string)}
	br := bufio.NewReaderSize(r, 64<<10)
	go func() {
		defer close(in.keys)
		for range in.want {
			var k string
			var err error
			if raw {
				k, err = readKey(br)
			} else {
				k, err = readLine(br)
			}
			if err != nil {
				return
			}
			select {
			case in.keys <- k:
			case <-ctx.Done():
				return
			}
		}
	}()
	return in
}

// readLine reads one line, trimmed; a last line without a newline counts.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// sequenceKeys are the escape sequences the session uses: the arrows up
// and down, and page up and down, which scroll a long answer.
var sequenceKeys = map[string]string{
	"[A": KeyUp, "OA": KeyUp, "[B": KeyDown, "OB": KeyDown,
	"[5~": KeyPageUp, "[6~": KeyPageDown,
}

// readKey reads one key from a terminal in raw mode: a rune, Enter as
// KeyEnter, Backspace as KeyBackspace, the arrows up and down and page up
// and down as their keys; other escape sequences (function keys, left and
// right) are skipped and a lone Escape is kept.
func readKey(r *bufio.Reader) (string, error) {
	for {
		c, _, err := r.ReadRune()
		if err != nil {
			return "", err
		}
		switch {
		case c == '\r' || c == '\n':
			return KeyEnter, nil
		case c == 0x7f || c == 0x08:
			return KeyBackspace, nil
		case c == 0x1b:
			if r.Buffered() == 0 {
				return KeyEscape, nil
			}
			next, _ := r.ReadByte()
			if next != '[' && next != 'O' {
				r.UnreadByte() // Escape, then a key of its own
				return KeyEscape, nil
			}
			seq := []byte{next}
			for r.Buffered() > 0 {
				b, _ := r.ReadByte()
				seq = append(seq, b)
				if b >= 0x40 && b <= 0x7e && len(seq) > 1 {
					break
				}
			}
			if k, ok := sequenceKeys[string(seq)]; ok {
				return k, nil
			}
		case c == utf8.RuneError:
		default:
			return string(c), nil
		}
	}
}

// Key waits for the next key. Ctrl-C is an interrupt, Ctrl-D and the end
// of input a quit.
func (in *Input) Key() (string, error) {
	if !in.waiting {
		select {
		case in.want <- struct{}{}:
			in.waiting = true
		case <-in.ctx.Done():
			return "", ErrInterrupted
		case <-in.keys: // the reader has stopped: end of input
			return "", ErrQuit
		}
	}
	for {
		select {
		case <-in.ctx.Done():
			return "", ErrInterrupted
		case <-in.Resized:
			if in.OnResize != nil {
				in.OnResize()
			}
		case <-in.Tick:
			if in.OnTick != nil {
				in.OnTick()
			}
		case k, ok := <-in.keys:
			in.waiting = false
			if !ok {
				return "", ErrQuit
			}
			switch k {
			case keyCtrlC:
				return "", ErrInterrupted
			case keyCtrlD:
				return "", ErrQuit
			}
			return k, nil
		}
	}
}

// Line reads a typed line. In line mode it is the next line; in raw mode
// it is edited key by key (Backspace deletes, Enter ends, Escape gives up
// and returns ok false), with show called after each change.
func (in *Input) Line(show func(text string)) (text string, ok bool, err error) {
	if !in.raw {
		k, err := in.Key()
		return k, true, err
	}
	var buf []rune
	for {
		show(string(buf))
		k, err := in.Key()
		if err != nil {
			return "", false, err
		}
		switch k {
		case KeyEnter:
			return strings.TrimSpace(string(buf)), true, nil
		case KeyEscape:
			return "", false, nil
		case KeyBackspace:
			if len(buf) > 0 {
				buf = buf[:len(buf)-1]
			}
		default:
			if r, _ := utf8.DecodeRuneInString(k); unicode.IsPrint(r) {
				buf = append(buf, r)
			}
		}
	}
}
