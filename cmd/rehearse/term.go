package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorAllowed reports whether output to w may use colour: a terminal,
// NO_COLOR unset and TERM not "dumb".
func colorAllowed(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
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

// style adds colour to text when colour is allowed.
type style struct{ on bool }

func (s style) wrap(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(t string) string  { return s.wrap("1", t) }
func (s style) dim(t string) string   { return s.wrap("2", t) }
func (s style) green(t string) string { return s.wrap("32", t) }
func (s style) red(t string) string   { return s.wrap("31", t) }
func (s style) cyan(t string) string  { return s.wrap("36", t) }

// clean makes deck text safe to print: control characters (escape
// sequences among them), invisible format characters such as bidi
// overrides, and invalid UTF-8 are shown as visible escapes, so a deck can
// never retitle the window, move the cursor or hide text. Newlines stay;
// tabs become spaces.
func clean(s string) string {
	ok := true
	for _, r := range s {
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
		case r == '\n':
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

// indent prefixes every line of text, wrapping lines longer than width
// (0: no wrapping) at spaces.
func indent(text, prefix string, width int) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if width <= 0 || utf8.RuneCountInString(prefix+line) <= width {
			out = append(out, prefix+line)
			continue
		}
		cur := prefix
		for _, word := range strings.Fields(line) {
			if cur != prefix && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) > width {
				out = append(out, cur)
				cur = prefix
			}
			if cur != prefix {
				cur += " "
			}
			cur += word
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// plural returns "1 card" or "2 cards".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
