// Package layout is the map of the house, and its test keeps it true.
// Packages are listed from the top (the command line) down; a package may
// import only packages below it:
//
//	cmd/rehearse          the CLI: urfave/cli wiring, one file per command
//	internal/session      the review as a state machine, tested without a terminal
//	internal/report       statistics, status and card tables as text, JSON and CSV
//	internal/library      decks + review log + card states as of one moment; caches
//	internal/config       settings, the config file, where files live
//	internal/entry        asking line by line for the parts of a new card
//	internal/tui          terminal streams, harmless text, width-aware wrapping, keys
//	internal/gen          synthetic collections for the benchmarks
//	internal/completion   the shell completion scripts
//	deck/interchange      Anki, CSV and TSV notes in and out
//	deck                  the TOML deck format: load, validate, lint, patch
//	srs/revlog            the review log on disk: append, lock, read, merge
//	srs                   pure scheduling: SM-2, records, states, queue, statistics
//	internal/atomicfile   whole-file writes that never leave a mix
//	internal/hint         errors that say what to do
//	decks                 the built-in decks, embedded
//
// deck and srs never import each other: they meet in internal/library,
// through card ids. urfave/cli appears only under cmd/.
package layout
