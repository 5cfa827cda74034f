package srs

import (
	"strings"
	"testing"
)

// FuzzParseGrade: a grade typed by the learner or read from the log is a
// single digit from 0 to 5, with spaces around it allowed; anything else
// is an error, never a panic.
func FuzzParseGrade(f *testing.F) {
	for _, s := range []string{"0", "5", " 3 ", "6", "-1", "+4", "04", "٣", "", "5\n", "4.0", "1e0", "0x5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGrade(s)
		trimmed := strings.TrimSpace(s)
		valid := len(trimmed) == 1 && trimmed[0] >= '0' && trimmed[0] <= '5'
		if (err == nil) != valid {
			t.Fatalf("ParseGrade(%q) = %v, %v", s, g, err)
		}
		if err == nil && (!g.Valid() || string(rune('0'+g)) != trimmed) {
			t.Fatalf("ParseGrade(%q) = %d", s, g)
		}
	})
}

// FuzzParseDayAndEase: the dates and E-Factors of the review log read
// back to what they were written from.
func FuzzParseDayAndEase(f *testing.F) {
	for _, s := range []string{"2026-11-25", "2024-02-29", "2026-02-29", "0000-01-01", "9999-12-31", "2026-1-1", "2.50", "1.3", "13", ".5", "2.", "-1.30", "2.+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDay(s); err == nil {
			if d.String() != s {
				t.Fatalf("ParseDay(%q) = %v", s, d)
			}
		}
		if e, err := ParseEase(s); err == nil {
			if e < 0 {
				t.Fatalf("ParseEase(%q) = %d", s, e)
			}
			if again, err := ParseEase(e.String()); err != nil || again != e {
				t.Fatalf("ParseEase(%q) = %d, which writes as %q and reads as %d, %v", s, e, e.String(), again, err)
			}
		}
	})
}
