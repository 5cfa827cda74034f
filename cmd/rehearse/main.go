// Command rehearse is a terminal flashcard engine with SM-2 spaced
// repetition, made for people preparing for infrastructure-manager and
// senior IT interviews.
//
// Usage:
//
//	rehearse                  today at a glance
//	rehearse review           study today's cards
//	rehearse status           what is due, per deck
//	rehearse decks            the decks found and where they come from
//	rehearse decks show|new|copy|orphans
//	                          a deck's cards; a new deck; a copy of a
//	                          built-in deck; progress of deleted cards
//	rehearse add --deck ID    append a card to one of your decks
//	rehearse import FILE --deck ID
//	                          Anki notes, CSV or TSV into a deck
//	rehearse export --deck ID for Anki, a spreadsheet or a script
//	rehearse search TEXT      find cards, with their state
//	rehearse lint [PATH]...   check deck files
//	rehearse card ID          one card's state and history; --suspend,
//	                          --unsuspend, --reset
//	rehearse schedule --grades 5,4,3
//	                          how SM-2 schedules a card answered so
//	rehearse completion bash|zsh|fish
//	                          a shell completion script
//
// Decks are TOML files: the built-in ones, the user's deck folder
// ($XDG_DATA_HOME/rehearse/decks) and any --decks PATH. Progress is an
// append-only review log in the data folder ($REHEARSE_HOME, else
// $XDG_DATA_HOME/rehearse, else ~/.local/share/rehearse). Run
// "rehearse help COMMAND" for the details of each command.
package main

import (
	"os"
	"runtime/debug"
	"time"
)

// memoryLimit is the soft heap limit unless GOMEMLIMIT says otherwise: it
// keeps the peak memory of very large collections low; small ones never
// come near it.
const memoryLimit = 180 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr, time.Now))
}
