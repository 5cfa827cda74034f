package deck

import "strings"

// Matches says where the card's text has every word (normalized as
// [Normalize] does) at the start of one
// of its words ("port" finds "ports" but not "transport", "22" finds "22"
// but not "1122"): the fields that hold some of them, as in "front, tags";
// "" when some word is in none.
func (p Prompt) Matches(words []string) string {
	c := p.Card
	fields := []struct{ name, text string }{
		{"id", c.ID}, {"front", c.Front}, {"back", c.Back}, {"points", strings.Join(c.Points, "\n")},
		{"hint", c.Hint}, {"explain", c.Explain}, {"source", c.Source}, {"tags", strings.Join(c.Tags, " ")},
	}
	var where []string
	found := make([]bool, len(words))
	for _, f := range fields {
		text := " " + Normalize(f.text)
		hit := false
		for i, w := range words {
			if strings.Contains(text, " "+w) {
				found[i], hit = true, true
			}
		}
		if hit {
			where = append(where, f.name)
		}
	}
	for _, ok := range found {
		if !ok {
			return ""
		}
	}
	return strings.Join(where, ", ")
}
