package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/tui"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script from the actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rehearse": func() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, testClock())) },
	})
}

// testClock is the clock of a scripted run: REHEARSE_TEST_NOW (RFC 3339)
// if set, moving on by REHEARSE_TEST_STEP (a Go duration) at each reading.
// It exists only in the test binary.
func testClock() func() time.Time {
	s := os.Getenv("REHEARSE_TEST_NOW")
	if s == "" {
		return time.Now
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bad REHEARSE_TEST_NOW: %v\n", err)
		os.Exit(3)
	}
	var step time.Duration
	if s := os.Getenv("REHEARSE_TEST_STEP"); s != "" {
		if step, err = time.ParseDuration(s); err != nil {
			fmt.Fprintf(os.Stderr, "bad REHEARSE_TEST_STEP: %v\n", err)
			os.Exit(3)
		}
	}
	var mu sync.Mutex
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := t
		t = t.Add(step)
		return now
	}
}

// runStreams is run with the context given, for tests that stop a
// session with it.
func runStreams(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	return runContext(ctx, args, &tui.Streams{In: stdin, Out: stdout, Err: stderr, Getenv: os.Getenv, Loc: time.Local}, now)
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/data")
			env.Setenv("REHEARSE_DEVICE", "test")
			env.Setenv("TZ", "UTC")
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// TestExitCodes runs the program in-process and checks its exit codes.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("REHEARSE_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	now := func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--version"}, 0, ""},
		{[]string{"schedule", "--grades", "5,4"}, 0, ""},
		{[]string{"schedule", "--grades", "5,9"}, 2, `rehearse: --grades: grade "9" is not a whole number from 0 to 5`},
		{[]string{"schedule"}, 2, "rehearse: give the grades with --grades"},
		{[]string{"schedule", "--nope"}, 2, "rehearse: unknown flag --nope\nrehearse: hint: run `rehearse schedule --help` for its options\n"},
		{[]string{"--nope"}, 2, "rehearse: unknown flag --nope\nrehearse: hint: run `rehearse --help` for its options\n"},
		{[]string{"review", "--new", "x"}, 2, `rehearse: invalid value "x" for flag -new`},
		{[]string{"frobnicate"}, 2, `rehearse: unknown command "frobnicate"`},
		{[]string{"card"}, 2, "rehearse: give exactly one card id"},
		{[]string{"card", "no-such-card"}, 1, `rehearse: no card "no-such-card"`},
		{[]string{"review", "--deck", "nope"}, 1, `rehearse: no deck "nope"`},
		{[]string{"review", "--limit", "-1"}, 2, "rehearse: --limit must be 0 or more"},
		{[]string{"lint", "/no/such/deck.toml"}, 1, "rehearse: cannot read decks from /no/such/deck.toml"},
		{[]string{"status", "extra"}, 2, `rehearse: unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := run(append([]string{"rehearse"}, tt.args...), strings.NewReader(""), &stdout, &stderr, now)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !strings.HasPrefix(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to start with %q", stderr.String(), tt.stderr)
			}
		})
	}
}

// TestClosestForCommandsAndFlags: the did-you-mean of mistyped commands
// and flags, swapped letters among them.
func TestClosestForCommandsAndFlags(t *testing.T) {
	names := []string{"review", "status", "stats", "new", "no-pager", "deck"}
	for typed, want := range map[string]string{"reveiw": "review", "nwe": "new", "stauts": "status", "nopager": "no-pager", "xyz": "", "dekc": "deck"} {
		if got := deck.Closest(typed, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", typed, got, want)
		}
	}
}
