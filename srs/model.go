package srs

import "fmt"

// Model is the scheduler that sets a card's due day: SM-2 (the default)
// or FSRS-6. Each answer in the log names the model that scheduled it, so
// that a replay keeps the due day the learner was given whichever model is
// in force now, and two devices with different settings replay one log to
// the same states.
type Model uint8

// The schedulers.
const (
	ModelSM2  Model = iota // SuperMemo's SM-2, as published
	ModelFSRS              // FSRS-6 in long-term mode
)

var modelNames = [...]string{ModelSM2: "sm2", ModelFSRS: "fsrs"}

// String returns "sm2" or "fsrs", as written in the config and the log.
func (m Model) String() string {
	if int(m) >= len(modelNames) {
		return fmt.Sprintf("model(%d)", int(m))
	}
	return modelNames[m]
}

// ParseModel reads a scheduler's name, "sm2" or "fsrs".
func ParseModel(s string) (Model, error) {
	for m, name := range modelNames {
		if s == name {
			return Model(m), nil
		}
	}
	return 0, fmt.Errorf("scheduler %q is not sm2 or fsrs", s)
}

// DefaultRetention is FSRS's default desired retention: the probability
// of recall at which a card comes due.
const DefaultRetention = 0.9

// The desired retentions a learner may choose, as Anki allows.
const (
	MinRetention = 0.70
	MaxRetention = 0.99
)

// FSRSParams are FSRS's settings: its weights and the desired retention.
type FSRSParams struct {
	Weights   Weights
	Retention float64 // 0 means DefaultRetention
}

// DefaultFSRS returns the published weights with the default retention.
func DefaultFSRS() *FSRSParams {
	return &FSRSParams{Weights: DefaultWeights, Retention: DefaultRetention}
}

// retention returns the desired retention, the default when unset.
func (f *FSRSParams) retention() float64 {
	if f.Retention == 0 {
		return DefaultRetention
	}
	return f.Retention
}

// Recall returns the probability that a card in memory m is recalled
// elapsedDays after its last answer; 0 for a card never answered.
func (f *FSRSParams) Recall(m Memory, elapsedDays int) float64 {
	return f.Weights.Retrievability(float64(max(elapsedDays, 0)), m.Stability)
}

// Intervals returns the days until the next review after each rating
// (Again, Hard, Good, Easy), for a card in memory m answered elapsedDays
// after its previous answer.
func (f *FSRSParams) Intervals(m Memory, elapsedDays int, maxInterval int) [4]int {
	return f.Weights.NextIntervals(m, float64(max(elapsedDays, 0)), f.retention(), maxInterval)
}

// Interval returns the days, from a card's last answer, until its recall
// falls to the desired retention: when a card in memory m is due.
func (f *FSRSParams) Interval(m Memory, maxInterval int) int {
	return f.Weights.Interval(m.Stability, f.retention(), maxInterval)
}
