package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/srs"
)

func TestParseConfig(t *testing.T) {
	src := `# my settings
day_start = 5
new_per_day = 10
reviews_per_day = 100
max_interval = 365
leech_threshold = 6
leech_action = "suspend"
device = " laptop "
editor = "nvim"
`
	got, err := Parse("config.toml", []byte(src), Defaults())
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{DayStart: 5, Limits: srs.Limits{NewPerDay: 10, ReviewsPerDay: 100}, Params: srs.Params{MaxInterval: 365},
		LeechThreshold: 6, LeechSuspend: true, Device: "laptop", Editor: "nvim"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"day_start = 24\n", "config.toml:1: day_start = 24 is out of range"},
		{"new_per_day = 5\nnew_per_dya = 3\n", `config.toml:2: unknown setting "new_per_dya"`},
		{"leech_action = \"delete\"\n", `config.toml:1: leech_action "delete" is not flag or suspend`},
		{"day_start = \"4\"\n", "incompatible types"},
		{"day_start = \n", "config.toml:1: invalid TOML"},
		{"max_interval = 0\n", "config.toml:1: max_interval = 0 is out of range"},
	}
	for _, tt := range tests {
		_, err := Parse("config.toml", []byte(tt.src), Defaults())
		var cerr *Error
		if !errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.want) || cerr.Hint == "" {
			t.Errorf("Parse(%q) = %v, want an error with a hint containing %q", tt.src, err, tt.want)
		}
	}
}

// FuzzParseConfig: no panic, and a config that loads has values in range.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("day_start = 5\nnew_per_day = 10\nleech_action = \"suspend\"\n"))
	f.Add([]byte("device = \"x\"\n[table]\nkey = 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("c.toml", src, Defaults())
		if err != nil {
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("error %v is not a *Error", err)
			}
			return
		}
		if s.DayStart < 0 || s.DayStart > 23 || s.Limits.NewPerDay < 0 || s.LeechThreshold < 1 {
			t.Fatalf("out-of-range settings loaded: %+v", s)
		}
	})
}
