// Package completion writes the shell completion scripts of rehearse
// (bash, zsh and fish) from a tree of its commands, subcommands and flags,
// which the command line builds from its own definitions.
package completion

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Shells are the shells that `rehearse completion` writes scripts for.
var Shells = []Word{{"bash", "GNU bash"}, {"zsh", "Z shell"}, {"fish", "the friendly interactive shell"}}

// Node is one command (or the program itself, path "") as a
// completion script sees it.
type Node struct {
	Path     string            // "decks new"; "" for the program
	Words    []Word            // what may follow: its subcommands (help: the commands)
	Flags    []Word            // its flags, as typed: --deck, -o
	Values   []string          // those of its flags that take a value
	Children map[string]string // a subcommand's names and aliases → its path
}

// Word is a word to offer, with what it does.
type Word struct{ Name, Usage string }

func names(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Name
	}
	return out
}

// shQuote quotes s for bash, zsh and fish alike: in single quotes.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// shellCases writes the case branches shared by the bash and zsh scripts:
// _rehearse_node maps (node, word) to the node the word names, and
// _rehearse_list gives a node's words, flags and flags that take values.
func shellCases(w io.Writer, tree []*Node, list func(ws []Word) string) {
	fmt.Fprintln(w, `# _rehearse_node NODE WORD: the command that WORD names under NODE, in $next.
_rehearse_node() {
    case "$1/$2" in`)
	for _, n := range tree {
		keys := make([]string, 0, len(n.Children))
		for name := range n.Children {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		for _, name := range keys {
			fmt.Fprintf(w, "    %s) next=%s ;;\n", shQuote(n.Path+"/"+name), shQuote(n.Children[name]))
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
		if len(n.Words) > 0 {
			fmt.Fprintf(w, "    %s) %s ;;\n", shQuote("words:"+n.Path), list(n.Words))
		}
		if len(n.Flags) > 0 {
			fmt.Fprintf(w, "    %s) %s ;;\n", shQuote("flags:"+n.Path), list(n.Flags))
		}
		if len(n.Values) > 0 {
			fmt.Fprintf(w, "    %s) items=(%s) ;;\n", shQuote("values:"+n.Path), strings.Join(n.Values, " "))
		}
	}
	fmt.Fprintln(w, `    *) items=() ;;
    esac
}`)
}

// WriteBash writes the bash script for the tree.
func WriteBash(w io.Writer, tree []*Node) error {
	fmt.Fprint(w, `# bash completion for rehearse, made by "rehearse completion bash".
# Install: add "source <(rehearse completion bash)" to ~/.bashrc.

`)
	shellCases(w, tree, func(ws []Word) string { return "items=(" + strings.Join(names(ws), " ") + ")" })
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

// WriteZsh writes the zsh script for the tree.
func WriteZsh(w io.Writer, tree []*Node) error {
	fmt.Fprint(w, `#compdef rehearse
# zsh completion for rehearse, made by "rehearse completion zsh".
# Install: add "source <(rehearse completion zsh)" to ~/.zshrc after
# compinit, or save it as _rehearse in a folder of $fpath.

`)
	shellCases(w, tree, func(ws []Word) string {
		described := make([]string, len(ws))
		for i, cw := range ws {
			described[i] = shQuote(strings.ReplaceAll(cw.Name, ":", `\:`) + ":" + cw.Usage)
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

// WriteFish writes the fish script for the tree.
func WriteFish(w io.Writer, tree []*Node) error {
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
		keys := make([]string, 0, len(n.Children))
		for name := range n.Children {
			keys = append(keys, name)
		}
		slices.Sort(keys)
		for _, name := range keys {
			fmt.Fprintf(w, "        case %s\n            echo %s\n", shQuote(n.Path+"/"+name), shQuote(n.Children[name]))
		}
	}
	fmt.Fprintln(w, `        case '*'
            return 1
    end
end

function __rehearse_values
    switch "$argv[1]"`)
	for _, n := range tree {
		if len(n.Values) > 0 {
			fmt.Fprintf(w, "        case %s\n            printf '%%s\\n' %s\n", shQuote(n.Path), strings.Join(n.Values, " "))
		}
	}
	fmt.Fprintln(w, `    end
end

complete -c rehearse -f
complete -c rehearse -n '__rehearse_at --' -F`)
	for _, n := range tree {
		cond := shQuote(`__rehearse_at "` + n.Path + `"`)
		for _, cw := range n.Words {
			fmt.Fprintf(w, "complete -c rehearse -n %s -a %s -d %s\n", cond, shQuote(cw.Name), shQuote(cw.Usage))
		}
		for _, f := range n.Flags {
			opt := "-l " + strings.TrimPrefix(f.Name, "--")
			if !strings.HasPrefix(f.Name, "--") {
				opt = "-s " + strings.TrimPrefix(f.Name, "-")
			}
			if slices.Contains(n.Values, f.Name) {
				opt += " -r -F" // a value: file names, the likeliest kind
			}
			fmt.Fprintf(w, "complete -c rehearse -n %s %s -d %s\n", cond, opt, shQuote(f.Usage))
		}
		if len(n.Words) == 0 && n.Path != "" {
			fmt.Fprintf(w, "complete -c rehearse -n %s -F\n", cond) // arguments: file names
		}
	}
	return nil
}
