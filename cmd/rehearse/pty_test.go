//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// ptySession is the real program running in a pseudo-terminal.
type ptySession struct {
	cmd           *exec.Cmd
	master, slave *os.File
	screen        *ptyScreen
	before        *unix.Termios // the terminal's settings before the program ran
}

// startInPty runs rehearse with args in a new pseudo-terminal of 30 rows
// and 90 columns, collecting what it shows. It skips the test where there
// is no binary on PATH or no pseudo-terminal.
func startInPty(t *testing.T, args ...string) *ptySession {
	t.Helper()
	return startInPtyEnv(t, nil, args...)
}

// startInPtyEnv is startInPty with more environment variables.
func startInPtyEnv(t *testing.T, env []string, args ...string) *ptySession {
	t.Helper()
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	master, slave, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminal here:", err)
	}
	t.Cleanup(func() { master.Close(); slave.Close() })
	if err := pty.Setsize(master, &pty.Winsize{Rows: 30, Cols: 90}); err != nil {
		t.Fatal(err)
	}
	before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=", "REHEARSE_DEVICE=pty"), env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	s := &ptySession{cmd: cmd, master: master, slave: slave, screen: &ptyScreen{}, before: before}
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := master.Read(b)
			s.screen.mu.Lock()
			s.screen.buf.Write(b[:n])
			s.screen.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return s
}

// restored reports how the terminal's settings differ from before, if at all.
func (s *ptySession) restored(t *testing.T) {
	t.Helper()
	after, err := unix.IoctlGetTermios(int(s.slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != s.before.Lflag || after.Iflag != s.before.Iflag || after.Oflag != s.before.Oflag || after.Cflag != s.before.Cflag {
		t.Errorf("the terminal was not restored:\nbefore %+v\nafter  %+v", s.before, after)
	}
}

// TestTerminalSession drives the real program in a pseudo-terminal with
// single keys: reveal with space, grade, undo, a resize, and Ctrl-C. It
// checks the screen, the log, and that the terminal is left as it was.
func TestTerminalSession(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 3)
	data := filepath.Join(dir, "data")
	ps := startInPty(t, "--no-builtin", "--data-dir", data, "--decks", deckPath, "review")
	master, screen, cmd := ps.master, ps.screen, ps.cmd
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
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit code %d (%v), want %d", code, err, exitInterrupted)
	}
	screen.waitFor(t, "Stopped: 1 answer", 1)

	ps.restored(t)

	log, err := revlog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	got := recordLines(log)
	want := []string{"answer c/c1 5", "undo c/c1", "answer c/c1 4"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st := srs.Replay(log, srs.Params{})["c/c1"]; st == nil || st.Ease != 250 {
		t.Errorf("state after undo and re-answer: %+v, want ease 2.50", st)
	}
}

// TestTerminalRestoredOnSIGTERM stops a raw-mode session with SIGTERM, and
// with SIGHUP (the terminal window closed), and checks that the terminal
// is left as it was.
func TestTerminalRestoredOnSIGTERM(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			deckPath := writeDeck(t, dir, 2)
			ps := startInPty(t, "--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", deckPath, "review")
			ps.screen.waitFor(t, "[enter] show answer", 1)
			raw, err := unix.IoctlGetTermios(int(ps.slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if raw.Lflag&unix.ECHO != 0 {
				t.Fatal("the session did not switch the terminal to raw mode")
			}
			ps.cmd.Process.Signal(sig)
			ps.cmd.Wait()
			if code := ps.cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Errorf("exit code %d, want %d", code, exitInterrupted)
			}
			ps.restored(t)
		})
	}
}

// TestExportToTerminal: a deck exported to a terminal is shown as
// harmlessly as on the review screen (its escape sequences cannot retitle
// the window), while a file written with -o gets the text as written.
func TestExportToTerminal(t *testing.T) {
	dir := t.TempDir()
	deckPath := filepath.Join(dir, "evil.toml")
	if err := os.WriteFile(deckPath, []byte(hostileDeck), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"anki", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			ps := startInPty(t, "--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", deckPath,
				"export", "--deck", "evil", "--format", format)
			ps.cmd.Wait()
			time.Sleep(100 * time.Millisecond) // the last bytes on their way through the pty
			out := ps.screen.raw()
			if !strings.Contains(out, "front") {
				t.Fatalf("nothing exported:\n%q", out)
			}
			// Tabs separate the columns, and no terminal acts on them.
			if h := harmful(strings.NewReplacer("\r\n", "\n", "\t", " ").Replace(out), false); h != "" {
				t.Errorf("export to a terminal let through %s", h)
			}
		})
	}
	file := filepath.Join(dir, "evil.csv")
	if _, _, code := hostileRun(t, "", false, "--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", deckPath,
		"export", "--deck", "evil", "-o", file); code != 0 {
		t.Fatalf("export -o: exit %d", code)
	}
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), "\x1b]0;pwned\x07") {
		t.Errorf("the file does not hold the deck's text as written:\n%q", b)
	}
}

// TestPager: on a terminal, output taller than it goes through $PAGER;
// output that fits, --no-pager and a pipe print as they are.
func TestPager(t *testing.T) {
	dir := t.TempDir()
	pager := filepath.Join(dir, "pager")
	if err := os.WriteFile(pager, []byte("#!/bin/sh\necho PAGED BY THE PAGER\ncat\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{"PAGER=" + pager}
	data := filepath.Join(dir, "data")
	for _, tt := range []struct {
		name  string
		args  []string
		paged bool
	}{
		{"stats is taller than 30 rows", []string{"stats"}, true},
		{"--no-pager", []string{"--no-pager", "stats"}, false},
		{"a short report fits", []string{"stats", "--section", "forecast"}, false},
		{"decks show", []string{"decks", "show", "networking-layers"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := startInPtyEnv(t, env, append([]string{"--data-dir", data}, tt.args...)...)
			ps.cmd.Wait()
			time.Sleep(100 * time.Millisecond)
			out := ps.screen.text()
			if got := strings.Contains(out, "PAGED BY THE PAGER"); got != tt.paged {
				t.Errorf("paged %v, want %v:\n%s", got, tt.paged, out[:min(len(out), 300)])
			}
			if !strings.Contains(out, "rehearse") && !strings.Contains(out, "DUE IN THE NEXT") && !strings.Contains(out, "networking-layers") {
				t.Errorf("the report is missing:\n%s", out)
			}
		})
	}
	// Piped: never.
	stdout, _, code := hostileRun(t, "", false, "--data-dir", data, "stats")
	if code != 0 || strings.Contains(stdout, "PAGED") {
		t.Errorf("piped stats went through the pager (exit %d)", code)
	}
}

// TestResetAsksOnATerminal: on a terminal, card --reset asks first; no
// is no, and nothing is written.
func TestResetAsksOnATerminal(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 1)
	data := filepath.Join(dir, "data")
	if r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "review"}, stdin: answers(1)}); r.code != 0 {
		t.Fatalf("review: exit %d\n%s", r.code, r.stderr)
	}
	ps := startInPty(t, "--no-builtin", "--data-dir", data, "--decks", deckPath, "card", "c/c1", "--reset")
	ps.screen.waitFor(t, "[y/N]", 1)
	ps.master.Write([]byte("n\r"))
	ps.cmd.Wait()
	ps.screen.waitFor(t, "Not reset.", 1)
	log, err := revlog.Read(data)
	if err != nil || log.Len() != 1 {
		t.Errorf("after no: %d records, %v; want the answer only", log.Len(), err)
	}
}

// recordLines writes each record of a log as "event card [grade]", as in
// "answer k/basic 5".
func recordLines(log *revlog.Log) []string {
	var out []string
	for _, r := range log.Records() {
		s := r.Event.String() + " " + r.Card
		if r.Event.Graded() {
			s += " " + strconv.Itoa(int(r.Grade))
		}
		out = append(out, s)
	}
	return out
}

// TestTerminalMock drives a mock interview in a pseudo-terminal: the
// countdown redraws in place each second and runs over, a resize redraws
// it, a factual answer is graded, q ends the mock with its report, and
// the terminal is left as it was.
func TestTerminalMock(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 3)
	data := filepath.Join(dir, "data")
	ps := startInPty(t, "--no-builtin", "--data-dir", data, "--decks", deckPath, "mock", "--seed", "1", "--questions", "2", "--factual-time", "2s")
	master, screen, cmd := ps.master, ps.screen, ps.cmd
	send := func(keys string) { master.Write([]byte(keys)) }

	screen.waitFor(t, "Mock · question 1 of 2", 1)
	screen.waitFor(t, "0:02 left", 1)
	screen.waitFor(t, "0:01 left", 1) // redrawn a second later
	screen.waitFor(t, "0:01 over", 1)
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
	send("\r")
	screen.waitFor(t, "How well did you answer?", 1)
	screen.waitFor(t, "over the 0:02", 1)
	send("4")
	screen.waitFor(t, "Mock · question 2 of 2", 1)
	send("q")
	if err := cmd.Wait(); err != nil {
		t.Errorf("mock ended with %v", err)
	}
	screen.waitFor(t, "Mock of 1 question in", 1)
	screen.waitFor(t, " (over)", 1)
	ps.restored(t)

	log, err := revlog.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := recordLines(log); len(got) != 1 || !strings.HasPrefix(got[0], "mock c/c") {
		t.Errorf("log: %q, want one mock record", got)
	}
}
