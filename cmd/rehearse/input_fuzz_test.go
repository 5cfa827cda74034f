package main

import (
	"strings"
	"testing"
)

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
