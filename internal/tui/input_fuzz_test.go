package tui

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzReadKey feeds arbitrary bytes, as a terminal in raw mode might send
// them (escape sequences, broken UTF-8, control characters), to the key
// reader: it never panics, always makes progress, and each key is Enter,
// Backspace, Escape or one valid character.
func FuzzReadKey(f *testing.F) {
	for _, s := range []string{"\r5q", " 4", "\x1b[A\x1b[B\r", "\x1bOP\x1b", "\x1b\x1b[", "é\xff\xfe3", "\x7f\x08\x03\x04", "\x1b[1;5A", "\x1b]0;x\x07", "\r\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReaderSize(bytes.NewReader(data), 16)
		for keys := 0; ; keys++ {
			if keys > len(data) {
				t.Fatalf("%d keys from %d bytes", keys, len(data))
			}
			k, err := readKey(r)
			if err != nil {
				return
			}
			switch {
			case k == KeyEnter, k == KeyBackspace, k == KeyEscape, k == KeyUp, k == KeyDown, k == KeyPageUp, k == KeyPageDown:
			case utf8.RuneCountInString(k) == 1 && utf8.ValidString(k) && k != string(utf8.RuneError):
			default:
				t.Fatalf("key %q from %q", k, data)
			}
		}
	})
}

// FuzzReadLine: in line mode each line is one key, trimmed, with no line
// break left in it, and a last line without a newline still counts.
func FuzzReadLine(f *testing.F) {
	for _, s := range []string{"\n5\n", "  3  \r\n", "1 3\nq", "", "\x00\n\x1b[2J\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReaderSize(bytes.NewReader(data), 16)
		lines := 0
		for {
			line, err := readLine(r)
			if err != nil {
				break
			}
			lines++
			if strings.ContainsAny(line, "\n") || line != strings.TrimSpace(line) {
				t.Fatalf("line %q", line)
			}
		}
		want := bytes.Count(data, []byte("\n"))
		if len(data) > 0 && data[len(data)-1] != '\n' {
			want++
		}
		if lines != want {
			t.Fatalf("%d lines from %q, want %d", lines, data, want)
		}
	})
}

// FuzzClean: whatever a deck holds, what Clean lets through has no
// character a terminal acts on or that hides text, and printable text
// passes unchanged.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;pwned\x07", "a\tb\nc", "\u202e\u200f", "\xff\xfe", "\u009b31m", "日本語", "\r\x00\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if h := harmful(out); h != "" {
			t.Fatalf("Clean(%q) = %q has %s", s, out, h)
		}
		if harmful(s) == "" && !strings.Contains(s, "\t") && out != s {
			t.Fatalf("Clean changed harmless text %q to %q", s, out)
		}
	})
}

// harmful describes the first character of out that a terminal would act
// on or that hides text, or returns "".
func harmful(out string) string {
	for i, r := range out {
		switch {
		case r == '\n':
		case r == utf8.RuneError && !strings.HasPrefix(out[i:], "\ufffd"):
			return fmt.Sprintf("invalid UTF-8 at byte %d", i)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("%U at byte %d", r, i)
		}
	}
	return ""
}
