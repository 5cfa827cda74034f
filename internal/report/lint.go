package report

import (
	"fmt"
	"io"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/tui"
)

// WriteLint reports what lint found in the decks (set, with warns) and
// returns an error when a deck has errors, there are no decks, or strict
// and there are warnings; else it prints the summary.
func WriteLint(out io.Writer, set *deck.Set, warns []*deck.Error, strict bool) error {
	printCapped(out, set.Errors, "", "error", "errors")
	printCapped(out, warns, "warning: ", "warning", "warnings")
	warnings := len(warns)
	if len(set.Errors) > 0 {
		return fmt.Errorf("%s in %s", tui.Plural(len(set.Errors), "error", "errors"), tui.Plural(set.BadFiles, "deck file", "deck files"))
	}
	if len(set.Decks) == 0 && len(set.StoryFiles) == 0 {
		return hint.With(fmt.Errorf("no deck files found"), "deck files end in .toml")
	}
	summary := fmt.Sprintf("ok: %s, %s", tui.Plural(len(set.Decks), "deck", "decks"), tui.Plural(set.Cards(), "card", "cards"))
	if n := len(set.Stories()); n > 0 {
		summary += ", " + tui.Plural(n, "story", "stories")
	}
	if warnings > 0 {
		summary += ", " + tui.Plural(warnings, "warning", "warnings")
	}
	if strict && warnings > 0 {
		return hint.With(fmt.Errorf("%s (--strict)", tui.Plural(warnings, "warning", "warnings")), "fix them, or run without --strict to accept them")
	}
	fmt.Fprintln(out, summary)
	return nil
}

// maxPerFile is how many errors (and, apart, warnings) lint prints for one
// file: beyond it, the rest are counted. A file with 100,000 cards of one
// id would otherwise print 99,999 errors.
const maxPerFile = 100

// printCapped prints the diagnostics, at most maxPerFile per file, each
// file's overflow counted after its last one shown.
func printCapped(w io.Writer, diags []*deck.Error, prefix, one, many string) {
	shown, more := map[string]int{}, map[string]int{}
	var order []string
	for _, d := range diags {
		if shown[d.File] < maxPerFile {
			if shown[d.File] == 0 {
				order = append(order, d.File)
			}
			shown[d.File]++
			WriteDiagnostic(w, d, prefix)
			continue
		}
		more[d.File]++
	}
	for _, file := range order {
		if n := more[file]; n > 0 {
			kind := many
			if n == 1 {
				kind = one
			}
			fmt.Fprintf(w, "%s: and %d more %s (fix the first ones, then run lint again)\n", tui.Clean(file), n, kind)
		}
	}
}

// WriteDiagnostic prints one deck error or warning with its file:line and
// hint, after prefix ("error: ", "warning: " or "").
func WriteDiagnostic(w io.Writer, err *deck.Error, prefix string) {
	loc := err.File
	if err.Line > 0 {
		loc = fmt.Sprintf("%s:%d", err.File, err.Line)
	}
	fmt.Fprintf(w, "%s: %s%s\n", tui.Clean(loc), prefix, tui.Clean(err.Msg))
	if err.Hint != "" {
		fmt.Fprintf(w, "  hint: %s\n", tui.Clean(err.Hint))
	}
}
