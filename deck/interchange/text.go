package interchange

import (
	"bytes"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rehearse/rehearse/deck"
)

// decodeText returns the file's text: UTF-8 with or without a byte-order
// mark, or UTF-16 with one (what spreadsheets call "Unicode text").
// Line breaks stay as they are; the record reader handles CRLF.
func decodeText(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(name, data)
	}
	if !utf8.Valid(data) {
		i := deck.FirstInvalidUTF8(data)
		return "", &deck.Error{File: name, Line: 1 + bytes.Count(data[:i], []byte("\n")),
			Msg:  "the file is not UTF-8 text",
			Hint: "save it as UTF-8 (in a spreadsheet: CSV UTF-8), then import it again"}
	}
	return string(data), nil
}

func decodeUTF16(name string, data []byte) (string, error) {
	big := data[0] == 0xFE
	data = data[2:]
	if len(data)%2 != 0 {
		return "", &deck.Error{File: name, Line: 1, Msg: "the file looks like UTF-16 text but has an odd number of bytes",
			Hint: "save it as UTF-8 (in a spreadsheet: CSV UTF-8), then import it again"}
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if big {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return string(utf16.Decode(units)), nil
}

// record is one row of a delimited file.
type record struct {
	line   int // line the record starts on
	fields []string
}

// recordReader reads delimited text the way Anki and spreadsheets write
// it: fields separated by sep, a field in double quotes may hold the
// separator, line breaks and doubled quotes (""), and a quote inside an
// unquoted field is kept as it is. Empty lines are skipped, and so are
// lines starting with '#' when comments is set.
type recordReader struct {
	name     string
	src      string
	pos      int
	line     int
	sep      byte
	comments bool
}

func newRecordReader(name, src string, sep byte, comments bool) *recordReader {
	return &recordReader{name: name, src: src, line: 1, sep: sep, comments: comments}
}

// next returns the next record, nil at the end of the text, or an error
// when a quoted field never ends.
func (r *recordReader) next() (*record, error) {
	// Skip empty lines and comments.
	for r.pos < len(r.src) {
		rest := r.src[r.pos:]
		switch {
		case rest[0] == '\n':
			r.pos++
			r.line++
			continue
		case strings.HasPrefix(rest, "\r\n"):
			r.pos += 2
			r.line++
			continue
		case r.comments && rest[0] == '#':
			end := strings.IndexByte(rest, '\n')
			if end < 0 {
				r.pos = len(r.src)
				return nil, nil
			}
			r.pos += end + 1
			r.line++
			continue
		}
		break
	}
	if r.pos >= len(r.src) {
		return nil, nil
	}
	rec := &record{line: r.line}
	for {
		field, err := r.field()
		if err != nil {
			return nil, err
		}
		rec.fields = append(rec.fields, field)
		if r.pos >= len(r.src) {
			return rec, nil
		}
		c := r.src[r.pos]
		r.pos++
		if c == '\n' {
			r.line++
			return rec, nil
		}
		// c is the separator: another field follows.
	}
}

// field reads one field and stops before the separator or the line break
// that ends it (a CRLF's '\r' is dropped).
func (r *recordReader) field() (string, error) {
	if r.pos < len(r.src) && r.src[r.pos] == '"' {
		return r.quoted()
	}
	start := r.pos
	for r.pos < len(r.src) && r.src[r.pos] != r.sep && r.src[r.pos] != '\n' {
		r.pos++
	}
	return strings.TrimSuffix(r.src[start:r.pos], "\r"), nil
}

func (r *recordReader) quoted() (string, error) {
	startLine := r.line
	r.pos++ // the opening quote
	var b strings.Builder
	for {
		i := strings.IndexByte(r.src[r.pos:], '"')
		if i < 0 {
			return "", &deck.Error{File: r.name, Line: startLine,
				Msg:  "a quoted field that starts on this line never ends",
				Hint: `end the field with a double quote; a quote inside a quoted field is written twice ("")`}
		}
		chunk := r.src[r.pos : r.pos+i]
		r.line += strings.Count(chunk, "\n")
		b.WriteString(strings.ReplaceAll(chunk, "\r\n", "\n"))
		r.pos += i + 1
		if r.pos < len(r.src) && r.src[r.pos] == '"' {
			b.WriteByte('"')
			r.pos++
			continue
		}
		break
	}
	// Anything between the closing quote and the separator is kept, as
	// Anki and most spreadsheets do.
	rest, err := r.field()
	return b.String() + rest, err
}
