// Package decks holds the built-in decks, embedded in the binary so that
// rehearse works on a fresh machine with nothing to set up.
package decks

import "embed"

// FS holds the built-in deck files, one *.toml per deck, at its root.
//
//go:embed *.toml
var FS embed.FS

// ExampleStories is an example stories file: invented STAR stories that
// show the form (`rehearse stories example` prints it). It is not loaded
// as anyone's stories.
//
//go:embed examples/stories.toml
var ExampleStories []byte
