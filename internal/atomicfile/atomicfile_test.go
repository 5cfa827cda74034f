package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "deck.toml")

	if err := Create(path, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("new file holds %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v, want 0644", info.Mode().Perm())
	}

	// Without replace, an existing file is left alone.
	err := Create(path, []byte("two"), 0o644)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("second write without replace: %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "one" {
		t.Errorf("file overwritten: %q", b)
	}

	// Replacing keeps the file's own permissions.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Replace(path, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "three" {
		t.Errorf("replaced file holds %q", b)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600 as before", info.Mode().Perm())
	}
	noTempFiles(t, dir)
}

func TestAtomicFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "repo.toml")
	link := filepath.Join(dir, "link.toml")
	if err := os.WriteFile(real, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Replace(link, []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Errorf("the linked file holds %q", b)
	}
	noTempFiles(t, dir)
}

// TestAtomicFailure checks that a write that cannot finish leaves
// what was there and no temporary file.
func TestAtomicFailure(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "busy")
	if err := os.MkdirAll(filepath.Join(target, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Replace(target, []byte("x"), 0o644); err == nil {
		t.Fatal("replacing a folder with a file worked")
	}
	if info, err := os.Stat(target); err != nil || !info.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
	if err := Create(filepath.Join(dir, "no", "such", "dir", "f"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing folder worked")
	}
	noTempFiles(t, dir)
}
