package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/hint"
	"github.com/rehearse/rehearse/internal/tui"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is a mistake in how a command was called (exit code 2).
type usageError struct {
	msg   string
	hints []string
}

func (e *usageError) Error() string   { return e.msg }
func (e *usageError) Hints() []string { return e.hints }

func usagef(hint, format string, args ...any) error {
	e := &usageError{msg: fmt.Sprintf(format, args...)}
	if hint != "" {
		e.hints = []string{hint}
	}
	return e
}

// run is the whole program: main only adds the process's streams and clock.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	// Ctrl-C, a kill, and the terminal window closing (SIGHUP) all stop
	// a command the same way: the terminal restored, exit code 130.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	return runContext(ctx, args, &tui.Streams{In: stdin, Out: stdout, Err: stderr, Getenv: os.Getenv, Loc: time.Local}, now)
}

// runContext is run with the context that Ctrl-C cancels.
func runContext(ctx context.Context, args []string, streams *tui.Streams, now func() time.Time) int {
	clock, err := whatIfClock(streams.Env, now)
	if err != nil {
		printError(streams.Err, err)
		return exitCode(err)
	}
	e := &env{Streams: streams, now: clock, whatIf: streams.Env(nowVariable) != ""}
	app := newApp(e)
	app.Reader, app.Writer, app.ErrWriter = streams.In, streams.Out, streams.Err
	err = app.RunContext(ctx, flagsFirst(app, args))
	if err == nil {
		return exitOK
	}
	if !errors.Is(err, tui.ErrInterrupted) {
		printError(streams.Err, err)
	}
	return exitCode(err)
}

// nowVariable sets the clock of every command, for trying a plan on a
// future date and for tests.
const nowVariable = "REHEARSE_NOW"

// whatIfClock is the clock of the whole program: now, or when
// REHEARSE_NOW is set (an RFC 3339 time), a clock that starts at that time
// and runs on from it as now does.
func whatIfClock(getenv func(string) string, now func() time.Time) (func() time.Time, error) {
	v := getenv(nowVariable)
	if v == "" {
		return now, nil
	}
	at, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, usagef("write it as 2026-12-18T09:00:00Z or 2026-12-18T09:00:00+01:00, or unset it to use the real time",
			"%s=%q is not an RFC 3339 time", nowVariable, v)
	}
	offset := at.Sub(now())
	return func() time.Time { return now().Add(offset) }, nil
}

func exitCode(err error) int {
	var u *usageError
	switch {
	case errors.Is(err, tui.ErrInterrupted), errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &u):
		return exitUsage
	}
	return exitError
}

// printError writes "rehearse: ERROR" and a "rehearse: hint: ..." line for
// each hint the error carries.
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "rehearse: %s\n", tui.Clean(err.Error())) // file names and deck text are data
	for _, h := range hint.Of(err) {
		fmt.Fprintf(w, "rehearse: hint: %s\n", tui.Clean(h))
	}
}

// env is what every command reads from the outside world: the streams
// and the one clock.
type env struct {
	*tui.Streams
	now    func() time.Time
	whatIf bool // the clock was set with REHEARSE_NOW
}

// On a terminal, help wraps its long lines under their own columns.
func init() {
	cli.HelpPrinter = func(w io.Writer, templ string, data any) {
		var b strings.Builder
		cli.HelpPrinterCustom(&b, templ, data, nil)
		io.WriteString(w, tui.WrapColumns(b.String(), (&tui.Streams{}).Display(w).Width))
	}
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:     "rehearse",
		Usage:    "spaced-repetition flashcards for infrastructure and IT interviews",
		Version:  version(),
		HelpName: "rehearse",
		UsageText: `rehearse [global options] [command [options]]

   rehearse                      today at a glance
   rehearse review               study today's cards (new and due)
   rehearse review --deck cybersecurity --new 5
   rehearse schedule --grades 5,4,3,1,4`,
		Description: helpText("app"),
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data-dir", Usage: "keep progress and user decks in `DIR`", EnvVars: []string{"REHEARSE_HOME"}},
			&cli.StringSliceFlag{Name: "decks", Usage: "also load decks from `PATH` (a .toml file or a folder; repeatable)"},
			&cli.BoolFlag{Name: "no-builtin", Usage: "leave the built-in decks out"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE` (default $XDG_CONFIG_HOME/rehearse/config.toml)"},
			&cli.BoolFlag{Name: "no-pager", Usage: "print long output as it is, without $PAGER (less -R); piped output never pages"},
		},
		Commands: []*cli.Command{
			reviewCommand(e),
			statusCommand(e),
			statsCommand(e),
			decksCommand(e),
			lintCommand(e),
			cardCommand(e),
			scheduleCommand(e),
			addCommand(e),
			importCommand(e),
			exportCommand(e),
			searchCommand(e),
			rescheduleCommand(e),
			optimizeCommand(e),
			planCommand(e),
			readyCommand(e),
			mockCommand(e),
			storiesCommand(e),
			completionCommand(e),
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				hint := "run `rehearse help` for the list of commands"
				var names []string
				for _, cmd := range c.App.Commands {
					names = append(names, cmd.Names()...)
				}
				if near := deck.Closest(c.Args().First(), names); near != "" {
					hint = fmt.Sprintf("did you mean `rehearse %s`? (`rehearse help` lists the commands)", near)
				}
				return usagef(hint, "unknown command %q", c.Args().First())
			}
			return runStatus(c, e)
		},
		// Paths may hold commas: --decks takes one path per flag.
		DisableSliceFlagSeparator: true,
		EnableBashCompletion:      true,
		OnUsageError:              onUsageError,
		ExitErrHandler:            func(*cli.Context, error) {}, // errors are ours to print, and exit codes too
	}
	// urfave names each command in its help "rehearse NAME" by itself.
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsageError
		for _, sub := range cmd.Subcommands {
			sub.OnUsageError = onUsageError
		}
	}
	return app
}

func onUsageError(c *cli.Context, err error, _ bool) error {
	name := "rehearse"
	var names []string // the command, and its subcommand if any
	for _, ctx := range c.Lineage() {
		if ctx.Command != nil && ctx.Command.Name != "" && ctx.Command.Name != "rehearse" &&
			(len(names) == 0 || names[0] != ctx.Command.Name) {
			names = append([]string{ctx.Command.Name}, names...)
		}
	}
	if len(names) > 0 {
		name += " " + strings.Join(names, " ")
	}
	msg := err.Error()
	if flag, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		if len(flag) > 2 && !strings.HasPrefix(flag, "--") {
			flag = "-" + flag // the flag package prints -name; we document --name
		}
		msg = "unknown flag " + flag
		var flags []cli.Flag
		if c.Command != nil && c.Command.Name != "" {
			flags = c.Command.Flags
		} else {
			flags = c.App.Flags
		}
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if near := deck.Closest(strings.TrimLeft(flag, "-"), names); near != "" {
			return usagef(fmt.Sprintf("did you mean --%s? (`%s --help` lists the options)", near, name), "%s", msg)
		}
	}
	return usagef(fmt.Sprintf("run `%s --help` for its options", name), "%s", msg)
}

// flagsFirst moves a command's flags in front of its other arguments, so
// that "rehearse card ID --json" works as well as "rehearse card --json ID"
// (urfave/cli stops reading flags at the first argument). Everything after
// "--" stays as it is.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// Skip the program name and global flags to find the command.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "--" {
		if takesValue(app.Flags, args[i]) {
			i++
		}
		i++
	}
	if i >= len(args) {
		return args
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args
	}
	for i+1 < len(args) { // a subcommand: its flags are the ones to move
		sub := cmd.Command(args[i+1])
		if sub == nil {
			break
		}
		cmd, i = sub, i+1
	}
	var flags, rest []string
	j := i + 1
	for ; j < len(args); j++ {
		a := args[j]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
			if takesValue(cmd.Flags, a) && j+1 < len(args) {
				j++
				flags = append(flags, args[j])
			}
			continue
		}
		rest = append(rest, a)
	}
	out := append(append([]string{}, args[:i+1]...), flags...)
	out = append(out, rest...)
	return append(out, args[j:]...)
}

// takesValue reports whether arg names one of flags that needs a value
// in the next argument (not a boolean, and not written --name=value).
func takesValue(flags []cli.Flag, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}

// helpFiles are the commands' long descriptions, one help/NAME.txt each:
// documentation, kept apart from the wiring.
//
//go:embed help/*.txt
var helpFiles embed.FS

// helpText returns the long description help/NAME.txt.
func helpText(name string) string {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("rehearse: no help text " + name) // a build without its help files
	}
	return strings.TrimSuffix(string(b), "\n")
}
