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
	dir := Dir(dataDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &Log{}, nil
	}
	if errors.Is(err, syscall.ENOTDIR) {
		return nil, &Error{File: dir, Msg: "the review log's folder is a file",
			Hint: "the log folder holds a .tsv file per device: move the file away, then run the command again"}
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the review log: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".tsv") {
			continue
		}
		if e.IsDir() {
			return nil, &Error{File: filepath.Join(dir, e.Name()), Msg: "a folder where a review log file should be",
				Hint: "a review log is a text file: move the folder out of the log folder"}
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	log := &Log{}
	p := &parser{log: log, cardIndex: map[string]uint32{}}
	bounds := []int{0}
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := checkRegular(path); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read the review log: %w", err)
		}
		if log.entries == nil {
			log.entries = make([]entry, 0, totalSize(dir, names)/90)
		}
		lenient := device != "" && !IsDeviceFile(name, device)
		warn, err := p.read(f, path, lenient)
		f.Close()
		if err != nil {
			return nil, err
		}
		bounds = append(bounds, len(log.entries))
		if warn != nil {
			log.Warnings = append(log.Warnings, warn)
		}
	}
	log.mergeRuns(bounds)
	return log, nil
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
	warn, err := p.read(r, name, false)
	if err != nil {
		return nil, nil, err
	}
	return log.Records(), warn, nil
}

// read parses a whole file: the records, a warning if its last line is
// torn, or an error for a damaged line anywhere else; when lenient (another
// device's file), a damaged line is a warning and ends the file there.
func (p *parser) read(r io.Reader, name string, lenient bool) (*Error, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	file := uint16(len(p.log.files))
	p.log.files = append(p.log.files, name)
	var pending []byte // a line not yet known to be complete
	lineNo := 0
	haveHeader := false
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
				return &Error{File: name, Line: lineNo, Msg: "the last line is incomplete (a crash mid-write?); it was skipped"}, nil
			}
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
		lineNo++
		line = bytes.TrimSuffix(line[:len(line)-1], []byte("\r"))
		if !haveHeader {
			l, herr := parseHeader(line)
			if herr != nil {
				e := &Error{File: name, Line: lineNo, Msg: herr.Error(),
					Hint: "a review log starts with the header line: " + strings.ReplaceAll(Header, "\t", " <tab> ")}
				if lenient {
					e.Msg += "; the file is left out"
					return e, nil
				}
				return nil, e
			}
			p.layout = l
			haveHeader = true
			continue
		}
		if len(line) == 0 {
			continue
		}
		rec, perr := p.parse(line)
		if perr != nil {
			if lenient {
				return &Error{File: name, Line: lineNo,
					Msg:  fmt.Sprintf("damaged record: %v; the records of this file from line %d on are left out", perr, lineNo),
					Hint: "it is another device's file, half-copied by a sync tool perhaps: sync again, or restore it on that device"}, nil
			}
			return nil, &Error{File: name, Line: lineNo, Msg: "damaged record: " + perr.Error(),
				Hint: "the line was changed by hand or by a broken sync; restore the file from a copy or delete that line"}
		}
		rec.Line = lineNo
		p.log.add(&rec, p.card, file)
	}
}
