package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs/revlog"
)

// writeDeck writes a deck of n plain cards and returns its path.
func writeDeck(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("[deck]\nid = \"c\"\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\n[[card]]\nid = \"c%d\"\nfront = \"Question %d?\"\nback = \"Answer %d.\"\n", i, i, i)
	}
	path := filepath.Join(dir, "c.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// driver answers cards in a piped session, line by line.
type driver struct {
	in  io.Writer
	out *bufio.Reader
}

// waitFor reads output lines until one contains s.
func (d *driver) waitFor(s string) error {
	for {
		line, err := d.out.ReadString('\n')
		if strings.Contains(line, s) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for %q: %w", s, err)
		}
	}
}

// TestCtrlCLosesNothing cancels a session as Ctrl-C does, mid-card, and
// checks that every answer given before is in the log and the exit code is 130.
func TestCtrlCLosesNothing(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 5)
	data := filepath.Join(dir, "data")
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- runStreams(ctx, []string{"rehearse", "--no-builtin", "--data-dir", data, "--decks", deckPath, "review"},
			inR, outW, io.Discard, time.Now)
		outW.Close()
	}()
	d := &driver{in: inW, out: bufio.NewReader(outR)}
	for i := 0; i < 3; i++ {
		if err := d.waitFor("[enter] show answer"); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(inW)
		if err := d.waitFor("next:"); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(inW, "5")
		if err := d.waitFor("saved"); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.waitFor("[enter] show answer"); err != nil {
		t.Fatal(err)
	}
	cancel()
	go io.Copy(io.Discard, outR)
	if code := <-done; code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	log, err := revlog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Records()) != 3 {
		t.Errorf("%d records in the log, want the 3 answered", len(log.Records()))
	}
}

// TestSecondSessionIsRefused starts a session and, while it waits for
// input, a second one on the same data folder: the second must say that a
// session is running, write nothing, and exit 1. So it must too when a sync
// tool deleted or replaced the data folder's lock file meanwhile.
func TestSecondSessionIsRefused(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	for _, lock := range []string{"kept", "deleted", "replaced"} {
		t.Run("lock "+lock, func(t *testing.T) {
			if lock != "kept" && runtime.GOOS == "windows" {
				t.Skip("the log file is locked on unix systems only")
			}
			dir := t.TempDir()
			deckPath := writeDeck(t, dir, 3)
			data := filepath.Join(dir, "data")
			args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "review"}
			first := exec.Command(bin, args...)
			in, _ := first.StdinPipe()
			out, _ := first.StdoutPipe()
			if err := first.Start(); err != nil {
				t.Fatal(err)
			}
			defer first.Process.Kill()
			d := &driver{in: in, out: bufio.NewReader(out)}
			if err := d.waitFor("[enter] show answer"); err != nil {
				t.Fatal(err)
			}
			if lock != "kept" {
				os.Remove(filepath.Join(data, "lock"))
			}
			if lock == "replaced" {
				os.WriteFile(filepath.Join(data, "lock"), nil, 0o600)
			}
			second := exec.Command(bin, args...)
			second.Stdin = strings.NewReader("\n5\n")
			var stdout, stderr strings.Builder
			second.Stdout, second.Stderr = &stdout, &stderr
			err = second.Run()
			if code := second.ProcessState.ExitCode(); code != 1 {
				t.Errorf("second session exit code %d (%v), want 1", code, err)
			}
			want := fmt.Sprintf("rehearse: another rehearse session is running on this data folder (pid %d)\n", first.Process.Pid)
			if !strings.HasPrefix(stderr.String(), want) || !strings.Contains(stderr.String(), "hint: finish or quit the other session") {
				t.Errorf("second session said:\n%s\nwant it to start with:\n%s", stderr.String(), want)
			}
			if stdout.Len() != 0 {
				t.Errorf("second session printed:\n%s", stdout.String())
			}
			// The first session goes on and saves its answer.
			fmt.Fprintln(in)
			fmt.Fprintln(in, "5")
			if err := d.waitFor("saved"); err != nil {
				t.Fatal(err)
			}
			in.Close()
			first.Wait()
			log, err := revlog.Read(data)
			if err != nil || len(log.Records()) != 1 {
				t.Fatalf("log after both sessions: %v records, %v", len(log.Records()), err)
			}
		})
	}
}
