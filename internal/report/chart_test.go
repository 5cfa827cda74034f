package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestBar(t *testing.T) {
	ascii, blocks := chart{}, chart{blocks: true}
	tests := []struct {
		c          chart
		n, max, w  int
		want       string
		wantLength int // in runes
	}{
		{ascii, 0, 10, 40, "", 0},
		{ascii, 10, 10, 40, strings.Repeat("#", 40), 40},
		{ascii, 1, 1000, 40, "#", 1}, // a sliver for anything above zero
		{ascii, 5, 10, 40, strings.Repeat("#", 20), 20},
		{blocks, 10, 10, 40, strings.Repeat("█", 40), 40},
		{blocks, 1, 1000, 40, "▏", 1},
		{blocks, 3, 16, 4, "▊", 1}, // 3/16 of 4 cells = 6 eighths
		{blocks, 9, 16, 4, "██▎", 3},
	}
	for _, tt := range tests {
		got := tt.c.bar(tt.n, tt.max, tt.w)
		if got != tt.want || len([]rune(got)) != tt.wantLength {
			t.Errorf("bar(%d, %d, %d) blocks=%v = %q, want %q", tt.n, tt.max, tt.w, tt.c.blocks, got, tt.want)
		}
	}
	if got := (chart{style: tui.Style{On: true}}).bar(1, 1, 2); got != "\x1b[32m##\x1b[0m" {
		t.Errorf("coloured bar = %q", got)
	}
}

func TestHeatLevel(t *testing.T) {
	level := heatLevel([]int{1, 2, 3, 4, 5, 6, 7, 8, 100})
	for n, want := range map[int]int{1: 1, 3: 1, 4: 2, 5: 2, 6: 3, 7: 3, 8: 4, 99: 4, 100: 4} {
		if got := level(n); got != want {
			t.Errorf("level(%d) = %d, want %d", n, got, want)
		}
	}
	if got := heatLevel([]int{5, 5, 5})(5); got != 4 {
		t.Errorf("equal days: level %d, want 4 (the busiest day)", got)
	}
}

// reportLog is a review log over a year and a half: twelve cards in two
// decks, each answered when due (on most days), with grades in a fixed
// pattern and re-drills until 4, so that every chart has something to draw.
func reportLog(today srs.Day) ([]srs.Candidate, []srs.Record) {
	var cards []srs.Candidate
	for i := 0; i < 12; i++ {
		g := "net"
		if i%3 == 0 {
			g = "sec"
		}
		cards = append(cards, srs.Candidate{Card: fmt.Sprintf("%s/c%d", g, i), Group: g})
	}
	pattern := []srs.Grade{5, 4, 4, 5, 3, 4, 5, 1, 4, 5, 4, 0, 5, 4, 2, 4, 5}
	states := map[string]srs.CardState{}
	var recs []srs.Record
	k := 0
	for d := today - 500; d <= today; d++ {
		if int(d)%7 == 3 || int(d)%11 == 0 {
			continue // days off
		}
		for i, c := range cards {
			st, ok := states[c.Card]
			if !ok {
				if int(d-today+500) < 3*i {
					continue // introduced three days apart
				}
				st = srs.NewCardState()
			} else if st.Due > d {
				continue
			}
			for drill := 0; ; drill++ {
				q := pattern[k%len(pattern)]
				k++
				next, scheduled := st.Apply(q, d, srs.Params{})
				ev := srs.Answer
				if !scheduled {
					ev = srs.Drill
				}
				recs = append(recs, srs.Record{Time: d.Time().Add(18*time.Hour + time.Duration(10*i+drill)*time.Minute), Day: d,
					Event: ev, Card: c.Card, Grade: q, Millis: 3000 + 1000*(k%50)})
				st = next
				if q >= srs.Hesitant {
					break
				}
			}
			states[c.Card] = st
		}
	}
	return cards, recs
}

// TestReportGolden renders the whole report as a terminal shows it (with
// Unicode blocks) and as a dumb terminal or a pipe does (ASCII), and
// compares them with testdata/stats-*.golden (go test ./internal/report
// -run TestReportGolden -update rewrites them).
func TestReportGolden(t *testing.T) {
	today := srs.DateDay(2026, 11, 25)
	cards, recs := reportLog(today)
	s := srs.Statistics(cards, srs.Records(recs), srs.StatsOptions{Today: today, LeechThreshold: 3})
	for _, tt := range []struct {
		name  string
		chart chart
	}{
		{"blocks", chart{blocks: true}},
		{"ascii", chart{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			r := &statsReport{out: &b, s: s, chart: tt.chart}
			if err := r.write(DefaultStatsSections(srs.ModelSM2, false), true); err != nil {
				t.Fatal(err)
			}
			got := b.String()
			if strings.Contains(got, "\x1b") {
				t.Errorf("escape sequences without colour")
			}
			for _, line := range strings.Split(got, "\n") {
				if strings.HasSuffix(line, " ") {
					t.Errorf("trailing space: %q", line)
				}
			}
			if !tt.chart.blocks && strings.ContainsAny(got, "█▏░▒▓·") {
				t.Errorf("Unicode blocks in ASCII output")
			}
			path := filepath.Join("testdata", "stats-"+tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-want +got)\n%s", path, diff)
			}
		})
	}
}

func TestHeatmapColour(t *testing.T) {
	today := srs.DateDay(2026, 11, 25)
	a := &srs.Activity{Days: []srs.DayActivity{{Day: today - 1, Reviews: 3}, {Day: today, Reviews: 9}}}
	var plain, coloured bytes.Buffer
	chart{blocks: true}.heatmap(&plain, a, today)
	chart{blocks: true, style: tui.Style{On: true}}.heatmap(&coloured, a, today)
	if strings.Contains(plain.String(), "\x1b") {
		t.Error("colour codes without colour")
	}
	if !strings.Contains(coloured.String(), "\x1b[32m█\x1b[0m") {
		t.Errorf("today's busiest day is not a green full block:\n%s", coloured.String())
	}
	// Tuesday (yesterday) has 3 answers: the lowest quartile shade.
	lines := strings.Split(plain.String(), "\n")
	if tue := lines[2]; !strings.HasSuffix(tue, "░") {
		t.Errorf("Tuesday row %q does not end with yesterday's light shade", tue)
	}
	if wed := lines[3]; !strings.HasPrefix(wed, " Wed ") || !strings.HasSuffix(wed, "█") {
		t.Errorf("Wednesday row %q does not end with today's full block", wed)
	}
	if thu := lines[4]; len([]rune(thu)) != len([]rune(lines[3]))-1 {
		t.Errorf("Thursday (the future) is drawn: %q", thu)
	}
}
