package tui

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// block is one part of the session's screen, rendered for a width.
type block struct {
	key    string
	render func(width int) string
}

// Screen holds what the session shows for the current card, as blocks in
// order. On a terminal in raw mode every change redraws the whole screen
// (so a resize reflows it); otherwise each block is printed once, as it
// appears, so that piped output reads as a transcript.
//
// A screen taller than the terminal keeps its Top blocks (the header and
// the question) and its Bottom blocks (the grades and the keys) in view,
// and shows as much of the blocks in between (the answer, the key points,
// the explanation) as fits, with a line saying there is more; Scroll moves
// through them.
type Screen struct {
	Out    io.Writer
	Raw    bool       // a terminal in raw mode: redraw everything on each change
	Width  func() int // the columns to render for
	Height func() int // the terminal's rows; nil or 0: no limit
	// Top and Bottom name the blocks that stay in view, drawn before and
	// after the others whatever the order they were set in.
	Top, Bottom []string
	// MoreHint is what the line that marks hidden lines says about the
	// keys that scroll, as in "j or ↓ to scroll".
	MoreHint string
	// Dim styles the line that marks hidden lines.
	Dim func(string) string

	blocks []block
	shown  int // blocks already printed (line mode)
	offset int // the first line of the middle blocks shown (raw mode)
	hidden bool
}

// Clear starts a new card.
func (s *Screen) Clear() {
	s.blocks = s.blocks[:0]
	s.shown = 0
	s.offset = 0
}

// Scroll moves the middle of a screen taller than the terminal by lines
// (down when positive) and reports whether there was anything to scroll.
func (s *Screen) Scroll(lines int) bool {
	if !s.Raw || !s.hidden {
		return false
	}
	s.offset = max(s.offset+lines, 0)
	s.Redraw()
	return true
}

// Page is how many lines a page down moves.
func (s *Screen) Page() int {
	if s.Height == nil {
		return 10
	}
	return max(s.Height()/2, 1)
}

// Set adds a block, or replaces the block with the same key.
func (s *Screen) Set(key string, render func(width int) string) {
	for i := range s.blocks {
		if s.blocks[i].key == key {
			s.blocks[i].render = render
			if i < s.shown && !s.Raw {
				// Already printed: print the new version below.
				s.blocks = append(s.blocks[:i], s.blocks[i+1:]...)
				s.shown--
				s.blocks = append(s.blocks, block{key, render})
			}
			s.flush()
			return
		}
	}
	s.blocks = append(s.blocks, block{key, render})
	s.flush()
}

// Text sets a block of fixed text.
func (s *Screen) Text(key, text string) {
	s.Set(key, func(int) string { return text })
}

// Drop removes a block (it stays on a transcript already printed).
func (s *Screen) Drop(key string) {
	for i := range s.blocks {
		if s.blocks[i].key == key {
			if i < s.shown {
				s.shown--
			}
			s.blocks = append(s.blocks[:i], s.blocks[i+1:]...)
			if s.Raw {
				s.flush()
			}
			return
		}
	}
}

// flush shows what changed.
func (s *Screen) flush() {
	w := s.Width()
	if !s.Raw {
		for ; s.shown < len(s.blocks); s.shown++ {
			io.WriteString(s.Out, s.blocks[s.shown].render(w)+"\n")
		}
		return
	}
	s.Redraw()
}

// Redraw paints the whole screen: cursor home, clear, every block. Raw
// mode does not turn "\n" into "\r\n", so lines end in both.
func (s *Screen) Redraw() {
	w := s.Width()
	var top, middle, bottom []string
	for _, bl := range s.blocks {
		lines := strings.Split(bl.render(w), "\n")
		switch {
		case slices.Contains(s.Top, bl.key):
			top = append(top, lines...)
		case slices.Contains(s.Bottom, bl.key):
			bottom = append(bottom, lines...)
		default:
			middle = append(middle, lines...)
		}
	}
	s.hidden = false
	rows := 0
	if s.Height != nil {
		rows = s.Height()
	}
	// The last line is left free: a newline on the terminal's last row
	// would scroll the top of the screen away.
	if rows > 0 && len(top)+len(middle)+len(bottom) > rows-1 {
		room := max(rows-1-len(top)-len(bottom)-1, 1)
		s.offset = min(s.offset, max(len(middle)-room, 0))
		end := min(s.offset+room, len(middle))
		above, below := s.offset, len(middle)-end
		middle = append(middle[s.offset:end:end], s.marker(above, below))
		s.hidden = true
	}
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	for _, line := range append(append(top, middle...), bottom...) {
		b.WriteString(line)
		b.WriteString("\r\n")
	}
	io.WriteString(s.Out, b.String())
}

// marker is the line that says how many lines of the middle are hidden.
func (s *Screen) marker(above, below int) string {
	var parts []string
	if above > 0 {
		parts = append(parts, fmt.Sprintf("↑ %d more above", above))
	}
	if below > 0 {
		parts = append(parts, fmt.Sprintf("↓ %d more below", below))
	}
	text := " " + strings.Join(parts, " · ")
	if s.MoreHint != "" {
		text += ": " + s.MoreHint
	}
	if w := s.Width(); w > 0 && Width(text) > w {
		text = OneLine(strings.ReplaceAll(strings.ReplaceAll(text, " more above", " above"), " more below", " below"), w)
	}
	if s.Dim != nil {
		return s.Dim(text)
	}
	return text
}
