package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/deck"
)

// TestLintCapsErrorsPerFile: at most 100 errors of one file are printed,
// then how many more there are (a deck of 100,000 cards with one id would
// print 99,999 errors); another file's errors are printed in full.
func TestLintCapsErrorsPerFile(t *testing.T) {
	var diags []*deck.Error
	for i := 0; i < 250; i++ {
		diags = append(diags, &deck.Error{File: "big.toml", Line: i + 1, Msg: "duplicate card id"})
	}
	diags = append(diags, &deck.Error{File: "small.toml", Line: 3, Msg: "unknown key"})
	var b strings.Builder
	printCapped(&b, diags, "", "error", "errors")
	out := b.String()
	if n := strings.Count(out, ": duplicate card id"); n != maxPerFile {
		t.Errorf("%d errors of big.toml printed, want %d", n, maxPerFile)
	}
	if !strings.Contains(out, "small.toml:3: unknown key") {
		t.Error("the other file's error is missing")
	}
	if want := fmt.Sprintf("big.toml: and %d more errors", 250-maxPerFile); !strings.Contains(out, want) {
		t.Errorf("no %q in:\n%s", want, out[len(out)-200:])
	}
}
