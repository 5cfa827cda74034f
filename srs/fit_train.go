package srs

// Training the weights: recency weights, batches of whole cards, Adam with
// a cosine learning rate, gradients summed on every core (fsrs-rs
// src/training.rs).

import (
	"cmp"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// recencyWeighted returns the items in the time order of their answers,
// weighted 0.25 + 0.75·(i/(n-1))³ for the i-th of n (fsrs-rs
// recency_weighted_training_items for FSRS-6). Answers at the same time
// keep their order.
func recencyWeighted(cards []FitCard, items []fitItem) []fitItem {
	type timed struct {
		at    int64
		order int
		item  fitItem
	}
	ts := make([]timed, len(items))
	for i, it := range items {
		ts[i] = timed{cards[it.card].Reviews[it.end].Time, i, it}
	}
	slices.SortFunc(ts, func(a, b timed) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.order, b.order)) })
	last := max(float64(len(items)-1), 1)
	out := make([]fitItem, len(items))
	for i, t := range ts {
		x := float64(i) / last
		t.item.weight = 0.25 + 0.75*x*x*x
		out[i] = t.item
	}
	return out
}

// fitTarget is one item of a card in a batch: the review to predict and
// its weight.
type fitTarget struct {
	end    int32
	weight float64
}

// fitGroup is the items of one card, in review order.
type fitGroup struct {
	card    int32
	targets []fitTarget
}

// fitBatch is one training step's data: whole cards with about
// fitBatchSize items, cut into chunks that goroutines share.
type fitBatch struct {
	groups []fitGroup
	chunks []int // chunk i is groups[chunks[i]:chunks[i+1]]
	items  int
}

// fitChunks is the number of chunks per batch. It is fixed, so that the
// sum of the chunks' gradients does not depend on the number of CPUs.
const fitChunks = 8

// packBatches groups the items by card and packs the cards, shortest
// longest-item first (ties in card order), into batches of at most
// fitBatchSize items, a card never split (fsrs-rs build_fsrs6_batches).
func packBatches(items []fitItem) []fitBatch {
	byCard := map[int32][]fitTarget{}
	for _, it := range items {
		byCard[it.card] = append(byCard[it.card], fitTarget{it.end, it.weight})
	}
	groups := make([]fitGroup, 0, len(byCard))
	for c, ts := range byCard {
		slices.SortFunc(ts, func(a, b fitTarget) int { return cmp.Compare(a.end, b.end) })
		groups = append(groups, fitGroup{c, ts})
	}
	slices.SortFunc(groups, func(a, b fitGroup) int {
		return cmp.Or(cmp.Compare(a.targets[len(a.targets)-1].end, b.targets[len(b.targets)-1].end),
			cmp.Compare(a.card, b.card))
	})
	var batches []fitBatch
	var cur fitBatch
	for _, g := range groups {
		if len(cur.groups) > 0 && cur.items+len(g.targets) > fitBatchSize {
			batches = append(batches, cur.chunked())
			cur = fitBatch{}
		}
		cur.groups = append(cur.groups, g)
		cur.items += len(g.targets)
	}
	if len(cur.groups) > 0 {
		batches = append(batches, cur.chunked())
	}
	return batches
}

// chunked returns b cut into up to fitChunks chunks of about equal work
// (reviews to run through).
func (b fitBatch) chunked() fitBatch {
	work := 0
	for _, g := range b.groups {
		work += int(g.targets[len(g.targets)-1].end)
	}
	b.chunks = []int{0}
	done := 0
	for i, g := range b.groups {
		done += int(g.targets[len(g.targets)-1].end)
		if i+1 < len(b.groups) && done*fitChunks >= work*len(b.chunks) {
			b.chunks = append(b.chunks, i+1)
		}
	}
	b.chunks = append(b.chunks, len(b.groups))
	return b
}

// trainWeights runs fsrs-rs's training loop (training.rs train) from w0
// and returns the weights after the last step.
func trainWeights(cards []FitCard, items []fitItem, w0 Weights, progress func(done, total int)) Weights {
	batches := packBatches(items)
	total := len(items)
	steps := (total/fitBatchSize + 1) * fitEpochs // fsrs-rs's estimate of the steps, for the schedule
	rng := rand.New(rand.NewPCG(fitSeed, fitSeed))
	order := make([]int, len(batches))
	for i := range order {
		order[i] = i
	}
	w := w0
	var opt adam
	pool := newFitPool()
	defer pool.close()
	step := 0
	for range fitEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, b := range order {
			step++
			lr := fitLearningRate * (1 + math.Cos(math.Pi*float64(step)/float64(steps))) / 2
			grad := batchGradient(cards, &batches[b], &w, pool)
			scale := fitL2Weight * float64(batches[b].items) / float64(total)
			for i := range grad {
				grad[i] += 2 * (w[i] - w0[i]) / (fitStddev[i] * fitStddev[i]) * scale
			}
			opt.step(&w, &grad, lr)
			clipWeights(&w)
			if progress != nil {
				progress(step, fitEpochs*len(batches))
			}
		}
	}
	return w
}

// batchGradient returns the gradient of the batch's weighted log loss,
// its chunks shared by the caller and pool's helpers; the chunks'
// gradients are added in chunk order.
func batchGradient(cards []FitCard, b *fitBatch, w *Weights, pool *fitPool) [21]float64 {
	m := newFitModel(w)
	job := &fitJob{n: len(b.chunks) - 1}
	parts := make([][21]float64, job.n)
	job.run = func(i int) {
		for _, g := range b.groups[b.chunks[i]:b.chunks[i+1]] {
			m.cardLoss(cards[g.card].Reviews, g.targets, &parts[i])
		}
	}
	pool.do(job)
	var grad [21]float64
	for i := range parts {
		for j := range grad {
			grad[j] += parts[i][j]
		}
	}
	return grad
}

// fitJob is one batch's chunks, run(0) to run(n-1), for whoever takes them.
type fitJob struct {
	run        func(chunk int)
	n          int
	next, left atomic.Int32
}

// work runs chunks of j until none is left to take.
func (j *fitJob) work() {
	for i := int(j.next.Add(1)) - 1; i < j.n; i = int(j.next.Add(1)) - 1 {
		j.run(i)
		j.left.Add(-1)
	}
}

// fitPool keeps GOMAXPROCS-1 helper goroutines for the length of a fit. A
// batch is about a tenth of a millisecond of work, less than waking a
// sleeping thread can take, so a helper polls for the next job for a while
// (fitSpins polls) before it sleeps.
type fitPool struct {
	job      atomic.Pointer[fitJob]
	stop     atomic.Bool
	sleepers atomic.Int32
	mu       sync.Mutex
	wake     *sync.Cond
	helpers  sync.WaitGroup
}

// fitSpins is how many times a helper polls for a job before it sleeps:
// some tens of microseconds.
const fitSpins = 1 << 16

func newFitPool() *fitPool {
	p := &fitPool{}
	p.wake = sync.NewCond(&p.mu)
	for range runtime.GOMAXPROCS(0) - 1 {
		p.helpers.Go(p.help)
	}
	return p
}

// do runs job on the caller and any helper that joins, and returns when
// every chunk is done.
func (p *fitPool) do(job *fitJob) {
	job.left.Store(int32(job.n))
	p.job.Store(job)
	if p.sleepers.Load() > 0 {
		p.mu.Lock()
		p.wake.Broadcast()
		p.mu.Unlock()
	}
	job.work()
	for job.left.Load() > 0 {
		runtime.Gosched() // a helper is finishing its last chunk
	}
}

// help is a helper's loop: take each new job, poll, sleep, until stopped.
func (p *fitPool) help() {
	var seen *fitJob
	for {
		for spins := 0; p.job.Load() == seen && !p.stop.Load(); spins++ {
			if spins < fitSpins {
				continue
			}
			p.mu.Lock()
			p.sleepers.Add(1)
			for p.job.Load() == seen && !p.stop.Load() {
				p.wake.Wait()
			}
			p.sleepers.Add(-1)
			p.mu.Unlock()
		}
		if p.stop.Load() {
			return
		}
		seen = p.job.Load()
		seen.work()
	}
}

// close stops the helpers and waits for them.
func (p *fitPool) close() {
	p.mu.Lock()
	p.stop.Store(true)
	p.wake.Broadcast()
	p.mu.Unlock()
	p.helpers.Wait()
}

// adam is the Adam optimiser as fsrs-rs's HostAdam runs it.
type adam struct {
	m, v [21]float64
	t    int
}

// step moves w against grad with learning rate lr.
func (a *adam) step(w *Weights, grad *[21]float64, lr float64) {
	a.t++
	mc := 1 - math.Pow(adamBeta1, float64(a.t))
	vc := 1 - math.Pow(adamBeta2, float64(a.t))
	for i, g := range grad {
		a.m[i] = a.m[i]*adamBeta1 + g*(1-adamBeta1)
		a.v[i] = a.v[i]*adamBeta2 + g*g*(1-adamBeta2)
		w[i] -= lr * (a.m[i] / mc) / (math.Sqrt(a.v[i]/vc) + adamEpsilon)
	}
}
