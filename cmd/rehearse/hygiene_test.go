//go:build unix

package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/rehearse/rehearse/internal/library"
)

// TestDataHygiene runs every command (a review that edits a built-in deck,
// which copies it to the user's deck folder, and the authoring commands
// among them) with HOME, the XDG folders, TMPDIR and the working folder
// all inside one temporary tree, and a umask of 0 so that the modes the
// program asks for are the modes files get. Afterwards the only new files
// are in the data folder (the user's deck folder is inside it), in the
// folders made to hold it (~/.local/share) and the file export was asked
// to write: deck files 0644 (they are documents, as the README says),
// every other file 0600, folders 0700, no temporary file left. Export
// does not replace a file without --force, and the folder given with
// --decks is left as it was.
func TestDataHygiene(t *testing.T) {
	bin, err := exec.LookPath("rehearse")
	if err != nil {
		t.Skip("rehearse is not on PATH:", err)
	}
	for _, layout := range []struct {
		name string
		xdg  bool // set the XDG folders, or leave only HOME
	}{{"XDG folders", true}, {"HOME only", false}} {
		t.Run(layout.name, func(t *testing.T) {
			root := t.TempDir()
			dirs := map[string]string{}
			for _, d := range []string{"home", "config", "xdgdata", "cache", "state", "runtime", "tmp", "cwd", "mydecks"} {
				dirs[d] = filepath.Join(root, d)
				if err := os.Mkdir(dirs[d], 0o755); err != nil {
					t.Fatal(err)
				}
			}
			myDeck := filepath.Join(dirs["mydecks"], "mine.toml")
			if err := os.WriteFile(myDeck, []byte("[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"a\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dirs["mydecks"], "notes.csv"), []byte("front,back\nWhat is OSPF?,A link-state routing protocol.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			data := filepath.Join(dirs["home"], ".local", "share", "rehearse")
			env := []string{"HOME=" + dirs["home"], "TMPDIR=" + dirs["tmp"], "EDITOR=true", "VISUAL=",
				"REHEARSE_HOME=", "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "XDG_CACHE_HOME=", "XDG_STATE_HOME=", "XDG_RUNTIME_DIR="}
			if layout.xdg {
				data = filepath.Join(dirs["xdgdata"], "rehearse")
				env = append(env, "XDG_DATA_HOME="+dirs["xdgdata"], "XDG_CONFIG_HOME="+dirs["config"],
					"XDG_CACHE_HOME="+dirs["cache"], "XDG_STATE_HOME="+dirs["state"], "XDG_RUNTIME_DIR="+dirs["runtime"])
			}
			before := snapshot(t, root)

			old := syscall.Umask(0)
			defer syscall.Umask(old)
			exported := filepath.Join(dirs["cwd"], "mine2.txt")
			runs := []struct {
				args  []string
				stdin string
				fails bool
			}{
				{args: []string{"review", "--deck", "troubleshooting", "--limit", "3"}, stdin: "\n5\ne\ny\n\n4\nq\n"},
				{args: []string{"--decks", dirs["mydecks"], "review", "--deck", "mine"}, stdin: "\n5\n"},
				{args: []string{"status"}}, {args: []string{}}, {args: []string{"stats"}}, {args: []string{"decks"}},
				{args: []string{"lint"}}, {args: []string{"lint", myDeck}},
				{args: []string{"card", "troubleshooting/" + firstCard(t)}},
				{args: []string{"card", "troubleshooting/" + firstCard(t), "--suspend"}},
				{args: []string{"schedule", "--grades", "5,4,3"}}, {args: []string{"--help"}}, {args: []string{"review", "--help"}},
				{args: []string{"decks", "new", "mine2"}},
				{args: []string{"add", "--deck", "mine2", "--front", "What is BGP?", "--back", "The routing protocol between autonomous systems."}},
				{args: []string{"decks", "copy", "networking-layers"}},
				{args: []string{"import", filepath.Join(dirs["mydecks"], "notes.csv"), "--deck", "imported"}},
				{args: []string{"search", "BGP"}}, {args: []string{"decks", "show", "mine2"}},
				{args: []string{"export", "--deck", "mine2", "-o", exported}},
				{args: []string{"export", "--deck", "mine2", "-o", exported, "--format", "csv"}, fails: true}, // no --force: refused
			}
			for _, r := range runs {
				cmd := exec.Command(bin, r.args...)
				cmd.Dir = dirs["cwd"]
				cmd.Env = childEnv(append(env, "REHEARSE_DEVICE=test", "NO_COLOR=1")...)
				cmd.Stdin = strings.NewReader(r.stdin)
				if out, err := cmd.CombinedOutput(); (err != nil) != r.fails {
					t.Fatalf("rehearse %s: %v\n%s", strings.Join(r.args, " "), err, out)
				}
			}

			if b, _ := os.ReadFile(exported); !strings.HasPrefix(string(b), "#separator:tab\n") {
				t.Errorf("export without --force replaced %s:\n%s", exported, b)
			}
			after := snapshot(t, root)
			var created []string
			for path, mode := range after {
				if _, ok := before[path]; ok {
					if before[path] != mode {
						t.Errorf("%s changed mode from %v to %v", path, before[path], mode)
					}
					continue
				}
				created = append(created, path)
				inData := path == data || strings.HasPrefix(path, data+string(filepath.Separator))
				parent := strings.HasPrefix(data, path+string(filepath.Separator)) // ~/.local/share, made for it
				if path == exported {
					continue // where the learner asked for it
				}
				if !inData && !parent {
					t.Errorf("written outside the data folder: %s", path)
					continue
				}
				want := fs.FileMode(0o600)
				switch {
				case mode.IsDir():
					want = fs.ModeDir | 0o700
				case filepath.Dir(path) == filepath.Join(data, "decks") && strings.HasSuffix(path, ".toml"):
					want = library.DeckFileMode // deck files are documents (README, "Where data lives")
				}
				if strings.HasSuffix(path, ".tmp") || strings.Contains(filepath.Base(path), ".tmp") {
					t.Errorf("temporary file left behind: %s", path)
				}
				if mode != want {
					t.Errorf("%s has mode %v, want %v", path, mode, want)
				}
			}
			sort.Strings(created)
			for _, want := range []string{filepath.Join(data, "log", "test.tsv"), filepath.Join(data, "decks", "troubleshooting.toml"),
				filepath.Join(data, "decks", "mine2.toml"), filepath.Join(data, "decks", "networking-layers.toml"), filepath.Join(data, "decks", "imported.toml")} {
				if _, ok := after[want]; !ok {
					t.Errorf("%s was not written; created: %v", want, created)
				}
			}
			if b, _ := os.ReadFile(myDeck); string(b) != "[[card]]\nid = \"a\"\nfront = \"q\"\nback = \"a\"\n" {
				t.Error("the deck given with --decks changed")
			}
		})
	}
}

// snapshot lists every file and folder under root with its mode.
func snapshot(t *testing.T, root string) map[string]fs.FileMode {
	t.Helper()
	out := map[string]fs.FileMode{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[path] = info.Mode()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// firstCard returns the id of a card of the built-in troubleshooting deck.
func firstCard(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "decks", "troubleshooting.toml"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "[[card]]\nid = \"")
	if !ok {
		t.Fatal("no card id in decks/troubleshooting.toml")
	}
	id, _, _ := strings.Cut(rest, "\"")
	return id
}
