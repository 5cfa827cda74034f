package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/config"
	"github.com/rehearse/rehearse/internal/library"
	"github.com/rehearse/rehearse/internal/tui"
	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// where is what the global flags say about where things are.
type where struct {
	dataDir  string
	sources  []deck.Source
	settings config.Settings
	device   string // this device's name in the log
}

// locate reads the global flags and the config file.
func locate(c *cli.Context, e *env) (*where, error) {
	dir, err := config.DataDir(c.String("data-dir"), e.Env)
	if err != nil {
		return nil, err
	}
	srcs, err := library.Sources(dir, !c.Bool("no-builtin"), c.StringSlice("decks"))
	if err != nil {
		return nil, err
	}
	settings, err := config.Load(config.Path(c.String("config"), e.Env))
	if err != nil {
		return nil, err
	}
	if name := c.String("scheduler"); name != "" {
		if settings.Params.Model, err = srs.ParseModel(name); err != nil {
			return nil, usagef("write --scheduler sm2 or --scheduler fsrs", "--scheduler: %v", err)
		}
	}
	return &where{dataDir: dir, sources: srcs, settings: settings, device: config.DeviceName(settings.Device, e.Env)}, nil
}

// options are the library options for the global flags, as of now.
func (w *where) options(e *env, parts library.Parts) library.Options {
	return library.Options{DataDir: w.dataDir, Sources: w.sources, Settings: w.settings, Parts: parts,
		Device: w.device, Now: e.now(), Loc: e.Loc, Cache: e.Env("REHEARSE_CACHE") != "off"}
}

// schedulerFlag overrides the config's scheduler for one command.
var schedulerFlag = &cli.StringFlag{Name: "scheduler", Usage: "schedule with `MODEL`, sm2 or fsrs", DefaultText: "sm2, or the config's scheduler"}

// open opens the library with the parts asked for, each of set changing
// the options first; what loading left out is said on stderr.
func open(c *cli.Context, e *env, parts library.Parts, set ...func(*library.Options)) (*library.Library, error) {
	w, err := locate(c, e)
	if err != nil {
		return nil, err
	}
	o := w.options(e, parts)
	for _, fn := range set {
		fn(&o)
	}
	lib, err := library.Open(o)
	if lib != nil {
		printWarnings(e.Err, lib.Warnings)
	}
	if err != nil {
		return nil, err
	}
	return lib, nil
}

// printWarnings says what loading left out, each with its hint.
func printWarnings(w io.Writer, warnings []library.Warning) {
	for _, warn := range warnings {
		fmt.Fprintf(w, "rehearse: warning: %s\n", tui.Clean(warn.Msg))
		if warn.Hint != "" {
			fmt.Fprintf(w, "rehearse: hint: %s\n", tui.Clean(warn.Hint))
		}
	}
}

// printLint writes lint warnings on stderr, each with its hint.
func printLint(w io.Writer, warnings []*deck.Error) {
	for _, warn := range warnings {
		printWarnings(w, []library.Warning{{Msg: warn.Error(), Hint: warn.Hint}})
	}
}

// openLog takes the data folder's lock and opens this device's log for
// appending, saying on stderr if it repaired a line torn by a crash.
func openLog(e *env, lib *library.Library) (*revlog.Writer, error) {
	w, err := lib.OpenLog(config.DeviceName(lib.Settings.Device, e.Env))
	if err != nil {
		return nil, err
	}
	if w.Repaired != nil {
		fmt.Fprintf(e.Err, "rehearse: note: %s\n", tui.Clean(w.Repaired.Error()))
	}
	return w, nil
}

// splitCommas accepts --deck a,b as well as --deck a --deck b (deck ids and
// tags hold no commas).
func splitCommas(values []string) []string {
	var out []string
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// selectCards chooses the cards that the command's --deck and --tag flags
// name: every card when neither is given.
func selectCards(c *cli.Context, lib *library.Library) (*library.Selection, error) {
	return lib.Select(splitCommas(c.StringSlice("deck")), splitCommas(c.StringSlice("tag")))
}
