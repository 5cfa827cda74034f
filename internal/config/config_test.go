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
scheduler = "fsrs"
desired_retention = 0.85
load_balance = true
leech_threshold = 6
leech_action = "suspend"
device = " laptop "
editor = "nvim"
`
	got, err := Parse("config.toml", []byte(src), Defaults())
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{DayStart: 5, Limits: srs.Limits{NewPerDay: 10, ReviewsPerDay: 100}, Params: srs.Params{MaxInterval: 365, Model: srs.ModelFSRS},
		Retention: 0.85, LeechThreshold: 6, LeechSuspend: true, LoadBalance: true, Device: "laptop", Editor: "nvim"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestParseConfigDefaults(t *testing.T) {
	got, err := Parse("config.toml", []byte("# nothing set\n"), Defaults())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Defaults(), got); diff != "" || got.LoadBalance {
		t.Errorf("(-want +got)\n%s\nload balancing must be off by default", diff)
	}
	got, err = Parse("config.toml", []byte("load_balance = false\n"), Defaults())
	if err != nil || got.LoadBalance {
		t.Errorf("load_balance = false: got %v, %v", got.LoadBalance, err)
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      string // the whole error
		wantHint  string // the whole hint; "" when only its presence is checked
		wantExact bool   // want is the whole message, not a part of it
	}{
		{name: "out of range", src: "day_start = 24\n", want: "config.toml:1: day_start = 24 is out of range",
			wantHint: "use a whole number from 0 to 23", wantExact: true},
		{name: "unknown key", src: "new_per_day = 5\nnew_per_dya = 3\n", want: `config.toml:2: unknown setting "new_per_dya"`,
			wantHint:  "known settings: day_start, new_per_day, reviews_per_day, max_interval, scheduler, desired_retention, load_balance, leech_threshold, leech_action, device, editor",
			wantExact: true},
		{name: "leech action value", src: "leech_action = \"delete\"\n", want: `config.toml:1: leech_action "delete" is not flag or suspend`,
			wantHint: `write leech_action = "flag" (mark leeches) or "suspend" (also suspend them)`, wantExact: true},
		{name: "syntax", src: "day_start = \n", want: "config.toml:1: invalid TOML"},
		{name: "unknown scheduler", src: "scheduler = \"anki\"\n", want: `config.toml:1: scheduler "anki" is not sm2 or fsrs`,
			wantHint: `write scheduler = "sm2" (SuperMemo's SM-2, the default) or "fsrs" (FSRS-6)`, wantExact: true},
		{name: "retention as a percentage", src: "desired_retention = 90\n", want: "config.toml:1: desired_retention = 90 is out of range", wantExact: true},
		{name: "retention too low", src: "desired_retention = 0.5\n", want: "config.toml:1: desired_retention = 0.5 is out of range", wantExact: true},
		{name: "retention in quotes", src: "desired_retention = \"0.85\"\n",
			want: "config.toml:1: desired_retention must be a decimal number, not text", wantHint: "write desired_retention = 0.85", wantExact: true},
		{name: "max interval zero", src: "max_interval = 0\n", want: "config.toml:1: max_interval = 0 is out of range", wantExact: true},

		// Values of the wrong type, in plain words, with the right form.
		{name: "number in quotes", src: "day_start = \"4\"\n",
			want: "config.toml:1: day_start must be a whole number, not text", wantHint: "write day_start = 4", wantExact: true},
		{name: "number in quotes, spaces", src: "# hours\nnew_per_day = \" 12 \"\n",
			want: "config.toml:2: new_per_day must be a whole number, not text", wantHint: "write new_per_day = 12", wantExact: true},
		{name: "leading zero in quotes", src: "day_start = \"04\"\n",
			want: "config.toml:1: day_start must be a whole number, not text", wantHint: "write day_start = 4", wantExact: true},
		{name: "words for a number", src: "reviews_per_day = \"lots\"\n",
			want: "config.toml:1: reviews_per_day must be a whole number, not text", wantHint: "write reviews_per_day = 200", wantExact: true},
		{name: "decimal for a number", src: "max_interval = 365.0\n",
			want: "config.toml:1: max_interval must be a whole number, not a decimal number", wantHint: "write max_interval = 365", wantExact: true},
		{name: "fraction for a number", src: "leech_threshold = 2.5\n",
			want: "config.toml:1: leech_threshold must be a whole number, not a decimal number", wantHint: "write leech_threshold = 8", wantExact: true},
		{name: "bool for a number", src: "day_start = true\n",
			want: "config.toml:1: day_start must be a whole number, not true", wantHint: "write day_start = 4", wantExact: true},
		{name: "number for text", src: "device = 3\n",
			want: "config.toml:1: device must be text, not a whole number", wantHint: `write device = "3"`, wantExact: true},
		{name: "bool for text", src: "editor = false\n",
			want: "config.toml:1: editor must be text, not false", wantHint: `write editor = "false"`, wantExact: true},
		{name: "number for leech action", src: "leech_action = 1\n",
			want:     "config.toml:1: leech_action must be text, not a whole number",
			wantHint: `write leech_action = "flag" (mark leeches) or "suspend" (also suspend them)`, wantExact: true},
		{name: "quoted true", src: "load_balance = \"true\"\n",
			want: "config.toml:1: load_balance must be true or false, not text", wantHint: "write load_balance = true", wantExact: true},
		{name: "number for true or false", src: "load_balance = 1\n",
			want:     "config.toml:1: load_balance must be true or false, not a whole number",
			wantHint: "write load_balance = true or load_balance = false", wantExact: true},
		{name: "list", src: "device = [\"a\", \"b\"]\n",
			want: "config.toml:1: device must be text, not a list", wantHint: `write device = "laptop"`, wantExact: true},
		{name: "table", src: "[day_start]\nhour = 4\n",
			want: "config.toml:1: day_start must be a whole number, not a table", wantHint: "write day_start = 4", wantExact: true},
		{name: "date", src: "day_start = 2026-11-25\n",
			want: "config.toml:1: day_start must be a whole number, not a date or time", wantHint: "write day_start = 4", wantExact: true},
		{name: "first in the file first", src: "device = 3\nday_start = \"4\"\n",
			want: "config.toml:1: device must be text, not a whole number", wantExact: true},
		{name: "type before unknown key", src: "colour = 1\nday_start = \"4\"\n",
			want: "config.toml:2: day_start must be a whole number, not text", wantExact: true},
		{name: "inside a table is unknown", src: "[extra]\nday_start = \"4\"\n", want: `unknown setting "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.src), Defaults())
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("Parse(%q) = %v, want a *Error", tt.src, err)
			}
			if tt.wantExact && err.Error() != tt.want || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) = %q, want %q", tt.src, err, tt.want)
			}
			if cerr.Hint == "" || tt.wantHint != "" && cerr.Hint != tt.wantHint {
				t.Errorf("Parse(%q) hint = %q, want %q", tt.src, cerr.Hint, tt.wantHint)
			}
			if strings.Contains(err.Error()+cerr.Hint, "incompatible") || strings.Contains(err.Error()+cerr.Hint, "int64") {
				t.Errorf("Parse(%q) = %q (hint %q): speaks Go, not the learner's words", tt.src, err, cerr.Hint)
			}
		})
	}
}

// FuzzParseConfig: no panic, and a config that loads has values in range.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("day_start = 5\nnew_per_day = 10\nleech_action = \"suspend\"\n"))
	f.Add([]byte("device = \"x\"\n[table]\nkey = 1\n"))
	f.Add([]byte("day_start = \"4\"\nload_balance = 1\ndevice = 3.5\n"))
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
