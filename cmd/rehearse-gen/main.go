// Command rehearse-gen writes a deterministic synthetic collection for
// benchmarks: DIR/decks/*.toml and DIR/data/log/*.tsv.
//
//	rehearse-gen -size L DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
)

func main() {
	size := flag.String("size", "S", "collection size: S (1,000 cards, 10,000 answers), M (10,000, 100,000) or L (100,000, 1,000,000)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: rehearse-gen [-size S|M|L] DIR\n\nWrites a synthetic collection: DIR/decks/*.toml and DIR/data/log/*.tsv.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	s, ok := gen.ByName(*size)
	if flag.NArg() != 1 || !ok {
		flag.Usage()
		os.Exit(2)
	}
	today := srs.DayOf(time.Now(), time.Local, srs.DefaultDayStart)
	if err := gen.Write(flag.Arg(0), s, today); err != nil {
		fmt.Fprintf(os.Stderr, "rehearse-gen: %v\n", err)
		os.Exit(1)
	}
}
