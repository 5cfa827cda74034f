package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/tui"
)

// paged writes what write writes to standard output, through a pager when
// that is a terminal and the text is taller than it, as git and gh do:
// $PAGER, else `less -R` (with LESS=FRX unless LESS is set: quit when it
// fits, keep colours, leave the text on screen). --no-pager, a pipe, or a
// pager that cannot start print the text as it is.
func paged(c *cli.Context, e *env, write func(w io.Writer, d tui.Display) error) error {
	d := e.OutDisplay()
	out, isFile := e.Out.(*os.File)
	if c.Bool("no-pager") || !isFile || !tui.IsTerminal(out) || d.Height == 0 {
		return write(e.Out, d)
	}
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		return err
	}
	if bytes.Count(buf.Bytes(), []byte("\n")) < d.Height {
		_, err := e.Out.Write(buf.Bytes())
		return err
	}
	argv := strings.Fields(e.Env("PAGER"))
	if len(argv) == 0 {
		argv = []string{"less", "-R"}
	}
	pager := exec.Command(argv[0], argv[1:]...)
	pager.Stdin, pager.Stdout, pager.Stderr = &buf, out, e.Err
	pager.Env = os.Environ()
	if e.Env("LESS") == "" {
		pager.Env = append(pager.Env, "LESS=FRX")
	}
	if err := pager.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil // the pager ran, and quit in its own way
		}
		_, err = e.Out.Write(buf.Bytes()) // no pager here: print it all
		return err
	}
	return nil
}
