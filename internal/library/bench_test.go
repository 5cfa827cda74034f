package library

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
)

// benchOptions are the options for a copy of a generated collection's
// data folder (the caches are written there), its decks read in place.
func benchOptions(b testing.TB, size gen.Size) Options {
	b.Helper()
	dir, err := gen.Cached(size)
	if err != nil {
		b.Fatal(err)
	}
	data := b.TempDir()
	if err := os.CopyFS(data, os.DirFS(filepath.Join(dir, "data"))); err != nil {
		b.Fatal(err)
	}
	decks := filepath.Join(dir, "decks")
	return Options{DataDir: data, Settings: config.Defaults(), Device: "laptop", Loc: time.UTC,
		Sources: []deck.Source{{FS: os.DirFS(decks), Dir: decks, Label: decks, Origin: "--decks"}},
		Now:     time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC)}
}

func benchSizes(b *testing.B, fn func(b *testing.B, size gen.Size)) {
	for _, size := range gen.Sizes {
		if size.Name == "L" && testing.Short() {
			continue
		}
		b.Run(size.Name, func(b *testing.B) { fn(b, size) })
	}
}

// BenchmarkTodayStatus computes today's status without the caches (the
// whole log replayed, every deck decoded) and with them warm.
func BenchmarkTodayStatus(b *testing.B) {
	benchSizes(b, func(b *testing.B, size gen.Size) {
		o := benchOptions(b, size)
		for _, cache := range []bool{false, true} {
			name := map[bool]string{false: "cold", true: "warm"}[cache]
			b.Run(name, func(b *testing.B) {
				o.Cache = cache
				if _, _, err := TodayStatus(o, cache, func([]Warning) {}); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					s, _, err := TodayStatus(o, cache, func([]Warning) {})
					if err != nil || len(s.Decks) == 0 {
						b.Fatalf("status of no decks: %v", err)
					}
				}
			})
		}
	})
}

// BenchmarkOpenResumed opens the library for today's review from a warm
// replay checkpoint and deck cache, what a review waits for before its
// first card: with nothing appended to the log since, and with one more
// answer.
func BenchmarkOpenResumed(b *testing.B) {
	benchSizes(b, func(b *testing.B, size gen.Size) {
		o := benchOptions(b, size)
		o.Parts, o.Cache, o.Resume = WithStates, true, true
		lib, err := Open(o)
		if err != nil {
			b.Fatal(err)
		}
		open := func(b *testing.B, tail int) {
			lib, err := Open(o)
			if err != nil || lib.Log.Len() != tail || len(lib.States) == 0 {
				b.Fatalf("resumed with %d records, %d states: %v", lib.Log.Len(), len(lib.States), err)
			}
			sel, _ := lib.Select(nil, nil)
			if q := lib.Queue(sel, srs.Limits{NewPerDay: 20}); len(q) == 0 {
				b.Fatal("an empty queue")
			}
		}
		b.Run("warm", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				open(b, 0)
			}
		})
		answers := 0 // across the runs of the benchmark: each answer is later than the last
		b.Run("one more answer", func(b *testing.B) {
			w, err := lib.OpenLog("laptop")
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			at := lib.Stamp(o.Now)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				answers++
				rec := srs.Record{Time: at.Add(time.Duration(answers) * time.Millisecond), Day: lib.Today, Event: srs.Answer,
					Card: lib.Prompts[answers%len(lib.Prompts)].Key, Grade: 4, Millis: 3000}
				if err := w.Append(rec); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				open(b, 1)
			}
		})
	})
}
