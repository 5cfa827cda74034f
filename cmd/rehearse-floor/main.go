// Command rehearse-floor is the cost floor that rehearse's benchmarks
// compare against: it only decodes deck files with BurntSushi/toml into
// plain structs and, with -log, only reads the review log's bytes.
//
//	rehearse-floor [-log DATA-DIR] DECK-DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

type floorDeck struct {
	Deck struct {
		ID          string   `toml:"id"`
		Name        string   `toml:"name"`
		Description string   `toml:"description"`
		Tags        []string `toml:"tags"`
	} `toml:"deck"`
	Card []struct {
		ID      string   `toml:"id"`
		Front   string   `toml:"front"`
		Back    string   `toml:"back"`
		Tags    []string `toml:"tags"`
		Hint    string   `toml:"hint"`
		Explain string   `toml:"explain"`
		Source  string   `toml:"source"`
		Reverse bool     `toml:"reverse"`
		Kind    string   `toml:"kind"`
		Points  []string `toml:"points"`
		Accept  []string `toml:"accept"`
	} `toml:"card"`
}

func main() {
	logDir := flag.String("log", "", "also read the bytes of the review log in `DATA-DIR`/log")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: rehearse-floor [-log DATA-DIR] DECK-DIR")
		os.Exit(2)
	}
	cards, lines := 0, 0
	err := filepath.WalkDir(flag.Arg(0), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		var v floorDeck
		if _, err := toml.DecodeFile(p, &v); err != nil {
			return err
		}
		cards += len(v.Card)
		return nil
	})
	if err == nil && *logDir != "" {
		var files []string
		files, err = filepath.Glob(filepath.Join(*logDir, "log", "*.tsv"))
		for _, f := range files {
			b, rerr := os.ReadFile(f)
			if rerr != nil {
				err = rerr
				break
			}
			lines += bytes.Count(b, []byte("\n"))
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rehearse-floor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d cards, %d log lines\n", cards, lines)
}
