package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rehearse/rehearse/deck"
)

// TestSaveDeckFileRefuses checks that a deck file is left as it is when
// it changed since it was read, or when the new text would not load.
func TestSaveDeckFileRefuses(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.toml")
	good := []byte("[deck]\nid = \"d\"\n[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A.\"\n")
	if err := os.WriteFile(path, good, 0o644); err != nil {
		t.Fatal(err)
	}
	d := &deck.Deck{ID: "d", File: path, Path: path}
	edited := append(append([]byte(nil), good...), "# edited in an editor meanwhile\n"...)
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	next := append(append([]byte(nil), good...), "\n[[card]]\nid = \"b\"\nfront = \"Q2?\"\nback = \"B.\"\n"...)
	if _, err := SaveDeckFile(d, good, next); err == nil || !strings.Contains(err.Error(), "changed while rehearse was working on it") {
		t.Errorf("save over a file edited meanwhile: %v", err)
	}
	if _, err := SaveDeckFile(d, edited, append(edited, "[[card]]\nfront = 3\n"...)); err == nil || !strings.Contains(err.Error(), "would break the deck") {
		t.Errorf("save of a broken deck: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != string(edited) {
		t.Errorf("the file changed:\n%s", b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if _, err := SaveDeckFile(d, edited, append(edited, next[len(good):]...)); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), string(edited)) || !strings.Contains(string(b), `id = "b"`) {
		t.Errorf("the file after a good save:\n%s", b)
	}
}
