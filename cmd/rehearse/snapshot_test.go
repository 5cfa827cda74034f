package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/srs"
)

// cachedCommands are the commands whose output the caches must never
// change: every one that reads decks, the log or both.
var cachedCommands = [][]string{
	{"review", "--limit", "5"}, {"status"}, {"stats"}, {"stats", "--scheduler", "fsrs"}, {"decks"}, {"lint"},
	{"search", "card"}, {"card", "deck-000/card-00000"}, {"ready", "--date", "2026-12-20"},
	{"export", "--format", "json", "deck-003"},
}

// statusOutput runs status on a collection, with or without the cache.
func statusOutput(t *testing.T, dir string, cache bool) string {
	t.Helper()
	return commandOutput(t, dir, cache, "status")
}

// commandOutput runs a command on a collection, with or without the
// cache, and returns its output and exit code.
func commandOutput(t *testing.T, dir string, cache bool, command ...string) string {
	t.Helper()
	if cache {
		t.Setenv("REHEARSE_CACHE", "")
	} else {
		t.Setenv("REHEARSE_CACHE", "off")
	}
	var stdout, stderr strings.Builder
	now := func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }
	args := append([]string{"rehearse", "--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", filepath.Join(dir, "decks")}, command...)
	code := run(args, strings.NewReader(""), &stdout, &stderr, now)
	if code != 0 && command[0] == "status" {
		t.Fatalf("status exit code %d: %s", code, stderr.String())
	}
	return fmt.Sprintf("%s--- stderr\n%s--- exit code %d\n", stdout.String(), stderr.String(), code)
}

// TestSnapshotIsNeverStale changes deck and log files in every way between
// runs and checks that status, and every other command that reads decks
// or the log, prints with the caches exactly what it prints without them.
func TestSnapshotIsNeverStale(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.S, srs.DateDay(2026, 11, 25)); err != nil {
		t.Fatal(err)
	}
	t.Setenv("REHEARSE_DEVICE", "laptop")
	deckFile := filepath.Join(dir, "decks", "deck-003.toml")
	logFile := filepath.Join(dir, "data", "log", "laptop.tsv")
	cacheFile := library.CheckpointPath(filepath.Join(dir, "data"))

	check := func(what string) string {
		t.Helper()
		// The commands run first read on from the checkpoint the last
		// check left (a review reads on from it and rewrites it).
		for _, command := range cachedCommands {
			want := commandOutput(t, dir, false, command...)
			for _, pass := range []string{"written", "read"} {
				if got := commandOutput(t, dir, true, command...); got != want {
					t.Fatalf("after %s, %q with the cache %s differs:\n%s\nwant:\n%s", what, command, pass, got, want)
				}
			}
		}
		want := statusOutput(t, dir, false)
		if got := statusOutput(t, dir, true); got != want {
			t.Fatalf("after %s, the cached status differs (cache written now):\n%s\nwant:\n%s", what, got, want)
		}
		if _, err := os.Stat(cacheFile); err != nil {
			t.Fatalf("after %s there is no cache: %v", what, err)
		}
		if got := statusOutput(t, dir, true); got != want {
			t.Fatalf("after %s, the cached status differs (cache read):\n%s\nwant:\n%s", what, got, want)
		}
		return want
	}
	edit := func(path string, fn func(string) string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(fn(string(b))), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	first := check("the first run")
	// A deck edited: a card's id changes, so a new card appears.
	edit(deckFile, func(s string) string { return strings.Replace(s, `id = "card-00007"`, `id = "card-x0007"`, 1) })
	check("an edit that changes a card id")
	// The same size, other content: a card's id changes back.
	edit(deckFile, func(s string) string { return strings.Replace(s, `id = "card-x0007"`, `id = "card-00007"`, 1) })
	if got := check("an edit back to the first text"); got != first {
		t.Errorf("the first text gives another status:\n%s\nwant:\n%s", got, first)
	}
	// Touched: the content is the same.
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(deckFile, future, future); err != nil {
		t.Fatal(err)
	}
	check("a touch")
	// Replaced by another file (rename over it).
	tmp := deckFile + ".new"
	edit(deckFile, func(s string) string { return s }) // keep a copy to edit
	b, _ := os.ReadFile(deckFile)
	os.WriteFile(tmp, []byte(strings.Replace(string(b), "[[card]]", "# a comment\n[[card]]", 1)), 0o600)
	if err := os.Rename(tmp, deckFile); err != nil {
		t.Fatal(err)
	}
	check("a replaced deck file")
	// A deck removed, and one added.
	os.Remove(filepath.Join(dir, "decks", "deck-009.toml"))
	check("a removed deck")
	os.WriteFile(filepath.Join(dir, "decks", "extra.toml"), []byte("[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A.\"\n"), 0o600)
	check("an added deck")
	// A broken deck: its warning is printed with and without the cache.
	os.WriteFile(filepath.Join(dir, "decks", "broken.toml"), []byte("[[card]]\nid = \"a\"\nfront = \"Q?\"\n"), 0o600)
	if got := check("a broken deck"); !strings.Contains(got, "deck not loaded") {
		t.Errorf("no warning about the broken deck:\n%s", got)
	}
	// The log appended to, and truncated.
	edit(logFile, func(s string) string {
		return s + "2026-11-25T08:59:00.000Z\tanswer\tdeck-000/card-00000\t0\t1000\t2026-11-25\t0\t1\t1.70\t2026-11-26\t\t\n"
	})
	check("an answer appended to the log")
	edit(logFile, func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		return strings.Join(lines[:len(lines)/2], "")
	})
	check("a truncated log")
	// A second device's log appears (as a sync would bring it).
	os.WriteFile(filepath.Join(dir, "data", "log", "phone.tsv"), []byte("time\tevent\tcard\tday\n2026-11-25T08:00:00.000Z\tsuspend\tdeck-001/card-00001\t2026-11-25\n"), 0o600)
	check("a new device's log")
	// A damaged cache is rebuilt silently.
	os.WriteFile(cacheFile, []byte("not a snapshot"), 0o600)
	check("a damaged cache")
	os.WriteFile(cacheFile, nil, 0o600)
	check("an empty cache")
	// Nothing is left behind by the atomic writes.
	filepath.WalkDir(filepath.Dir(cacheFile), func(p string, d fs.DirEntry, err error) error {
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	if info, err := os.Stat(cacheFile); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("cache file mode: %v, %v", info, err)
	}
}
