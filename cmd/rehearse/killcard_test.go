package main

import (
	"math/rand"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs/revlog"
)

// TestKillNineCardActions kills `card --suspend`, `--unsuspend` and
// `--reset` with SIGKILL at random moments, 60 times: an action that said
// it was done is in the log, once; the log always reads back (at most a
// torn last line, reported and skipped); and the next action repairs it.
func TestKillNineCardActions(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	if testing.Short() {
		t.Skip("kills real processes")
	}
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 3)
	data := filepath.Join(dir, "data")
	seed := time.Now().UnixNano()
	rng := rand.New(rand.NewSource(seed))
	t.Logf("seed %d", seed)
	actions := []string{"--suspend", "--unsuspend", "--reset"}
	// The kills land within one and a half times what an action takes
	// here (slower under the race detector), so that some land mid-action
	// and some after it.
	start := time.Now()
	if r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "card", "c/c2", "--suspend"}}); r.code != 0 {
		t.Fatalf("a card action: exit %d\n%s", r.code, r.stderr)
	}
	span := time.Since(start) * 3 / 2
	done, killed := 0, 0
	for i := 0; i < 60; i++ {
		action := actions[i%len(actions)]
		cmd := exec.Command(bin, "--no-builtin", "--data-dir", data, "--decks", deckPath, "card", "c/c1", action)
		cmd.Env = childEnv("REHEARSE_DEVICE=test", "TZ=UTC")
		var stdout strings.Builder
		cmd.Stdout = &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int63n(int64(span))))
		cmd.Process.Kill()
		cmd.Wait()
		log, err := revlog.Read(data)
		if err != nil {
			t.Fatalf("kill %d (%s): the log does not read back: %v", i, action, err)
		}
		if len(log.Warnings) > 1 {
			t.Fatalf("kill %d: %v", i, log.Warnings)
		}
		said := stdout.String()
		if cmd.ProcessState.ExitCode() == 0 && (strings.HasPrefix(said, "Suspended") || strings.HasPrefix(said, "Unsuspended") || strings.HasPrefix(said, "Reset")) {
			done++
			if n := log.Len(); n == 0 || log.At(n-1).Event.String() != strings.TrimPrefix(action, "--") {
				t.Fatalf("kill %d: %q was said, but the log's last record is not a %s", i, said, action)
			}
		} else {
			killed++
		}
	}
	if r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "card", "c/c1"}}); r.code != 0 {
		t.Fatalf("after the kills: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := revlog.Read(data); err != nil {
		t.Fatal(err)
	}
	t.Logf("RELIABILITY card actions: 60 SIGKILLs at random moments (%d landed mid-action, %d actions finished first); every finished action in the log, the log always readable", killed, done)
}
