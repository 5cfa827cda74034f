//go:build unix

package revlog

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestLogFolderWithoutRegularFiles: a named pipe or a link to a device
// named like a log file is an error naming it, at once; the reader neither
// blocks nor reads forever.
func TestLogFolderWithoutRegularFiles(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(path string) error
	}{
		{"link to /dev/zero", func(path string) error { return os.Symlink("/dev/zero", path) }},
		{"named pipe", func(path string) error { return syscall.Mkfifo(path, 0o600) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "laptop", lines(sample()...))
			path := DeviceFile(dir, "other")
			if err := tt.make(path); err != nil {
				t.Skip("not here:", err)
			}
			_, err := Read(dir)
			var lerr *Error
			if !errors.As(err, &lerr) || lerr.File != path || !strings.Contains(lerr.Msg, "not a regular file") {
				t.Fatalf("Read = %v", err)
			}
		})
	}
}
