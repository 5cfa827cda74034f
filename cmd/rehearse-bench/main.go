// Command rehearse-bench measures rehearse on the synthetic S, M and L
// collections against the floor that its own dependencies set.
//
//	go run ./cmd/rehearse-bench [-sizes S,M,L] [-runs 5] [-only TEXT] [-markdown] [-mnemosyne]
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
// of the collection is edited, as their names say. Each command's runs
// alternate with the floor's, so that a change in the machine's load
// moves both.
//
// With -mnemosyne it also converts each collection for Mnemosyne 2.9
// (Debian's package mnemosyne, driven headless by against-mnemosyne.py
// through its mnemosyne.script module) and measures Mnemosyne's status and
// first card, alternating with rehearse's and the floor's runs.
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
	mnemosyne := flag.Bool("mnemosyne", false, "measure Mnemosyne 2.9 side by side (needs Debian's package mnemosyne)")
	flag.Parse()
	if err := bench(strings.Split(*sizes, ","), *runs, *markdown, *only, *mnemosyne); err != nil {
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

// mnemosyneScript drives Mnemosyne; python runs it with Mnemosyne's modules.
const (
	mnemosyneScript = "cmd/rehearse-bench/against-mnemosyne.py"
	python          = "/usr/bin/python3"
)

func bench(sizes []string, runs int, markdown bool, only string, mnemosyne bool) error {
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
	script, err := filepath.Abs(mnemosyneScript)
	if err != nil {
		return err
	}
	if mnemosyne {
		check := exec.Command(python, "-c", "import mnemosyne.script")
		if out, err := check.CombinedOutput(); err != nil {
			return fmt.Errorf("-mnemosyne needs Mnemosyne 2.9 for %s (apt-get install mnemosyne): %v\n%s", python, err, out)
		}
	}
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
		err := prepare(dir, fmt.Sprintf("generating %s (%d cards, %d answers)", size.Name, size.Cards, size.Answers),
			func() error { return gen.Write(dir, size, today) })
		if err != nil {
			return err
		}
		decks, data := filepath.Join(dir, "decks"), filepath.Join(dir, "data")
		mnemosyneData := filepath.Join(dir, "mnemosyne")
		if mnemosyne {
			err := prepare(mnemosyneData, "converting "+size.Name+" for Mnemosyne", func() error {
				_, err := once(python, job{args: []string{script, "convert", dir, mnemosyneData}})
				return err
			})
			if err != nil {
				return err
			}
		}
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

		// mnemosyneJob runs one of against-mnemosyne.py's commands.
		mnemosyneJob := func(command string, before func() error, until string) *job {
			return &job{args: []string{script, command, mnemosyneData}, before: before, until: until}
		}
		mnemosyneAnswer := func() error {
			_, err := once(python, *mnemosyneJob("answer", nil, ""))
			return err
		}
		measure := func(command string, j job, floorArgs []string, other *job) error {
			fmt.Fprintf(os.Stderr, "%s %s...\n", size.Name, command)
			j.args = append(append([]string(nil), common...), j.args...)
			progs := []program{{rehearse, j}, {floor, job{args: floorArgs}}}
			if other != nil && mnemosyne {
				progs = append(progs, program{python, *other})
			}
			got, err := medians(runs, progs)
			if err != nil {
				return err
			}
			rows = append(rows, row{size.Name, command, got[0], got[1]})
			if len(got) > 2 {
				rows = append(rows, row{size.Name, "Mnemosyne 2.9: " + command, got[2], got[1]})
			}
			return restore()
		}
		noCache := []string{"REHEARSE_CACHE=off"}
		firstCard := " · 1 of " // the first card's heading, whatever its kind
		deckFloor, logFloor := []string{decks}, []string{"-log", data, decks}
		for _, m := range []struct {
			command   string
			j         job
			floor     []string
			mnemosyne *job // Mnemosyne's counterpart, if it has one
		}{
			{"status", job{args: []string{"status"}, env: noCache}, deckFloor, mnemosyneJob("status", nil, "")},
			{"status, cache warm", job{args: []string{"status"}, before: warm}, deckFloor, nil},
			{"status, after one more answer", job{args: []string{"status"}, before: oneAnswer}, deckFloor,
				mnemosyneJob("status", mnemosyneAnswer, "")},
			{"status, after one deck file edited", job{args: []string{"status"}, before: editDeck}, deckFloor, nil},
			{"stats", job{args: []string{"stats"}, env: noCache}, logFloor, nil},
			{"stats, deck cache warm", job{args: []string{"stats"}, before: warm}, logFloor, nil},
			{"stats, FSRS", job{args: []string{"stats", "--scheduler", "fsrs"}, env: noCache}, logFloor, nil},
			{"stats, FSRS, deck cache warm", job{args: []string{"stats", "--scheduler", "fsrs"}, before: warm}, logFloor, nil},
			{"optimize --dry-run", job{args: []string{"optimize", "--dry-run"}, env: noCache}, logFloor, nil},
			{"lint", job{args: []string{"lint", decks}, env: noCache}, deckFloor, nil},
			{"review, first card", job{args: []string{"review"}, env: noCache, until: firstCard}, deckFloor,
				mnemosyneJob("first-card", nil, "FIRST CARD")},
			{"review, first card, caches warm", job{args: []string{"review"}, before: warm, until: firstCard}, deckFloor, nil},
			{"review, first card, after one more answer", job{args: []string{"review"}, before: oneAnswer, until: firstCard}, deckFloor,
				mnemosyneJob("first-card", mnemosyneAnswer, "FIRST CARD")},
			{"review, 100 answers", job{args: []string{"review", "--new", "100", "--limit", "100"}, env: noCache,
				stdin: strings.Repeat("\n5\n", 100), after: restore}, deckFloor, nil},
		} {
			if !strings.Contains(m.command, only) {
				continue
			}
			if err := measure(m.command, m.j, m.floor, m.mnemosyne); err != nil {
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

// prepare makes dir with build, saying what it does, unless an earlier
// run did (its file "complete" says so); anything left half-made is
// removed first.
func prepare(dir, what string, build func() error) error {
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err == nil {
		return nil
	}
	fmt.Fprintf(os.Stderr, "%s...\n", what)
	os.RemoveAll(dir)
	if err := build(); err != nil {
		return err
	}
	return os.WriteFile(done, nil, 0o600)
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

// program is one program and the job it is given.
type program struct {
	path string
	j    job
}

// medians runs the programs in turn, runs times round, and returns the
// median wall time, CPU time and peak memory of each.
func medians(runs int, progs []program) ([]sample, error) {
	all := make([][]sample, len(progs))
	for i := 0; i < runs; i++ {
		for p, prog := range progs {
			if prog.j.before != nil {
				if err := prog.j.before(); err != nil {
					return nil, err
				}
			}
			s, err := once(prog.path, prog.j)
			if err != nil {
				return nil, err
			}
			all[p] = append(all[p], s)
			if prog.j.after != nil {
				if err := prog.j.after(); err != nil {
					return nil, err
				}
			}
		}
	}
	out := make([]sample, len(progs))
	for p, samples := range all {
		out[p] = median(samples)
	}
	return out, nil
}

// median is the median of each of the samples' measures.
func median(samples []sample) sample {
	var walls, cpus []time.Duration
	var rss []int64
	for _, s := range samples {
		walls, cpus, rss = append(walls, s.wall), append(cpus, s.cpu), append(rss, s.rss)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return sample{wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2], rss: rss[len(rss)/2]}
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
