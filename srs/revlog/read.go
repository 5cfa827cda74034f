package revlog

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/cespare/xxhash/v2"

	"github.com/rehearse/rehearse/srs"
)

// Error is a problem in a log file, with the file and line it is on.
//
//	log/laptop.tsv:42: time "2026-13-01" is not an RFC 3339 time
type Error struct {
	File string
	Line int
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Hints returns what the learner can do about the error.
func (e *Error) Hints() []string {
	if e.Hint == "" {
		return nil
	}
	return []string{e.Hint}
}

// Dir returns the folder, inside the data folder, that holds the log files.
func Dir(dataDir string) string { return filepath.Join(dataDir, "log") }

// Read reads and merges every device's log file in the data folder. A data
// folder with no log yet gives an empty Log. Records that appear twice
// (the same line in two files, as a sync conflict copy makes) count once.
// A damaged line in any file is an error.
func Read(dataDir string) (*Log, error) { return ReadFor(dataDir, "") }

// ReadFor is Read on the device named: a damaged line in one of its own
// files is an error, but one in another device's file (a sync tool's
// half-copied file) is a warning, and that file's records from the damage
// on are left out: this device writes only its own files, and its review
// goes on.
func ReadFor(dataDir, device string) (*Log, error) {
	log, _, err := readLog(dataDir, device, nil)
	return log, err
}

// Mark is how far one log file has been read: up to Offset, the end of
// its last complete line, Lines lines in, with Hash the xxhash of its
// bytes before Offset.
type Mark struct {
	Name   string
	Offset int64
	Lines  int
	Hash   uint64
}

// ReadMarked is ReadFor, and also returns where each file was read to.
func ReadMarked(dataDir, device string) (*Log, []Mark, error) {
	return readLog(dataDir, device, map[string]Mark{})
}

// ReadAfter reads only what was appended to the log since marks (as
// ReadMarked returned them), as ReadFor would read it: a file with a mark
// is read from its offset on, a file without one whole. The records of
// every file are merged into one Log, as ReadFor merges them; the Log
// says nothing of the records before the marks. ok is false, and nothing
// is returned, when the files changed in any other way: one is gone, or
// shorter than its mark, or its bytes before the mark are not those read
// then. A file's line numbers go on from its mark.
func ReadAfter(dataDir, device string, marks []Mark) (log *Log, now []Mark, ok bool, err error) {
	from := make(map[string]Mark, len(marks))
	for _, m := range marks {
		from[m.Name] = m
	}
	log, now, err = readLog(dataDir, device, from)
	if err == errMoved {
		return nil, nil, false, nil
	}
	return log, now, err == nil, err
}

// errMoved says a file is not as its mark says.
var errMoved = errors.New("a log file changed before its mark")

// readLog reads every log file, each from its mark in from when it has
// one; a nil from reads every file whole and keeps no marks.
func readLog(dataDir, device string, from map[string]Mark) (*Log, []Mark, error) {
	dir := Dir(dataDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if len(from) > 0 {
			return nil, nil, errMoved
		}
		return &Log{}, nil, nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return nil, nil, &Error{File: dir, Msg: "the review log's folder is a file",
			Hint: "the log folder holds a .tsv file per device: move the file away, then run the command again"}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the review log: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".tsv") {
			continue
		}
		if e.IsDir() {
			return nil, nil, &Error{File: filepath.Join(dir, e.Name()), Msg: "a folder where a review log file should be",
				Hint: "a review log is a text file: move the folder out of the log folder"}
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	present := 0
	for _, name := range names {
		if _, ok := from[name]; ok {
			present++
		}
	}
	if present != len(from) {
		return nil, nil, errMoved // a file is gone
	}
	log := &Log{}
	p := &parser{log: log, cardIndex: map[string]uint32{}}
	bounds := []int{0}
	var marks []Mark
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := checkRegular(path); err != nil {
			return nil, nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read the review log: %w", err)
		}
		if log.entries == nil && len(from) == 0 {
			log.entries = make([]entry, 0, totalSize(dir, names)/90)
		}
		lenient := device != "" && !IsDeviceFile(name, device)
		var start *Mark
		if m, ok := from[name]; ok && m.Offset > 0 {
			start = &m
		}
		warn, mark, err := p.read(f, path, lenient, start, from != nil)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		mark.Name = name
		marks = append(marks, mark)
		bounds = append(bounds, len(log.entries))
		if warn != nil {
			log.Warnings = append(log.Warnings, warn)
		}
	}
	log.mergeRuns(bounds)
	return log, marks, nil
}

// totalSize adds up the sizes of the log files, to size the entries.
func totalSize(dir string, names []string) int {
	total := 0
	for _, name := range names {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
			total += int(info.Size())
		}
	}
	return total
}

// Parse reads one log file's content. name is used in errors.
func Parse(r io.Reader, name string) ([]srs.Record, *Error, error) {
	log := &Log{}
	p := &parser{log: log, cardIndex: map[string]uint32{}}
	warn, _, err := p.read(r, name, false, nil, false)
	if err != nil {
		return nil, nil, err
	}
	return log.Records(), warn, nil
}

// read parses a whole file: the records, a warning if its last line is
// torn, or an error for a damaged line anywhere else; when lenient (another
// device's file), a damaged line is a warning and ends the file there.
// With start, the file's bytes before start's offset are only checked
// against its hash (errMoved when they differ), and read on from there.
// When mark is set, it returns how far the file was read: the end of the
// last line parsed (a torn or damaged line is not).
func (p *parser) read(r io.Reader, name string, lenient bool, start *Mark, mark bool) (*Error, Mark, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	file := uint16(len(p.log.files))
	p.log.files = append(p.log.files, name)
	var pending []byte // a line not yet known to be complete
	lineNo := 0
	haveHeader := false
	var sum *xxhash.Digest
	var m Mark
	if mark {
		sum = xxhash.New()
	}
	if start != nil {
		header, err := skipTo(br, sum, start.Offset)
		if err != nil || sum.Sum64() != start.Hash {
			return nil, Mark{}, errMoved
		}
		if p.layout, err = parseHeader(bytes.TrimSuffix(bytes.TrimSuffix(header, []byte("\n")), []byte("\r"))); err != nil {
			return nil, Mark{}, errMoved
		}
		haveHeader, lineNo = true, start.Lines
		m = *start
	}
	done := func(warn *Error, err error) (*Error, Mark, error) {
		if sum != nil {
			m.Hash = sum.Sum64()
		}
		return warn, m, err
	}
	for {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			pending = append(pending, line...)
			continue
		}
		if len(pending) > 0 {
			line = append(pending, line...)
			pending = pending[:0]
		}
		if err == io.EOF {
			if len(line) > 0 {
				lineNo++
				return done(&Error{File: name, Line: lineNo, Msg: "the last line is incomplete (a crash mid-write?); it was skipped"}, nil)
			}
			return done(nil, nil)
		}
		if err != nil {
			return nil, Mark{}, fmt.Errorf("cannot read %s: %w", name, err)
		}
		lineNo++
		raw := line
		line = bytes.TrimSuffix(line[:len(line)-1], []byte("\r"))
		if !haveHeader {
			l, herr := parseHeader(line)
			if herr != nil {
				e := &Error{File: name, Line: lineNo, Msg: herr.Error(),
					Hint: "a review log starts with the header line: " + strings.ReplaceAll(Header, "\t", " <tab> ")}
				if lenient {
					e.Msg += "; the file is left out"
					return done(e, nil)
				}
				return nil, Mark{}, e
			}
			p.layout = l
			haveHeader = true
			m.advance(sum, raw)
			continue
		}
		if len(line) == 0 {
			m.advance(sum, raw)
			continue
		}
		rec, perr := p.parse(line)
		if perr != nil {
			if lenient {
				return done(&Error{File: name, Line: lineNo,
					Msg:  fmt.Sprintf("damaged record: %v; the records of this file from line %d on are left out", perr, lineNo),
					Hint: "it is another device's file, half-copied by a sync tool perhaps: sync again, or restore it on that device"}, nil)
			}
			return nil, Mark{}, &Error{File: name, Line: lineNo, Msg: "damaged record: " + perr.Error(),
				Hint: "the line was changed by hand or by a broken sync; restore the file from a copy or delete that line"}
		}
		rec.Line = lineNo
		p.log.add(&rec, p.card, file)
		m.advance(sum, raw)
	}
}

// advance moves the mark past a line read (with its newline).
func (m *Mark) advance(sum *xxhash.Digest, raw []byte) {
	if sum == nil {
		return
	}
	sum.Write(raw)
	m.Offset += int64(len(raw))
	m.Lines++
}

// skipTo reads the first n bytes of br into sum and returns the file's
// first line (its header), which must end before n.
func skipTo(br *bufio.Reader, sum *xxhash.Digest, n int64) ([]byte, error) {
	header, err := br.ReadBytes('\n')
	if err != nil || int64(len(header)) > n {
		return nil, errMoved
	}
	sum.Write(header)
	if _, err := io.CopyN(sum, br, n-int64(len(header))); err != nil {
		return nil, errMoved
	}
	return header, nil
}
