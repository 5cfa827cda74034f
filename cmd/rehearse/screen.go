package main

import (
	"io"
	"strings"
)

// block is one part of the session's screen, rendered for a width.
type block struct {
	key    string
	render func(width int) string
}

// screen holds what the session shows for the current card, as blocks in
// order. On a terminal in raw mode every change redraws the whole screen
// (so a resize reflows it); otherwise each block is printed once, as it
// appears, so that piped output reads as a transcript.
type screen struct {
	out    io.Writer
	raw    bool
	width  func() int
	blocks []block
	shown  int // blocks already printed (line mode)
}

// clear starts a new card.
func (s *screen) clear() {
	s.blocks = s.blocks[:0]
	s.shown = 0
}

// set adds a block, or replaces the block with the same key.
func (s *screen) set(key string, render func(width int) string) {
	for i := range s.blocks {
		if s.blocks[i].key == key {
			s.blocks[i].render = render
			if i < s.shown && !s.raw {
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

// text sets a block of fixed text.
func (s *screen) text(key, text string) {
	s.set(key, func(int) string { return text })
}

// drop removes a block (it stays on a transcript already printed).
func (s *screen) drop(key string) {
	for i := range s.blocks {
		if s.blocks[i].key == key {
			if i < s.shown {
				s.shown--
			}
			s.blocks = append(s.blocks[:i], s.blocks[i+1:]...)
			if s.raw {
				s.flush()
			}
			return
		}
	}
}

// flush shows what changed.
func (s *screen) flush() {
	w := s.width()
	if !s.raw {
		for ; s.shown < len(s.blocks); s.shown++ {
			io.WriteString(s.out, s.blocks[s.shown].render(w)+"\n")
		}
		return
	}
	s.redraw()
}

// redraw paints the whole screen: cursor home, clear, every block. Raw
// mode does not turn "\n" into "\r\n", so lines end in both.
func (s *screen) redraw() {
	w := s.width()
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	for _, bl := range s.blocks {
		b.WriteString(strings.ReplaceAll(bl.render(w), "\n", "\r\n"))
		b.WriteString("\r\n")
	}
	io.WriteString(s.out, b.String())
}

// print writes text below the screen, outside any block (line mode) or as
// a redraw-surviving message (raw mode uses blocks instead).
func (s *screen) print(text string) {
	if s.raw {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	io.WriteString(s.out, text)
}
