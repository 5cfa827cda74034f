// Command rehearse-bench measures rehearse on the synthetic S, M and L
// collections against the floor that its own dependencies set.
//
//	go run ./cmd/rehearse-bench [-sizes S,M,L] [-runs 5] [-only TEXT] [-markdown]
//
// It builds rehearse and rehearse-floor, generates the collections (kept
// in $TMPDIR/rehearse-bench between runs), and prints, for status, stats
// (with SM-2 and with FSRS), optimize --dry-run, lint, the first card of
// a review and a piped session answering 100 cards, the median wall time,
// CPU time and peak memory of whole processes, next to the floor
// (decoding the same deck files with BurntSushi/toml into plain structs;
// for stats also reading the log's bytes) and the ratios between them.
// Cold rows run without the caches (REHEARSE_CACHE=off); the others with
// them, warm, right after one more answer, or right after one deck file
// of the collection is edited, as their names say.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
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
	only := flag.String("only", "", "measure only the commands whose name holds this `TEXT` (\"first card\", say)")
	flag.Parse()
	if err := bench(strings.Split(*sizes, ","), *runs, *markdown, *only); err != nil {
		fmt.Fprintln(os.Stderr, "rehearse-bench:", err)
		os.Exit(1)
	}
}

// sample is one process's cost.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user and system time
	rss  int64         // peak resident memory, KB
}

func bench(sizes []string, runs int, markdown bool, only string) error {
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
		logFile := filepath.Join(data, "log", "laptop.tsv")
		deckFiles, err := filepath.Glob(filepath.Join(decks, "*.toml"))
		if err != nil || len(deckFiles) == 0 {
			return fmt.Errorf("no deck files in %s (remove the folder to generate it again)", decks)
		}
		deckFile := deckFiles[len(deckFiles)/2] // the one edited
		savedLog, err := os.ReadFile(logFile)
		if err != nil {
			return err
		}
		savedDeck, err := os.ReadFile(deckFile)
		if err != nil {
			return err
		}
		restore := func() error {
			if err := os.WriteFile(logFile, savedLog, 0o600); err != nil {
				return err
			}
			return os.WriteFile(deckFile, savedDeck, 0o600)
		}
		// run runs rehearse once, untimed, to warm the caches or answer a card.
		run := func(stdin string, args ...string) func() error {
			return func() error {
				_, err := once(rehearse, job{args: append(common, args...), stdin: stdin})
				return err
			}
		}
		warm := run("", "status")
		oneAnswer := func() error {
			if err := warm(); err != nil {
				return err
			}
			return run("\n4\n", "review", "--new", "1", "--limit", "1")()
		}
		edits := 0
		editDeck := func() error {
			if err := warm(); err != nil {
				return err
			}
			edits++
			f, err := os.OpenFile(deckFile, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			fmt.Fprintf(f, "# edited %d\n", edits)
			return f.Close()
		}

		measure := func(command string, j job, floorArgs []string) error {
			fmt.Fprintf(os.Stderr, "%s %s...\n", size.Name, command)
			j.args = append(append([]string(nil), common...), j.args...)
			got, err := median(runs, rehearse, j)
			if err != nil {
				return err
			}
			base, err := median(runs, floor, job{args: floorArgs})
			if err != nil {
				return err
			}
			rows = append(rows, row{size.Name, command, got, base})
			return restore()
		}
		noCache := []string{"REHEARSE_CACHE=off"}
		firstCard := " · 1 of " // the first card's heading, whatever its kind
		deckFloor, logFloor := []string{decks}, []string{"-log", data, decks}
		for _, m := range []struct {
			command string
			j       job
			floor   []string
		}{
			{"status", job{args: []string{"status"}, env: noCache}, deckFloor},
			{"status, cache warm", job{args: []string{"status"}, before: warm}, deckFloor},
			{"status, after one more answer", job{args: []string{"status"}, before: oneAnswer}, deckFloor},
			{"status, after one deck file edited", job{args: []string{"status"}, before: editDeck}, deckFloor},
			{"stats", job{args: []string{"stats"}, env: noCache}, logFloor},
			{"stats, deck cache warm", job{args: []string{"stats"}, before: warm}, logFloor},
			{"stats, FSRS", job{args: []string{"stats", "--scheduler", "fsrs"}, env: noCache}, logFloor},
			{"stats, FSRS, deck cache warm", job{args: []string{"stats", "--scheduler", "fsrs"}, before: warm}, logFloor},
			{"optimize --dry-run", job{args: []string{"optimize", "--dry-run"}, env: noCache}, logFloor},
			{"lint", job{args: []string{"lint", decks}, env: noCache}, deckFloor},
			{"review, first card", job{args: []string{"review"}, env: noCache, until: firstCard}, deckFloor},
			{"review, first card, caches warm", job{args: []string{"review"}, before: warm, until: firstCard}, deckFloor},
			{"review, first card, after one more answer", job{args: []string{"review"}, before: oneAnswer, until: firstCard}, deckFloor},
			{"review, 100 answers", job{args: []string{"review", "--new", "100", "--limit", "100"}, env: noCache,
				stdin: strings.Repeat("\n5\n", 100), after: restore}, deckFloor},
		} {
			if !strings.Contains(m.command, only) {
				continue
			}
			if err := measure(m.command, m.j, m.floor); err != nil {
				return err
			}
		}
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	if markdown {
		fmt.Println("| size | command | rehearse | floor | ratio | CPU ratio | peak memory | floor memory |")
		fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|")
	} else {
		fmt.Fprintln(w, "SIZE\tCOMMAND\tREHEARSE\tFLOOR\tRATIO\tCPU RATIO\tPEAK MB\tFLOOR MB\t")
	}
	for _, r := range rows {
		ratio := float64(r.got.wall) / float64(r.base.wall)
		cpuRatio := float64(r.got.cpu) / float64(r.base.cpu)
		cells := []string{r.size, r.command, seconds(r.got.wall), seconds(r.base.wall), fmt.Sprintf("%.2fx", ratio),
			fmt.Sprintf("%.2fx", cpuRatio), fmt.Sprintf("%.0f", float64(r.got.rss)/1024), fmt.Sprintf("%.0f", float64(r.base.rss)/1024)}
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

// job is one command to measure.
type job struct {
	args  []string
	stdin string
	env   []string
	// before and after run, untimed, around each run.
	before, after func() error
	// until, when set, ends the time when the output first shows it (the
	// first card of a review); the input stays open until then.
	until string
}

// median runs a program several times and returns its median wall time,
// CPU time and peak memory.
func median(runs int, prog string, j job) (sample, error) {
	var walls, cpus []time.Duration
	var rss []int64
	for i := 0; i < runs; i++ {
		if j.before != nil {
			if err := j.before(); err != nil {
				return sample{}, err
			}
		}
		s, err := once(prog, j)
		if err != nil {
			return sample{}, err
		}
		walls, cpus, rss = append(walls, s.wall), append(cpus, s.cpu), append(rss, s.rss)
		if j.after != nil {
			if err := j.after(); err != nil {
				return sample{}, err
			}
		}
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return sample{wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2], rss: rss[len(rss)/2]}, nil
}

// once runs a program once.
func once(prog string, j job) (sample, error) {
	cmd := exec.Command(prog, j.args...)
	cmd.Env = append(append(os.Environ(), "REHEARSE_DEVICE=laptop", "NO_COLOR=1", "TZ=UTC"), j.env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var stdin io.WriteCloser
	var stdout io.ReadCloser
	var err error
	if j.until != "" {
		if stdin, err = cmd.StdinPipe(); err != nil {
			return sample{}, err
		}
		if stdout, err = cmd.StdoutPipe(); err != nil {
			return sample{}, err
		}
	} else {
		cmd.Stdin = strings.NewReader(j.stdin)
	}
	fail := func(err error) (sample, error) {
		return sample{}, fmt.Errorf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(j.args, " "), err, stderr.String())
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return fail(err)
	}
	var wall time.Duration
	if j.until != "" {
		// A command that never shows it is stopped, not waited for.
		stop := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
		defer stop.Stop()
		seen, err := readUntil(stdout, j.until)
		wall = time.Since(start)
		stdin.Close()
		io.Copy(io.Discard, stdout)
		if err != nil || !seen {
			cmd.Wait()
			return fail(fmt.Errorf("the output never showed %q (%v)", j.until, err))
		}
	}
	if err := cmd.Wait(); err != nil {
		return fail(err)
	}
	if j.until == "" {
		wall = time.Since(start)
	}
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if kb, ok := peakKB(cmd.ProcessState); ok {
		s.rss = kb
	}
	return s, nil
}

// readUntil reads r until what it read holds text.
func readUntil(r io.Reader, text string) (bool, error) {
	var seen []byte
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		seen = append(seen, buf[:n]...)
		if bytes.Contains(seen, []byte(text)) {
			return true, nil
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
	}
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
