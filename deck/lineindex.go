package deck

import "strings"

// section is one table of a TOML file as the line index sees it: the root
// table, a [table] or an [[array.table]] entry.
type section struct {
	name  string         // "" for the root table
	array bool           // [[name]]
	line  int            // line of the header (1 for the root table)
	keys  map[string]int // first line of each key defined in the section
	// ends holds the last line of each key's value (a value may span lines).
	ends map[string]int
	// end is the section's last line that holds a header, a key or part of
	// a value: comments and blank lines after it belong to what follows.
	end int
}

// lineIndex finds where tables and keys are in a TOML file. BurntSushi/toml
// reports positions only for syntax errors, so the deck checks that come
// after decoding look their lines up here. It understands just enough TOML
// to skip strings, comments and values that span lines.
type lineIndex struct {
	sections []*section
}

func (ix *lineIndex) cards() []*section {
	var out []*section
	for _, s := range ix.sections {
		if s.array && s.name == "card" {
			out = append(out, s)
		}
	}
	return out
}

func (ix *lineIndex) table(name string) *section {
	for _, s := range ix.sections {
		if s.name == name && !s.array {
			return s
		}
	}
	return nil
}

// keyLine returns the line of key in s, or else the line of s itself.
func (s *section) keyLine(key string) int {
	if s == nil {
		return 0
	}
	if l, ok := s.keys[key]; ok {
		return l
	}
	return s.line
}

// scanner state between lines.
const (
	inNothing = iota
	inBasicML
	inLiteralML
)

// indexLines indexes the tables of src and, when withKeys is set, the
// lines of their keys too (needed to place errors and to edit values).
func indexLines(src string, withKeys bool) *lineIndex {
	root := newSection("", false, 1, withKeys)
	ix := &lineIndex{sections: []*section{root}}
	cur := root
	state, depth := inNothing, 0
	lineNo := 0
	pending := "" // the key whose value is still open
	for len(src) > 0 {
		lineNo++
		line := src
		if i := strings.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = ""
		}
		rest := line
		content := state != inNothing || depth > 0
		if !content {
			t := strings.TrimLeft(line, " \t")
			switch {
			case strings.HasPrefix(t, "[["):
				if end := strings.Index(t, "]]"); end > 0 {
					cur = newSection(tableName(t[2:end]), true, lineNo, withKeys)
					ix.sections = append(ix.sections, cur)
					rest = t[end+2:]
				}
			case strings.HasPrefix(t, "["):
				if end := strings.IndexByte(t, ']'); end > 0 {
					cur = newSection(tableName(t[1:end]), false, lineNo, withKeys)
					ix.sections = append(ix.sections, cur)
					rest = t[end+1:]
				}
			case t != "" && t[0] != '#':
				if key, after, ok := leadingKey(t); ok {
					if _, seen := cur.keys[key]; !seen && withKeys {
						cur.keys[key] = lineNo
						pending = key
					}
					rest = after
				}
			}
			content = strings.TrimSpace(t) != "" && t[0] != '#'
		}
		state, depth = scanValue(rest, state, depth)
		if pending != "" && state == inNothing && depth == 0 {
			cur.ends[pending] = lineNo
			pending = ""
		}
		if content {
			cur.end = lineNo
		}
	}
	return ix
}

func newSection(name string, array bool, line int, withKeys bool) *section {
	s := &section{name: name, array: array, line: line, end: line}
	if withKeys {
		s.keys, s.ends = map[string]int{}, map[string]int{}
	}
	return s
}

// keySpan returns the first and last line of key's value in s, or false
// when s does not define key.
func (s *section) keySpan(key string) (first, last int, ok bool) {
	first, ok = s.keys[key]
	if !ok {
		return 0, 0, false
	}
	last, ok = s.ends[key]
	if !ok {
		last = first
	}
	return first, last, true
}

// tableName normalises a header's name: spaces and simple quotes removed.
func tableName(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// leadingKey reads the key of a "key = value" line: the first part of a
// dotted key, unquoted. It returns the text after the '='.
func leadingKey(t string) (key, after string, ok bool) {
	eq := -1
	switch t[0] {
	case '"', '\'':
		end := strings.IndexByte(t[1:], t[0])
		if end < 0 {
			return "", "", false
		}
		key = t[1 : 1+end]
		eq = strings.IndexByte(t[2+end:], '=')
		if eq < 0 {
			return "", "", false
		}
		eq += 2 + end
	default:
		eq = strings.IndexByte(t, '=')
		if eq < 0 {
			return "", "", false
		}
		key = strings.TrimSpace(t[:eq])
		if dot := strings.IndexByte(key, '.'); dot >= 0 {
			key = strings.TrimSpace(key[:dot])
		}
		key = strings.Trim(key, `"'`)
		for _, c := range key {
			if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return "", "", false
			}
		}
	}
	return key, t[eq+1:], key != ""
}

// scanValue follows strings, brackets and comments through the rest of a
// line and returns the state the next line starts in.
func scanValue(s string, state, depth int) (int, int) {
	for i := 0; i < len(s); i++ {
		switch state {
		case inBasicML:
			if s[i] == '\\' {
				i++
			} else if strings.HasPrefix(s[i:], `"""`) {
				state = inNothing
				i += 2
				for i+1 < len(s) && s[i+1] == '"' { // up to two quotes may end the content
					i++
				}
			}
			continue
		case inLiteralML:
			if strings.HasPrefix(s[i:], `'''`) {
				state = inNothing
				i += 2
				for i+1 < len(s) && s[i+1] == '\'' {
					i++
				}
			}
			continue
		}
		switch c := s[i]; c {
		case '#':
			return state, depth
		case '"':
			if strings.HasPrefix(s[i:], `"""`) {
				state = inBasicML
				i += 2
				continue
			}
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '\'':
			if strings.HasPrefix(s[i:], `'''`) {
				state = inLiteralML
				i += 2
				continue
			}
			if end := strings.IndexByte(s[i+1:], '\''); end >= 0 {
				i += end + 1
			} else {
				i = len(s)
			}
		case '[', '{':
			depth++
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return state, depth
}
