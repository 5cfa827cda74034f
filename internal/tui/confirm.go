package tui

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Confirm asks question on w, adding " [y/N] ", and reports whether the
// line read from r says yes (y or yes, in any case). No answer is no.
func Confirm(r *bufio.Reader, w io.Writer, question string) bool {
	fmt.Fprintf(w, "%s [y/N] ", question)
	answer, _ := r.ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(answer))
	return a == "y" || a == "yes"
}
