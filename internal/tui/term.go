// Package tui is everything rehearse knows about terminals: the streams a
// command writes to and what they can show (colour, width, Unicode
// blocks), deck text made harmless, width-aware wrapping, raw mode, keys
// and the review's redrawn screen.
package tui

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
)

// Streams are a command's view of the outside world: its input and
// outputs, the environment and the time zone. Nothing below the command
// line reaches for os.Stdout or os.Getenv itself.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
	Getenv   func(string) string
	Loc      *time.Location
	// Keys makes a review read single keys as from a terminal in raw
	// mode even when In is not a terminal (for tests that play one).
	Keys bool
	// Size, when set, is the terminal's size (columns and rows) for a
	// review in Keys mode: tests that play a terminal of a given size.
	Size func() (width, height int)
}

// Display returns what output to w can show, given the environment.
func (s *Streams) Display(w io.Writer) Display {
	tty := IsTerminal(w)
	getenv := s.getenv()
	return Display{
		Color:  tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb",
		Blocks: blocksAllowed(tty, getenv),
		Width:  termWidth(w),
		Height: termHeight(w),
	}
}

// OutDisplay returns the display of standard output.
func (s *Streams) OutDisplay() Display {
	d := s.Display(s.Out)
	if s.Size != nil {
		d.Width, d.Height = s.Size()
	}
	return d
}

func (s *Streams) getenv() func(string) string {
	if s.Getenv == nil {
		return func(string) string { return "" }
	}
	return s.Getenv
}

// Env returns the environment variable name ("" when Getenv is not set).
func (s *Streams) Env(name string) string { return s.getenv()(name) }

// Display is what an output can show.
type Display struct {
	Color  bool // a terminal that allows colour (NO_COLOR unset, TERM not dumb); also boxes around tables
	Blocks bool // Unicode block characters for charts
	Width  int  // columns to wrap to; 0 when not a terminal (no wrapping)
	Height int  // the terminal's rows; 0 when not a terminal
}

// Style returns the colours to use on the display.
func (d Display) Style() Style { return Style{On: d.Color} }

// blocksAllowed reports whether charts may use Unicode blocks: only on a
// terminal (piped output stays plain ASCII, the same everywhere), not when
// TERM is dumb, and only when the locale (LC_ALL, else LC_CTYPE, else LANG)
// says UTF-8.
func blocksAllowed(tty bool, getenv func(string) string) bool {
	if !tty || getenv("TERM") == "dumb" {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v := strings.ToLower(getenv(name)); v != "" {
			return strings.Contains(v, "utf-8") || strings.Contains(v, "utf8")
		}
	}
	return false
}

// IsTerminal reports whether v (a reader or a writer) is a terminal.
func IsTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// termWidth returns the width to wrap text to: the terminal's, or 0 (no
// wrapping) when w is not a terminal.
func termWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		return 80
	}
	return width
}

// termHeight returns the terminal's rows, or 0 when w is not a terminal.
func termHeight(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	_, height, err := term.GetSize(int(f.Fd()))
	if err != nil || height < 5 {
		return 0
	}
	return height
}

// Style adds colour to text when On.
type Style struct{ On bool }

func (s Style) wrap(code, text string) string {
	if !s.On || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// Bold returns text in bold.
func (s Style) Bold(t string) string { return s.wrap("1", t) }

// Dim returns text dimmed.
func (s Style) Dim(t string) string { return s.wrap("2", t) }

// Green returns text in green.
func (s Style) Green(t string) string { return s.wrap("32", t) }

// Red returns text in red.
func (s Style) Red(t string) string { return s.wrap("31", t) }

// Cyan returns text in cyan.
func (s Style) Cyan(t string) string { return s.wrap("36", t) }

// Clean makes deck text safe to print: control characters (escape
// sequences among them), invisible format characters such as bidi
// overrides, and invalid UTF-8 are shown as visible escapes, so a deck can
// never retitle the window, move the cursor or hide text. Newlines stay;
// tabs become spaces.
func Clean(s string) string { return clean(s, false) }

// CleanColumns is Clean for tab-separated text (an export shown on a
// terminal): tabs stay tabs, which no terminal acts on.
func CleanColumns(s string) string { return clean(s, true) }

func clean(s string, keepTabs bool) string {
	ok := true
	for _, r := range s {
		if keepTabs && r == '\t' {
			continue
		}
		if r == utf8.RuneError || (r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r))) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n', r == '\t' && keepTabs:
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// Plural returns "1 card" or "2 cards".
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
