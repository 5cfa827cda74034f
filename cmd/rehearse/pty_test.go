//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// ptyScreen collects what the program writes to its terminal.
type ptyScreen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

func (p *ptyScreen) text() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return ansi.ReplaceAllString(p.buf.String(), "")
}

func (p *ptyScreen) raw() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.buf.String()
}

// waitFor waits until the screen has shown want n times in all.
func (p *ptyScreen) waitFor(t *testing.T, want string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Count(p.text(), want) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q %d times; it shows:\n%s", want, n, p.text())
}

// TestTerminalSession drives the real program in a pseudo-terminal with
// single keys: reveal with space, grade, undo, a resize, and Ctrl-C. It
// checks the screen, the log, and that the terminal is left as it was.
func TestTerminalSession(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 3)
	data := filepath.Join(dir, "data")

	master, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal here:", err)
	}
	defer master.Close()
	defer slave.Close()
	if err := pty.Setsize(master, &pty.Winsize{Rows: 30, Cols: 90}); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "--no-builtin", "--data-dir", data, "--decks", deckPath, "review")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=", "REHEARSE_DEVICE=pty")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	screen := &ptyScreen{}
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := master.Read(b)
			screen.mu.Lock()
			screen.buf.Write(b[:n])
			screen.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	send := func(keys string) { master.Write([]byte(keys)) }

	screen.waitFor(t, "Question 1?", 1)
	screen.waitFor(t, "[enter] show answer", 1)
	send(" ")
	screen.waitFor(t, "Answer 1.", 1)
	screen.waitFor(t, "How well did you recall it?", 1)
	send("5")
	screen.waitFor(t, "Question 2?", 1)
	screen.waitFor(t, "saved · next review tomorrow", 1)

	// A resize redraws the card at the new width.
	clears := strings.Count(screen.raw(), "\x1b[2J")
	if err := pty.Setsize(master, &pty.Winsize{Rows: 30, Cols: 60}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(screen.raw(), "\x1b[2J") == clears && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if strings.Count(screen.raw(), "\x1b[2J") == clears {
		t.Error("the screen was not redrawn after a resize")
	}

	send("u")
	screen.waitFor(t, "undone: answer of c/c1", 1)
	screen.waitFor(t, "Question 1?", 2)
	send("\r")
	screen.waitFor(t, "How well did you recall it?", 2)
	send("4")
	screen.waitFor(t, "Question 2?", 2)
	send("\x03") // Ctrl-C
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit code %d (%v), want %d", code, err, exitInterrupted)
	}
	screen.waitFor(t, "Stopped: 1 answer", 1)

	after, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag || after.Cflag != before.Cflag {
		t.Errorf("the terminal was not restored:\nbefore %+v\nafter  %+v", before, after)
	}

	log, err := revlog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log.Records() {
		s := r.Event.String() + " " + r.Card
		if r.Event.Graded() {
			s += " " + r.Grade.String()
		}
		got = append(got, s)
	}
	want := []string{"answer c/c1 perfect", "undo c/c1", "answer c/c1 hesitated"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st := srs.Replay(log, srs.Params{})["c/c1"]; st == nil || st.Ease != 250 {
		t.Errorf("state after undo and re-answer: %+v, want ease 2.50", st)
	}
}

// TestTerminalRestoredOnSIGTERM stops a raw-mode session with SIGTERM and
// checks that the terminal is left as it was.
func TestTerminalRestoredOnSIGTERM(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 2)
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal here:", err)
	}
	defer master.Close()
	defer slave.Close()
	before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", deckPath, "review")
	cmd.Env = append(os.Environ(), "TERM=xterm", "REHEARSE_DEVICE=pty")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	screen := &ptyScreen{}
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := master.Read(b)
			screen.mu.Lock()
			screen.buf.Write(b[:n])
			screen.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	screen.waitFor(t, "[enter] show answer", 1)
	raw, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if raw.Lflag&unix.ECHO != 0 {
		t.Fatal("the session did not switch the terminal to raw mode")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit code %d, want %d", code, exitInterrupted)
	}
	after, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
		t.Errorf("the terminal was not restored after SIGTERM:\nbefore %+v\nafter  %+v", before, after)
	}
}
