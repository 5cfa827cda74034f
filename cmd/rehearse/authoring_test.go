package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs/revlog"
)

// TestCardActionWhileReviewing checks that --suspend is refused, clearly
// and without writing, while a review session holds the data folder.
func TestCardActionWhileReviewing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("REHEARSE_HOME", dir)
	t.Setenv("REHEARSE_DEVICE", "test")
	t.Setenv("XDG_CONFIG_HOME", dir)
	if err := os.MkdirAll(filepath.Join(dir, "decks"), 0o700); err != nil {
		t.Fatal(err)
	}
	deckFile := "[deck]\nid = \"d\"\n[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A.\"\n"
	if err := os.WriteFile(filepath.Join(dir, "decks", "d.toml"), []byte(deckFile), 0o644); err != nil {
		t.Fatal(err)
	}
	session, err := revlog.Open(dir, "test") // what a review session holds
	if err != nil {
		t.Fatal(err)
	}
	defer session.Close()
	now := func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }
	var stdout, stderr strings.Builder
	code := run([]string{"rehearse", "--no-builtin", "card", "d/a", "--suspend"}, strings.NewReader(""), &stdout, &stderr, now)
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	want := "rehearse: cannot suspend d/a: another rehearse session is running on this data folder (pid " +
		strconv.Itoa(os.Getpid()) + ")\nrehearse: hint: finish or quit the other session first (its lock is " + filepath.Join(dir, "lock") + ")\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	log, err := revlog.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if log.Len() != 0 {
		t.Errorf("records written while locked: %+v", log.Records())
	}
}
