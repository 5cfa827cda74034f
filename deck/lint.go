package deck

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxBack is the longest back, in characters, that [Lint] accepts without
// a warning: about what can be said aloud in an interview answer.
const MaxBack = 250

// Lint returns the warnings about decks that load but could be better,
// in the order of the decks and their cards:
//
//   - a card that asks the same question as an earlier card, in the same
//     deck or in another one (see [SameQuestion]);
//   - a back longer than [MaxBack] characters, too long to say aloud;
//   - factual (non-scenario) cards without a source, in a deck that
//     names sources for its other cards, or in a deck that names none;
//   - an accepted answer that no typed answer can match.
//
// Decks with the same id are taken as versions of one deck (a user's copy
// of a built-in deck) and are not compared with each other. The warnings
// found while loading ([Deck.Warnings]) are not repeated.
func Lint(decks []*Deck) []*Error {
	var out []*Error
	type first struct {
		deck *Deck
		card *Card
	}
	asked := map[string][]first{}
	for _, d := range decks {
		warn := func(c *Card, hint, format string, args ...any) {
			out = append(out, &Error{File: d.File, Line: c.Line, Msg: fmt.Sprintf(format, args...), Hint: hint})
		}
		factual, sourced := 0, 0
		for _, c := range d.Cards {
			if c.Kind != Scenario {
				factual++
				if c.Source != "" {
					sourced++
				}
			}
		}
		inDeck := map[string]bool{}
		for _, c := range d.Cards {
			label := fmt.Sprintf("card %q", c.ID)
			q := questionKey(c.Front)
			for _, f := range asked[q] {
				if f.deck.ID == d.ID && f.deck != d {
					break // another version of this deck asked it first, and was checked
				}
				where := fmt.Sprintf("card %q on line %d", f.card.ID, f.card.Line)
				if f.deck != d {
					where = fmt.Sprintf("card %q of deck %s (%s:%d)", f.card.ID, f.deck.ID, f.deck.File, f.card.Line)
				}
				warn(c, "merge the two cards, or reword one so that each asks its own question",
					"%s asks the same question as %s", label, where)
				break
			}
			if !inDeck[q] {
				inDeck[q] = true
				asked[q] = append(asked[q], first{d, c})
			}
			if n := utf8.RuneCountInString(c.Back); n > MaxBack {
				warn(c, fmt.Sprintf("keep the back to what you would say in an interview (at most %d characters); move the rest to explain = \"…\"", MaxBack),
					"%s has a back of %d characters, too long to say aloud", label, n)
			}
			if c.Kind != Scenario && c.Source == "" && sourced > 0 {
				warn(c, `add source = "…": where the answer can be checked`,
					"%s has no source, unlike %s of this deck", label, plural(sourced, "other card", "other cards"))
			}
			for i, a := range c.Accept {
				if Normalize(a) == "" {
					warn(c, "an accepted answer needs a letter or a digit; remove it or write the answer out",
						"%s: accepted answer %d (%q) has no letters or digits, so no typed answer can match it", label, i+1, a)
				}
			}
		}
		if factual > 0 && sourced == 0 {
			line := 0
			if len(d.Cards) > 0 {
				line = d.Cards[0].Line
			}
			out = append(out, &Error{File: d.File, Line: line,
				Msg:  fmt.Sprintf("none of the deck's %s names a source", plural(factual, "factual card", "factual cards")),
				Hint: `add source = "…" to each card: where the answer can be checked (a standard, an RFC, a book, a URL)`})
		}
	}
	return out
}

// questionWords are words that do not change what a question asks:
// articles, auxiliary verbs, "what" and "which", pronouns, the verbs of a
// request, and prepositions and adverbs that only shade it ("for each task"
// and "per task"). Words that turn a question around stay out of the list:
// negations, quantifiers such as "all", "any" and "some", "and" and "or",
// "to" and "from", question words other than what and which, and numbers.
var questionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the
		am is are was were be been being do does did have has had
		can could should would will may might must
		what which this that these those it its you your me us we our i my
		please briefly define explain describe name list give tell
		for each every per of in on at by with as about there so such
		main typically usually normally generally`) {
		questionWords[w] = true
	}
}

// questionKey reduces a front to the words that carry its question: lower
// case, contractions spelled out ("what's" is "what is", "isn't" is "is
// not"), without punctuation, without the words in questionWords. Word
// order, negations, numbers and every other word count, so "What does TCP
// do that UDP does not?" and "What does UDP do that TCP does not?" differ,
// as do "port 80" and "port 8080" or "SSH" and "SSL".
func questionKey(front string) string {
	var words []string
	for _, w := range strings.Fields(Normalize(expandContractions(front))) {
		if w == "cannot" {
			words = append(words, "can", "not") // as "can't" and "can not"
		} else {
			words = append(words, w)
		}
	}
	kept := words[:0:0]
	for _, w := range words {
		if !questionWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return strings.Join(words, " ")
	}
	return strings.Join(kept, " ")
}

// apostrophes are the characters that write an apostrophe: ' and ’, and
// the look-alikes ‘ and ʼ.
const apostrophes = "'\u2019\u2018\u02bc"

// contraction is a word with an apostrophe in it, such as "what's" or
// "isn’t".
var contraction = regexp.MustCompile(`[\p{L}\p{N}]+[` + apostrophes + `]\p{L}+`)

// isWords are the words whose "'s" is "is" (or "has", the same to
// questionKey), not a possessive: "what's" but not "ISACA's".
var isWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("what who where when why how it that there here he she") {
		isWords[w] = true
	}
}

// expandContractions returns s with its English contractions spelled out
// in lower case, whether written with ' or ’: "What's" becomes "what is",
// "doesn't" "does not", "can't" "can not", "won't" "will not", "they're"
// "they are", "I've" "i have", "you'd" "you would", "we'll" "we will",
// "I'm" "i am" and "let's" "let us". A possessive ("ISACA's") and words
// such as "O'Reilly" are left as they are.
func expandContractions(s string) string {
	if !strings.ContainsAny(s, apostrophes) {
		return s // most questions: no need for the regexp
	}
	return contraction.ReplaceAllStringFunc(s, func(word string) string {
		i := strings.IndexAny(word, apostrophes)
		_, size := utf8.DecodeRuneInString(word[i:])
		base, end := strings.ToLower(word[:i]), strings.ToLower(word[i+size:])
		switch end {
		case "t":
			switch base {
			case "can":
				return "can not"
			case "won":
				return "will not"
			case "shan":
				return "shall not"
			case "ain":
				return "is not"
			}
			if stem, ok := strings.CutSuffix(base, "n"); ok && stem != "" {
				return stem + " not" // isn't, doesn't, don't, wouldn't
			}
		case "re":
			return base + " are"
		case "ve":
			return base + " have"
		case "ll":
			return base + " will"
		case "m":
			return base + " am"
		case "d":
			return base + " would" // or "had": both left out of a question
		case "s":
			if base == "let" {
				return "let us"
			}
			if isWords[base] {
				return base + " is"
			}
		}
		return word
	})
}

// SameQuestion reports whether two fronts ask the same question in the
// sense of [Lint]: they are equal once case, punctuation, contractions,
// articles and words such as "what", "is", "does", "explain" or "name" are
// set aside. "Name the OSI layers." and "What are the OSI layers?" are the
// same question, and so are "What's BGP?" and "What is BGP?"; "Which port
// does SSH use?" and "Which port does SSL use?" are not.
func SameQuestion(a, b string) bool { return questionKey(a) == questionKey(b) }

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// LintAll loads each source on its own (so that every file is checked,
// replaced by a later source or not) and returns them as one set, with its
// errors, and every warning: the decks' own and Lint's, by file and line.
// Decks keep the sources' order, so a card that repeats a built-in one is
// the one warned.
func LintAll(srcs ...Source) (*Set, []*Error) {
	set := &Set{}
	for _, src := range srcs {
		s := LoadAll(src)
		set.Decks = append(set.Decks, s.Decks...)
		set.Errors = append(set.Errors, s.Errors...)
		set.BadFiles += s.BadFiles
		set.StoryFiles = append(set.StoryFiles, s.StoryFiles...)
	}
	var warns []*Error
	for _, d := range append(append([]*Deck(nil), set.Decks...), set.StoryFiles...) {
		warns = append(warns, d.Warnings...)
	}
	warns = append(warns, Lint(set.Decks)...)
	sort.SliceStable(warns, func(i, j int) bool {
		if warns[i].File != warns[j].File {
			return warns[i].File < warns[j].File
		}
		return warns[i].Line < warns[j].Line
	})
	return set, warns
}
