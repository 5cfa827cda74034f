//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHostileImportFiles: a file to import gets the limits of a deck file.
// A device would be read until memory runs out, a named pipe would block,
// and a file over 32 MiB is refused from its size: each gets a clear
// error at once, and nothing is written.
func TestHostileImportFiles(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(100 << 20) // 100 MB, without writing it
	f.Close()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	for _, tt := range []struct{ path, want string }{
		{"/dev/zero", "rehearse: cannot read /dev/zero: it is not a regular file\n"},
		{fifo, "rehearse: cannot read " + fifo + ": it is not a regular file\n"},
		{dir, "rehearse: cannot read " + dir + ": it is not a regular file\n"},
		{big, "rehearse: cannot read " + big + ": it is larger than 32 MiB\nrehearse: hint: split it into several files and import each\n"},
		{filepath.Join(dir, "missing.csv"), "rehearse: cannot read " + filepath.Join(dir, "missing.csv") + ": no such file or directory\n"},
	} {
		stdout, stderr, code := hostileRun(t, "", false, "--data-dir", data, "import", tt.path, "--deck", "x")
		if code != exitError || !strings.HasPrefix(stderr, tt.want) || stdout != "" {
			t.Errorf("import %s: exit %d\nstdout: %s\nstderr: %s\nwant it to start with: %s", tt.path, code, stdout, stderr, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "decks")); !os.IsNotExist(err) {
		t.Errorf("something was written: %v", err)
	}
	t.Logf("RELIABILITY hostile: 5 hostile files to import (/dev/zero, a named pipe, a folder, 100 MB, a missing file), each refused at once")
}

// TestDevicesInTheDeckFolder: a link to /dev/zero and a named pipe named
// like decks, next to a good deck. Every command, status among them (it
// hashes every deck file for its cache), reports them and goes on; none
// reads forever or blocks.
func TestDevicesInTheDeckFolder(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	decks := filepath.Join(data, "decks")
	if err := os.MkdirAll(decks, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(decks, "good.toml"), []byte("[[card]]\nid = \"c\"\nfront = \"q\"\nback = \"a\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(decks, "zero.toml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := syscall.Mkfifo(filepath.Join(decks, "pipe.toml"), 0o600); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	for _, args := range [][]string{{"status"}, {"status"}, {}, {"stats"}, {"decks"}, {"decks", "show", "good"}, {"search", "q"}, {"card", "good/c"}, {"review"}} {
		stdout, stderr, code := hostileRun(t, "\n5\n", false, append([]string{"--no-builtin", "--data-dir", data}, args...)...)
		for _, want := range []string{"zero.toml: cannot read the deck: it is not a regular file (a device)", "pipe.toml: cannot read the deck: it is not a regular file (a named pipe)"} {
			if code != exitOK || !strings.Contains(stderr, want) {
				t.Errorf("%s: exit %d\n%s%s", args, code, stdout, stderr)
			}
		}
	}
}
