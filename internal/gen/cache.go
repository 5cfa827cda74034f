package gen

import (
	"os"
	"path/filepath"

	"github.com/rehearse/rehearse/srs"
)

// Cached returns the folder of a collection of the given size generated
// for benchmarks, writing it first unless an earlier run left it in the
// system's temporary folder. Generation is deterministic.
func Cached(size Size) (string, error) {
	dir := filepath.Join(os.TempDir(), "rehearse-gobench-"+size.Name)
	if _, err := os.Stat(filepath.Join(dir, "complete")); err == nil {
		return dir, nil
	}
	os.RemoveAll(dir)
	if err := Write(dir, size, srs.DateDay(2026, 11, 25)); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600)
}
