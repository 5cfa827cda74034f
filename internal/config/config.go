// Package config holds the learner's settings, their defaults and the
// config file (config.toml, read with line numbers for its errors), and
// says where rehearse keeps its files: the data folder, the config file,
// this device's name and the editor to use.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/srs"
)

// Settings are the learner's settings: the defaults, then the config file.
type Settings struct {
	DayStart       int // hour of local time at which a day begins
	Limits         srs.Limits
	Params         srs.Params
	LeechThreshold int  // lapses that make a card a leech
	LeechSuspend   bool // suspend leeches as well as flag them
	// LoadBalance moves each new interval of a few days or more by up to
	// 5% towards the day with the fewest cards due (see [srs.Balance]);
	// the review log keeps the day chosen, so replays agree.
	LoadBalance bool
	// Retention is FSRS's desired retention; 0 means srs.DefaultRetention.
	Retention float64
	Device    string
	Editor    string
}

// Defaults returns the settings with no config file.
func Defaults() Settings {
	return Settings{DayStart: srs.DefaultDayStart, Limits: srs.DefaultLimits, LeechThreshold: srs.DefaultLeechThreshold}
}

// file is the user's config file, $XDG_CONFIG_HOME/rehearse/config.toml:
//
//	day_start = 4            # hour (0-23, local time) at which a new day begins
//	new_per_day = 20         # new cards introduced per day
//	reviews_per_day = 200    # reviews per day (re-drills not counted)
//	max_interval = 36500     # longest interval in days
//	scheduler = "sm2"        # "sm2" or "fsrs": the model that schedules answers
//	desired_retention = 0.9  # FSRS: the chance of recall at which a card is due
//	load_balance = false     # true: move each new interval of 3 days or more by up
//	                         # to 5% (at least a day) to the day with the fewest
//	                         # cards due, so cards learned together spread out
//	leech_threshold = 8      # lapses after which a card is a leech
//	leech_action = "flag"    # "flag" or "suspend"
//	device = "laptop"        # this device's name in the review log
//	editor = "vim"           # editor for the session's e key (else $VISUAL, $EDITOR)
type file struct {
	DayStart       *int     `toml:"day_start"`
	NewPerDay      *int     `toml:"new_per_day"`
	ReviewsPerDay  *int     `toml:"reviews_per_day"`
	MaxInterval    *int     `toml:"max_interval"`
	Scheduler      *string  `toml:"scheduler"`
	Retention      *float64 `toml:"desired_retention"`
	LoadBalance    *bool    `toml:"load_balance"`
	LeechThreshold *int     `toml:"leech_threshold"`
	LeechAction    *string  `toml:"leech_action"`
	Device         *string  `toml:"device"`
	Editor         *string  `toml:"editor"`
}

// Error is a problem in the config file, with its line (0 when unknown):
//
//	config.toml:3: day_start = 24 is out of range
//	rehearse: hint: use a whole number from 0 to 23
type Error struct {
	File string
	Line int
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Hints returns what to do about the error.
func (e *Error) Hints() []string { return []string{e.Hint} }

// Path is the config file: flag (--config) if given, else
// $XDG_CONFIG_HOME/rehearse/config.toml, else ~/.config/rehearse/config.toml.
// explicit says whether the user named it. Relative XDG_CONFIG_HOME and
// HOME are ignored, as the XDG specification says: then there is none.
func Path(flag string, getenv func(string) string) (path string, explicit bool) {
	if flag != "" {
		return flag, true
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "rehearse", "config.toml"), false
	}
	if home := homeDir(getenv); filepath.IsAbs(home) {
		return filepath.Join(home, ".config", "rehearse", "config.toml"), false
	}
	return "", false
}

// Load reads the config file at path into the defaults. A missing file
// is fine unless the user named it (explicit).
func Load(path string, explicit bool) (Settings, error) {
	s := Defaults()
	if path == "" {
		return s, nil
	}
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return s, nil
	}
	if err != nil {
		advice := "check the path given with --config"
		if !explicit {
			advice = fmt.Sprintf("make %s readable, or move it away to use the defaults", path)
		}
		return s, hint.With(fmt.Errorf("cannot read the config file: %w", err), advice)
	}
	return Parse(path, src, s)
}

// Parse validates a config file's content on top of the settings s.
func Parse(path string, src []byte, s Settings) (Settings, error) {
	// First as plain TOML values, to say in plain words what a value of
	// the wrong type should be; then into the settings.
	var raw map[string]any
	rmd, err := toml.Decode(string(src), &raw)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return s, &Error{File: path, Line: perr.Position.Line, Msg: "invalid TOML: " + perr.Message,
				Hint: "see `rehearse help` for the config keys and their values"}
		}
		return s, &Error{File: path, Msg: err.Error(), Hint: typesHint}
	}
	lines := keyLines(string(src))
	if err := checkTypes(path, string(src), raw, rmd.Keys(), lines); err != nil {
		return s, err
	}
	var c file
	md, err := toml.Decode(string(src), &c)
	if err != nil {
		return s, &Error{File: path, Msg: err.Error(), Hint: typesHint}
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		k := undecoded[0] // the first: each run of rehearse names one
		names := make([]string, len(settings))
		for i, st := range settings {
			names[i] = st.key
		}
		return s, &Error{File: path, Line: lines[k.String()], Msg: fmt.Sprintf("unknown setting %q", k.String()),
			Hint: "known settings: " + strings.Join(names, ", ")}
	}
	check := func(key string, v *int, lo, hi int) error {
		if v != nil && (*v < lo || *v > hi) {
			return &Error{File: path, Line: lines[key], Msg: fmt.Sprintf("%s = %d is out of range", key, *v),
				Hint: fmt.Sprintf("use a whole number from %d to %d", lo, hi)}
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
		s.DayStart = *c.DayStart
	}
	if c.NewPerDay != nil {
		s.Limits.NewPerDay = *c.NewPerDay
	}
	if c.ReviewsPerDay != nil {
		s.Limits.ReviewsPerDay = *c.ReviewsPerDay
	}
	if c.MaxInterval != nil {
		s.Params.MaxInterval = *c.MaxInterval
	}
	if c.Scheduler != nil {
		m, err := srs.ParseModel(*c.Scheduler)
		if err != nil {
			return s, &Error{File: path, Line: lines["scheduler"], Msg: err.Error(), Hint: schedulerHint}
		}
		s.Params.Model = m
	}
	if c.Retention != nil {
		if r := *c.Retention; !(r >= srs.MinRetention && r <= srs.MaxRetention) {
			return s, &Error{File: path, Line: lines["desired_retention"], Msg: fmt.Sprintf("desired_retention = %v is out of range", r),
				Hint: fmt.Sprintf("use a decimal from %.2f to %.2f (0.9 is FSRS's default: higher means more reviews)", srs.MinRetention, srs.MaxRetention)}
		}
		s.Retention = *c.Retention
	}
	if c.LoadBalance != nil {
		s.LoadBalance = *c.LoadBalance
	}
	if c.LeechThreshold != nil {
		s.LeechThreshold = *c.LeechThreshold
	}
	if c.LeechAction != nil {
		switch *c.LeechAction {
		case "flag", "suspend":
			s.LeechSuspend = *c.LeechAction == "suspend"
		default:
			return s, &Error{File: path, Line: lines["leech_action"], Msg: fmt.Sprintf("leech_action %q is not flag or suspend", *c.LeechAction),
				Hint: leechActionHint}
		}
	}
	if c.Device != nil {
		s.Device = strings.TrimSpace(*c.Device)
	}
	if c.Editor != nil {
		s.Editor = strings.TrimSpace(*c.Editor)
	}
	return s, nil
}

// typesHint is the hint for a value of the wrong type that no line names.
const typesHint = "each setting is written key = value, numbers without quotes, text in quotes"

const schedulerHint = `write scheduler = "sm2" (SuperMemo's SM-2, the default) or "fsrs" (FSRS-6)`

const leechActionHint = `write leech_action = "flag" (mark leeches) or "suspend" (also suspend them)`

// kind is the type of value a setting takes, in a learner's words.
type kind uint8

const (
	wholeNumber kind = iota
	text
	trueOrFalse
	decimal
)

var kindNames = [...]string{wholeNumber: "a whole number", text: "text", trueOrFalse: "true or false", decimal: "a decimal number"}

// setting is a key of the config file, with the kind of value it takes
// and an example of that value.
type setting struct {
	key     string
	kind    kind
	example string
}

// settings are the keys of the config file, in the order of [file]'s doc.
var settings = []setting{
	{"day_start", wholeNumber, "4"},
	{"new_per_day", wholeNumber, "20"},
	{"reviews_per_day", wholeNumber, "200"},
	{"max_interval", wholeNumber, "36500"},
	{"scheduler", text, `"fsrs"`},
	{"desired_retention", decimal, "0.9"},
	{"load_balance", trueOrFalse, "true"},
	{"leech_threshold", wholeNumber, "8"},
	{"leech_action", text, `"flag"`},
	{"device", text, `"laptop"`},
	{"editor", text, `"vim"`},
}

// checkTypes reports the first setting, in the order of keys (the file's),
// whose value in raw is of the wrong type, in the words a learner uses:
//
//	config.toml:1: day_start must be a whole number, not text
//	rehearse: hint: write day_start = 4
func checkTypes(path, src string, raw map[string]any, keys []toml.Key, lines map[string]int) error {
	for _, k := range keys {
		if len(k) != 1 {
			continue // inside a table: an unknown setting, reported later
		}
		i := slices.IndexFunc(settings, func(st setting) bool { return st.key == k[0] })
		if i < 0 {
			continue // an unknown setting, reported later
		}
		st := settings[i]
		got, right := describe(raw[st.key], st.kind)
		if got == "" {
			continue // the right type
		}
		h := fmt.Sprintf("write %s = %s", st.key, cmp.Or(right, st.example))
		switch {
		case st.key == "leech_action":
			h = leechActionHint
		case st.key == "scheduler":
			h = schedulerHint
		case st.kind == trueOrFalse && right == "":
			h = fmt.Sprintf("write %s = true or %s = false", st.key, st.key)
		}
		line := lines[st.key]
		if line == 0 {
			line = tableLine(src, st.key) // [day_start]
		}
		return &Error{File: path, Line: line, Msg: fmt.Sprintf("%s must be %s, not %s", st.key, kindNames[st.kind], got), Hint: h}
	}
	return nil
}

// describe says what kind of TOML value v is, or "" if it is of kind
// want; and, when it can, how v is written as a value of kind want.
func describe(v any, want kind) (got, right string) {
	switch v := v.(type) {
	case int64:
		if want == wholeNumber {
			return "", ""
		}
		if want == decimal {
			return "", "" // 1 is a decimal too (and out of range for any setting)
		}
		if want == text {
			right = strconv.Quote(strconv.FormatInt(v, 10))
		}
		return kindNames[wholeNumber], right
	case string:
		if want == text {
			return "", ""
		}
		t := strings.TrimSpace(v)
		if n, err := strconv.ParseInt(t, 10, 64); err == nil && want == wholeNumber {
			right = strconv.FormatInt(n, 10) // "04" is not TOML, 4 is
		}
		if (t == "true" || t == "false") && want == trueOrFalse {
			right = t
		}
		if _, err := strconv.ParseFloat(t, 64); err == nil && want == decimal {
			right = t
		}
		return kindNames[text], right
	case bool:
		if want == trueOrFalse {
			return "", ""
		}
		if want == text {
			right = strconv.Quote(strconv.FormatBool(v))
		}
		return strconv.FormatBool(v), right
	case float64:
		if want == decimal {
			return "", ""
		}
		if want == wholeNumber && v == math.Trunc(v) && math.Abs(v) < 1e15 {
			right = strconv.FormatInt(int64(v), 10)
		}
		return "a decimal number", right
	case time.Time: // local dates and times too
		return "a date or time", ""
	case []any, []map[string]any:
		return "a list", ""
	case map[string]any:
		return "a table", ""
	}
	return "another kind of value", ""
}

// tableLine returns the line of the table header [name] or [[name]] in a
// small TOML file, 0 if there is none.
func tableLine(src, name string) int {
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if h, ok := strings.CutPrefix(line, "["); ok {
			h = strings.TrimPrefix(h, "[")
			h, _, _ = strings.Cut(h, "]")
			if strings.Trim(strings.TrimSpace(h), `"'`) == name {
				return i + 1
			}
		}
	}
	return 0
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

// DataDir is where progress and user decks live: flag (--data-dir, or
// $REHEARSE_HOME) if given, else $XDG_DATA_HOME/rehearse, else
// ~/.local/share/rehearse. A relative XDG_DATA_HOME is ignored and a
// relative HOME refused, as the XDG specification says.
func DataDir(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "rehearse"), nil
	}
	home := homeDir(getenv)
	if home == "" {
		return "", hint.With(errors.New("cannot find a data folder: HOME is not set"),
			"set REHEARSE_HOME or XDG_DATA_HOME, or pass --data-dir DIR")
	}
	if !filepath.IsAbs(home) {
		// As the XDG specification says of its own variables: a relative
		// path would follow the current folder around.
		return "", hint.With(fmt.Errorf("cannot find a data folder: HOME=%q is not an absolute path", home),
			"set HOME to your home folder's full path, or REHEARSE_HOME or XDG_DATA_HOME, or pass --data-dir DIR")
	}
	return filepath.Join(home, ".local", "share", "rehearse"), nil
}

// homeDir is the home folder as os.UserHomeDir finds it, from the
// environment given: $HOME, %USERPROFILE% on Windows, $home on Plan 9.
func homeDir(getenv func(string) string) string {
	switch runtime.GOOS {
	case "windows":
		return getenv("USERPROFILE")
	case "plan9":
		return getenv("home")
	}
	return getenv("HOME")
}

// DeckDir is the user's deck folder inside the data folder.
func DeckDir(dataDir string) string { return filepath.Join(dataDir, "decks") }

// DeviceName names this device's log file: $REHEARSE_DEVICE, else the
// config file's device, else the host name, reduced to characters that are
// safe in a file name.
func DeviceName(configured string, getenv func(string) string) string {
	name := getenv("REHEARSE_DEVICE")
	if name == "" {
		name = configured
	}
	if name == "" {
		name, _ = os.Hostname()
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == '.' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "device"
	}
	return b.String()
}

// EditorCommand is the editor to run, split into words: the config's
// editor, else $VISUAL, else $EDITOR, else vi.
func EditorCommand(configured string, getenv func(string) string) []string {
	for _, c := range []string{configured, getenv("VISUAL"), getenv("EDITOR")} {
		if f := strings.Fields(c); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}
