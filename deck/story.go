package deck

import (
	"fmt"
	"strings"
	"unicode"
)

// Story is one STAR story of the learner's story bank: a [[story]] table
// in a deck file or in a stories file of its own (a file with stories and
// no cards). Behavioural questions name the competencies they test
// ([Card.Competencies]); a story answers the questions whose competencies
// it names.
//
//	[[story]]
//	id = "dc-migration-2024"
//	title = "Moving two data centres to one colocation site"
//	situation = "…"
//	task = "…"
//	action = "…"
//	result = "Moved 340 servers in 9 weekends with no unplanned outage; £410k a year saved."
//	competencies = ["delivery-pressure", "stakeholders"]
//	metrics = ["340 servers", "£410k a year"]   # optional
type Story struct {
	ID           string
	Title        string
	Situation    string
	Task         string
	Action       string
	Result       string
	Competencies []string
	Metrics      []string

	// File and Line are where the story's [[story]] header is.
	File string
	Line int
}

// Parts returns the story's four STAR parts, labelled, in order.
func (s *Story) Parts() [][2]string {
	return [][2]string{{"Situation", s.Situation}, {"Task", s.Task}, {"Action", s.Action}, {"Result", s.Result}}
}

// Answers reports whether the story names one of the competencies.
func (s *Story) Answers(competencies []string) bool {
	for _, c := range competencies {
		for _, own := range s.Competencies {
			if own == c {
				return true
			}
		}
	}
	return false
}

var storyKeys = []string{"id", "title", "situation", "task", "action", "result", "competencies", "metrics"}

// stories validates the [[story]] tables of a deck file.
func (p *parser) stories(raw any, root *section) []*Story {
	tables, ok := raw.([]map[string]any)
	if !ok {
		p.errorf(root.keyLine("story"), "write each story as a [[story]] table", "story must be a list of [[story]] tables, not %s", typeName(raw))
		return nil
	}
	var sections []*section
	for _, s := range p.ix.sections {
		if s.array && s.name == "story" {
			sections = append(sections, s)
		}
	}
	if len(sections) != len(tables) {
		sections = nil // written as inline tables: point at the "story" key
	}
	var out []*Story
	seen := map[string]int{}
	for i, table := range tables {
		sec := &section{line: root.keyLine("story"), keys: map[string]int{}}
		if sections != nil {
			sec = sections[i]
		}
		s := p.story(i, table, sec)
		if s == nil {
			continue
		}
		if first, dup := seen[s.ID]; dup {
			p.errorf(sec.keyLine("id"), "story ids must be unique; rename one of them", "duplicate story id %q: the story on line %d has it too", s.ID, first)
			continue
		}
		seen[s.ID] = s.Line
		out = append(out, s)
	}
	return out
}

// story validates the i-th story (0-based); nil when it has errors.
func (p *parser) story(i int, table map[string]any, sec *section) *Story {
	before := len(p.errs)
	s := &Story{Line: sec.line, File: p.file}
	label := fmt.Sprintf("story %d", i+1)
	if v, ok := table["id"]; ok {
		if id := p.str(v, sec.keyLine("id"), "story id"); id != "" {
			s.ID, label = id, fmt.Sprintf("story %q", id)
			if !validID(id) {
				p.errorf(sec.keyLine("id"), fmt.Sprintf("for example id = %q", Slug(id)), "story id %q may use only letters, digits, '-', '_' and '.'", id)
			}
		}
	}
	for _, key := range sortedKeys(table) {
		v, line := table[key], sec.keyLine(key)
		switch key {
		case "id":
		case "title":
			s.Title = p.str(v, line, label+" title")
		case "situation":
			s.Situation = p.str(v, line, label+" situation")
		case "task":
			s.Task = p.str(v, line, label+" task")
		case "action":
			s.Action = p.str(v, line, label+" action")
		case "result":
			s.Result = p.str(v, line, label+" result")
		case "competencies":
			s.Competencies = p.competencies(v, line, label)
		case "metrics":
			s.Metrics = p.texts(v, line, label+" metrics")
		default:
			p.unknownKey(key, line, label, storyKeys)
		}
	}
	after := fmt.Sprintf("under the [[story]] that starts on line %d", sec.line)
	if s.ID == "" {
		p.errorf(sec.line, fmt.Sprintf(`add id = %q (a name for the story) %s`, Slug(firstNonEmpty(s.Title, "my-story")), after), "%s has no id", label)
	}
	if s.Title == "" {
		p.errorf(sec.keyLine("title"), `add title = "…" (what the story is about, in a few words) `+after, "%s has no title", label)
	}
	for _, part := range []struct{ key, text, what string }{
		{"situation", s.Situation, "the context: where, when, what was at stake"},
		{"task", s.Task, "what you had to achieve, and why it was yours"},
		{"action", s.Action, "what you did yourself, step by step"},
		{"result", s.Result, "what changed, with a number"},
	} {
		if part.text == "" {
			p.errorf(sec.keyLine(part.key), fmt.Sprintf(`add %s = "…" (%s) %s`, part.key, part.what, after), "%s has no %s: a STAR story needs all four parts", label, part.key)
		}
	}
	if len(p.errs) > before {
		return nil
	}
	if len(s.Competencies) == 0 {
		p.warns = append(p.warns, &Error{File: p.file, Line: sec.line,
			Msg:  fmt.Sprintf("%s names no competencies, so no question will suggest it", label),
			Hint: `add competencies = ["…"] (` + "`rehearse stories new`" + ` lists them in its template)`})
	}
	if !Measurable(s.Result) && len(s.Metrics) == 0 {
		p.warns = append(p.warns, &Error{File: p.file, Line: sec.keyLine("result"),
			Msg:  fmt.Sprintf("%s's result has no measurable outcome", label),
			Hint: "say what changed with a number (time, money, %, incidents), or list them in metrics = [\"…\"]"})
	}
	return s
}

// competencies reads a list of competency ids; one not in [Competencies]
// is kept, with a warning (a user may test competencies of their own).
func (p *parser) competencies(v any, line int, label string) []string {
	list := p.texts(v, line, label+" competencies")
	for _, c := range list {
		if CompetencyName(c) != "" {
			continue
		}
		hint := "the built-in competencies are listed by `rehearse stories --competencies`; a story and a question match when they name the same one"
		if near := Closest(c, CompetencyIDs()); near != "" {
			hint = fmt.Sprintf("did you mean %q?", near)
		}
		p.warns = append(p.warns, &Error{File: p.file, Line: line, Hint: hint,
			Msg: fmt.Sprintf("%s: %q is not one of the built-in competencies", label, c)})
	}
	return list
}

// Measurable reports whether a story's result states a measurable
// outcome: a number, or a word such as "halved".
func Measurable(result string) bool {
	if strings.IndexFunc(result, unicode.IsDigit) >= 0 {
		return true
	}
	lower := strings.ToLower(result)
	for _, w := range []string{"halved", "doubled", "tripled", "trebled", "quadrupled", "zero ", "none of", "no unplanned", "one third", "a third", "a quarter", "half "} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Competency is one of the competencies that panels for infrastructure
// managers test with behavioural questions.
type Competency struct {
	ID   string
	Name string
}

// Competencies are the built-in competencies, in the order panels tend to
// weigh them.
var Competencies = []Competency{
	{"incident-leadership", "leading through an incident"},
	{"conflict", "handling conflict"},
	{"failure", "a failure and what was learned"},
	{"influence", "influence without authority"},
	{"delivery-pressure", "delivery under pressure"},
	{"change", "leading change and its resistance"},
	{"stakeholders", "stakeholders and executives"},
	{"people-development", "hiring and developing people"},
	{"performance", "managing performance"},
	{"budget-vendor", "budget and vendor decisions"},
	{"decision-making", "hard decisions with incomplete information"},
	{"prioritisation", "prioritising competing demands"},
	{"continuous-improvement", "improving how the team works"},
	{"security-risk", "managing security and risk"},
	{"feedback", "giving and taking feedback"},
}

// CompetencyIDs lists the ids of [Competencies].
func CompetencyIDs() []string {
	ids := make([]string, len(Competencies))
	for i, c := range Competencies {
		ids[i] = c.ID
	}
	return ids
}

// CompetencyName returns the name of a built-in competency, or "".
func CompetencyName(id string) string {
	for _, c := range Competencies {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

// StoryTemplate returns the text of a new stories file: the format, in
// comments, and one story to fill in that lint accepts only once it is
// filled in (its parts say what to write).
func StoryTemplate() []byte {
	var b strings.Builder
	b.WriteString(`# Your STAR stories: five or six real ones answer most behavioural
# questions. Each [[story]] needs all four parts; the result should say
# what changed with a number. competencies are what the story shows, from
# this list (a behavioural question that tests one of them suggests the
# story after its answer, in review and in mock):
#
`)
	for _, c := range Competencies {
		fmt.Fprintf(&b, "#   %-24s %s\n", c.ID, c.Name)
	}
	b.WriteString(`#
# rehearse stories shows which competencies your stories cover, and the
# questions none of them answers yet; rehearse lint checks this file.

[[story]]
id = "my-first-story"
title = "What the story is about, in a few words"
situation = "Where and when; what was at stake."
task = "What you had to achieve, and why it was yours."
action = "What you did yourself, step by step: I, not we."
result = "What changed, with a number: for example MTTR from 4 h to 40 min."
competencies = ["incident-leadership"]
# metrics = ["MTTR 4 h to 40 min"]   # optional: the numbers, to say aloud
`)
	return []byte(b.String())
}
