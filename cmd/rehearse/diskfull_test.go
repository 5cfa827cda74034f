//go:build linux

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/rehearse/rehearse/srs/revlog"
)

// child is one run of the real program.
type child struct {
	args       []string
	stdin      string
	env        []string
	afterStart func(pid int) error // run once the process has started
	cred       *syscall.Credential // run as another user
}

type childResult struct {
	code           int
	stdout, stderr string
}

func runChild(t *testing.T, c child) childResult {
	t.Helper()
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	return runBinary(t, bin, c)
}

func runBinary(t *testing.T, bin string, c child) childResult {
	t.Helper()
	cmd := exec.Command(bin, c.args...)
	cmd.Env = childEnv(append([]string{"REHEARSE_DEVICE=test", "NO_COLOR=1", "TZ=UTC", "REHEARSE_TEST_NOW=2026-11-25T09:00:00Z"}, c.env...)...)
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	// The program must not read past what the test gives it: stdin is a
	// pipe written only once the process runs (and after afterStart).
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if c.afterStart != nil {
		if err := c.afterStart(cmd.Process.Pid); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal(err)
		}
	}
	io.WriteString(in, c.stdin)
	in.Close()
	cmd.Wait()
	return childResult{cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()}
}

// answers is the input of a session that answers n cards with 5.
func answers(n int) string { return strings.Repeat("\n5\n", n) }

// TestFileSizeLimitStopsTheSession makes the review log unable to grow
// (the process's file size limit, as `ulimit -f` sets it; it works for
// any user): the answer that cannot be saved is reported at once with its
// cause and what to do, the session stops with exit code 1, and the log
// is exactly as it was. The next session, without the limit, goes on.
func TestFileSizeLimitStopsTheSession(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 20)
	data := filepath.Join(dir, "data")
	args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "review"}
	if r := runChild(t, child{args: args, stdin: answers(2)}); r.code != 0 {
		t.Fatalf("first session: exit %d\n%s", r.code, r.stderr)
	}
	logPath := revlog.DeviceFile(data, "test")
	before, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	r := runChild(t, child{args: args, stdin: answers(3), afterStart: func(pid int) error {
		// Room for 20 more bytes: the next record is cut mid-line.
		lim := unix.Rlimit{Cur: uint64(len(before) + 20), Max: unix.RLIM_INFINITY}
		return unix.Prlimit(pid, unix.RLIMIT_FSIZE, &lim, nil)
	}})
	wantErr := "rehearse: cannot save to the review log " + logPath + ": file too large\n" +
		"rehearse: hint: that step was not saved; every answer before it is\n" +
		"rehearse: hint: the review log reached this shell's file size limit (ulimit -f): raise it, then run the command again\n"
	if r.code != exitError || r.stderr != wantErr {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", r.code, r.stderr, wantErr)
	}
	if !strings.Contains(r.stdout, "Stopped: 0 answers") || strings.Contains(r.stdout, "saved") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	after, _ := os.ReadFile(logPath)
	if string(after) != string(before) {
		t.Errorf("the log changed:\n%q\nwas:\n%q", after, before)
	}
	r = runChild(t, child{args: args, stdin: answers(1)})
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("next session: exit %d\n%s", r.code, r.stderr)
	}
	if log, err := revlog.Read(data); err != nil || log.Len() != 3 || len(log.Warnings) != 0 {
		t.Fatalf("log after the next session: %v, %v", log, err)
	}
}

// mountTmpfs mounts a tmpfs of size bytes at a new folder, or skips the
// test where that is not allowed (mounting needs root).
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		t.Skip("cannot mount a tmpfs here (needs root):", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	return dir
}

// fill writes a file until the file system is full.
func fill(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 512)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return path
		}
	}
}

// TestFullDiskStopsTheSession studies on a really full disk (a 64 KiB
// tmpfs): answers are saved while the log's last block has room, and the
// first that cannot be saved stops the session with a clear message;
// every answer acknowledged before is in the log, and the log reads back
// clean. Once space is freed the next session goes on. A new data folder
// on a full disk gets a clear error at the start.
func TestFullDiskStopsTheSession(t *testing.T) {
	mnt := mountTmpfs(t, 64<<10)
	deckPath := writeDeck(t, t.TempDir(), 300)
	data := filepath.Join(mnt, "data")
	args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "review", "--new", "1000"}
	if r := runChild(t, child{args: args, stdin: answers(1)}); r.code != 0 {
		t.Fatalf("first session: exit %d\n%s", r.code, r.stderr)
	}
	filler := fill(t, mnt)

	r := runChild(t, child{args: args, stdin: answers(250)})
	logPath := revlog.DeviceFile(data, "test")
	wantErr := "rehearse: cannot save to the review log " + logPath + ": no space left on device\n" +
		"rehearse: hint: that step was not saved; every answer before it is\n" +
		"rehearse: hint: the disk holding " + data + " is full: free some space, then run the command again\n"
	if r.code != exitError || r.stderr != wantErr {
		t.Fatalf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", r.code, r.stderr, wantErr)
	}
	saved := strings.Count(r.stdout, "saved ·")
	log, err := revlog.Read(data)
	if err != nil || len(log.Warnings) != 0 {
		t.Fatalf("the log after the full disk: %v %v", err, log.Warnings)
	}
	if log.Len() != 1+saved {
		t.Errorf("%d records, want the first session's one and the %d acknowledged", log.Len(), saved)
	}
	t.Logf("%d answers saved before the disk was full", saved)

	os.Remove(filler)
	if r := runChild(t, child{args: args, stdin: answers(2)}); r.code != 0 || r.stderr != "" {
		t.Fatalf("after freeing space: exit %d\n%s", r.code, r.stderr)
	}
	if log, err := revlog.Read(data); err != nil || log.Len() != 3+saved {
		t.Fatalf("after freeing space: %v records, %v", log.Len(), err)
	}

	// A new data folder on a full disk: nothing can be written at all.
	filler = fill(t, mnt)
	fresh := filepath.Join(mnt, "fresh")
	r = runChild(t, child{args: []string{"--no-builtin", "--data-dir", fresh, "--decks", deckPath, "review"}, stdin: answers(1)})
	if r.code != exitError || !strings.Contains(r.stderr, "no space left on device") ||
		!strings.Contains(r.stderr, "rehearse: hint: the disk holding "+fresh+" is full") || r.stdout != "" {
		t.Errorf("new folder on a full disk: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	os.Remove(filler)
	if r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", fresh, "--decks", deckPath, "review"}, stdin: answers(1)}); r.code != 0 || r.stderr != "" {
		t.Fatalf("new folder after freeing space: exit %d\n%s", r.code, r.stderr)
	}
}

// TestOutOfInodes: a file system with space but no free inodes (a tmpfs
// of 4 inodes) gets its own hint, not "free some space".
func TestOutOfInodes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size=1m,nr_inodes=4,mode=0700"); err != nil {
		t.Skip("cannot mount a tmpfs here (needs root):", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
	for i := 0; ; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d", i)), nil, 0o600); err != nil {
			break
		}
	}
	deckPath := writeDeck(t, t.TempDir(), 3)
	r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", filepath.Join(dir, "data"), "--decks", deckPath, "review"}, stdin: answers(1)})
	if r.code != exitError || !strings.Contains(r.stderr, "has no free inodes") || strings.Contains(r.stderr, "free some space") {
		t.Errorf("out of inodes: exit %d\nstderr: %s", r.code, r.stderr)
	}
}

// TestReadOnlyDataFolder puts the data folder on a file system mounted
// read-only (root) or makes it read-only by its permissions (other users):
// the commands that only read work; a review says why it cannot start and
// what to do, and changes nothing.
func TestReadOnlyDataFolder(t *testing.T) {
	var data string
	var remount func()
	if os.Geteuid() == 0 {
		mnt := mountTmpfs(t, 1<<20)
		data = filepath.Join(mnt, "data")
		remount = func() {
			if err := unix.Mount("", mnt, "", unix.MS_REMOUNT|unix.MS_RDONLY, ""); err != nil {
				t.Skip("cannot remount read-only:", err)
			}
		}
	} else {
		data = filepath.Join(t.TempDir(), "data")
		remount = func() {
			os.Chmod(revlog.DeviceFile(data, "test"), 0o400)
			for _, d := range []string{revlog.Dir(data), data} {
				os.Chmod(d, 0o500)
			}
			t.Cleanup(func() { os.Chmod(data, 0o700); os.Chmod(revlog.Dir(data), 0o700) })
		}
	}
	deckPath := writeDeck(t, t.TempDir(), 5)
	base := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath}
	if r := runChild(t, child{args: append(base, "review"), stdin: answers(2)}); r.code != 0 {
		t.Fatalf("first session: exit %d\n%s", r.code, r.stderr)
	}
	before, _ := os.ReadFile(revlog.DeviceFile(data, "test"))
	remount()

	r := runChild(t, child{args: append(base, "status")})
	if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "Today: 0 due + 3 new") {
		t.Errorf("status on a read-only folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runChild(t, child{args: append(base, "card", "c/c1")})
	if r.code != 0 || !strings.Contains(r.stdout, "answer") {
		t.Errorf("card on a read-only folder: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runChild(t, child{args: append(base, "review"), stdin: answers(1)})
	var want string
	if os.Geteuid() == 0 {
		want = "rehearse: cannot open the review log: open " + revlog.DeviceFile(data, "test") + ": read-only file system\n" +
			"rehearse: hint: " + data + " is on a read-only file system: make it writable, or point REHEARSE_HOME (or --data-dir) at a writable folder\n"
	} else {
		want = "rehearse: cannot open the review log: open " + revlog.DeviceFile(data, "test") + ": permission denied\n" +
			"rehearse: hint: you may not use " + data + ": check its owner and permissions (ls -ld " + data + "), or point REHEARSE_HOME (or --data-dir) at a folder of yours\n"
	}
	if r.code != exitError || r.stderr != want || r.stdout != "" {
		t.Errorf("review on a read-only folder: exit %d\nstdout: %s\nstderr:\n%s\nwant:\n%s", r.code, r.stdout, r.stderr, want)
	}
	if after, _ := os.ReadFile(revlog.DeviceFile(data, "test")); string(after) != string(before) {
		t.Error("the log changed")
	}
}

// TestNoPermission runs the program as a user who may not use the data
// folder (as root it runs the program as "nobody"; otherwise it takes the
// permissions away): each command says what is wrong and what to do, and
// exits 1.
func TestNoPermission(t *testing.T) {
	dir := t.TempDir()
	deckPath := writeDeck(t, dir, 5)
	data := filepath.Join(dir, "data")
	if r := runChild(t, child{args: []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, "review"}, stdin: answers(1)}); r.code != 0 {
		t.Fatalf("first session: exit %d\n%s", r.code, r.stderr)
	}
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip(err)
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// The test binary, where another user may run it.
		shared, err := os.MkdirTemp("", "rehearse-bin-")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(shared) })
		os.Chmod(shared, 0o755)
		src, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(shared, "rehearse")
		if err := os.WriteFile(bin, src, 0o755); err != nil {
			t.Fatal(err)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
		// The deck must be readable by that user; the data folder is not.
		deckDir, _ := os.MkdirTemp("", "rehearse-deck-")
		t.Cleanup(func() { os.RemoveAll(deckDir) })
		os.Chmod(deckDir, 0o755)
		b, _ := os.ReadFile(deckPath)
		deckPath = filepath.Join(deckDir, "c.toml")
		os.WriteFile(deckPath, b, 0o644)
		os.Chmod(dir, 0o755) // the way to the data folder, but not into it
	} else {
		os.Chmod(data, 0)
		t.Cleanup(func() { os.Chmod(data, 0o700) })
	}
	home, err := os.MkdirTemp("", "rehearse-home-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(home) })
	os.Chmod(home, 0o777)
	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home}
	hint := "rehearse: hint: you may not use " + data + ": check its owner and permissions (ls -ld " + data + "), or point REHEARSE_HOME (or --data-dir) at a folder of yours\n"
	for _, cmd := range []string{"status", "review", "card"} {
		args := []string{"--no-builtin", "--data-dir", data, "--decks", deckPath, cmd}
		if cmd == "card" {
			args = append(args, "c/c1")
		}
		r := runBinary(t, bin, child{args: args, stdin: answers(1), env: env, cred: cred})
		want := "rehearse: cannot read the review log: open " + revlog.Dir(data) + ": permission denied\n" + hint
		if r.code != exitError || r.stderr != want || r.stdout != "" {
			t.Errorf("%s: exit %d\nstdout: %s\nstderr:\n%s\nwant:\n%s", cmd, r.code, r.stdout, r.stderr, want)
		}
	}
}
