package deck

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeCommon decodes src, which must be valid UTF-8, when it is written
// in the part of TOML that deck files use: [table] and [[table]] headers
// with bare names, bare keys, basic, multi-line basic and literal strings,
// true and false, arrays of strings, comments, and lines that end in "\n".
// It gives exactly what toml.Decode gives into a map[string]any, several
// times faster and with less garbage. For anything else, valid or not,
// ok is false and toml.Decode reads the file (and reports its mistakes).
func decodeCommon(src string) (doc map[string]any, ok bool) {
	if strings.IndexByte(src, '\r') >= 0 || strings.HasPrefix(src, "\uFEFF") {
		return nil, false // CRLF lines and byte order marks are toml.Decode's
	}
	d := commonDecoder{src: src}
	root := map[string]any{}
	table := root
	for {
		d.skipBlank()
		if d.i == len(src) {
			return root, true
		}
		if src[d.i] == '[' {
			t, ok := d.header(root)
			if !ok {
				return nil, false
			}
			table = t
			continue
		}
		key := d.bareKey()
		if key == "" {
			return nil, false
		}
		d.skipSpace()
		if !d.take('=') {
			return nil, false
		}
		d.skipSpace()
		v, ok := d.value()
		if !ok || !d.endLine() {
			return nil, false
		}
		if _, dup := table[key]; dup {
			return nil, false
		}
		table[key] = v
	}
}

// commonDecoder reads src from offset i.
type commonDecoder struct {
	src string
	i   int
}

func (d *commonDecoder) take(c byte) bool {
	if d.i < len(d.src) && d.src[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *commonDecoder) skipSpace() {
	for d.i < len(d.src) && (d.src[d.i] == ' ' || d.src[d.i] == '\t') {
		d.i++
	}
}

// skipBlank skips spaces, line ends and comments. A comment with a
// control character in it is left for toml.Decode to reject.
func (d *commonDecoder) skipBlank() {
	for d.i < len(d.src) {
		switch d.src[d.i] {
		case ' ', '\t', '\n':
			d.i++
		case '#':
			if !d.skipComment() {
				return
			}
		default:
			return
		}
	}
}

// skipComment skips a comment up to its line's end, and reports whether
// it holds only what TOML allows there.
func (d *commonDecoder) skipComment() bool {
	for j := d.i + 1; j < len(d.src); j++ {
		c := d.src[j]
		if c == '\n' {
			d.i = j
			return true
		}
		if isControl(c) {
			return false
		}
	}
	d.i = len(d.src)
	return true
}

// endLine reads to the end of a key's line: spaces and a comment.
func (d *commonDecoder) endLine() bool {
	d.skipSpace()
	if d.i < len(d.src) && d.src[d.i] == '#' && !d.skipComment() {
		return false
	}
	return d.i == len(d.src) || d.take('\n')
}

func (d *commonDecoder) bareKey() string {
	start := d.i
	for d.i < len(d.src) {
		c := d.src[d.i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			break
		}
		d.i++
	}
	return d.src[start:d.i]
}

// header reads a [name] or [[name]] line and returns the table it opens.
func (d *commonDecoder) header(root map[string]any) (map[string]any, bool) {
	d.i++
	array := d.take('[')
	d.skipSpace()
	name := d.bareKey()
	d.skipSpace()
	if name == "" || !d.take(']') || array && !d.take(']') || !d.endLine() {
		return nil, false
	}
	table := map[string]any{}
	existing, defined := root[name]
	if !array {
		if defined {
			return nil, false
		}
		root[name] = table
		return table, true
	}
	list, isList := existing.([]map[string]any)
	if defined && !isList {
		return nil, false
	}
	root[name] = append(list, table)
	return table, true
}

// value reads a string, a boolean or an array of strings.
func (d *commonDecoder) value() (any, bool) {
	if d.i == len(d.src) {
		return nil, false
	}
	switch d.src[d.i] {
	case '[':
		return d.array()
	case 't':
		if strings.HasPrefix(d.src[d.i:], "true") {
			d.i += len("true")
			return true, true
		}
	case 'f':
		if strings.HasPrefix(d.src[d.i:], "false") {
			d.i += len("false")
			return false, true
		}
	default:
		if s, ok := d.str(); ok {
			return s, true
		}
	}
	return nil, false
}

// array reads an array of strings, over as many lines as it takes.
func (d *commonDecoder) array() (any, bool) {
	d.i++
	list := []any{}
	for {
		d.skipBlank()
		if d.take(']') {
			return list, true
		}
		s, ok := d.str()
		if !ok {
			return nil, false
		}
		list = append(list, s)
		d.skipBlank()
		if d.take(']') {
			return list, true
		}
		if !d.take(',') {
			return nil, false
		}
	}
}

// str reads a "basic", """multi-line basic""" or 'literal' string.
// Multi-line literal strings are toml.Decode's.
func (d *commonDecoder) str() (string, bool) {
	rest := d.src[d.i:]
	switch {
	case strings.HasPrefix(rest, `"""`):
		return d.quoted('"', true)
	case strings.HasPrefix(rest, `"`):
		return d.quoted('"', false)
	case strings.HasPrefix(rest, "'") && !strings.HasPrefix(rest, "'''"):
		return d.quoted('\'', false)
	}
	return "", false
}

// quoted reads the string that opens at d.i with quote (three of them
// when multi), reading escapes in double-quoted strings only. A
// line-ending backslash, and quotes next to the closing three, are
// toml.Decode's. A string without escapes is a slice of src.
func (d *commonDecoder) quoted(quote byte, multi bool) (string, bool) {
	start := d.i + 1
	if multi {
		start = d.i + 3
		if start < len(d.src) && d.src[start] == '\n' {
			start++ // the line end right after the opening quotes
		}
	}
	var b strings.Builder // the text so far, once it has an escape
	escaped, from := false, start
	for j := start; j < len(d.src); {
		c := d.src[j]
		switch {
		case c == quote && (!multi || strings.HasPrefix(d.src[j:], `"""`)):
			end := j + 1
			if multi {
				if strings.HasPrefix(d.src[j+3:], `"`) {
					return "", false
				}
				end = j + 3
			}
			d.i = end
			if !escaped {
				return d.src[start:j], true
			}
			b.WriteString(d.src[from:j])
			return b.String(), true
		case c == '\\' && quote == '"':
			r, n, ok := unescape(d.src[j:])
			if !ok {
				return "", false
			}
			b.WriteString(d.src[from:j])
			b.WriteRune(r)
			escaped, j = true, j+n
			from = j
			continue
		case isControl(c) || c == '\n' && !multi:
			return "", false
		}
		j++
	}
	return "", false
}

// unescape decodes the escape sequence at the start of s and returns its
// rune and length. Escapes beyond TOML 1.0's common ones are toml.Decode's.
func unescape(s string) (rune, int, bool) {
	if len(s) < 2 {
		return 0, 0, false
	}
	if r := shortEscapes[s[1]]; r != 0 {
		return r, 2, true
	}
	n := 8 // \UXXXXXXXX
	if s[1] == 'u' {
		n = 4
	} else if s[1] != 'U' {
		return 0, 0, false
	}
	if len(s) < 2+n {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(s[2:2+n], 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, 0, false
	}
	return rune(v), 2 + n, true
}

// shortEscapes are the one-letter escapes of TOML 1.0, by their letter.
var shortEscapes = [256]rune{'"': '"', '\\': '\\', 'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f'}

// isControl reports whether c is a control character TOML allows in no
// string or comment (a tab is allowed; line ends are checked apart).
func isControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' || c == 0x7f
}
