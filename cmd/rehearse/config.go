package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/rehearse/rehearse/srs"
)

// config is the user's config file, $XDG_CONFIG_HOME/rehearse/config.toml:
//
//	day_start = 4            # hour (0-23, local time) at which a new day begins
//	new_per_day = 20         # new cards introduced per day
//	reviews_per_day = 200    # reviews per day (re-drills not counted)
//	max_interval = 36500     # longest interval in days
//	leech_threshold = 8      # lapses after which a card is a leech
//	leech_action = "flag"    # "flag" or "suspend"
//	device = "laptop"        # this device's name in the review log
//	editor = "vim"           # editor for the session's e key (else $VISUAL, $EDITOR)
type config struct {
	DayStart       *int    `toml:"day_start"`
	NewPerDay      *int    `toml:"new_per_day"`
	ReviewsPerDay  *int    `toml:"reviews_per_day"`
	MaxInterval    *int    `toml:"max_interval"`
	LeechThreshold *int    `toml:"leech_threshold"`
	LeechAction    *string `toml:"leech_action"`
	Device         *string `toml:"device"`
	Editor         *string `toml:"editor"`
}

// configError is a problem in the config file, with its line.
type configError struct {
	file string
	line int
	msg  string
	hint string
}

func (e *configError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
	}
	return fmt.Sprintf("%s: %s", e.file, e.msg)
}

func (e *configError) Hints() []string { return []string{e.hint} }

// configPath is --config, else $XDG_CONFIG_HOME/rehearse/config.toml, else
// ~/.config/rehearse/config.toml. explicit says whether the user named it.
func configPath(flag string) (path string, explicit bool) {
	if flag != "" {
		return flag, true
	}
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "rehearse", "config.toml"), false
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".config", "rehearse", "config.toml"), false
	}
	return "", false
}

// loadSettings reads the config file into the defaults. A missing file
// is fine unless it was named with --config.
func loadSettings(path string, explicit bool) (settings, error) {
	s := defaultSettings()
	if path == "" {
		return s, nil
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return s, nil
	}
	if err != nil {
		hint := "check the path given with --config"
		if !explicit {
			hint = fmt.Sprintf("make %s readable, or move it away to use the defaults", path)
		}
		return s, withHint(fmt.Errorf("cannot read the config file: %w", err), hint)
	}
	return parseConfig(path, src, s)
}

// parseConfig validates a config file's content on top of the settings s.
func parseConfig(path string, src []byte, s settings) (settings, error) {
	var c config
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return s, &configError{file: path, line: perr.Position.Line, msg: "invalid TOML: " + perr.Message,
				hint: "see `rehearse help` for the config keys and their values"}
		}
		return s, &configError{file: path, msg: err.Error(), hint: "each setting is written key = value, numbers without quotes, text in quotes"}
	}
	lines := keyLines(string(src))
	for _, k := range md.Undecoded() {
		return s, &configError{file: path, line: lines[k.String()], msg: fmt.Sprintf("unknown setting %q", k.String()),
			hint: "known settings: day_start, new_per_day, reviews_per_day, max_interval, leech_threshold, leech_action, device, editor"}
	}
	check := func(key string, v *int, lo, hi int) error {
		if v != nil && (*v < lo || *v > hi) {
			return &configError{file: path, line: lines[key], msg: fmt.Sprintf("%s = %d is out of range", key, *v),
				hint: fmt.Sprintf("use a whole number from %d to %d", lo, hi)}
		}
		return nil
	}
	for _, err := range []error{
		check("day_start", c.DayStart, 0, 23),
		check("new_per_day", c.NewPerDay, 0, 100000),
		check("reviews_per_day", c.ReviewsPerDay, 0, 1000000),
		check("max_interval", c.MaxInterval, 1, srs.DefaultMaxInterval),
		check("leech_threshold", c.LeechThreshold, 1, 1000),
	} {
		if err != nil {
			return s, err
		}
	}
	if c.DayStart != nil {
		s.dayStart = *c.DayStart
	}
	if c.NewPerDay != nil {
		s.limits.NewPerDay = *c.NewPerDay
	}
	if c.ReviewsPerDay != nil {
		s.limits.ReviewsPerDay = *c.ReviewsPerDay
	}
	if c.MaxInterval != nil {
		s.params.MaxInterval = *c.MaxInterval
	}
	if c.LeechThreshold != nil {
		s.leechThreshold = *c.LeechThreshold
	}
	if c.LeechAction != nil {
		switch *c.LeechAction {
		case "flag", "suspend":
			s.leechSuspend = *c.LeechAction == "suspend"
		default:
			return s, &configError{file: path, line: lines["leech_action"], msg: fmt.Sprintf("leech_action %q is not flag or suspend", *c.LeechAction),
				hint: `write leech_action = "flag" (mark leeches) or "suspend" (also suspend them)`}
		}
	}
	if c.Device != nil {
		s.device = strings.TrimSpace(*c.Device)
	}
	if c.Editor != nil {
		s.editor = strings.TrimSpace(*c.Editor)
	}
	return s, nil
}

// keyLines maps each top-level "key =" of a small TOML file to its line.
func keyLines(src string) map[string]int {
	lines := map[string]int{}
	for i, line := range strings.Split(src, "\n") {
		key, _, ok := strings.Cut(line, "=")
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		if ok && key != "" && !strings.HasPrefix(key, "#") {
			if _, seen := lines[key]; !seen {
				lines[key] = i + 1
			}
		}
	}
	return lines
}
