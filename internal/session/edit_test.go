package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
)

// TestEditBringsTheCardBack: after e (here an "editor" that changes
// nothing) the card starts again as reloaded, with its keys line, and a
// typed card with its typing field.
func TestEditBringsTheCardBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k.toml")
	if err := os.WriteFile(path, []byte(keysDeck), 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := library.PathSource(path, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := newRun(t, keysDeck, "e\r5"+"\x1be"+"22\r\r"+"q")
	lib, err := library.Open(library.Options{DataDir: t.TempDir(), Sources: []deck.Source{src}, Settings: config.Defaults(),
		Parts: library.WithStates, Now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Loc: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	r.lib = lib
	r.streams.Keys = true
	sel, _ := lib.Select(nil, nil)
	o := Options{Streams: r.streams, Now: r.now, Lib: lib, Sel: sel, Queue: lib.Queue(sel, lib.Settings.Limits), Log: r.log,
		Editor: []string{"true"}}
	if err := Run(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	out := r.out.String()
	first := strings.Index(out, "reloaded ")
	if first < 0 {
		t.Fatal("no reload shown")
	}
	if !strings.Contains(out[first:], "[enter] show answer   [h] hint") {
		t.Error("the basic card's keys line did not come back after the edit")
	}
	typed := strings.Index(out, "Which port does SSH use?")
	second := strings.Index(out[typed:], "reloaded ")
	if second < 0 || !strings.Contains(out[typed+second:], "type your answer, then enter") {
		t.Error("the typed card's typing field did not come back after the edit")
	}
	if got := strings.Join(r.log.lines(), "; "); got != "answer k/basic 5; answer k/typed 4" {
		t.Errorf("records %s", got)
	}
}
