package deck_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/gen"
)

// BenchmarkParse decodes and validates one generated deck file of about
// a thousand cards.
func BenchmarkParse(b *testing.B) {
	dir, err := gen.Cached(gen.M)
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(dir, "decks", "deck-000.toml")
	src, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := deck.Parse(name, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAll loads every deck of a generated collection.
func BenchmarkLoadAll(b *testing.B) {
	for _, size := range gen.Sizes {
		if size.Name == "L" && testing.Short() {
			continue
		}
		b.Run(size.Name, func(b *testing.B) {
			dir, err := gen.Cached(size)
			if err != nil {
				b.Fatal(err)
			}
			decks := filepath.Join(dir, "decks")
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				set := deck.LoadAll(deck.Source{FS: os.DirFS(decks), Dir: decks, Label: decks})
				entries := 0
				for _, d := range set.Decks {
					entries += len(d.Cards)
				}
				if len(set.Errors) > 0 || entries != size.Cards {
					b.Fatalf("%d [[card]] entries, errors %v", entries, set.Errors)
				}
			}
		})
	}
}
