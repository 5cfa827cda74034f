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
)

// TestDataHygiene runs every command, a review that edits a built-in deck
// (which copies it to the user's deck folder) among them, with HOME, the
// XDG folders, TMPDIR and the working folder all inside one temporary
// tree, and a umask of 0 so that the modes the program asks for are the
// modes files get. Afterwards the only new files are in the data folder
// (the user's deck folder is inside it) and the folders made to hold it
// (~/.local/share): files 0600, folders 0700. The folder given with
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
			runs := [][]string{
				{"review", "--deck", "troubleshooting", "--limit", "3"},
				{"--decks", dirs["mydecks"], "review", "--deck", "mine"},
				{"status"}, {}, {"decks"}, {"lint"}, {"lint", myDeck},
				{"card", "troubleshooting/" + firstCard(t)},
				{"schedule", "--grades", "5,4,3"}, {"--help"}, {"review", "--help"},
			}
			stdins := map[int]string{0: "\n5\ne\ny\n\n4\nq\n", 1: "\n5\n"}
			for i, args := range runs {
				cmd := exec.Command(bin, args...)
				cmd.Dir = dirs["cwd"]
				cmd.Env = childEnv(append(env, "REHEARSE_DEVICE=test", "NO_COLOR=1")...)
				cmd.Stdin = strings.NewReader(stdins[i])
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("rehearse %s: %v\n%s", strings.Join(args, " "), err, out)
				}
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
				if !inData && !parent {
					t.Errorf("written outside the data folder: %s", path)
					continue
				}
				want := fs.FileMode(0o600)
				if mode.IsDir() {
					want = fs.ModeDir | 0o700
				}
				if mode != want {
					t.Errorf("%s has mode %v, want %v", path, mode, want)
				}
			}
			sort.Strings(created)
			for _, want := range []string{filepath.Join(data, "log", "test.tsv"), filepath.Join(data, "decks", "troubleshooting.toml")} {
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
