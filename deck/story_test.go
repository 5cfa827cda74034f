package deck

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const goodStory = `# My stories
[[story]]
id = "dc-move"
title = "Two data centres into one"
situation = "Two ageing sites, leases ending in 2024."
task = "Consolidate without an outage."
action = "Planned nine migration weekends."
result = "340 servers moved, no unplanned outage, £410k a year saved."
competencies = ["delivery-pressure", "stakeholders"]
`

func TestStoriesFile(t *testing.T) {
	d, err := Parse("stories.toml", []byte(goodStory))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings for a complete stories file: %v", d.Warnings)
	}
	if len(d.Cards) != 0 || len(d.Stories) != 1 {
		t.Fatalf("got %d cards and %d stories, want 0 and 1", len(d.Cards), len(d.Stories))
	}
	s := d.Stories[0]
	want := Story{ID: "dc-move", Title: "Two data centres into one", Situation: "Two ageing sites, leases ending in 2024.",
		Task: "Consolidate without an outage.", Action: "Planned nine migration weekends.",
		Result: "340 servers moved, no unplanned outage, £410k a year saved.", Competencies: []string{"delivery-pressure", "stakeholders"},
		File: "stories.toml", Line: 2}
	if diff := cmp.Diff(want, *s); diff != "" {
		t.Errorf("story (-want +got)\n%s", diff)
	}
	if !s.Answers([]string{"conflict", "stakeholders"}) || s.Answers([]string{"conflict"}) {
		t.Errorf("Answers does not match by competency")
	}
}

func TestStoryInADeck(t *testing.T) {
	src := "[deck]\nid = \"mine\"\n[[card]]\nid = \"c\"\nkind = \"scenario\"\nfront = \"Tell me about a conflict.\"\npoints = [\"p\"]\ncompetencies = [\"conflict\"]\n\n" + goodStory
	d, err := Parse("mine.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 1 || len(d.Stories) != 1 || !d.Cards[0].Behavioural() || d.Stories[0].Line != 11 {
		t.Fatalf("cards %d, stories %d, behavioural %v, story line %d", len(d.Cards), len(d.Stories), d.Cards[0].Behavioural(), d.Stories[0].Line)
	}
}

func TestStoryErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"no result", "[[story]]\nid = \"s\"\ntitle = \"t\"\nsituation = \"a\"\ntask = \"b\"\naction = \"c\"\n",
			[]string{`1: story "s" has no result: a STAR story needs all four parts`}},
		{"empty task", "[[story]]\nid = \"s\"\ntitle = \"t\"\nsituation = \"a\"\ntask = \"\"\naction = \"c\"\nresult = \"1\"\n",
			[]string{`5: story "s" has no task: a STAR story needs all four parts`}},
		{"no id nor title", "[[story]]\nsituation = \"a\"\ntask = \"b\"\naction = \"c\"\nresult = \"2\"\n",
			[]string{`1: story 1 has no id`, `1: story 1 has no title`}},
		{"unknown key", "[[story]]\nid = \"s\"\ntitle = \"t\"\nsituation = \"a\"\ntask = \"b\"\naction = \"c\"\nresult = \"3\"\nresults = \"x\"\n",
			[]string{`8: unknown key "results" in story "s"`}},
		{"duplicate id", strings.Repeat("[[story]]\nid = \"s\"\ntitle = \"t\"\nsituation = \"a\"\ntask = \"b\"\naction = \"c\"\nresult = \"3\"\n", 2),
			[]string{`9: duplicate story id "s": the story on line 1 has it too`}},
		{"story not a table list", "story = 3\n", []string{`1: story must be a list of [[story]] tables, not a whole number`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tt.src))
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Parse error = %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				if e.Hint == "" {
					t.Errorf("%v has no hint", e)
				}
				got = append(got, strings.TrimPrefix(e.Error(), "x.toml:"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestStoryWarnings(t *testing.T) {
	base := "[[story]]\nid = \"s\"\ntitle = \"t\"\nsituation = \"a\"\ntask = \"b\"\naction = \"c\"\n"
	tests := []struct {
		name, extra string
		want        []string
	}{
		{"a result without a number", "result = \"The team was happier.\"\ncompetencies = [\"conflict\"]\n",
			[]string{`1: story "s"'s result has no measurable outcome`}},
		{"metrics make it measurable", "result = \"The team was happier.\"\nmetrics = [\"attrition 20% to 8%\"]\ncompetencies = [\"conflict\"]\n", nil},
		{"halved is measurable", "result = \"Incidents halved.\"\ncompetencies = [\"conflict\"]\n", nil},
		{"no competencies", "result = \"MTTR 4 h to 40 min.\"\n", []string{`1: story "s" names no competencies, so no question will suggest it`}},
		{"an unknown competency", "result = \"MTTR 4 h to 40 min.\"\ncompetencies = [\"conflikt\"]\n",
			[]string{`1: story "s": "conflikt" is not one of the built-in competencies`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("x.toml", []byte(base+tt.extra))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range d.Warnings {
				got = append(got, strings.TrimPrefix(w.Error(), "x.toml:"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	d, _ := Parse("x.toml", []byte(base+"result = \"4\"\ncompetencies = [\"conflikt\"]\n"))
	if len(d.Warnings) != 1 || d.Warnings[0].Hint != `did you mean "conflict"?` {
		t.Errorf("unknown competency hint = %v", d.Warnings)
	}
}

func TestCompetenciesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Competencies {
		if seen[c.ID] || !validID(c.ID) || c.Name == "" {
			t.Errorf("competency %+v is repeated, badly named or unnamed", c)
		}
		seen[c.ID] = true
	}
}

func TestStoryTemplateLoads(t *testing.T) {
	d, err := Parse("stories.toml", StoryTemplate())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Stories) != 1 || len(d.Warnings) != 0 {
		t.Errorf("template: %d stories, warnings %v", len(d.Stories), d.Warnings)
	}
	for _, c := range Competencies {
		if !strings.Contains(string(StoryTemplate()), c.ID) {
			t.Errorf("the template does not list %s", c.ID)
		}
	}
}
