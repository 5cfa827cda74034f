package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/rehearse/rehearse/internal/completion"
)

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:        "completion",
		Usage:       "print a script that lets your shell complete commands and flags",
		UsageText:   "rehearse completion bash|zsh|fish",
		Description: helpText("completion"),
		Action: func(c *cli.Context) error {
			const example = "for example: source <(rehearse completion bash); `rehearse completion --help` says how to install each"
			if c.NArg() == 0 {
				return usagef(example, "name the shell: rehearse completion bash, zsh or fish")
			}
			if c.NArg() > 1 {
				return usagef("name one shell: rehearse completion bash, zsh or fish", "unexpected argument %q", c.Args().Get(1))
			}
			tree := completionTree(c.App)
			switch shell := c.Args().First(); shell {
			case "bash":
				return completion.WriteBash(e.Out, tree)
			case "zsh":
				return completion.WriteZsh(e.Out, tree)
			case "fish":
				return completion.WriteFish(e.Out, tree)
			default:
				return usagef("use bash, zsh or fish, for example: rehearse completion bash", "unknown shell %q", shell)
			}
		},
	}
}

// completionTree lists the program's commands, subcommands and flags,
// program first, each command before its subcommands. Hidden ones are
// left out, and so are urfave's help subcommands of commands.
func completionTree(app *cli.App) []*completion.Node {
	root := &completion.Node{Children: map[string]string{}}
	root.Flags, root.Values = compFlags(app.VisibleFlags(), false)
	nodes := []*completion.Node{root}
	var add func(parent *completion.Node, cmds []*cli.Command)
	add = func(parent *completion.Node, cmds []*cli.Command) {
		for _, cmd := range cmds {
			if cmd.Hidden || (parent != root && cmd.Name == "help") {
				continue
			}
			n := &completion.Node{Path: strings.TrimSpace(parent.Path + " " + cmd.Name), Children: map[string]string{}}
			parent.Words = append(parent.Words, completion.Word{Name: cmd.Name, Usage: plainUsage(cmd.Usage)})
			for _, name := range cmd.Names() {
				parent.Children[name] = n.Path
			}
			n.Flags, n.Values = compFlags(cmd.VisibleFlags(), !cmd.HideHelp)
			nodes = append(nodes, n)
			if parent == root && cmd.Name == "help" {
				n.Flags, n.Values = nil, nil
				for _, c := range app.VisibleCommands() {
					if c.Name != "help" {
						n.Words = append(n.Words, completion.Word{Name: c.Name, Usage: plainUsage(c.Usage)})
					}
				}
				continue
			}
			if cmd.Name == "completion" && parent == root {
				n.Words = completion.Shells
			}
			add(n, cmd.Subcommands)
		}
	}
	add(root, app.VisibleCommands())
	return nodes
}

// compFlags returns the flags as typed, and those that take a value; with
// help, --help and -h too when they are not among them yet (urfave adds
// them to a command only when it runs).
func compFlags(flags []cli.Flag, help bool) (words []completion.Word, values []string) {
	if help && !slices.ContainsFunc(flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), "help") }) {
		flags = append(slices.Clip(flags), cli.HelpFlag)
	}
	for _, f := range flags {
		usage := ""
		takes := false
		if d, ok := f.(cli.DocGenerationFlag); ok {
			usage, takes = plainUsage(d.GetUsage()), d.TakesValue()
		}
		for _, name := range f.Names() {
			name = strings.TrimSpace(name)
			typed := "--" + name
			if len([]rune(name)) == 1 {
				typed = "-" + name
			}
			words = append(words, completion.Word{Name: typed, Usage: usage})
			if takes {
				values = append(values, typed)
			}
		}
	}
	return words, values
}

// plainUsage is a usage line without the backquotes that name a flag's
// value in --help.
func plainUsage(s string) string { return strings.ReplaceAll(s, "`", "") }
