//go:build unix

package deck

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestNamedPipe: a real named pipe with no writer, named like a deck.
// Opening it would block forever; it is refused from its type.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o600); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	hostileInputs++
	if _, err := Load(os.DirFS(dir), "fifo.toml"); err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
		t.Errorf("Load(fifo) = %v", err)
	}
}
