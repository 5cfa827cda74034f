package revlog_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// collection returns the data folder of a generated collection.
func collection(b *testing.B, size gen.Size) string {
	b.Helper()
	dir, err := gen.Cached(size)
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "data")
}

func benchSizes(b *testing.B, fn func(b *testing.B, size gen.Size)) {
	for _, size := range gen.Sizes {
		if size.Name == "L" && testing.Short() {
			continue
		}
		b.Run(size.Name, func(b *testing.B) { fn(b, size) })
	}
}

// BenchmarkRead reads and merges a collection's log files.
func BenchmarkRead(b *testing.B) {
	benchSizes(b, func(b *testing.B, size gen.Size) {
		data := collection(b, size)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			log, err := revlog.Read(data)
			if err != nil || log.Len() != size.Answers {
				b.Fatalf("read %d records, %v", log.Len(), err)
			}
		}
	})
}

// BenchmarkReplay folds a collection's log into card states.
func BenchmarkReplay(b *testing.B) {
	benchSizes(b, func(b *testing.B, size gen.Size) {
		log, err := revlog.Read(collection(b, size))
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			srs.Replay(log, srs.Params{})
		}
	})
}

// BenchmarkAppend is one answer: a record appended and flushed to disk.
func BenchmarkAppend(b *testing.B) {
	benchSizes(b, func(b *testing.B, size gen.Size) {
		src := collection(b, size)
		dir := b.TempDir()
		// Start from the collection's log: the cost must not depend on its size.
		for _, dev := range []string{"laptop"} {
			data, err := os.ReadFile(revlog.DeviceFile(src, dev))
			if err != nil {
				b.Fatal(err)
			}
			os.MkdirAll(revlog.Dir(dir), 0o700)
			if err := os.WriteFile(revlog.DeviceFile(dir, dev), data, 0o600); err != nil {
				b.Fatal(err)
			}
			// Flush the copy now, so that the answers' fsyncs do not pay for it.
			if f, err := os.OpenFile(revlog.DeviceFile(dir, dev), os.O_RDWR, 0); err == nil {
				f.Sync()
				f.Close()
			}
		}
		w, err := revlog.Open(dir, "laptop")
		if err != nil {
			b.Fatal(err)
		}
		defer w.Close()
		rec := srs.Record{Time: time.Now(), Day: srs.DateDay(2026, 11, 25), Event: srs.Answer, Card: "deck-001/card-00001",
			Grade: 4, Millis: 3000, Schedule: srs.Schedule{Repetitions: 2, Interval: 6, Ease: 250}, Due: srs.DateDay(2026, 12, 1)}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := w.Append(rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}
