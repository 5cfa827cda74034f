package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a script that lets your shell complete commands and flags",
		UsageText: "rehearse completion bash|zsh|fish",
		Description: `Prints a completion script for the shell named: with it installed, the TAB
key completes rehearse's commands, their subcommands and their flags (and
file names where a command takes a file or folder).

Install it once:
   bash   add to ~/.bashrc:
             source <(rehearse completion bash)
   zsh    add to ~/.zshrc, after compinit:
             source <(rehearse completion zsh)
          or save it in a folder of $fpath as _rehearse:
             rehearse completion zsh > "${fpath[1]}/_rehearse"
   fish   rehearse completion fish > ~/.config/fish/completions/rehearse.fish

The script is made from this version's commands: after an upgrade, make a
saved script again (the source lines above make it afresh in every new
shell).`,
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
				return writeBashCompletion(e.Out, tree)
			case "zsh":
				return writeZshCompletion(e.Out, tree)
			case "fish":
				return writeFishCompletion(e.Out, tree)
			default:
				return usagef("use bash, zsh or fish, for example: rehearse completion bash", "unknown shell %q", shell)
			}
		},
	}
}

// shells are the shells that `rehearse completion` writes scripts for.
var shells = []compWord{{"bash", "GNU bash"}, {"zsh", "Z shell"}, {"fish", "the friendly interactive shell"}}

// compNode is one command (or the program itself, path "") as a
// completion script sees it.
type compNode struct {
	path     string            // "decks new"; "" for the program
	words    []compWord        // what may follow: its subcommands (help: the commands)
	flags    []compWord        // its flags, as typed: --deck, -o
	values   []string          // those of its flags that take a value
	children map[string]string // a subcommand's names and aliases → its path
}

// compWord is a word to offer, with what it does.
type compWord struct{ name, usage string }

// completionTree lists the program's commands, subcommands and flags,
// program first, each command before its subcommands. Hidden ones are
// left out, and so are urfave's help subcommands of commands.
func completionTree(app *cli.App) []*compNode {
	root := &compNode{children: map[string]string{}}
	root.flags, root.values = compFlags(app.VisibleFlags(), false)
	nodes := []*compNode{root}
	var add func(parent *compNode, cmds []*cli.Command)
	add = func(parent *compNode, cmds []*cli.Command) {
		for _, cmd := range cmds {
			if cmd.Hidden || (parent != root && cmd.Name == "help") {
				continue
			}
			n := &compNode{path: strings.TrimSpace(parent.path + " " + cmd.Name), children: map[string]string{}}
			parent.words = append(parent.words, compWord{cmd.Name, plainUsage(cmd.Usage)})
			for _, name := range cmd.Names() {
				parent.children[name] = n.path
			}
			n.flags, n.values = compFlags(cmd.VisibleFlags(), !cmd.HideHelp)
			nodes = append(nodes, n)
			if parent == root && cmd.Name == "help" {
				n.flags, n.values = nil, nil
				for _, c := range app.VisibleCommands() {
					if c.Name != "help" {
						n.words = append(n.words, compWord{c.Name, plainUsage(c.Usage)})
					}
				}
				continue
			}
			if cmd.Name == "completion" && parent == root {
				n.words = shells
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
func compFlags(flags []cli.Flag, help bool) (words []compWord, values []string) {
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
			words = append(words, compWord{typed, usage})
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

func names(ws []compWord) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.name
	}
	return out
}

// shQuote quotes s for bash, zsh and fish alike: in single quotes.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// shellCases writes the case branches shared by the bash and zsh scripts:
// _rehearse_node maps (node, word) to the node the word names, and
// _rehearse_list gives a node's words, flags and flags that take values.
func shellCases(w io.Writer, tree []*compNode, list func(ws []compWord) string) {
	fmt.Fprintln(w, `# _rehearse_node NODE WORD: the command that WORD names under NODE, in $next.
_rehearse_node() {
    case "$1/$2" in`)
	for _, n := range tree {
		keys := make([]string, 0, len(n.children))
		for name := range n.children {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		for _, name := range keys {
			fmt.Fprintf(w, "    %s) next=%s ;;\n", shQuote(n.path+"/"+name), shQuote(n.children[name]))
		}
	}
	fmt.Fprintln(w, `    *) return 1 ;;
    esac
}

# _rehearse_list NODE words|flags|values: what may follow NODE, its flags,
# and those of its flags that take a value.
_rehearse_list() {
    case "$2:$1" in`)
	for _, n := range tree {
		if len(n.words) > 0 {
			fmt.Fprintf(w, "    %s) %s ;;\n", shQuote("words:"+n.path), list(n.words))
		}
		if len(n.flags) > 0 {
			fmt.Fprintf(w, "    %s) %s ;;\n", shQuote("flags:"+n.path), list(n.flags))
		}
		if len(n.values) > 0 {
			fmt.Fprintf(w, "    %s) items=(%s) ;;\n", shQuote("values:"+n.path), strings.Join(n.values, " "))
		}
	}
	fmt.Fprintln(w, `    *) items=() ;;
    esac
}`)
}

func writeBashCompletion(w io.Writer, tree []*compNode) error {
	fmt.Fprint(w, `# bash completion for rehearse, made by "rehearse completion bash".
# Install: add "source <(rehearse completion bash)" to ~/.bashrc.

`)
	shellCases(w, tree, func(ws []compWord) string { return "items=(" + strings.Join(names(ws), " ") + ")" })
	_, err := fmt.Fprint(w, `
_rehearse() {
    local cur=${COMP_WORDS[COMP_CWORD]} node= word i next
    local -a items
    COMPREPLY=()
    # Walk the words before the cursor: a command's name moves down to it,
    # a flag that takes a value skips the value.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --) return 0 ;; # arguments only: file names
        -*=*) ;;
        -*)
            _rehearse_list "$node" values
            if [[ " ${items[*]} " == *" $word "* ]]; then
                i=$((i + 1))
                ((i == COMP_CWORD)) && return 0 # the flag's value: file names
            fi
            ;;
        =) ((i + 1 == COMP_CWORD)) && return 0 ;; # --flag=value
        *) _rehearse_node "$node" "$word" && node=$next ;;
        esac
    done
    if [[ $cur == -* ]]; then
        _rehearse_list "$node" flags
    else
        _rehearse_list "$node" words
    fi
    COMPREPLY=($(compgen -W "${items[*]}" -- "$cur"))
}

complete -o default -F _rehearse rehearse
`)
	return err
}

func writeZshCompletion(w io.Writer, tree []*compNode) error {
	fmt.Fprint(w, `#compdef rehearse
# zsh completion for rehearse, made by "rehearse completion zsh".
# Install: add "source <(rehearse completion zsh)" to ~/.zshrc after
# compinit, or save it as _rehearse in a folder of $fpath.

`)
	shellCases(w, tree, func(ws []compWord) string {
		described := make([]string, len(ws))
		for i, cw := range ws {
			described[i] = shQuote(strings.ReplaceAll(cw.name, ":", `\:`) + ":" + cw.usage)
		}
		return "items=(" + strings.Join(described, " ") + ")"
	})
	_, err := fmt.Fprint(w, `
_rehearse() {
    local node= word i next
    local -a items
    # Walk the words before the cursor: a command's name moves down to it,
    # a flag that takes a value skips the value.
    for ((i = 2; i < CURRENT; i++)); do
        word=${words[i]}
        case $word in
        --) _files; return ;;
        -*=*) ;;
        -*)
            _rehearse_list "$node" values
            if ((${items[(Ie)$word]})); then
                i=$((i + 1))
                if ((i == CURRENT)); then _files; return; fi
            fi
            ;;
        *) _rehearse_node "$node" "$word" && node=$next ;;
        esac
    done
    if [[ ${words[CURRENT]} == -* ]]; then
        _rehearse_list "$node" flags
        _describe -t options option items
    else
        _rehearse_list "$node" words
        if ((${#items})); then
            _describe -t commands command items
        else
            _files
        fi
    fi
}

if [[ ${funcstack[1]} == _rehearse ]]; then
    _rehearse "$@"
else
    compdef _rehearse rehearse
fi
`)
	return err
}

func writeFishCompletion(w io.Writer, tree []*compNode) error {
	fmt.Fprintln(w, `# fish completion for rehearse, made by "rehearse completion fish".
# Install: rehearse completion fish > ~/.config/fish/completions/rehearse.fish

# __rehearse_at NODE: whether the command line so far names the command
# NODE ("" for none yet, "decks new" for a subcommand), and no other;
# NODE -- is any command line with -- (then only arguments follow).
function __rehearse_at
    set -l node ""
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    for word in $words
        if test $skip = 1
            set skip 0
            continue
        end
        switch $word
            case '--'
                set node --
                break
            case '-*=*'
            case '-*'
                if contains -- $word (__rehearse_values $node)
                    set skip 1
                end
            case '*'
                set -l next (__rehearse_node $node $word)
                and set node $next
        end
    end
    test "$node" = "$argv[1]"
end

function __rehearse_node
    switch "$argv[1]/$argv[2]"`)
	for _, n := range tree {
		keys := make([]string, 0, len(n.children))
		for name := range n.children {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		for _, name := range keys {
			fmt.Fprintf(w, "        case %s\n            echo %s\n", shQuote(n.path+"/"+name), shQuote(n.children[name]))
		}
	}
	fmt.Fprintln(w, `        case '*'
            return 1
    end
end

function __rehearse_values
    switch "$argv[1]"`)
	for _, n := range tree {
		if len(n.values) > 0 {
			fmt.Fprintf(w, "        case %s\n            printf '%%s\\n' %s\n", shQuote(n.path), strings.Join(n.values, " "))
		}
	}
	fmt.Fprintln(w, `    end
end

complete -c rehearse -f
complete -c rehearse -n '__rehearse_at --' -F`)
	for _, n := range tree {
		cond := shQuote(`__rehearse_at "` + n.path + `"`)
		for _, cw := range n.words {
			fmt.Fprintf(w, "complete -c rehearse -n %s -a %s -d %s\n", cond, shQuote(cw.name), shQuote(cw.usage))
		}
		for _, f := range n.flags {
			opt := "-l " + strings.TrimPrefix(f.name, "--")
			if !strings.HasPrefix(f.name, "--") {
				opt = "-s " + strings.TrimPrefix(f.name, "-")
			}
			if slices.Contains(n.values, f.name) {
				opt += " -r -F" // a value: file names, the likeliest kind
			}
			fmt.Fprintf(w, "complete -c rehearse -n %s %s -d %s\n", cond, opt, shQuote(f.usage))
		}
		if len(n.words) == 0 && n.path != "" {
			fmt.Fprintf(w, "complete -c rehearse -n %s -F\n", cond) // arguments: file names
		}
	}
	return nil
}
