package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// runAt runs the program in-process as device, at the moment now (the
// clock moves on a second at each reading), with stdin as its input.
func runAt(t *testing.T, data, device string, now time.Time, stdin string, args ...string) (string, string, int) {
	t.Helper()
	t.Setenv("REHEARSE_DEVICE", device)
	clock := now
	var stdout, stderr strings.Builder
	code := runStreams(context.Background(), append([]string{"rehearse", "--data-dir", data}, args...),
		strings.NewReader(stdin), &stdout, &stderr, func() time.Time { clock = clock.Add(time.Second); return clock })
	return stdout.String(), stderr.String(), code
}

// keysFor makes the lines of a session: each card revealed and graded
// from the pattern, with an undo, a bury or a suspend now and then.
func keysFor(rng *rand.Rand, cards int) string {
	var b strings.Builder
	for i := 0; i < cards; i++ {
		switch rng.Intn(12) {
		case 0:
			b.WriteString("b\n")
			continue
		case 1:
			b.WriteString("s\n")
			continue
		case 2:
			b.WriteString("u\n")
		}
		fmt.Fprintf(&b, "\n%d\n", rng.Intn(6))
	}
	return b.String()
}

// exchange copies each data folder's own log file into the other, as git
// or Syncthing would.
func exchange(t *testing.T, a, b, devA, devB string) {
	t.Helper()
	cp := func(from, to string) {
		src, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cp(revlog.DeviceFile(a, devA), revlog.DeviceFile(b, devA))
	cp(revlog.DeviceFile(b, devB), revlog.DeviceFile(a, devB))
}

// TestTwoDevicesConverge: a laptop and a desktop study the same decks in
// their own data folders for three weeks, sometimes the same cards on the
// same day, with undos, burials and suspensions. Every few days their log
// files are exchanged. After each exchange both folders hold the same card
// states and print the same status, whichever device asks.
func TestTwoDevicesConverge(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 60)
	a, b := filepath.Join(dir, "laptop"), filepath.Join(dir, "desktop")
	rng := rand.New(rand.NewSource(9))
	day0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	args := []string{"--no-builtin", "--decks", deckPath}
	exchanges := 0
	for day := 0; day < 21; day++ {
		morning := day0.AddDate(0, 0, day)
		for _, dev := range []struct {
			data, name string
			at         time.Time
		}{{a, "laptop", morning}, {b, "desktop", morning.Add(90 * time.Minute)}} {
			if rng.Intn(4) == 0 {
				continue // this device skips the day
			}
			_, stderr, code := runAt(t, dev.data, dev.name, dev.at, keysFor(rng, 8), append(args, "review", "--new", "4")...)
			if code != exitOK {
				t.Fatalf("day %d on %s: exit %d\n%s", day, dev.name, code, stderr)
			}
		}
		if day%3 != 2 {
			continue
		}
		for _, d := range []string{a, b} {
			os.MkdirAll(revlog.Dir(d), 0o700) // a device that has not studied yet
			for _, dev := range []string{"laptop", "desktop"} {
				if _, err := os.Stat(revlog.DeviceFile(d, dev)); os.IsNotExist(err) {
					os.WriteFile(revlog.DeviceFile(d, dev), []byte(revlog.Header+"\n"), 0o600)
				}
			}
		}
		exchange(t, a, b, "laptop", "desktop")
		exchanges++
		// A sync tool's conflict copy of a log repeats records; they count once.
		if day == 8 {
			src, _ := os.ReadFile(revlog.DeviceFile(a, "laptop"))
			os.WriteFile(filepath.Join(revlog.Dir(b), "laptop.sync-conflict-20260309.tsv"), src, 0o600)
		}

		logA, errA := revlog.Read(a)
		logB, errB := revlog.Read(b)
		if errA != nil || errB != nil {
			t.Fatalf("day %d: %v %v", day, errA, errB)
		}
		statesA := srs.Replay(logA, srs.Params{})
		statesB := srs.Replay(logB, srs.Params{})
		if diff := cmp.Diff(statesA, statesB); diff != "" {
			t.Fatalf("day %d: states differ (-laptop +desktop)\n%s", day, diff)
		}
		evening := morning.Add(12 * time.Hour)
		outA, _, _ := runAt(t, a, "laptop", evening, "", append(args, "status")...)
		outB, _, _ := runAt(t, b, "desktop", evening, "", append(args, "status")...)
		if outA != outB {
			t.Fatalf("day %d: status differs\nlaptop:\n%s\ndesktop:\n%s", day, outA, outB)
		}
		cardA, _, _ := runAt(t, a, "laptop", evening, "", append(args, "card", "c/c3")...)
		cardB, _, _ := runAt(t, b, "desktop", evening, "", append(args, "card", "c/c3")...)
		if cardA != cardB {
			t.Fatalf("day %d: card c/c3 differs\nlaptop:\n%s\ndesktop:\n%s", day, cardA, cardB)
		}
		if len(statesA) == 0 {
			t.Fatalf("day %d: nothing studied", day)
		}
	}
	if exchanges < 5 {
		t.Fatalf("%d exchanges", exchanges)
	}
}

// TestTwoSessionsStartedTogether starts two sessions on one data folder at
// the same instant, many times: each time exactly one of them runs, the
// other says clearly that a session is running and exits 1 having written
// nothing, and the answers of the one that ran are all in the log.
func TestTwoSessionsStartedTogether(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 200)
	data := filepath.Join(dir, "data")
	want := 0
	const rounds = 20
	for round := 0; round < rounds; round++ {
		type result struct {
			code           int
			stdout, stderr string
		}
		results := make([]result, 2)
		var ready, wg sync.WaitGroup
		ready.Add(1)
		for i := range results {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				cmd := exec.Command(bin, "--no-builtin", "--data-dir", data, "--decks", deckPath, "review", "--new", "1000")
				cmd.Env = childEnv("REHEARSE_DEVICE=same", "NO_COLOR=1")
				cmd.Stdin = strings.NewReader("\n5\n\n4\n")
				var stdout, stderr strings.Builder
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				ready.Wait()
				cmd.Run()
				results[i] = result{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
			}(i)
		}
		ready.Done()
		wg.Wait()
		ran, refused := 0, 0
		for _, r := range results {
			switch {
			case r.code == 0 && strings.Contains(r.stdout, "2 answers") && r.stderr == "":
				ran++
			case r.code == 1 && r.stdout == "" && strings.HasPrefix(r.stderr, "rehearse: another rehearse session is running on this data folder"):
				refused++
			default:
				t.Fatalf("round %d: exit %d\nstdout: %s\nstderr: %s", round, r.code, r.stdout, r.stderr)
			}
		}
		// Both may run when the first ends before the second starts.
		if ran == 0 || ran+refused != 2 {
			t.Fatalf("round %d: %d ran, %d refused", round, ran, refused)
		}
		want += 2 * ran
		log, err := revlog.Read(data)
		if err != nil || len(log.Warnings) > 0 {
			t.Fatalf("round %d: %v %v", round, err, log.Warnings)
		}
		if log.Len() != want {
			t.Fatalf("round %d: %d records, want %d", round, log.Len(), want)
		}
		f, _ := os.Open(revlog.DeviceFile(data, "same"))
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if n := strings.Count(sc.Text(), "\t"); n != strings.Count(revlog.Header, "\t") {
				t.Fatalf("round %d: interleaved line %q", round, sc.Text())
			}
		}
		f.Close()
	}
}

// childEnv is the environment for the program run as a child process:
// this one's, with extra settings. A program built with -race sleeps a
// second before exiting, to let late reports through; the children skip
// that, so that tests starting many of them stay quick.
func childEnv(extra ...string) []string {
	env := append(os.Environ(), "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	return append(env, extra...)
}
