package srs

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// synthTrueWeights are the weights synthetic learners remember by: near
// the defaults, but far enough from them that a fit has somewhere to go.
var synthTrueWeights = Weights{
	0.45, 1.8, 3.6, 13.0,
	6.9, 0.6,
	2.2, 0.02,
	1.6, 0.22, 1.1,
	1.8, 0.09, 0.35, 1.2,
	0.45, 2.3,
	0.5425, 0.0912, 0.0658,
	0.25,
}

// synthFitCards simulates learners who remember by weights w until answers
// answers are given, deterministically from seed. Each card is answered
// 2 to 40 times; each interval is the one FSRS gives for a desired
// retention picked per card in [0.7, 0.95], stretched or shrunk by up to
// half; each answer is recalled with the probability w predicts, and
// then rated Hard, Good or Easy (15%, 70%, 15%).
func synthFitCards(w Weights, answers int, seed uint64) []FitCard {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	var cards []FitCard
	for answers > 0 {
		n := min(2+rng.IntN(39), answers)
		answers -= n
		card := FitCard{Card: fmt.Sprintf("synth/%07d", len(cards))}
		retention := 0.7 + 0.25*rng.Float64()
		day := len(cards) / 20
		var m Memory
		rating := synthRating(rng, rng.Float64() >= 0.2)
		interval := 0
		for k := range n {
			elapsed := 0
			if k > 0 {
				elapsed = max(1, int(float64(interval)*(0.5+rng.Float64())+0.5))
				day += elapsed
				rating = synthRating(rng, rng.Float64() < w.Retrievability(float64(elapsed), m.Stability))
			}
			card.Reviews = append(card.Reviews, FitReview{
				Time:        base.AddDate(0, 0, day).Add(time.Duration(len(cards)%1000) * time.Second).UnixMilli(),
				Elapsed:     int32(elapsed),
				Rating:      rating,
				SM2Interval: int32(interval),
			})
			m = w.Next(m, float64(elapsed), rating)
			interval = w.Interval(m.Stability, retention, 3650)
		}
		cards = append(cards, card)
	}
	return cards
}

// synthRating rates an answer: Again when forgotten, else Hard, Good or
// Easy.
func synthRating(rng *rand.Rand, recalled bool) Rating {
	if !recalled {
		return RateAgain
	}
	switch x := rng.Float64(); {
	case x < 0.15:
		return RateHard
	case x < 0.85:
		return RateGood
	}
	return RateEasy
}

func benchmarkFit(b *testing.B, answers int) {
	cards := synthFitCards(synthTrueWeights, answers, 1)
	for b.Loop() {
		res := Fit(cards, FitOptions{})
		if res.Scope != FitAll {
			b.Fatalf("scope %v, want all", res.Scope)
		}
	}
}

func BenchmarkFit10k(b *testing.B) { benchmarkFit(b, 10_000) }

func BenchmarkFit1M(b *testing.B) {
	if testing.Short() {
		b.Skip("1M answers: skipped under -short")
	}
	benchmarkFit(b, 1_000_000)
}
