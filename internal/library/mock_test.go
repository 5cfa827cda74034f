package library

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rehearse/rehearse/srs"
)

// mockDeck has 8 factual, 4 scenario and 4 behavioural cards.
func mockDeck() string {
	var b strings.Builder
	b.WriteString("[deck]\nid = \"k\"\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "[[card]]\nid = \"f%d\"\nfront = \"Fact %d?\"\nback = \"F.\"\n", i, i)
	}
	for i := 1; i <= 4; i++ {
		fmt.Fprintf(&b, "[[card]]\nid = \"s%d\"\nkind = \"scenario\"\nfront = \"Scenario %d?\"\npoints = [\"a\", \"b\"]\n", i, i)
		fmt.Fprintf(&b, "[[card]]\nid = \"b%d\"\nkind = \"scenario\"\nfront = \"Tell me about %d.\"\npoints = [\"a\", \"b\"]\ncompetencies = [\"conflict\"]\n", i, i)
	}
	return b.String()
}

func keysOf(qs []MockQuestion) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Prompt.Key)
	}
	return out
}

// TestChooseMock: one in four factual, a factual warm-up first, the
// behavioural questions last, repeatable with a seed, and the cards
// asked before, well answered, less likely to come again.
func TestChooseMock(t *testing.T) {
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	lib := openAt(t, mockDeck(), now)
	sel, err := lib.Select([]string{"k"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := lib.ChooseMock(sel, MockOptions{Questions: 8, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.Kind]++
	}
	if len(qs) != 8 || kinds[KindFactual] != 2 {
		t.Fatalf("got %d questions, %v; want 8, 2 factual", len(qs), kinds)
	}
	if qs[0].Kind != KindFactual || qs[0].Limit != DefaultShortTime {
		t.Errorf("the first question is %s (%v), want a factual warm-up", qs[0].Kind, qs[0].Limit)
	}
	seenBehavioural := false
	for _, q := range qs {
		if q.Kind == KindBehavioural {
			seenBehavioural = true
		} else if seenBehavioural {
			t.Errorf("%s comes after a behavioural question", q.Prompt.Key)
		}
	}
	again, _ := lib.ChooseMock(sel, MockOptions{Questions: 8, Seed: 4})
	if !slices.Equal(keysOf(qs), keysOf(again)) {
		t.Errorf("seed 4 chose %v, then %v", keysOf(qs), keysOf(again))
	}
	if n := len(mustChoose(t, lib, sel, MockOptions{Minutes: 20})); n != 9 {
		t.Errorf("--minutes 20 chose %d questions, want 9", n)
	}

	// Every factual card but f1 answered well in earlier mocks: f1, never
	// asked, comes most often over many seeds.
	var recs []srs.Record
	began := now.Add(-48 * time.Hour)
	for i := 2; i <= 8; i++ {
		recs = append(recs, srs.Record{Time: began.Add(time.Duration(i) * time.Second), Day: srs.DayOf(began, time.UTC, 4), Event: srs.Mock,
			Card: fmt.Sprintf("k/f%d", i), Grade: 5, Mock: began})
	}
	lib = openAt(t, mockDeck(), now, recs...)
	if len(lib.Mocks()) != 1 || len(lib.Mocks()[0].Answers) != 7 {
		t.Fatalf("mocks read back: %+v", lib.Mocks())
	}
	sel, _ = lib.Select([]string{"k"}, nil)
	count := map[string]int{}
	for seed := uint64(0); seed < 200; seed++ {
		for _, k := range keysOf(mustChoose(t, lib, sel, MockOptions{Questions: 4, Seed: seed})) {
			count[k]++
		}
	}
	for i := 2; i <= 8; i++ {
		if k := fmt.Sprintf("k/f%d", i); count[k] >= count["k/f1"] {
			t.Errorf("asked and answered %s came %d times, never-asked k/f1 %d", k, count[k], count["k/f1"])
		}
	}
}

func mustChoose(t *testing.T, lib *Library, sel *Selection, o MockOptions) []MockQuestion {
	t.Helper()
	qs, err := lib.ChooseMock(sel, o)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}
