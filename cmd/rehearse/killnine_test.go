package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// killPhase is the moment of a session at which a SIGKILL lands.
type killPhase int

const (
	killLoading killPhase = iota // starting: loading decks and the log, taking the lock, repairing a torn line
	killShowing                  // a card (or its answer) is on screen, waiting for a key
	killGraded                   // the grade was just sent: before the save
	killSaving                   // a moment after the grade: during or just after the save
	killSummary                  // after q: while the summary is printed
	killPhases
)

var phaseNames = [...]string{"loading", "showing", "between grade and save", "during the save", "at the summary"}

// killStats is what a run of TestKillNineLosesNothing did, for RELIABILITY.md.
type killStats struct {
	mu       sync.Mutex
	kills    [killPhases]int
	answers  int // answers in the logs at the end, every acknowledged one among them
	inFlight int // answers sent but not acknowledged that reached the log anyway
	torn     int // torn last lines (a power cut mid-write) repaired
}

// TestKillNineLosesNothing kills the real program with SIGKILL at every
// phase of a piped review session, at least 200 times in all (in four data
// folders at once, to keep it quick). After each kill it checks what the
// issue asks: every answer the session acknowledged (the next card was
// shown) is in the log, once; an answer in flight is there once or not at
// all; the log reads back, with at most a torn last line reported and
// skipped; the states replay; and the next session starts normally.
// Between kills it also tears the last line of the log now and then, as a
// power cut mid-write would, and checks that the next session repairs it.
func TestKillNineLosesNothing(t *testing.T) {
	bin, err := exec.LookPath("rehearse") // testscript.Main puts the test binary on PATH as rehearse
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	const workers, killsEach = 4, 50
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	stats := &killStats{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			k := &killer{bin: bin, dir: t.TempDir(), rng: rand.New(rand.NewSource(seed + int64(w))), stats: stats}
			if err := k.run(killsEach); err != nil {
				errs <- fmt.Errorf("worker %d: %w", w, err)
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	total := 0
	var parts []string
	for p, n := range stats.kills {
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", phaseNames[p], n))
	}
	if total < workers*killsEach {
		t.Errorf("only %d kills landed", total)
	}
	t.Logf("RELIABILITY kills: %d SIGKILLs survived (%s); %d answers kept, every acknowledged one; %d answers in flight saved; %d torn last lines repaired",
		total, strings.Join(parts, ", "), stats.answers, stats.inFlight, stats.torn)
}

// killer runs sessions in one data folder and kills them.
type killer struct {
	bin   string
	dir   string
	data  string
	deck  string
	rng   *rand.Rand
	stats *killStats

	acked       map[string]bool // cards whose answers the program acknowledged
	tornPending bool            // a torn line was written and not yet repaired
	// How long the program took, the last time, to show its first card,
	// to save an answer and to quit: kills are spread over these spans.
	loadTime, saveTime, quitTime time.Duration
}

var questionRE = regexp.MustCompile(`Question (\d+)\?`)

func (k *killer) run(kills int) error {
	k.data = filepath.Join(k.dir, "data")
	k.deck = filepath.Join(k.dir, "c.toml")
	var b strings.Builder
	b.WriteString("[deck]\nid = \"c\"\n")
	for i := 1; i <= 400; i++ {
		fmt.Fprintf(&b, "\n[[card]]\nid = \"c%d\"\nfront = \"Question %d?\"\nback = \"Answer %d.\"\n", i, i, i)
	}
	if err := os.WriteFile(k.deck, []byte(b.String()), 0o600); err != nil {
		return err
	}
	k.acked = map[string]bool{}
	k.loadTime, k.saveTime, k.quitTime = 20*time.Millisecond, 2*time.Millisecond, 2*time.Millisecond
	landed := 0
	for i := 0; landed < kills; i++ {
		if i > 3*kills {
			return fmt.Errorf("only %d of %d kills landed in %d sessions", landed, kills, i)
		}
		phase := killPhase(i % int(killPhases))
		ok, err := k.session(phase)
		if err != nil {
			return fmt.Errorf("session %d (%s): %w", i, phaseNames[phase], err)
		}
		if ok {
			landed++
			k.stats.mu.Lock()
			k.stats.kills[phase]++
			k.stats.mu.Unlock()
		}
		if i%7 == 6 && !k.tornPending {
			if err := k.tear(); err != nil {
				return err
			}
		}
	}
	// A last session runs to a normal end, and status sees every answer.
	out, err := k.finish()
	if err != nil {
		return err
	}
	if !strings.HasPrefix(out, "Today: 0 due + 0 new.") {
		return fmt.Errorf("status after %d answers today:\n%s", len(k.acked), out)
	}
	k.stats.mu.Lock()
	k.stats.answers += len(k.acked)
	k.stats.mu.Unlock()
	return nil
}

// proc is one running session.
type proc struct {
	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	stderr   *strings.Builder
	question string // the card on screen, as "c/c17"
	watchdog *time.Timer
}

func (k *killer) start() (*proc, error) {
	cmd := exec.Command(k.bin, "--no-builtin", "--data-dir", k.data, "--decks", k.deck, "review", "--new", "1000")
	// A fixed clock (the test binary reads REHEARSE_TEST_NOW) keeps every
	// answer on one day, whenever the test runs.
	cmd.Env = childEnv("REHEARSE_DEVICE=crash", "NO_COLOR=1", "TZ=UTC", "REHEARSE_TEST_NOW=2026-11-25T09:00:00Z")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &proc{cmd: cmd, in: in, out: bufio.NewReader(out), stderr: &strings.Builder{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	// A session that hangs is killed, and the test reports what it waited for.
	p.watchdog = time.AfterFunc(30*time.Second, func() { cmd.Process.Kill() })
	return p, nil
}

// waitFor reads output lines until one contains s, noting the card shown.
func (p *proc) waitFor(s string) error {
	for {
		line, err := p.out.ReadString('\n')
		if m := questionRE.FindStringSubmatch(line); m != nil {
			p.question = "c/c" + m[1]
		}
		if strings.Contains(line, s) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for %q: %v; stderr: %s", s, err, p.stderr.String())
		}
	}
}

// reveal shows the answer of the card on screen.
func (p *proc) reveal() error {
	fmt.Fprintln(p.in)
	return p.waitFor("next:")
}

// kill sends SIGKILL, waits for the end, and reports whether the kill
// landed (rather than the process having ended by itself first).
func (p *proc) kill() (bool, error) {
	p.cmd.Process.Signal(syscall.SIGKILL)
	io.Copy(io.Discard, p.out)
	err := p.cmd.Wait()
	p.watchdog.Stop()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true, nil
		}
		return false, fmt.Errorf("the session ended with %v; stderr: %s", err, p.stderr.String())
	}
	return false, err
}

func (k *killer) jitter(d time.Duration) time.Duration {
	return time.Duration(k.rng.Int63n(int64(d)*3/2 + 1))
}

// session runs one session and kills it in the given phase. It returns
// whether the kill landed.
func (k *killer) session(phase killPhase) (bool, error) {
	p, err := k.start()
	if err != nil {
		return false, err
	}
	started := time.Now()
	var inFlight string // a card whose grade was sent but not acknowledged
	switch phase {
	case killLoading:
		time.Sleep(k.jitter(k.loadTime))
	default:
		if err := p.waitFor("[enter] show answer"); err != nil {
			p.kill()
			return false, err
		}
		k.loadTime = time.Since(started)
		for n := k.rng.Intn(3); n > 0; n-- {
			if err := p.reveal(); err != nil {
				p.kill()
				return false, err
			}
			card := p.question
			fmt.Fprintln(p.in, 4+k.rng.Intn(2))
			sent := time.Now()
			if err := p.waitFor("saved"); err != nil {
				p.kill()
				return false, err
			}
			k.saveTime = time.Since(sent)
			if err := p.waitFor("[enter] show answer"); err != nil {
				p.kill()
				return false, err
			}
			k.acked[card] = true
		}
		switch phase {
		case killShowing:
			if k.rng.Intn(2) == 0 {
				if err := p.reveal(); err != nil {
					p.kill()
					return false, err
				}
			}
		case killGraded, killSaving:
			if err := p.reveal(); err != nil {
				p.kill()
				return false, err
			}
			inFlight = p.question
			fmt.Fprintln(p.in, 4+k.rng.Intn(2))
			if phase == killSaving {
				time.Sleep(k.jitter(k.saveTime))
			}
		case killSummary:
			fmt.Fprintln(p.in, "q")
			if k.rng.Intn(2) == 0 {
				time.Sleep(k.jitter(k.quitTime))
			} else if err := p.waitFor("Stopped:"); err != nil {
				p.kill()
				return false, err
			}
		}
	}
	quit := time.Now()
	landed, err := p.kill()
	if err != nil {
		return false, err
	}
	if phase == killSummary && !landed {
		k.quitTime = max(time.Since(quit)/2, time.Millisecond) // the session ended first: kill sooner next time
	}
	return landed, k.check(inFlight, p.stderr.String(), phase == killLoading)
}

// check reads the log after a kill. A session killed while loading may
// have repaired a torn line without getting to say so.
func (k *killer) check(inFlight, stderr string, loading bool) error {
	log, err := revlog.Read(k.data)
	if err != nil {
		return fmt.Errorf("the log does not read back: %v", err)
	}
	if len(log.Warnings) > 0 && !k.tornPending {
		return fmt.Errorf("warnings after a kill: %v", log.Warnings)
	}
	if k.tornPending && len(log.Warnings) == 0 {
		// The session repaired the torn line: it must have said so.
		if !loading && !strings.Contains(stderr, "removed an incomplete last line") {
			return fmt.Errorf("a torn line vanished without a note; stderr: %q", stderr)
		}
		k.tornPending = false
		k.stats.mu.Lock()
		k.stats.torn++
		k.stats.mu.Unlock()
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.HasPrefix(line, "rehearse: note: ") && !strings.HasPrefix(line, "rehearse: warning: ") {
			return fmt.Errorf("unexpected message: %q", line)
		}
	}
	seen := map[string]bool{}
	for _, r := range log.Records() {
		if r.Event != srs.Answer || r.Grade < 4 {
			return fmt.Errorf("unexpected record %+v", r)
		}
		if seen[r.Card] {
			return fmt.Errorf("%s answered twice in the log", r.Card)
		}
		seen[r.Card] = true
	}
	for card := range k.acked {
		if !seen[card] {
			return fmt.Errorf("the acknowledged answer to %s is not in the log", card)
		}
	}
	for card := range seen {
		if !k.acked[card] {
			if card != inFlight {
				return fmt.Errorf("%s is in the log but was never answered", card)
			}
			k.acked[card] = true // it made it to disk before the kill
			k.stats.mu.Lock()
			k.stats.inFlight++
			k.stats.mu.Unlock()
		}
	}
	states := srs.Replay(log, srs.Params{})
	if len(states) != len(seen) {
		return fmt.Errorf("%d states for %d answered cards", len(states), len(seen))
	}
	for card, st := range states {
		if st.Answers != 1 || st.Due <= st.LastDay {
			return fmt.Errorf("%s replays to %+v", card, *st)
		}
	}
	return nil
}

// tear appends part of a record for a card not yet answered, without its
// newline: what a power cut in the middle of a write leaves.
func (k *killer) tear() error {
	path := revlog.DeviceFile(k.data, "crash")
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	line := "2026-11-25T09:00:00.000Z\tanswer\tc/c400\t5\t900\t2026-11-25\t1\t1\t2.60\t2026-11-26\t"
	if _, err := f.WriteString(line[:1+k.rng.Intn(len(line)-1)]); err != nil {
		return err
	}
	k.tornPending = true
	return nil
}

// finish runs a session to a normal end: two answers and q. Then it
// checks the log and returns the output of status.
func (k *killer) finish() (string, error) {
	p, err := k.start()
	if err != nil {
		return "", err
	}
	for i := 0; i < 2; i++ {
		if err := p.waitFor("[enter] show answer"); err != nil {
			return "", err
		}
		if err := p.reveal(); err != nil {
			return "", err
		}
		card := p.question
		fmt.Fprintln(p.in, 5)
		if err := p.waitFor("saved"); err != nil {
			return "", err
		}
		k.acked[card] = true
	}
	fmt.Fprintln(p.in, "q")
	io.Copy(io.Discard, p.out)
	if err := p.cmd.Wait(); err != nil {
		return "", fmt.Errorf("the last session: %v; stderr: %s", err, p.stderr.String())
	}
	p.watchdog.Stop()
	if err := k.check("", p.stderr.String(), false); err != nil {
		return "", err
	}
	if k.tornPending {
		return "", errors.New("a torn line is still there after a normal session")
	}
	status := exec.Command(k.bin, "--no-builtin", "--data-dir", k.data, "--decks", k.deck, "status")
	status.Env = p.cmd.Env
	out, err := status.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("status: %v\n%s", err, out)
	}
	return string(out), nil
}
