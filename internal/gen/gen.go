// Package gen writes deterministic synthetic collections for benchmarks:
// deck files with realistic text and a review log simulated with SM-2
// over several years, split across two devices.
package gen

import (
	"bufio"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// Size is a collection's shape.
type Size struct {
	Name    string
	Cards   int
	Decks   int
	Answers int
	Days    int // how far back the history goes
}

// The sizes of the performance issue.
var (
	S = Size{Name: "S", Cards: 1_000, Decks: 10, Answers: 10_000, Days: 365}
	M = Size{Name: "M", Cards: 10_000, Decks: 100, Answers: 100_000, Days: 730}
	L = Size{Name: "L", Cards: 100_000, Decks: 100, Answers: 1_000_000, Days: 1095}
)

// Sizes lists S, M and L.
var Sizes = []Size{S, M, L}

// ByName returns the size called name ("S", "M" or "L").
func ByName(name string) (Size, bool) {
	for _, s := range Sizes {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return Size{}, false
}

var words = strings.Fields(`network router switch packet frame segment latency throughput bandwidth
subnet gateway firewall policy incident problem change release capacity budget vendor contract
backup restore replica cluster quorum failover storage volume snapshot kernel process memory cache
disk inode permission account identity token certificate protocol handshake session transport
service level objective stakeholder roadmap strategy risk control audit compliance recovery
continuity database index query transaction lock deadlock schedule escalation monitoring alert
metric dashboard team hiring feedback conflict priority decision escalation forecast`)

// Write creates the collection in dir: dir/decks/*.toml and
// dir/data/log/{laptop,desktop}.tsv. The same size and end day always
// give the same files.
func Write(dir string, size Size, today srs.Day) error {
	rng := rand.New(rand.NewSource(int64(size.Cards)*7919 + int64(size.Answers)))
	deckDir := filepath.Join(dir, "decks")
	if err := os.MkdirAll(deckDir, 0o755); err != nil {
		return err
	}
	perDeck := size.Cards / size.Decks
	var keys []string
	for d := 0; d < size.Decks; d++ {
		id := fmt.Sprintf("deck-%03d", d)
		k, err := writeDeck(filepath.Join(deckDir, id+".toml"), id, perDeck, rng)
		if err != nil {
			return err
		}
		keys = append(keys, k...)
	}
	return writeLog(filepath.Join(dir, "data"), keys, size, today, rng)
}

func sentence(rng *rand.Rand, minWords, maxWords int) string {
	n := minWords + rng.Intn(maxWords-minWords+1)
	w := make([]string, n)
	for i := range w {
		w[i] = words[rng.Intn(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// writeDeck writes one deck file and returns its cards' keys (and the
// reverse sides').
func writeDeck(path, id string, cards int, rng *rand.Rand) ([]string, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "[deck]\nid = %q\nname = %q\ndescription = %q\ntags = [%q]\n", id, "Deck "+id, sentence(rng, 8, 16)+".", words[rng.Intn(len(words))])
	var keys []string
	for c := 0; c < cards; c++ {
		cid := fmt.Sprintf("card-%05d", c)
		keys = append(keys, id+"/"+cid)
		fmt.Fprintf(w, "\n[[card]]\nid = %q\nfront = %q\n", cid, sentence(rng, 8, 20)+"?")
		switch r := rng.Intn(100); {
		case r < 5: // a scenario
			fmt.Fprintf(w, "kind = \"scenario\"\npoints = [")
			for p, n := 0, 4+rng.Intn(3); p < n; p++ {
				if p > 0 {
					w.WriteString(", ")
				}
				fmt.Fprintf(w, "%q", sentence(rng, 4, 9))
			}
			w.WriteString("]\n")
		case r < 12: // a typed answer
			a := words[rng.Intn(len(words))]
			fmt.Fprintf(w, "back = %q\naccept = [%q, %q]\n", a, a, strings.ToUpper(a))
		default:
			fmt.Fprintf(w, "back = %q\n", sentence(rng, 6, 24)+".")
			if r > 90 {
				fmt.Fprintf(w, "reverse = true\n")
				keys = append(keys, id+"/"+cid+":reverse")
			}
		}
		fmt.Fprintf(w, "tags = [%q, %q]\n", words[rng.Intn(len(words))], words[rng.Intn(len(words))])
		if rng.Intn(3) == 0 {
			fmt.Fprintf(w, "explain = %q\n", sentence(rng, 15, 40)+".")
		}
		if rng.Intn(2) == 0 {
			fmt.Fprintf(w, "source = %q\n", "RFC "+fmt.Sprint(700+rng.Intn(9000)))
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return keys, f.Close()
}

// writeLog simulates studying with SM-2 day by day until size.Answers
// records exist, the last on today: new cards each day, the due reviews,
// failures and re-drills, on two devices (alternate days).
func writeLog(dataDir string, keys []string, size Size, today srs.Day, rng *rand.Rand) error {
	if err := os.MkdirAll(revlog.Dir(dataDir), 0o700); err != nil {
		return err
	}
	var files [2]*os.File
	var bufs [2]*bufio.Writer
	for i, dev := range []string{"laptop", "desktop"} {
		f, err := os.Create(revlog.DeviceFile(dataDir, dev))
		if err != nil {
			return err
		}
		files[i], bufs[i] = f, bufio.NewWriterSize(f, 1<<20)
		bufs[i].WriteString(revlog.Header + "\n")
	}
	start := today - srs.Day(size.Days) + 1
	newPerDay := max(len(keys)/size.Days, 1)
	states := make([]srs.CardState, len(keys))
	due := map[srs.Day][]int{}
	next := 0 // next new card
	written := 0
	// answer draws a grade for card c, applies it and logs the record on
	// device dev: the day's first answer schedules, later ones re-drill.
	answer := func(c int, day srs.Day, t time.Time, dev int) (srs.Grade, srs.CardState) {
		g := grade(rng)
		st, scheduled := states[c].Apply(g, day, srs.Params{})
		states[c] = st
		rec := srs.Record{Time: t, Day: day, Event: srs.Drill, Card: keys[c], Grade: g, Millis: 1000 + rng.Intn(8000),
			Schedule: st.Schedule, Due: st.Due}
		if scheduled {
			rec.Event, rec.Millis = srs.Answer, rec.Millis+rng.Intn(12000)
		}
		bufs[dev].WriteString(revlog.Format(rec) + "\n")
		written++
		return g, st
	}
	for day := start; day <= today && written < size.Answers; day++ {
		dev := int(day) % 2
		var todo []int
		todo = append(todo, due[day]...)
		delete(due, day)
		for i := 0; i < newPerDay && next < len(keys); i++ {
			todo = append(todo, next)
			next++
		}
		daysLeft := int(today-day) + 1
		budget := (size.Answers - written + daysLeft - 1) / daysLeft
		t := day.Time().Add(7*time.Hour + time.Duration(rng.Intn(3600))*time.Second)
		var redo []int
		for _, c := range todo {
			if budget == 0 {
				due[day+1] = append(due[day+1], c) // carried over
				continue
			}
			t = t.Add(time.Duration(3+rng.Intn(20)) * time.Second)
			g, st := answer(c, day, t, dev)
			budget--
			due[st.Due] = append(due[st.Due], c)
			if g < srs.Hesitant {
				redo = append(redo, c)
			}
		}
		// Re-drills until 4 or 5, within the day's budget.
		for len(redo) > 0 && budget > 0 {
			c := redo[0]
			redo = redo[1:]
			t = t.Add(time.Duration(3+rng.Intn(20)) * time.Second)
			g, _ := answer(c, day, t, dev)
			budget--
			if g < srs.Hesitant {
				redo = append(redo, c)
			}
		}
	}
	// Top up on the last day with re-drills of cards already studied, so
	// that the log holds exactly size.Answers records.
	t := today.Time().Add(20 * time.Hour)
	for written < size.Answers && next > 0 {
		t = t.Add(time.Second)
		answer(rng.Intn(next), today, t, int(today)%2)
	}
	for i := range files {
		if err := bufs[i].Flush(); err != nil {
			return err
		}
		if err := files[i].Close(); err != nil {
			return err
		}
	}
	return nil
}

// grade draws a grade: mostly 4 and 5, about one in ten failed.
func grade(rng *rand.Rand) srs.Grade {
	switch r := rng.Intn(100); {
	case r < 3:
		return srs.Blackout
	case r < 7:
		return srs.Wrong
	case r < 10:
		return srs.WrongEasy
	case r < 25:
		return srs.Hard
	case r < 65:
		return srs.Hesitant
	}
	return srs.Perfect
}
