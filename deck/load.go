package deck

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Load reads and validates the deck file name in fsys. The error, if any,
// is an [ErrorList] with every problem found.
func Load(fsys fs.FS, name string) (*Deck, error) {
	src, err := readFile(fsys, name)
	if err != nil {
		return nil, ErrorList{err}
	}
	return Parse(name, src)
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

var (
	deckKeys = []string{"id", "name", "description", "tags"}
	cardKeys = []string{"id", "front", "back", "tags", "hint", "explain", "source", "reverse", "kind", "points", "accept", "competencies"}
)

// Parse validates the deck in src; file names it in errors and becomes
// the deck's File. The deck id defaults to the file's base name.
func Parse(file string, src []byte) (*Deck, error) {
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:FirstInvalidUTF8(src)]), "\n")
		return nil, ErrorList{{File: file, Line: line, Msg: "the file is not valid UTF-8 text",
			Hint: "save the deck as UTF-8 (TOML files must be UTF-8)"}}
	}
	if len(src) > MaxFileSize {
		return nil, ErrorList{tooLarge(file, int64(len(src)))}
	}
	text := string(src)
	doc, ok := decodeCommon(text) // it takes nothing that checkShape refuses
	if !ok {
		if err := checkShape(file, src); err != nil {
			return nil, ErrorList{err}
		}
		if _, err := toml.Decode(text, &doc); err != nil {
			return nil, ErrorList{syntaxError(file, err)}
		}
	}
	// Key lines are only needed to place errors: check with the table
	// lines alone, and again with every key's line if anything is wrong.
	p := &parser{file: file, ix: indexLines(text, false)}
	d := p.deck(doc)
	if len(p.errs) > 0 {
		p = &parser{file: file, ix: indexLines(text, true)}
		d = p.deck(doc)
	}
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	d.Warnings = p.warns
	return d, nil
}

// FirstInvalidUTF8 returns the offset of the first byte of b that is not
// part of valid UTF-8, or len(b) when b is valid.
func FirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func syntaxError(file string, err error) *Error {
	var perr toml.ParseError
	if errors.As(err, &perr) {
		hint := strings.TrimSpace(perr.Usage)
		if hint == "" {
			hint = "fix the TOML syntax on this line; strings need quotes, and each [[card]] starts a card"
		} else {
			hint = strings.Join(strings.Fields(hint), " ")
		}
		return &Error{File: file, Line: perr.Position.Line, Msg: "invalid TOML: " + perr.Message, Hint: hint, Err: err}
	}
	return &Error{File: file, Msg: "invalid TOML: " + err.Error(), Err: err, Hint: "fix the TOML syntax"}
}

// parser validates one decoded deck, collecting every problem.
type parser struct {
	file  string
	ix    *lineIndex
	errs  ErrorList
	warns []*Error
}

func (p *parser) errorf(line int, hint, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (p *parser) deck(doc map[string]any) *Deck {
	d := &Deck{File: p.file}
	root := p.ix.sections[0]
	tables, under := p.ix.firstLines()
	for _, key := range sortedKeys(doc) {
		if key == "deck" || key == "card" || key == "story" {
			continue
		}
		line := root.keys[key]
		if l, ok := tables[key]; ok {
			line = l
		} else if line == 0 {
			line = under[key]
		}
		hint := "a deck file has one [deck] table, [[card]] tables and [[story]] tables"
		if c := Closest(key, []string{"deck", "card", "story"}); c != "" {
			hint = fmt.Sprintf("did you mean [%s]%s?", c, map[bool]string{true: fmt.Sprintf(" (written [[%s]])", c)}[c != "deck"])
		} else if Closest(key, cardKeys) != "" || Closest(key, deckKeys) != "" {
			hint = "keys belong under the [deck] table or a [[card]] table"
		}
		p.errorf(line, hint, "unknown key %q outside [deck], [[card]] and [[story]]", key)
	}

	header := p.ix.table("deck")
	if raw, ok := doc["deck"]; ok {
		if table, ok := raw.(map[string]any); ok {
			p.header(d, table, header)
		} else {
			p.errorf(root.keyLine("deck"), `write the deck's details under a [deck] table`, "deck must be a table, not %s", typeName(raw))
		}
	}
	if d.ID == "" {
		d.ID = Slug(strings.TrimSuffix(path.Base(p.file), path.Ext(p.file)))
		if d.ID == "" {
			p.errorf(1, `add id = "my-deck" under [deck]`, "cannot make a deck id from the file name %q", path.Base(p.file))
		} else if table, _ := doc["deck"].(map[string]any); table["id"] == nil && !storiesOnly(doc) {
			d.DerivedID = true
			line, hint := 1, fmt.Sprintf("add [deck] and id = %q on the lines before the first card", d.ID)
			if header != nil {
				line, hint = header.line, fmt.Sprintf("add id = %q under [deck]", d.ID)
			}
			p.warns = append(p.warns, &Error{File: p.file, Line: line, Hint: hint,
				Msg: fmt.Sprintf("the deck has no id, so renaming the file (now %q) will lose its progress", path.Base(p.file))})
		}
	}
	if d.Name == "" {
		d.Name = d.ID
	}

	if raw, ok := doc["story"]; ok {
		d.Stories = p.stories(raw, root)
	}
	raw, ok := doc["card"]
	if !ok && len(d.Stories) > 0 {
		return d // a stories file
	}
	if !ok {
		p.warns = append(p.warns, &Error{File: p.file, Msg: "the deck has no cards yet",
			Hint: fmt.Sprintf("add cards with `rehearse add --deck %s`, or write them under [[card]] lines", d.ID)})
		return d
	}
	cards, ok := raw.([]map[string]any)
	if !ok {
		p.errorf(root.keyLine("card"), "write each card as a [[card]] table", "card must be a list of [[card]] tables, not %s", typeName(raw))
		return d
	}
	sections := p.ix.cards()
	if len(sections) != len(cards) {
		// Cards written as inline tables: point at the "card" key.
		sections = nil
	}
	seen := map[string]int{}
	for i, table := range cards {
		sec := &section{line: root.keyLine("card"), keys: map[string]int{}}
		if sections != nil {
			sec = sections[i]
		}
		c := p.card(i, table, sec)
		if c == nil {
			continue
		}
		if first, dup := seen[c.ID]; dup {
			what := "card id"
			hint := "card ids must be unique within a deck; rename one of them"
			if c.DerivedID {
				what = "card front (and so its derived id)"
				hint = "give each of these cards its own id = \"…\", or remove the copy"
			}
			p.errorf(sec.keyLine("id"), hint, "duplicate %s %q: the card on line %d has it too", what, c.ID, first)
			continue
		}
		seen[c.ID] = c.Line
		d.Cards = append(d.Cards, c)
	}
	return d
}

// storiesOnly reports whether a decoded file is a stories file: stories
// and no cards.
func storiesOnly(doc map[string]any) bool {
	_, cards := doc["card"]
	_, stories := doc["story"]
	return stories && !cards
}

func (p *parser) header(d *Deck, table map[string]any, s *section) {
	for _, key := range sortedKeys(table) {
		v := table[key]
		line := s.keyLine(key)
		switch key {
		case "id":
			d.ID = p.str(v, line, "deck id")
			if d.ID != "" && !validID(d.ID) {
				p.errorf(line, fmt.Sprintf("for example id = %q", Slug(d.ID)), "deck id %q may use only letters, digits, '-', '_' and '.'", d.ID)
				d.ID = ""
			}
		case "name":
			d.Name = p.str(v, line, "deck name")
		case "description":
			d.Description = p.str(v, line, "deck description")
		case "tags":
			d.Tags = p.tags(v, line, "deck tags")
		default:
			p.unknownKey(key, line, "[deck]", deckKeys)
		}
	}
}

func (p *parser) unknownKey(key string, line int, where string, known []string) {
	hint := "known keys are " + strings.Join(known, ", ")
	if c := Closest(key, known); c != "" {
		hint = fmt.Sprintf("did you mean %q?", c)
	}
	p.errorf(line, hint, "unknown key %q in %s", key, where)
}

// card validates the i-th card (0-based); it returns nil when the card has errors.
func (p *parser) card(i int, table map[string]any, s *section) *Card {
	before := len(p.errs)
	c := &Card{Line: s.line, Kind: Basic}
	label := fmt.Sprintf("card %d", i+1)
	if v, ok := table["id"]; ok {
		if id := p.str(v, s.keyLine("id"), "card id"); id != "" {
			c.ID = id
			label = fmt.Sprintf("card %q", id)
			if !validID(id) {
				p.errorf(s.keyLine("id"), fmt.Sprintf("for example id = %q", Slug(id)), "card id %q may use only letters, digits, '-', '_' and '.'", id)
			}
		}
	}
	var hasBack, hasPoints, hasFront bool
	_, frontIsText := table["front"].(string)
	_, backIsText := table["back"].(string)
	for _, key := range sortedKeys(table) {
		v := table[key]
		line := s.keyLine(key)
		switch key {
		case "id":
		case "front":
			c.Front, hasFront = p.str(v, line, label+" front"), true
		case "back":
			c.Back, hasBack = p.str(v, line, label+" back"), true
		case "hint":
			c.Hint = p.str(v, line, label+" hint")
		case "explain":
			c.Explain = p.str(v, line, label+" explain")
		case "source":
			c.Source = p.str(v, line, label+" source")
		case "tags":
			c.Tags = p.tags(v, line, label+" tags")
		case "reverse":
			b, ok := v.(bool)
			if !ok {
				p.errorf(line, "write reverse = true or reverse = false", "%s: reverse must be true or false, not %s", label, typeName(v))
			}
			c.Reverse = b
		case "kind":
			k := p.str(v, line, label+" kind")
			switch Kind(k) {
			case Basic, Scenario:
				c.Kind = Kind(k)
			default:
				if k != "" || v == "" {
					p.errorf(line, `write kind = "scenario" for a card answered against points, or leave kind out`, "%s: unknown kind %q", label, k)
				}
			}
		case "points":
			c.Points, hasPoints = p.texts(v, line, label+" points"), true
		case "accept":
			c.Accept = p.texts(v, line, label+" accept")
		case "competencies":
			c.Competencies = p.competencies(v, line, label)
		default:
			p.unknownKey(key, line, label, cardKeys)
		}
	}

	after := fmt.Sprintf("under the [[card]] that starts on line %d", s.line)
	switch {
	case !hasFront:
		p.errorf(s.line, `add front = "…" (the question) `+after, "%s has no front", label)
	case c.Front == "" && frontIsText:
		p.errorf(s.keyLine("front"), "write the question between the quotes", "%s has an empty front", label)
	}
	if c.Kind == Scenario {
		switch {
		case !hasPoints:
			p.errorf(s.line, `add points = ["…", "…"] (what a good answer covers) `+after, "scenario %s has no points", label)
		case len(c.Points) == 0 && len(p.errs) == before:
			p.errorf(s.keyLine("points"), "list what a good answer covers, one string each", "scenario %s has an empty points list", label)
		case len(c.Points) > MaxPoints:
			p.errorf(s.keyLine("points"), fmt.Sprintf("split it into scenario cards of at most %d points each (a point is marked with one key, 1 to 9)", MaxPoints),
				"scenario %s has %d points, more than %d", label, len(c.Points), MaxPoints)
		}
		if len(c.Accept) > 0 {
			p.errorf(s.keyLine("accept"), "remove accept, or make the card a plain card with a back", "scenario %s cannot have typed answers (accept)", label)
		}
		if c.Reverse {
			p.errorf(s.keyLine("reverse"), "remove reverse = true", "scenario %s cannot be reversed: it has no back to ask", label)
		}
	} else {
		switch {
		case hasPoints && !hasBack:
			p.errorf(s.line, `add kind = "scenario" to answer it against its points, or add back = "…"`, "%s has points but no back and is not a scenario", label)
		case hasPoints:
			p.errorf(s.keyLine("points"), `add kind = "scenario", or remove points`, "%s has points but is not a scenario", label)
		case !hasBack:
			p.errorf(s.line, `add back = "…" `+after, "%s has no back", label)
		case c.Back == "" && backIsText:
			p.errorf(s.keyLine("back"), "write the answer between the quotes", "%s has an empty back", label)
		}
	}
	if len(p.errs) > before {
		return nil
	}
	if c.ID == "" {
		c.ID, c.DerivedID = derivedID(c.Front), true
		p.warns = append(p.warns, &Error{File: p.file, Line: s.line,
			Msg:  fmt.Sprintf("%s has no id, so editing its front will restart its schedule", label),
			Hint: fmt.Sprintf("add id = %q under its [[card]] line", c.ID)})
	}
	return c
}

func (p *parser) str(v any, line int, what string) string {
	s, ok := v.(string)
	if !ok {
		p.errorf(line, `put the value in quotes: "…"`, "%s must be text, not %s", what, typeName(v))
		return ""
	}
	return strings.TrimSpace(s)
}

func (p *parser) texts(v any, line int, what string) []string {
	list, ok := v.([]any)
	if !ok {
		p.errorf(line, `write a list: ["…", "…"]`, "%s must be a list of text, not %s", what, typeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			p.errorf(line, `put each item in quotes: ["…", "…"]`, "%s: item %d must be text, not %s", what, i+1, typeName(item))
			continue
		}
		s = strings.TrimSpace(s)
		if s == "" {
			p.errorf(line, "remove the empty item", "%s: item %d is empty", what, i+1)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (p *parser) tags(v any, line int, what string) []string {
	tags := p.texts(v, line, what)
	for _, t := range tags {
		if strings.IndexFunc(t, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) >= 0 {
			p.errorf(line, fmt.Sprintf("write tags as single words, for example %q", Slug(t)), "%s: tag %q has a space or comma in it", what, t)
		}
	}
	return tags
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int64:
		return "a whole number"
	case float64:
		return "a number"
	case bool:
		return "true/false"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// validID reports whether s can be a deck or card id: letters, digits,
// '-', '_' and '.', starting with a letter or digit.
func validID(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case i > 0 && (r == '-' || r == '_' || r == '.'):
		default:
			return false
		}
	}
	return true
}

// Slug turns text into a readable id: lower-case letters and digits
// joined by single hyphens, at most 48 bytes. A longer text is cut between
// words, and the cut leaves no trailing word such as "the", "of" or "and"
// that only leads into the words cut off (see [NewCardID]).
func Slug(s string) string { return slug(s, 48) }

// NewCardID returns a readable id for a new card: the first words of its
// front as a slug of at most 32 bytes, cut as [Slug] cuts, made unique with
// [UniqueID]. "What is the difference between TCP and UDP?" gives
// "what-is-the-difference", not "what-is-the-difference-between".
func NewCardID(front string, taken func(id string) bool) string {
	return UniqueID(slug(front, 32), taken)
}

// slugWords returns the words of s in lower case.
func slugWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// slug joins the first words of s with hyphens, as many as fit in limit
// bytes, and then drops trailing leadWords if words were cut off.
func slug(s string, limit int) string {
	words := slugWords(s)
	n := fitWords(words, limit)
	if n < len(words) {
		for n > 1 && leadWords[words[n-1]] {
			n--
		}
	}
	return joinWords(words[:n], limit)
}

// fitWords returns how many of the first words fit in limit bytes joined
// with hyphens; at least one, which joinWords cuts if it alone is longer.
func fitWords(words []string, limit int) int {
	if len(words) == 0 {
		return 0
	}
	size := len(words[0])
	n := 1
	for n < len(words) && size+1+len(words[n]) <= limit {
		size += 1 + len(words[n])
		n++
	}
	return n
}

// joinWords joins words with hyphens. A first word longer than limit,
// which cannot be cut between words, is cut at limit bytes (at a whole
// character).
func joinWords(words []string, limit int) string {
	if len(words) == 1 && len(words[0]) > limit {
		w := words[0][:limit]
		for !utf8.ValidString(w) {
			w = w[:len(w)-1]
		}
		return w
	}
	return strings.Join(words, "-")
}

// leadWords are words that lead into the words after them: articles,
// conjunctions, prepositions and possessives. A slug cut short does not
// end with one ("what-is-the" becomes "what-is").
var leadWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but nor
		about above across after against along among around as at before behind below beneath
		beside between beyond by during for from in into of on onto over per than through to
		toward towards under upon versus via vs with within without my your its our their`) {
		leadWords[w] = true
	}
}

// derivedID is the id of a card that has none: a slug of its front and a
// short hash of the whole front, so that two fronts with the same start
// still get different ids.
func derivedID(front string) string {
	sum := sha256.Sum256([]byte(front))
	h := hex.EncodeToString(sum[:3])
	if s := derivedSlug(front); s != "" {
		return s + "-" + h
	}
	return "card-" + h
}

// derivedSlug is the slug of a derived id, cut as [Slug] cut slugs before
// it learnt to leave out trailing words such as "the". A derived id is the
// card's identity in the review log, so this must never change.
func derivedSlug(s string) string {
	const limit = 48
	var b strings.Builder
	for _, w := range slugWords(s) {
		if b.Len() > 0 && b.Len()+1+len(w) > limit {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		if len(w) > limit {
			w = w[:limit]
			for !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
		}
		b.WriteString(w)
	}
	return b.String()
}
