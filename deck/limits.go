package deck

import (
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest deck file rehearse reads: 32 MiB, room for
// about 100,000 cards. A larger file is refused with an error, so that a
// deck found on the internet cannot make rehearse read for minutes or use
// gigabytes of memory.
const MaxFileSize = 32 << 20

// maxNesting bounds how deeply arrays and inline tables nest, and how many
// parts a dotted key has. A deck needs two levels at most ([[card]] and a
// list of points); the TOML decoder slows down with the square of the depth
// (a few kilobytes of nested braces took minutes), so deeper files are
// refused before decoding.
const maxNesting = 32

// readFile reads a deck file, refusing anything but a regular file (a
// folder, a device such as /dev/zero, a named pipe that would block) and
// files larger than MaxFileSize. Symbolic links are followed: a deck
// folder may link to decks kept elsewhere, in a git checkout for example.
func readFile(fsys fs.FS, name string) ([]byte, *Error) {
	if !utf8.ValidString(name) {
		return nil, &Error{File: name, Msg: "cannot read the deck: its file name is not valid UTF-8",
			Hint: "rename the file; deck file names may hold any letters, digits and spaces"}
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read the deck: " + unwrapPathError(err), Err: err,
			Hint: "check that the file exists and that you may read it"}
	}
	if info.IsDir() {
		return nil, &Error{File: name, Msg: "cannot read the deck: it is a folder (links to folders are not followed)",
			Hint: "load the decks of another folder with --decks PATH, or link its deck files one by one"}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read the deck: it is not a regular file (%s)", fileKind(info.Mode())),
			Hint: "a deck is a .toml text file; move this one out of the deck folder"}
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(name, info.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read the deck: " + unwrapPathError(err), Err: err,
			Hint: "check that the file exists and that you may read it"}
	}
	defer f.Close()
	// The file may grow between Stat and the read: read one byte past the
	// limit to notice.
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &Error{File: name, Msg: "cannot read the deck: " + unwrapPathError(err), Err: err,
			Hint: "check that the file is readable (the disk may be failing)"}
	}
	if len(src) > MaxFileSize {
		return nil, tooLarge(name, int64(len(src)))
	}
	return src, nil
}

func tooLarge(name string, size int64) *Error {
	return &Error{File: name,
		Msg:  fmt.Sprintf("the deck is too large (%d MiB; the limit is %d MiB)", (size+(1<<20)-1)>>20, MaxFileSize>>20),
		Hint: "split it into several deck files of fewer cards each"}
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}

// linkedFolder reports whether the entry p of a deck folder is a symbolic
// link to a folder. The walk does not follow such links (one to / would
// walk the whole disk, one to a parent would loop); they are listed so
// that the learner hears about them instead of missing decks silently.
func linkedFolder(fsys fs.FS, p string, e fs.DirEntry) bool {
	if e.Type()&fs.ModeSymlink == 0 || strings.HasPrefix(e.Name(), ".") {
		return false
	}
	info, err := fs.Stat(fsys, p)
	return err == nil && info.IsDir()
}

// checkShape refuses, before toml.Decode reads it, a file whose arrays,
// inline tables or dotted keys nest deeper than maxNesting. It follows
// strings and comments so that brackets and dots in text do not count.
func checkShape(file string, src []byte) *Error {
	const (
		plain = iota
		basic
		literal
		basicML
		literalML
		comment
	)
	state, depth, dots, line := plain, 0, 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\n' {
			line++
		}
		switch state {
		case comment:
			if c == '\n' {
				state = plain
			}
			continue
		case basic, basicML:
			switch {
			case c == '\\' && i+1 < len(src):
				i++
				if src[i] == '\n' {
					line++
				}
			case c == '\n' && state == basic:
				state = plain // an unclosed string: the decoder reports it
			case c == '"' && (state == basic || quotes(src, i, '"') >= 3):
				if state == basicML {
					i += quotes(src, i, '"') - 1
				}
				state = plain
			}
			continue
		case literal, literalML:
			switch {
			case c == '\n' && state == literal:
				state = plain
			case c == '\'' && (state == literal || quotes(src, i, '\'') >= 3):
				if state == literalML {
					i += quotes(src, i, '\'') - 1
				}
				state = plain
			}
			continue
		}
		switch {
		case c == '#':
			state = comment
		case c == '"':
			state = basic
			if quotes(src, i, '"') >= 3 {
				state, i = basicML, i+2
			}
		case c == '\'':
			state = literal
			if quotes(src, i, '\'') >= 3 {
				state, i = literalML, i+2
			}
		case c == '[' || c == '{':
			dots = 0
			if depth++; depth > maxNesting {
				return &Error{File: file, Line: line, Msg: fmt.Sprintf("arrays or tables nested more than %d deep", maxNesting),
					Hint: "a deck needs two levels at most: [[card]] tables and lists such as points = [\"…\"]"}
			}
		case c == ']' || c == '}':
			dots = 0
			if depth > 0 {
				depth--
			}
		case c == '.':
			if dots++; dots >= maxNesting {
				return &Error{File: file, Line: line, Msg: fmt.Sprintf("a dotted key with more than %d parts", maxNesting),
					Hint: "deck keys are plain names such as front or back, under [deck] or [[card]]"}
			}
		case c == ' ' || c == '\t' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			// Part of a key (or of a number): the chain of dots goes on.
		default:
			dots = 0
		}
	}
	return nil
}

// quotes counts the run of quote characters q starting at src[i].
func quotes(src []byte, i int, q byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == q {
		n++
	}
	return n
}

// firstLines maps each [table] name to the line of its first header, and
// each name to the first header of that table or of a table under it
// ([name.sub]), so that unknown keys find their lines in one pass however
// many there are.
func (ix *lineIndex) firstLines() (tables, under map[string]int) {
	tables, under = map[string]int{}, map[string]int{}
	for _, s := range ix.sections[1:] {
		if _, ok := tables[s.name]; !ok && !s.array {
			tables[s.name] = s.line
		}
		for i := 0; i <= len(s.name); i++ {
			if i == len(s.name) || s.name[i] == '.' {
				if _, ok := under[s.name[:i]]; !ok {
					under[s.name[:i]] = s.line
				}
			}
		}
	}
	return tables, under
}
