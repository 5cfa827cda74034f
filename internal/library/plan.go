package library

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
)

// Interview is the interview the learner prepares for, as `rehearse plan`
// set it. Each device writes its own file, DATA/plan/DEVICE.toml, so a
// synced folder never has two writers on one file; the one set most
// recently on any device is in force, so every device follows the same
// plan.
type Interview struct {
	Date    srs.Day
	Decks   []string // deck ids in scope; none means every deck
	Tags    []string // tags in scope; none means every card
	Minutes int      // study time a day; 0 for no limit
	Target  float64  // recall wanted on the date
	Cleared bool     // ended by `rehearse plan --clear`
	Set     time.Time
	Device  string
	File    string // where it was read from
}

// DefaultTarget is the recall on the date a plan aims for unless told.
const DefaultTarget = 0.9

// Active reports whether the interview is still to come (or today) and
// not cleared.
func (iv *Interview) Active(today srs.Day) bool {
	return iv != nil && !iv.Cleared && today <= iv.Date
}

// Goal is what the plan for the interview aims at.
func (iv *Interview) Goal() srs.PlanGoal {
	return srs.PlanGoal{Date: iv.Date, Budget: time.Duration(iv.Minutes) * time.Minute, Target: iv.Target}
}

// interviewFile is an interview as written in its file.
type interviewFile struct {
	Set     time.Time `toml:"set"`
	Device  string    `toml:"device"`
	Date    string    `toml:"date"`
	Decks   []string  `toml:"decks"`
	Tags    []string  `toml:"tags"`
	Minutes int       `toml:"minutes"`
	Target  float64   `toml:"target"`
	Cleared bool      `toml:"cleared"`
}

// PlanDir is the folder of the data folder that holds the interviews.
func PlanDir(dataDir string) string { return filepath.Join(dataDir, "plan") }

// ReadInterview returns the interview in force: the one set most recently
// on any device (ties go to the device name that sorts last), or nil when
// none was ever set. A file that does not read is an error naming it.
func ReadInterview(dataDir string) (*Interview, error) {
	paths, err := tomlFiles(PlanDir(dataDir), dataDir, "the interview plan")
	if err != nil {
		return nil, err
	}
	var best *Interview
	for _, path := range paths {
		iv, err := readInterviewFile(path)
		if err != nil {
			return nil, err
		}
		if best == nil || !iv.Set.Before(best.Set) {
			best = iv
		}
	}
	return best, nil
}

func readInterviewFile(path string) (*Interview, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the interview plan: %w", err)
	}
	advice := fmt.Sprintf("set the plan again with `rehearse plan --date YYYY-MM-DD`, or delete %s", path)
	var f interviewFile
	if _, err := toml.Decode(string(src), &f); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, hint.With(fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message), advice)
		}
		return nil, hint.With(fmt.Errorf("%s: %v", path, err), advice)
	}
	iv := &Interview{Decks: f.Decks, Tags: f.Tags, Minutes: f.Minutes, Target: f.Target, Cleared: f.Cleared,
		Set: f.Set, Device: f.Device, File: path}
	if iv.Date, err = srs.ParseDay(f.Date); err != nil && !f.Cleared {
		return nil, hint.With(fmt.Errorf("%s: date %q is not a date (YYYY-MM-DD)", path, f.Date), advice)
	}
	if iv.Target == 0 {
		iv.Target = DefaultTarget
	}
	if !f.Cleared && (iv.Minutes < 0 || iv.Target < srs.MinRetention || iv.Target > srs.MaxRetention) {
		return nil, hint.With(fmt.Errorf("%s: minutes %d or target %v is out of range", path, iv.Minutes, iv.Target), advice)
	}
	return iv, nil
}

// WriteInterview saves the device's interview, replacing the one it had.
func WriteInterview(dataDir string, iv Interview) (string, error) {
	if err := os.MkdirAll(PlanDir(dataDir), 0o700); err != nil {
		return "", DataDirError(fmt.Errorf("cannot create %s: %w", PlanDir(dataDir), err), dataDir)
	}
	var b bytes.Buffer
	b.WriteString("# The interview set by `rehearse plan`. Every device follows the one set most recently.\n")
	f := interviewFile{Set: iv.Set.UTC().Truncate(time.Millisecond), Device: iv.Device, Minutes: iv.Minutes,
		Target: iv.Target, Decks: iv.Decks, Tags: iv.Tags, Cleared: iv.Cleared}
	if !iv.Cleared {
		f.Date = iv.Date.String()
	}
	if err := toml.NewEncoder(&b).Encode(f); err != nil {
		return "", err
	}
	path := filepath.Join(PlanDir(dataDir), iv.Device+".toml")
	if err := atomicfile.Replace(path, b.Bytes(), 0o600); err != nil {
		return "", DataDirError(fmt.Errorf("cannot save the interview plan: %w", err), dataDir)
	}
	return path, nil
}

// InterviewPlan is the plan for an interview, with what it was made from.
type InterviewPlan struct {
	*srs.Plan
	Interview *Interview
	Scope     *Selection // the cards in scope
	// Seen counts the cards in scope answered at least once, now (the
	// plan counts them as of the start of today).
	Seen int
	Pace srs.Pace
	// Before are the card states as of the start of today, with FSRS
	// memory: what the plan (and readiness) predict from.
	Before map[string]*srs.CardState
}

// PredictionParams are the scheduling settings with FSRS's weights (the
// fit in force, else the published ones) to predict recall with, whichever
// model schedules.
func (lib *Library) PredictionParams() (srs.Params, error) {
	p := lib.Settings.Params
	if p.FSRS == nil {
		fit, err := ReadFit(lib.DataDir)
		if err != nil {
			return p, err
		}
		p.FSRS = FSRSParams(fit, lib.Settings.Retention)
	}
	return p, nil
}

// Plan makes the plan for iv from the card states as of the start of
// today, so that it stays the same all day whatever is studied. It needs
// the log (WithLog or WithStates).
func (lib *Library) Plan(iv *Interview) (*InterviewPlan, error) {
	scope, err := lib.Select(iv.Decks, iv.Tags)
	if err != nil {
		return nil, hint.With(fmt.Errorf("the interview plan's cards: %w", err),
			"set the plan again with `rehearse plan --date "+iv.Date.String()+"` and the decks and tags you want")
	}
	p, err := lib.PredictionParams()
	if err != nil {
		return nil, err
	}
	in := make(map[string]bool, len(scope.Prompts))
	seen := 0
	for _, pr := range scope.Prompts {
		in[pr.Key] = true
		if st := lib.States[pr.Key]; st != nil && !st.IsNew() {
			seen++
		}
	}
	before := srs.Replay(srs.Before(lib.Log, lib.Today), p)
	cards := make([]srs.PlanCard, len(lib.Prompts))
	for i, pr := range lib.Prompts {
		cards[i] = srs.PlanCard{Card: pr.Key, Group: pr.Deck.ID, State: before[pr.Key], InScope: in[pr.Key]}
	}
	pace := srs.PaceOf(lib.Log)
	return &InterviewPlan{
		Plan:      srs.MakePlan(cards, lib.Today, iv.Goal(), pace, p),
		Interview: iv,
		Scope:     scope,
		Seen:      seen,
		Pace:      pace,
		Before:    before,
	}, nil
}

// Queue builds today's queue under the plan: the cards in scope with the
// plan's new cards and last looks, then the other cards' reviews within
// the daily limit. sel limits it further (review --deck, --tag).
func (ip *InterviewPlan) Queue(lib *Library, sel *Selection, lim srs.Limits) []srs.Item {
	in := make(map[string]bool, len(ip.Scope.Prompts))
	for _, pr := range ip.Scope.Prompts {
		in[pr.Key] = true
	}
	var inScope, others []srs.Candidate
	for _, c := range sel.Candidates() {
		if in[c.Card] {
			inScope = append(inScope, c)
		} else {
			others = append(others, c)
		}
	}
	return ip.Plan.Queue(inScope, others, lib.States, lib.Today, lim)
}

// ScopeNames describes the plan's scope for a person: "all decks", or the
// decks and tags it names.
func (iv *Interview) ScopeNames() string {
	var parts []string
	if len(iv.Decks) > 0 {
		parts = append(parts, strings.Join(iv.Decks, ", "))
	} else {
		parts = append(parts, "all decks")
	}
	if len(iv.Tags) > 0 {
		parts = append(parts, "tagged "+strings.Join(iv.Tags, " or "))
	}
	return strings.Join(parts, ", ")
}

// InterviewChange is what `rehearse plan` changes in the interview: nil
// fields, and the scope unless Scope is set, stay as they are.
type InterviewChange struct {
	Date        *srs.Day
	Minutes     *int
	Target      *float64
	Scope       bool // Decks and Tags replace the interview's
	Decks, Tags []string
}

// ErrNoInterview is returned when a change has no interview to change
// and sets no date.
var ErrNoInterview = errors.New("there is no plan to change: give --date")

// ChangeInterview applies ch to iv when it is active (else to a new
// interview with the default target), checks its scope, and saves it as
// this device's, stamped after the newest record.
func (lib *Library) ChangeInterview(iv *Interview, ch InterviewChange, now time.Time, device string) (*Interview, error) {
	next := Interview{Target: DefaultTarget}
	if iv.Active(lib.Today) {
		next = *iv
	} else if ch.Date == nil {
		return nil, ErrNoInterview
	}
	if ch.Date != nil {
		next.Date = *ch.Date
	}
	if ch.Minutes != nil {
		next.Minutes = *ch.Minutes
	}
	if ch.Target != nil {
		next.Target = *ch.Target
	}
	if ch.Scope {
		next.Decks, next.Tags = ch.Decks, ch.Tags
	}
	if _, err := lib.Select(next.Decks, next.Tags); err != nil {
		return nil, err
	}
	next.Cleared, next.Set, next.Device = false, lib.Stamp(now), device
	if _, err := WriteInterview(lib.DataDir, next); err != nil {
		return nil, err
	}
	return &next, nil
}

// ClearInterview ends iv, for every device: it saves it, cleared, as this
// device's.
func (lib *Library) ClearInterview(iv *Interview, now time.Time, device string) error {
	cleared := *iv
	cleared.Cleared, cleared.Set, cleared.Device = true, lib.Stamp(now), device
	_, err := WriteInterview(lib.DataDir, cleared)
	return err
}

// ActivePlan returns the plan for the interview in force, or nil when
// none is active.
func (lib *Library) ActivePlan() (*InterviewPlan, error) {
	iv, err := ReadInterview(lib.DataDir)
	if err != nil || !iv.Active(lib.Today) {
		return nil, err
	}
	return lib.Plan(iv)
}
