package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/decks"
)

const cachedDeck = `[deck]
id = "net"
name = "Networking"

[[card]]
id = "osi-l3"
front = "Which OSI layer routes packets?"
back = "Layer 3, network."
reverse = true
`

// loadThrough loads every deck of srcs with the deck cache of dataDir.
func loadThrough(t *testing.T, dataDir string, text deck.Text, srcs ...deck.Source) *deck.Set {
	t.Helper()
	load := deckLoader(dataDir, text)
	if load == nil {
		t.Fatal("no deck cache")
	}
	return deck.LoadAllWith(load, srcs...)
}

func TestDeckCacheGivesWhatParsingGives(t *testing.T) {
	dataDir, deckDir := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(deckDir, "net.toml"), []byte(cachedDeck), 0o600)
	os.WriteFile(filepath.Join(deckDir, "noid.toml"), []byte("[[card]]\nfront = \"Q?\"\nback = \"A.\"\n"), 0o600)
	srcs := []deck.Source{{FS: decks.FS, Label: "built-in", Origin: "built-in"},
		{FS: os.DirFS(deckDir), Dir: deckDir, Label: deckDir, Origin: "user"}}
	want := deck.LoadAll(srcs...)
	for _, what := range []string{"written", "read"} {
		got := loadThrough(t, dataDir, deck.AllText, srcs...)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("decks with the cache %s differ (-parsed +cached):\n%s", what, diff)
		}
	}
	files, _ := os.ReadDir(DeckCacheDir(dataDir))
	if n := len(want.Decks) + len(want.StoryFiles) + len(want.Replaced); len(files) != n {
		t.Errorf("%d cache files for %d deck files", len(files), n)
	}
}

func TestDeckCacheNoticesEveryChange(t *testing.T) {
	defer func(old time.Duration) { settleTime = old }(settleTime)
	for _, settle := range []time.Duration{time.Hour, 0} {
		settleTime = settle // an hour: every cache is checked by hash; 0: by the file's stamp alone
		dataDir, deckDir := t.TempDir(), t.TempDir()
		file := filepath.Join(deckDir, "net.toml")
		src := deck.Source{FS: os.DirFS(deckDir), Dir: deckDir, Label: deckDir, Origin: "user"}
		front := func() string {
			t.Helper()
			set := loadThrough(t, dataDir, deck.AllText, src)
			if len(set.Decks) != 1 {
				return "not loaded"
			}
			return set.Decks[0].Cards[0].Front
		}
		os.WriteFile(file, []byte(cachedDeck), 0o600)
		info, _ := os.Stat(file)
		if got := front(); got != "Which OSI layer routes packets?" {
			t.Fatalf("first load: %q", got)
		}
		// The same size, and the modification time put back.
		os.WriteFile(file, []byte(strings.Replace(cachedDeck, "routes", "ROUTES", 1)), 0o600)
		os.Chtimes(file, info.ModTime(), info.ModTime())
		if got := front(); got != "Which OSI layer ROUTES packets?" {
			t.Fatalf("settle %v: an edit of the same size and time is not noticed: %q", settle, got)
		}
		// Replaced by a renamed file.
		os.WriteFile(file+".new", []byte(strings.Replace(cachedDeck, "routes", "forwards", 1)), 0o600)
		os.Rename(file+".new", file)
		if got := front(); got != "Which OSI layer forwards packets?" {
			t.Fatalf("settle %v: a replaced file is not noticed: %q", settle, got)
		}
		// Broken: not cached, and the error is the parser's.
		os.WriteFile(file, []byte("[[card]]\nid = \"a\"\nfront = \"Q?\"\n"), 0o600)
		set := loadThrough(t, dataDir, deck.AllText, src)
		if got := front(); got != "not loaded" || len(set.Errors) == 0 || !strings.Contains(set.Errors[0].Error(), "net.toml:1:") {
			t.Fatalf("settle %v: a broken deck: %q, %v", settle, got, set.Errors)
		}
		os.WriteFile(file, []byte(cachedDeck), 0o600)
		if got := front(); got != "Which OSI layer routes packets?" {
			t.Fatalf("settle %v: the deck fixed: %q", settle, got)
		}
	}
}

func TestDeckCacheRebuildsDamage(t *testing.T) {
	dataDir, deckDir := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(deckDir, "net.toml"), []byte(cachedDeck), 0o600)
	src := deck.Source{FS: os.DirFS(deckDir), Dir: deckDir, Label: deckDir, Origin: "user"}
	want := deck.LoadAll(src)
	loadThrough(t, dataDir, deck.AllText, src)
	files, _ := filepath.Glob(filepath.Join(DeckCacheDir(dataDir), "*.bin"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	good, _ := os.ReadFile(files[0])
	for name, b := range map[string][]byte{
		"empty":     nil,
		"cut short": good[:len(good)/2],
		"a flipped byte": func() []byte {
			b := append([]byte(nil), good...)
			b[len(b)-3] ^= 0x20
			return b
		}(),
		"another program": func() []byte {
			b := append([]byte(nil), good...)
			b[len(deckCacheMagic)] ^= 1
			return b
		}(),
	} {
		os.WriteFile(files[0], b, 0o600)
		if diff := cmp.Diff(want, loadThrough(t, dataDir, deck.AllText, src)); diff != "" {
			t.Fatalf("%s cache: decks differ:\n%s", name, diff)
		}
		if b, _ := os.ReadFile(files[0]); string(b) != string(good) {
			t.Errorf("%s cache: not rebuilt", name)
		}
	}
}

func TestDeckCacheKeysOnly(t *testing.T) {
	dataDir, deckDir := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(deckDir, "net.toml"), []byte(cachedDeck), 0o600)
	src := deck.Source{FS: os.DirFS(deckDir), Dir: deckDir, Label: deckDir, Origin: "user"}
	loadThrough(t, dataDir, deck.AllText, src)
	set := loadThrough(t, dataDir, deck.KeysOnly, src)
	d := set.Decks[0]
	if d.CardCount() != 2 || d.Cards[0].ID != "osi-l3" || d.Cards[0].Front != "" || d.Path != filepath.Join(deckDir, "net.toml") {
		t.Fatalf("keys-only deck: %+v %+v", d, d.Cards[0])
	}
}

func TestDeckCacheCreatesNoDataFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "data")
	if deckLoader(missing, deck.AllText) != nil {
		t.Fatal("a deck cache for a data folder that does not exist")
	}
}
