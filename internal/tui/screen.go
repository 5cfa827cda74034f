package tui

import (
	"io"
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
type Screen struct {
	Out    io.Writer
	Raw    bool       // a terminal in raw mode: redraw everything on each change
	Width  func() int // the columns to render for
	blocks []block
	shown  int // blocks already printed (line mode)
}

// Clear starts a new card.
func (s *Screen) Clear() {
	s.blocks = s.blocks[:0]
	s.shown = 0
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
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	for _, bl := range s.blocks {
		b.WriteString(strings.ReplaceAll(bl.render(w), "\n", "\r\n"))
		b.WriteString("\r\n")
	}
	io.WriteString(s.Out, b.String())
}
