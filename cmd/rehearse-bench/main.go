// Command rehearse-bench measures rehearse on the synthetic S, M and L
// collections against the floor that its own dependencies set.
//
//	go run ./cmd/rehearse-bench [-sizes S,M,L] [-runs 5] [-markdown]
//
// It builds rehearse and rehearse-floor, generates the collections (kept
// in $TMPDIR/rehearse-bench between runs), and prints, for status, stats
// (with SM-2 and with FSRS), optimize --dry-run,
// lint and a piped session answering 100 cards, the median wall time and
// peak memory of whole processes, next to the floor (decoding the same deck
// files with BurntSushi/toml into plain structs; for stats also reading
// the log's bytes) and the ratio between them. Every command runs without
// the cache (REHEARSE_CACHE=off), and status once more with it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rehearse/rehearse/internal/gen"
	"github.com/rehearse/rehearse/srs"
)

func main() {
	sizes := flag.String("sizes", "S,M,L", "collections to measure, from S, M and L")
	runs := flag.Int("runs", 5, "runs of each command; the median is shown")
	markdown := flag.Bool("markdown", false, "print a Markdown table (for BENCHMARKS.md)")
	flag.Parse()
	if err := bench(strings.Split(*sizes, ","), *runs, *markdown); err != nil {
		fmt.Fprintln(os.Stderr, "rehearse-bench:", err)
		os.Exit(1)
	}
}

// sample is one process's cost.
type sample struct {
	wall time.Duration
	rss  int64 // peak resident memory, KB
}

func bench(sizes []string, runs int, markdown bool) error {
	work := filepath.Join(os.TempDir(), "rehearse-bench")
	bin := filepath.Join(work, "bin")
	for _, prog := range []string{"rehearse", "rehearse-floor"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(bin, prog), "./cmd/"+prog)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/%s (run this from the repository's root): %w", prog, err)
		}
	}
	rehearse, floor := filepath.Join(bin, "rehearse"), filepath.Join(bin, "rehearse-floor")
	today := srs.DayOf(time.Now(), time.Local, srs.DefaultDayStart)

	fmt.Fprintf(os.Stderr, "machine: %s, %d cores, %s\n", cpuModel(), runtime.NumCPU(), runtime.Version())
	type row struct {
		size, command string
		got, base     sample
	}
	var rows []row
	for _, name := range sizes {
		size, ok := gen.ByName(strings.TrimSpace(name))
		if !ok {
			return fmt.Errorf("unknown size %q (want S, M or L)", name)
		}
		dir := filepath.Join(work, size.Name+"-"+today.String())
		if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
			fmt.Fprintf(os.Stderr, "generating %s (%d cards, %d answers)...\n", size.Name, size.Cards, size.Answers)
			os.RemoveAll(dir)
			if err := gen.Write(dir, size, today); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, "complete"), nil, 0o600); err != nil {
				return err
			}
		}
		decks, data := filepath.Join(dir, "decks"), filepath.Join(dir, "data")
		common := []string{"--no-builtin", "--data-dir", data, "--decks", decks}
		session := strings.Repeat("\n5\n", 100)
		logFile := filepath.Join(data, "log", "laptop.tsv")
		saved, err := os.ReadFile(logFile)
		if err != nil {
			return err
		}
		restore := func() error { return os.WriteFile(logFile, saved, 0o600) }

		measure := func(command string, args, floorArgs []string, stdin string, after func() error, env ...string) error {
			fmt.Fprintf(os.Stderr, "%s %s...\n", size.Name, command)
			got, err := median(runs, rehearse, args, stdin, after, env...)
			if err != nil {
				return err
			}
			base, err := median(runs, floor, floorArgs, "", nil)
			if err != nil {
				return err
			}
			rows = append(rows, row{size.Name, command, got, base})
			return nil
		}
		noCache := "REHEARSE_CACHE=off"
		if err := measure("status", append(common, "status"), []string{decks}, "", nil, noCache); err != nil {
			return err
		}
		if err := measure("status, cache warm", append(common, "status"), []string{decks}, "", nil); err != nil {
			return err
		}
		if err := measure("stats", append(common, "stats"), []string{"-log", data, decks}, "", nil, noCache); err != nil {
			return err
		}
		if err := measure("stats, FSRS", append(common, "stats", "--scheduler", "fsrs"), []string{"-log", data, decks}, "", nil, noCache); err != nil {
			return err
		}
		if err := measure("optimize --dry-run", append(common, "optimize", "--dry-run"), []string{"-log", data, decks}, "", nil, noCache); err != nil {
			return err
		}
		if err := measure("lint", []string{"--no-builtin", "--data-dir", data, "lint", decks}, []string{decks}, "", nil, noCache); err != nil {
			return err
		}
		if err := measure("review, 100 answers", append(common, "review", "--new", "100", "--limit", "100"), []string{decks}, session, restore, noCache); err != nil {
			return err
		}
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	if markdown {
		fmt.Println("| size | command | rehearse | floor | ratio | peak memory | floor memory |")
		fmt.Println("|---|---|---:|---:|---:|---:|---:|")
	} else {
		fmt.Fprintln(w, "SIZE\tCOMMAND\tREHEARSE\tFLOOR\tRATIO\tPEAK MB\tFLOOR MB\t")
	}
	for _, r := range rows {
		ratio := float64(r.got.wall) / float64(r.base.wall)
		cells := []string{r.size, r.command, seconds(r.got.wall), seconds(r.base.wall), fmt.Sprintf("%.2fx", ratio),
			fmt.Sprintf("%.0f", float64(r.got.rss)/1024), fmt.Sprintf("%.0f", float64(r.base.rss)/1024)}
		if markdown {
			fmt.Println("| " + strings.Join(cells, " | ") + " |")
		} else {
			fmt.Fprintln(w, strings.Join(cells, "\t")+"\t")
		}
	}
	w.Flush()
	fmt.Printf("\nmedian of %d runs; machine: %s, %d cores, %s\n", runs, cpuModel(), runtime.NumCPU(), runtime.Version())
	return nil
}

// median runs a program several times and returns its median wall time
// and median peak memory.
func median(runs int, prog string, args []string, stdin string, after func() error, env ...string) (sample, error) {
	var walls []time.Duration
	var rss []int64
	for i := 0; i < runs; i++ {
		cmd := exec.Command(prog, args...)
		cmd.Env = append(append(os.Environ(), "REHEARSE_DEVICE=laptop", "NO_COLOR=1", "TZ=UTC"), env...)
		cmd.Stdin = strings.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = nil, &stderr
		start := time.Now()
		err := cmd.Run()
		walls = append(walls, time.Since(start))
		if err != nil {
			return sample{}, fmt.Errorf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, stderr.String())
		}
		if kb, ok := peakKB(cmd.ProcessState); ok {
			rss = append(rss, kb)
		}
		if after != nil {
			if err := after(); err != nil {
				return sample{}, err
			}
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	sort.Slice(rss, func(i, j int) bool { return rss[i] < rss[j] })
	s := sample{wall: walls[len(walls)/2]}
	if len(rss) > 0 {
		s.rss = rss[len(rss)/2]
	}
	return s, nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
