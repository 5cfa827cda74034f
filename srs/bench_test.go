package srs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// loaded is a generated collection's log and the cards of its decks.
func loaded(b *testing.B, size gen.Size) (*revlog.Log, []srs.Candidate) {
	b.Helper()
	dir, err := gen.Cached(size)
	if err != nil {
		b.Fatal(err)
	}
	log, err := revlog.Read(filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	// The cards are the ones the log mentions plus the never-studied rest:
	// the generator names them deck-NNN/card-NNNNN.
	files, _ := filepath.Glob(filepath.Join(dir, "decks", "*.toml"))
	var cands []srs.Candidate
	for _, f := range files {
		deckID := strings.TrimSuffix(filepath.Base(f), ".toml")
		src, _ := os.ReadFile(f)
		for _, line := range strings.Split(string(src), "\n") {
			if id, ok := strings.CutPrefix(line, `id = "card-`); ok {
				cands = append(cands, srs.Candidate{Card: deckID + "/card-" + strings.TrimSuffix(id, `"`), Group: deckID})
			}
		}
	}
	return log, cands
}

func sizes(b *testing.B, fn func(b *testing.B, size gen.Size)) {
	for _, size := range gen.Sizes {
		if size.Name == "L" && testing.Short() {
			continue
		}
		b.Run(size.Name, func(b *testing.B) { fn(b, size) })
	}
}

var benchToday = srs.DateDay(2026, 11, 25)

// BenchmarkBuildQueue builds today's queue from replayed states.
func BenchmarkBuildQueue(b *testing.B) {
	sizes(b, func(b *testing.B, size gen.Size) {
		log, cands := loaded(b, size)
		states := srs.Replay(log, srs.Params{})
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			srs.BuildQueue(cands, states, benchToday, srs.DefaultLimits)
		}
	})
}

// BenchmarkStatistics computes every statistics section.
func BenchmarkStatistics(b *testing.B) {
	sizes(b, func(b *testing.B, size gen.Size) {
		log, cands := loaded(b, size)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			srs.Statistics(cands, log, srs.StatsOptions{Today: benchToday})
		}
	})
}

// BenchmarkStatisticsFSRS computes every statistics section with FSRS in
// force, so that the replay keeps every card's memory.
func BenchmarkStatisticsFSRS(b *testing.B) {
	sizes(b, func(b *testing.B, size gen.Size) {
		log, cands := loaded(b, size)
		p := srs.Params{Model: srs.ModelFSRS}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			srs.Statistics(cands, log, srs.StatsOptions{Today: benchToday, Params: p})
		}
	})
}

// BenchmarkRetention computes only the true-retention section.
func BenchmarkRetention(b *testing.B) {
	sizes(b, func(b *testing.B, size gen.Size) {
		log, cands := loaded(b, size)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			srs.Retention(cands, log, benchToday, srs.Params{})
		}
	})
}
