package deck

import (
	"strings"
	"unicode"
)

// Normalize reduces a typed answer to what [Card.Check] compares: lower
// case, letters and digits only, with every run of other characters
// (spaces, punctuation) turned into one space, and no space at the ends.
// "TCP/22." and "tcp 22" both become "tcp 22".
func Normalize(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		gap = true
	}
	return b.String()
}

// Check reports whether a typed answer matches one of the card's accepted
// answers, ignoring case, surrounding space and punctuation. An empty
// answer never matches.
func (c *Card) Check(typed string) bool {
	t := Normalize(typed)
	if t == "" {
		return false
	}
	for _, a := range c.Accept {
		if Normalize(a) == t {
			return true
		}
	}
	return false
}
