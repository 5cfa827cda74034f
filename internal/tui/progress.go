package tui

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress returns a progress bar drawn in place on w, a terminal, and
// the function that clears it. The bar redraws at most ten times a second
// and when the share done (0 to 1) reaches a whole percent; it is safe to
// call from several goroutines.
func Progress(w io.Writer, label string, width int) (update func(done float64), clear func()) {
	var mu sync.Mutex
	last, lastPercent, drawn := time.Time{}, -1, false
	bar := max(min(width-len(label)-10, 40), 10)
	update = func(done float64) {
		mu.Lock()
		defer mu.Unlock()
		percent := int(100 * min(max(done, 0), 1))
		if percent == lastPercent || (time.Since(last) < 100*time.Millisecond && percent < 100) {
			return
		}
		last, lastPercent, drawn = time.Now(), percent, true
		full := bar * percent / 100
		fmt.Fprintf(w, "\r%s [%s%s] %3d%%", label, strings.Repeat("#", full), strings.Repeat(".", bar-full), percent)
	}
	clear = func() {
		mu.Lock()
		defer mu.Unlock()
		if drawn {
			fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", len(label)+bar+8))
		}
	}
	return update, clear
}
