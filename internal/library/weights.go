package library

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/rehearse/rehearse/internal/atomicfile"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
)

// Fit is a set of FSRS weights fitted to a data folder's review log by
// `rehearse optimize`. Each device keeps its own fit, in
// DATA/fsrs/DEVICE.toml, so a synced folder never has two writers on one
// file; the newest fit of any device is in force, so every device
// replays with the same weights.
type Fit struct {
	Weights srs.Weights
	Fitted  time.Time // when it was fitted
	Device  string    // the device that fitted it
	Answers int       // answers with a prediction that the fit used
	Cards   int
	File    string // where it was read from; empty for the defaults
}

// fitFile is a fit as written in its file.
type fitFile struct {
	Fitted  time.Time `toml:"fitted"`
	Device  string    `toml:"device"`
	Answers int       `toml:"answers"`
	Cards   int       `toml:"cards"`
	Weights []float64 `toml:"weights"`
}

// FitDir is the folder of the data folder that holds the fitted weights.
func FitDir(dataDir string) string { return filepath.Join(dataDir, "fsrs") }

// ReadFit returns the fit in force: the newest in DATA/fsrs (ties go to
// the device name that sorts last), or nil when there is none. A file that
// does not read is an error naming it.
func ReadFit(dataDir string) (*Fit, error) {
	paths, err := fitFiles(dataDir)
	if err != nil {
		return nil, err
	}
	var best *Fit
	for _, path := range paths {
		f, err := readFitFile(path)
		if err != nil {
			return nil, err
		}
		if best == nil || !f.Fitted.Before(best.Fitted) {
			best = f
		}
	}
	return best, nil
}

// fitFiles lists every device's fit file in DATA/fsrs.
func fitFiles(dataDir string) ([]string, error) {
	return tomlFiles(FitDir(dataDir), dataDir, "the fitted FSRS weights")
}

// tomlFiles lists the TOML files of dir, one per device, sorted by name
// (temporary files of an atomic write left out); none when dir does not
// exist. what names them in an error.
func tomlFiles(dir, dataDir, what string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, DataDirError(fmt.Errorf("cannot read %s: %w", what, err), dataDir)
	}
	var paths []string
	for _, e := range entries { // ReadDir sorts by name
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths, nil
}

// readFitFile reads and checks one device's fit.
func readFitFile(path string) (*Fit, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the fitted FSRS weights: %w", err)
	}
	advice := fmt.Sprintf("run `rehearse optimize` to fit the weights again, or delete %s to use the defaults", path)
	var ff fitFile
	if _, err := toml.Decode(string(src), &ff); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, hint.With(fmt.Errorf("%s:%d: %s", path, perr.Position.Line, perr.Message), advice)
		}
		return nil, hint.With(fmt.Errorf("%s: %v", path, err), advice)
	}
	if len(ff.Weights) != len(srs.Weights{}) {
		return nil, hint.With(fmt.Errorf("%s: weights has %d numbers, FSRS-6 has %d", path, len(ff.Weights), len(srs.Weights{})), advice)
	}
	f := &Fit{Fitted: ff.Fitted, Device: ff.Device, Answers: ff.Answers, Cards: ff.Cards, File: path}
	copy(f.Weights[:], ff.Weights)
	if err := f.Weights.Valid(); err != nil {
		return nil, hint.With(fmt.Errorf("%s: %v", path, err), advice)
	}
	return f, nil
}

// WriteFit saves the device's fit, replacing the one it had.
func WriteFit(dataDir string, f Fit) (string, error) {
	if err := os.MkdirAll(FitDir(dataDir), 0o700); err != nil {
		return "", DataDirError(fmt.Errorf("cannot create %s: %w", FitDir(dataDir), err), dataDir)
	}
	var b bytes.Buffer
	b.WriteString("# FSRS-6 weights fitted by `rehearse optimize` to this data folder's review log.\n")
	b.WriteString("# Every device replays with the newest fit of any device.\n")
	ff := fitFile{Fitted: f.Fitted.UTC().Truncate(time.Second), Device: f.Device, Answers: f.Answers, Cards: f.Cards, Weights: f.Weights[:]}
	if err := toml.NewEncoder(&b).Encode(ff); err != nil {
		return "", err
	}
	path := filepath.Join(FitDir(dataDir), f.Device+".toml")
	if err := atomicfile.Replace(path, b.Bytes(), 0o600); err != nil {
		return "", DataDirError(fmt.Errorf("cannot save the fitted weights: %w", err), dataDir)
	}
	return path, nil
}

// FSRSParams returns FSRS's settings for this data folder: the weights of
// the fit in force (the defaults when there is none) and the retention.
func FSRSParams(fit *Fit, retention float64) *srs.FSRSParams {
	p := srs.DefaultFSRS()
	if fit != nil {
		p.Weights = fit.Weights
	}
	if retention != 0 {
		p.Retention = retention
	}
	return p
}
