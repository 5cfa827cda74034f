package main

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rehearse/rehearse/deck"
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
			case k == keyEnter, k == keyBackspace, k == keyEscape:
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

// FuzzParsePoints: the point numbers typed for a scenario card are
// accepted only when each is between 1 and the number of points, and come
// back once each.
func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{"1 3 4", "1,3", "", " ", "0", "6", "1 1 1", "-1", "+2", "2,,3", "1e1", "١"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, line string, n int) {
		nums, ok := parsePoints(line, n)
		if !ok {
			return
		}
		seen := map[int]bool{}
		for _, x := range nums {
			if x < 1 || x > n || seen[x] {
				t.Fatalf("parsePoints(%q, %d) = %v", line, n, nums)
			}
			seen[x] = true
		}
	})
}

// FuzzParseGrades: --grades is a list of grades or a usage error.
func FuzzParseGrades(f *testing.F) {
	for _, s := range []string{"5,4,3", "5", "", ",", "5,,4", "9", " 1 , 2 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		grades, err := parseGrades(s)
		if err != nil {
			if exitCode(err) != exitUsage {
				t.Fatalf("parseGrades(%q): %v is not a usage error", s, err)
			}
			return
		}
		if len(grades) != strings.Count(s, ",")+1 {
			t.Fatalf("parseGrades(%q) = %v", s, grades)
		}
		for _, g := range grades {
			if !g.Valid() {
				t.Fatalf("parseGrades(%q) = %v", s, grades)
			}
		}
	})
}

// FuzzClean: whatever a deck holds, what clean lets through has no
// character a terminal acts on or that hides text, and printable text
// passes unchanged.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;pwned\x07", "a\tb\nc", "\u202e\u200f", "\xff\xfe", "\u009b31m", "日本語", "\r\x00\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := clean(s)
		if h := harmful(out, false); h != "" {
			t.Fatalf("clean(%q) = %q has %s", s, out, h)
		}
		if harmful(s, false) == "" && !strings.Contains(s, "\t") && out != s {
			t.Fatalf("clean changed harmless text %q to %q", s, out)
		}
	})
}

// FuzzCheckTyped: a typed answer is compared after normalising, which is
// idempotent, and an accepted answer typed as it is written always
// matches (unless it has no letters or digits at all).
func FuzzCheckTyped(f *testing.F) {
	for _, s := range []string{"tcp/22", "TCP 22.", "  ", "Straße", "İstanbul", "ǅ", "22\u0000"} {
		f.Add(s, s+"!")
	}
	f.Fuzz(func(t *testing.T, accept, typed string) {
		n := deck.Normalize(typed)
		if deck.Normalize(n) != n {
			t.Fatalf("Normalize(%q) = %q, and again %q", typed, n, deck.Normalize(n))
		}
		c := &deck.Card{Accept: []string{accept}}
		if deck.Normalize(accept) != "" && !c.Check(accept) {
			t.Fatalf("%q does not match itself", accept)
		}
		if c.Check(typed) != (n != "" && n == deck.Normalize(accept)) {
			t.Fatalf("Check(%q) against %q", typed, accept)
		}
	})
}
