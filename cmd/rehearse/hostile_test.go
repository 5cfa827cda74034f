package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/rehearse/rehearse/internal/tui"
)

// evil is what a hostile deck puts in every field it can: a window title
// (OSC 0), a clipboard write (OSC 52), a screen clear, hidden text, an
// 8-bit CSI, a bidi override, a NUL, a backspace, a carriage return and a
// device control string.
const evil = `\u001b]0;pwned\u0007 \u001b]52;c;ZXZpbA==\u0007 \u001b[2J \u001b[8m \u009b31m \u202e \u0000 \u0008 \r \u001bPq\u001b\\`

var hostileDeck = fmt.Sprintf(`[deck]
id = "evil"
name = "%[1]s"
description = "%[1]s"
tags = ["deck\u001b]0;pwned\u0007\u202e\u009b31m"]

[[card]]
id = "x"
front = "front %[1]s"
back = "back %[1]s"
hint = "hint %[1]s"
explain = """explain %[1]s"""
source = "source %[1]s"
tags = ["tag\u001b]0;pwned\u0007\u202e\u009b31m"]
reverse = true

[[card]]
id = "typed"
front = "typed %[1]s"
back = "22"
accept = ["22%[1]s"]

[[card]]
id = "scen"
kind = "scenario"
front = "scenario %[1]s"
points = ["point %[1]s", "plain point"]
`, evil)

// harmful returns a description of the first byte or character in out
// that a terminal would act on or that hides text: a control character
// other than a newline (and a carriage return before one, on a raw
// terminal), an 8-bit control, a format character such as a bidi
// override, or invalid UTF-8. The program's own screen clearing sequence,
// in raw mode, is allowed.
func harmful(out string, raw bool) string {
	if raw {
		out = strings.ReplaceAll(out, "\x1b[H\x1b[2J", "")
		out = strings.ReplaceAll(out, "\r\n", "\n")
	}
	for i, r := range out {
		switch {
		case r == '\n':
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\ufffd"):
			return fmt.Sprintf("invalid UTF-8 at byte %d", i)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("%U at byte %d in %q", r, i, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
	return ""
}

// hostileRun runs the program in-process and returns its output.
func hostileRun(t *testing.T, stdin string, raw bool, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut strings.Builder
	streams := &tui.Streams{In: strings.NewReader(stdin), Out: &out, Err: &errOut, Getenv: os.Getenv, Loc: time.UTC, Keys: raw}
	code = runContext(context.Background(), append([]string{"rehearse"}, args...), streams,
		func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) })
	return out.String(), errOut.String(), code
}

// TestHostileDeckIsShownHarmlessly runs every command that shows deck text
// on a deck with escape sequences and control characters in every field:
// nothing that reaches the terminal may act on it, and the text is shown
// in a visible form instead.
func TestHostileDeckIsShownHarmlessly(t *testing.T) {
	dir := t.TempDir()
	deckPath := filepath.Join(dir, "evil.toml")
	if err := os.WriteFile(deckPath, []byte(hostileDeck), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REHEARSE_DEVICE", "test")
	base := []string{"--no-builtin", "--decks", deckPath}
	runs := []struct {
		name  string
		stdin string
		raw   bool
		args  []string
		shows string // a visible form of the escapes that must appear
	}{
		{"review (lines)", "h\n\n5\n\n3\n22\n\n1 2\n\nq\n", false, []string{"review"}, `front \x1b]0;pwned\x07`},
		{"review (keys)", "h \r5" + "\x1b \r3" + "22\r\r" + "\r12\r\r" + "q", true, []string{"review"}, `hint \x1b]0;pwned\x07`},
		{"status", "", false, []string{"status"}, "evil"},
		{"decks", "", false, []string{"decks"}, `\x1b]0;pwned\x07`},
		{"card", "", false, []string{"card", "evil/x"}, `\x1b]52;c;ZXZpbA==\x07`},
		{"card reversed", "", false, []string{"card", "evil/x:reverse"}, `back \x1b`},
		{"card --json", "", false, []string{"card", "evil/scen", "--json"}, `\u001b]0;pwned\u0007`},
		{"lint", "", false, []string{"lint", deckPath}, "ok: 1 deck"},
		{"export --format json", "", false, []string{"export", "--deck", "evil", "--format", "json"}, `\u001b]0;pwned\u0007`},
		{"stats --format json", "", false, []string{"stats", "--format", "json"}, `"deck": "evil"`},
		{"search", "", false, []string{"search", "front"}, `front \x1b]0;pwned\x07`},
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			args := append([]string{"--data-dir", t.TempDir()}, base...)
			stdout, stderr, code := hostileRun(t, r.stdin, r.raw, append(args, r.args...)...)
			if code != exitOK {
				t.Fatalf("exit code %d\nstderr: %s", code, stderr)
			}
			if h := harmful(stdout, r.raw); h != "" {
				t.Errorf("stdout has %s", h)
			}
			if h := harmful(stderr, false); h != "" {
				t.Errorf("stderr has %s", h)
			}
			if !strings.Contains(stdout, r.shows) {
				t.Errorf("stdout does not show %q:\n%s", r.shows, stdout)
			}
		})
	}
	t.Logf("RELIABILITY hostile: %d commands shown a deck with 10 kinds of escape sequence and control character in each of its 12 text fields, nothing passed to the terminal", len(runs))
	// The JSON still decodes to the deck's exact text.
	stdout, _, _ := hostileRun(t, "", false, append(base, "--data-dir", t.TempDir(), "card", "evil/x", "--json")...)
	var got struct{ Front string }
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || !strings.Contains(got.Front, "\u202e \x00 \b \r \x1bPq") {
		t.Errorf("JSON front = %q, %v", got.Front, err)
	}
}

// TestHostileDeckFolder fills the deck folder with what a downloaded
// archive or a careless sync can leave there: names with spaces, unicode,
// escape sequences and invalid UTF-8, and symbolic links that point
// outside the folder, nowhere, at themselves, at a device and at a folder.
// Decks that can load do; each of the others gets a clear error naming it
// harmlessly; nothing hangs.
//
// Links to deck files are followed wherever they point (a deck folder may
// link to decks kept in a git checkout): the file is only read, and its
// text is data like any deck's. Links to folders are not followed (one to
// / would walk the whole disk) and are reported.
func TestHostileDeckFolder(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	decksDir := filepath.Join(data, "decks")
	outside := filepath.Join(dir, "outside")
	for _, d := range []string{decksDir, outside} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, id string) {
		t.Helper()
		src := "[[card]]\nid = \"c\"\nfront = \"q\"\nback = \"a\"\n"
		if id != "" {
			src = "[deck]\nid = \"" + id + "\"\n" + src
		}
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(decksDir, "my deck.toml"), "")
	write(filepath.Join(decksDir, "日本語 デッキ.toml"), "")
	write(filepath.Join(decksDir, "evil\x1b]0;pwned\x07.toml"), "")
	write(filepath.Join(decksDir, "bad\xff name.toml"), "badname")
	if err := os.WriteFile(filepath.Join(decksDir, "broken\x1b[2J.toml"), []byte("[[card]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(outside, "far.toml"), "far")
	write(filepath.Join(outside, "also.toml"), "also")
	links := map[string]string{
		"outside.toml":  filepath.Join(outside, "far.toml"),
		"dangling.toml": filepath.Join(dir, "nothing.toml"),
		"loop.toml":     "loop.toml",
		"zero.toml":     "/dev/zero",
		"linked":        outside,
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(decksDir, name)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	t.Setenv("REHEARSE_DEVICE", "test")

	stdout, stderr, code := hostileRun(t, "", false, "--no-builtin", "--data-dir", data, "decks")
	if code != exitOK {
		t.Fatalf("decks: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"my-deck ", "日本語-デッキ ", "evil-0-pwned ", "far ", `evil\x1b]0;pwned\x07.toml`, "4 decks, 4 cards."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("decks does not list %q:\n%s", want, stdout)
		}
	}
	problems := []string{
		`bad\xff name.toml: cannot read the deck: its file name is not valid UTF-8`,
		`broken\x1b[2J.toml:2: invalid TOML`,
		"dangling.toml: cannot read the deck: no such file or directory",
		"loop.toml: cannot read the deck: too many levels of symbolic links",
		"zero.toml: cannot read the deck: it is not a regular file (a device)",
		"linked: cannot read the deck: it is a folder (links to folders are not followed)",
	}
	for _, want := range problems {
		if !strings.Contains(stderr, "rehearse: warning: deck not loaded: "+filepath.Join(decksDir, want)) {
			t.Errorf("decks does not warn %q:\n%s", want, stderr)
		}
	}
	for _, out := range []string{stdout, stderr} {
		if h := harmful(out, false); h != "" {
			t.Errorf("decks output has %s", h)
		}
	}

	// lint names every problem, harmlessly, and fails.
	stdout, stderr, code = hostileRun(t, "", false, "--no-builtin", "--data-dir", data, "lint")
	if code != exitError {
		t.Errorf("lint: exit %d, want 1", code)
	}
	for _, want := range append(problems, "  hint: load the decks of another folder with --decks PATH") {
		if !strings.Contains(stdout, want) {
			t.Errorf("lint does not say %q:\n%s", want, stdout)
		}
	}
	if want := "rehearse: 6 errors in 6 deck files\n"; stderr != want {
		t.Errorf("lint stderr = %q, want %q", stderr, want)
	}
	for _, out := range []string{stdout, stderr} {
		if h := harmful(out, false); h != "" {
			t.Errorf("lint output has %s", h)
		}
	}

	t.Logf("RELIABILITY hostile: %d hostile file names and links in a deck folder, each loaded or refused with a clear error", 5+len(links))
	// A session over these decks works, and so does a card of a deck whose
	// file name is hostile.
	stdout, stderr, code = hostileRun(t, "\n5\n\n5\n\n5\n\n5\n", false, "--no-builtin", "--data-dir", data, "review")
	if code != exitOK || !strings.Contains(stdout, "Done for today: 4 answers") {
		t.Errorf("review: exit %d\n%s\n%s", code, stdout, stderr)
	}
	stdout, stderr, code = hostileRun(t, "", false, "--no-builtin", "--data-dir", data, "card", "evil-0-pwned/c")
	if code != exitOK || harmful(stdout, false) != "" || harmful(stderr, false) != "" {
		t.Errorf("card: exit %d, %s %s\n%s", code, harmful(stdout, false), harmful(stderr, false), stdout)
	}
}
