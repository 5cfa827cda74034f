package tui

import (
	"strings"
	"unicode"

	"github.com/clipperhouse/displaywidth"
)

// ellipsis ends text shortened by OneLine.
const ellipsis = "…"

// Width returns the number of terminal columns s takes (display width).
//
// Wide East Asian characters count 2, combining marks 0, and an emoji
// (including ZWJ sequences and flags) is one cluster of width 2.
func Width(s string) int {
	return displaywidth.String(s)
}

// Indent prefixes every line of text with prefix, wrapping lines wider than
// width columns (0 or less: no wrapping) between words; continuation lines
// get the same prefix.
//
// A line that fits is kept exactly as prefix+line, an empty line becomes
// prefix. A wrapped line loses its leading and repeated spaces. A word wider
// than a whole line is broken between grapheme clusters (text without spaces,
// such as Japanese, wraps this way), so that no line is wider than width
// unless the prefix leaves no room, in which case every line still gets at
// least one cluster. Text is expected to be valid UTF-8, as Clean makes it.
func Indent(text, prefix string, width int) string {
	return Hang(text, prefix, prefix, width)
}

// Hang is Indent with a hanging indent: the first line of text starts with
// first, every other line (the text's own later lines and wrapped ones)
// with rest. A typical call: Hang(point, "   [ ] 1  ", "          ", w).
func Hang(text, first, rest string, width int) string {
	w := lineWrapper{width: width, prefix: first, rest: rest}
	for _, line := range strings.Split(text, "\n") {
		w.wrap(line)
	}
	return strings.Join(w.out, "\n")
}

// OneLine joins text's words with single spaces onto one line and, when it
// is wider than n columns (n > 0), shortens it to at most n columns ending
// in "…". n <= 0 means no limit.
//
// The text is cut between grapheme clusters; for n == 1 the result is "…".
func OneLine(text string, n int) string {
	text = strings.Join(wrapFields(text), " ")
	if n <= 0 || Width(text) <= n {
		return text
	}
	room := n - Width(ellipsis)
	end, used := 0, 0
	g := displaywidth.StringGraphemes(text)
	for g.Next() {
		w := g.Width()
		if used+w > room {
			break
		}
		used += w
		end += len(g.Value())
	}
	return strings.TrimRight(text[:end], " ") + ellipsis
}

// Pad returns s followed by spaces up to width columns (s unchanged if it is wider).
func Pad(s string, width int) string {
	if n := width - Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// Flow lays items out on lines of at most width columns (0: one line),
// separated by sep, breaking only between items: a menu or a list of keys
// that must never break inside a word. The first line starts with first,
// the others with rest; an item wider than a line is wrapped on its own.
func Flow(items []string, first, rest, sep string, width int) string {
	var lines []string
	cur, empty := first, true
	for _, it := range items {
		if empty {
			cur += it
			empty = false
			continue
		}
		if width > 0 && Width(cur)+Width(sep)+Width(it) > width {
			lines = append(lines, cur)
			cur = rest + it
			continue
		}
		cur += sep + it
	}
	lines = append(lines, cur)
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		if width > 0 && Width(l) > width {
			// One item wider than the line: wrap it like text.
			l = Hang(strings.TrimPrefix(l, prefix), prefix, rest, width)
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// wrapFields splits a line into words at white space, except no-break
// spaces, which stay inside their word.
func wrapFields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u2007' && r != '\u202f'
	})
}

// lastCluster returns the last grapheme cluster of s.
func lastCluster(s string) string {
	var last string
	g := displaywidth.StringGraphemes(s)
	for g.Next() {
		last = g.Value()
	}
	return last
}

// lineWrapper collects the output lines of Hang.
type lineWrapper struct {
	width        int
	prefix, rest string // prefix is the one of the next line started
	out          []string

	// The line being built: its text, width, last grapheme cluster
	// (text added after it may join it) and whether it holds only its prefix.
	cur   strings.Builder
	curW  int
	last  string
	empty bool
}

// wrap adds the output lines for one line of text.
func (w *lineWrapper) wrap(line string) {
	if w.width <= 0 || Width(w.prefix+line) <= w.width {
		w.out = append(w.out, w.prefix+line)
		w.prefix = w.rest
		return
	}
	w.start()
	for _, word := range wrapFields(line) {
		switch {
		case !w.empty && w.fits(" "+word):
			w.add(" " + word)
		case w.empty && w.fits(word):
			w.add(word)
		case !w.empty && Width(w.prefix+word) <= w.width:
			w.flush()
			w.start()
			w.add(word)
		default:
			// The word is wider than a whole line: break it between
			// clusters, starting on the current line.
			w.breakWord(word)
		}
	}
	w.flush()
}

// breakWord adds word cluster by cluster, starting new lines as needed. A
// line holding only its prefix gets at least one cluster, even if it does
// not fit.
func (w *lineWrapper) breakWord(word string) {
	sep := ""
	if !w.empty {
		sep = " "
	}
	g := displaywidth.StringGraphemes(word)
	for g.Next() {
		c := g.Value()
		if w.empty || w.fits(sep+c) {
			w.add(sep + c)
		} else {
			w.flush()
			w.start()
			w.add(c)
		}
		sep = ""
	}
}

// start begins a new line with the current prefix; the lines after it get rest.
func (w *lineWrapper) start() {
	w.cur.Reset()
	w.cur.WriteString(w.prefix)
	w.curW = Width(w.prefix)
	w.last = lastCluster(w.prefix)
	w.empty = true
	w.prefix = w.rest
}

// flush ends the current line.
func (w *lineWrapper) flush() {
	w.out = append(w.out, w.cur.String())
}

// grow returns how many columns s adds to the current line. Only the last
// cluster of the line can join s, so only it is measured again.
func (w *lineWrapper) grow(s string) int {
	return Width(w.last+s) - Width(w.last)
}

// fits reports whether s can be added to the current line.
func (w *lineWrapper) fits(s string) bool {
	return w.curW+w.grow(s) <= w.width
}

// add appends s to the current line.
func (w *lineWrapper) add(s string) {
	w.curW += w.grow(s)
	w.cur.WriteString(s)
	w.last = lastCluster(w.last + s)
	w.empty = false
}

// WrapColumns wraps each line of text wider than width (0: none) under
// its own second column: the text after its first run of two or more
// spaces, as in a list of flags and what they do; a line without one
// hangs under its own indentation.
func WrapColumns(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if Width(l) <= width {
			continue
		}
		body := strings.TrimLeft(l, " ")
		indent := len(l) - len(body)
		head, col := l[:indent], indent
		if gap := strings.Index(body, "  "); gap > 0 {
			rest := strings.TrimLeft(body[gap:], " ")
			head = l[:len(l)-len(rest)]
			body, col = rest, Width(head)
		}
		if col > width/2 { // a second column too far right to wrap under
			head, body, col = l[:indent], strings.TrimLeft(l, " "), indent
		}
		lines[i] = Hang(body, head, strings.Repeat(" ", col), width)
	}
	return strings.Join(lines, "\n")
}
