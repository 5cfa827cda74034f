package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// refIndent is the rune-counting indent that Indent replaces; for ASCII text
// whose words all fit, Indent must give the same output.
func refIndent(text, prefix string, width int) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if width <= 0 || utf8.RuneCountInString(prefix+line) <= width {
			out = append(out, prefix+line)
			continue
		}
		cur := prefix
		for _, word := range strings.Fields(line) {
			if cur != prefix && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) > width {
				out = append(out, cur)
				cur = prefix
			}
			if cur != prefix {
				cur += " "
			}
			cur += word
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// refOneLine is the rune-counting oneLine that OneLine replaces.
func refOneLine(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if n <= 0 || utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)
	return strings.TrimSpace(string(r[:max(n-1, 1)])) + "…"
}

// clusters returns the number of grapheme clusters in s.
func clusters(s string) int {
	n := 0
	g := displaywidth.StringGraphemes(s)
	for g.Next() {
		n++
	}
	return n
}

// checkLines checks the width invariant of Hang's output: with room for any
// cluster (2 columns) after the prefix no line is wider than width; with
// room for less, only a line holding a single cluster may be wider.
func checkLines(t *testing.T, out, first, rest string, width int) {
	t.Helper()
	if width <= 0 {
		return
	}
	for i, line := range strings.Split(out, "\n") {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		if !strings.HasPrefix(line, prefix) {
			t.Errorf("line %d %q does not start with prefix %q", i, line, prefix)
			continue
		}
		pw := Width(prefix)
		if width <= pw || Width(line) <= width {
			continue
		}
		if width >= pw+2 || clusters(strings.TrimPrefix(line, prefix)) != 1 {
			t.Errorf("line %d %q is %d columns wide, more than %d", i, line, Width(line), width)
		}
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"ascii", "hello", 5},
		{"japanese", "日本語", 6},
		{"combining", "e\u0301", 1},
		{"combining word", "cafe\u0301", 4},
		{"emoji", "👍", 2},
		{"zwj family", "👨\u200d👩\u200d👧\u200d👦", 2},
		{"flag", "🇯🇵", 2},
		{"emoji presentation", "❤\ufe0f", 2},
		{"ellipsis", "…", 1},
		{"mixed", "Go言語 👍", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Width(tt.s); got != tt.want {
				t.Errorf("Width(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

// japanese40 is a 40-character (80-column) Japanese sentence without spaces.
const japanese40 = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじ"

func TestHang(t *testing.T) {
	if n := utf8.RuneCountInString(japanese40); n != 40 {
		t.Fatalf("japanese40 has %d characters", n)
	}
	family := "👨\u200d👩\u200d👧\u200d👦"
	tests := []struct {
		name        string
		text        string
		first, rest string
		width       int
		want        string
	}{
		{"ascii fits", "hello world", "  ", "  ", 20, "  hello world"},
		{"ascii exact fit", "hello world", "> ", "> ", 13, "> hello world"},
		{"ascii wrap", "the quick brown fox jumps over the lazy dog", "> ", "> ", 15,
			"> the quick\n> brown fox\n> jumps over\n> the lazy dog"},
		{"ascii fitting line kept", "  indented  line", "| ", "| ", 40, "|   indented  line"},
		{"ascii wrap collapses spaces", "  aaa   bbb   ccc", "", "", 7, "aaa bbb\nccc"},
		{"ascii lines", "one two three\nfour", "- ", "- ", 9, "- one two\n- three\n- four"},
		{"empty lines", "a\n\nb\n", "> ", "> ", 10, "> a\n> \n> b\n> "},
		{"empty text", "", "> ", "> ", 10, "> "},
		{"blank line too wide", "      ", "> ", "> ", 4, "> "},
		{"width 0", "a long line that is not wrapped\nsecond", "  ", "  ", 0,
			"  a long line that is not wrapped\n  second"},
		{"negative width", "a b c", "> ", "> ", -1, "> a b c"},
		{"japanese width 30", japanese40, "", "", 30,
			"吾輩は猫である。名前はまだ無い\n。どこで生れたかとんと見当がつ\nかぬ。何でも薄暗いじ"},
		{"japanese width 30 prefix", japanese40, "  ", "  ", 30,
			"  吾輩は猫である。名前はまだ無\n  い。どこで生れたかとんと見当\n  がつかぬ。何でも薄暗いじ"},
		{"japanese width 10", "吾輩は猫である。名前はまだ無い。", "> ", "> ", 10,
			"> 吾輩は猫\n> である。\n> 名前はま\n> だ無い。"},
		{"japanese odd room", "日本語", "", "", 5, "日本\n語"},
		{"latin and cjk", "Go言語は Googleが 開発した プログラミング言語です", "", "", 12,
			"Go言語は\nGoogleが\n開発した プ\nログラミング\n言語です"},
		{"combining marks", "cafe\u0301 cafe\u0301 cafe\u0301", "", "", 10,
			"cafe\u0301 cafe\u0301\ncafe\u0301"},
		{"combining marks broken", strings.Repeat("e\u0301", 6), "", "", 4,
			"e\u0301e\u0301e\u0301e\u0301\ne\u0301e\u0301"},
		{"emoji", "👍👍👍👍👍", "", "", 5, "👍👍\n👍👍\n👍"},
		{"emoji words", "ok 👍 fine 👍", "", "", 6, "ok 👍\nfine\n👍"},
		{"zwj family", strings.Repeat(family, 3), "", "", 4, family + family + "\n" + family},
		{"zwj family room 3", strings.Repeat(family, 3), "", "", 3, family + "\n" + family + "\n" + family},
		{"flags", "🇯🇵🇺🇸🇫🇷", "", "", 3, "🇯🇵\n🇺🇸\n🇫🇷"},
		{"word longer than width", "see supercalifragilistic now", "", "", 8,
			"see supe\nrcalifra\ngilistic\nnow"},
		{"word longer than width alone", "supercalifragilistic", "> ", "> ", 10,
			"> supercal\n> ifragili\n> stic"},
		{"prefix wider than width", "ab 日", "[prefix] ", "[prefix] ", 5,
			"[prefix] a\n[prefix] b\n[prefix] 日"},
		{"prefix as wide as width", "xy", "12345", "12345", 5, "12345x\n12345y"},
		{"prefix leaves one column", "日本", "123", "123", 4, "123日\n123本"},
		{"hang typical", "the quick brown fox jumps", "   [ ] 1  ", "          ", 20,
			"   [ ] 1  the quick\n          brown fox\n          jumps"},
		{"hang lines", "one\ntwo\n\nthree", "   [ ] 1  ", "          ", 20,
			"   [ ] 1  one\n          two\n          \n          three"},
		{"hang empty", "", "* ", "  ", 10, "* "},
		{"hang narrower rest", "aaa bbb ccc", "* ", "", 5, "* aaa\nbbb\nccc"},
		{"hang japanese", "東京は日本の首都です", "1. ", "   ", 11, "1. 東京は日\n   本の首都\n   です"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Hang(tt.text, tt.first, tt.rest, tt.width)
			if got != tt.want {
				t.Errorf("Hang(%q, %q, %q, %d) =\n%s\nwant\n%s", tt.text, tt.first, tt.rest, tt.width, got, tt.want)
			}
			checkLines(t, got, tt.first, tt.rest, tt.width)
			if tt.first == tt.rest {
				if got := Indent(tt.text, tt.first, tt.width); got != tt.want {
					t.Errorf("Indent(%q, %q, %d) =\n%s\nwant\n%s", tt.text, tt.first, tt.width, got, tt.want)
				}
			}
		})
	}
}

// TestIndentASCII checks that Indent matches the old rune-counting indent on
// ASCII text whose words all fit.
func TestIndentASCII(t *testing.T) {
	texts := []string{
		"",
		"word",
		"the quick brown fox jumps over the lazy dog",
		"  leading spaces and  double  spaces ",
		"first line\n\nthird line is a little longer than the others\n",
		"a b c d e f g h i j k l m n o p",
	}
	for _, text := range texts {
		longest := 0
		for _, w := range strings.Fields(text) {
			longest = max(longest, len(w))
		}
		for _, prefix := range []string{"", "  ", "> ", "   [ ] 1  "} {
			for width := -1; width <= 60; width++ {
				if width > 0 && len(prefix)+longest > width {
					continue
				}
				t.Run(fmt.Sprintf("%q/%q/%d", text, prefix, width), func(t *testing.T) {
					got := Indent(text, prefix, width)
					if want := refIndent(text, prefix, width); got != want {
						t.Errorf("Indent = %q, want %q", got, want)
					}
					checkLines(t, got, prefix, prefix, width)
				})
			}
		}
	}
}

func TestOneLine(t *testing.T) {
	family := "👨\u200d👩\u200d👧\u200d👦"
	tests := []struct {
		name string
		text string
		n    int
		want string
	}{
		{"no limit", "  hello \n  world  ", 0, "hello world"},
		{"negative limit", "hello world", -3, "hello world"},
		{"fits", "hello world", 11, "hello world"},
		{"ascii cut", "hello world", 10, "hello wor…"},
		{"ascii cut at space", "hello world", 7, "hello…"},
		{"ascii n 2", "hello", 2, "h…"},
		{"n 1", "hello", 1, "…"},
		{"empty", "   ", 3, ""},
		{"japanese fits", "日本語", 6, "日本語"},
		{"japanese cut", "日本語のテキスト", 5, "日本…"},
		{"japanese cut odd", "日本語", 4, "日…"},
		{"japanese n 2", "日本語", 2, "…"},
		{"mixed", "Go言語は Googleが 開発", 10, "Go言語は…"},
		{"combining", "e\u0301e\u0301e\u0301", 2, "e\u0301…"},
		{"combining fits", "cafe\u0301", 4, "cafe\u0301"},
		{"zwj family", strings.Repeat(family, 3), 5, family + family + "…"},
		{"flags", "🇯🇵🇺🇸🇫🇷", 4, "🇯🇵…"},
		{"emoji not split", "👍x", 2, "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OneLine(tt.text, tt.n)
			if got != tt.want {
				t.Errorf("OneLine(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
			}
			if tt.n > 0 && Width(got) > tt.n {
				t.Errorf("OneLine(%q, %d) = %q is %d columns wide", tt.text, tt.n, got, Width(got))
			}
		})
	}
}

// TestOneLineASCII checks that OneLine matches the old rune-counting oneLine
// on ASCII text (n == 1 aside, where OneLine keeps to one column).
func TestOneLineASCII(t *testing.T) {
	for _, text := range []string{"", "a", "hello world", "  spaced   out\ntext  here ", "a b c d e f"} {
		for n := -1; n <= 20; n++ {
			if n == 1 {
				continue
			}
			t.Run(fmt.Sprintf("%q/%d", text, n), func(t *testing.T) {
				if got, want := OneLine(text, n), refOneLine(text, n); got != want {
					t.Errorf("OneLine = %q, want %q", got, want)
				}
			})
		}
	}
}

func TestPad(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		width int
		want  string
	}{
		{"ascii", "ab", 5, "ab   "},
		{"exact", "abc", 3, "abc"},
		{"wider", "abcdef", 3, "abcdef"},
		{"zero width", "x", 0, "x"},
		{"empty", "", 2, "  "},
		{"japanese", "日本", 5, "日本 "},
		{"combining", "e\u0301", 3, "e\u0301  "},
		{"emoji", "👍", 3, "👍 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Pad(tt.s, tt.width); got != tt.want {
				t.Errorf("Pad(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
			}
		})
	}
}

// FuzzIndent checks that Indent and Hang do not panic, keep to the width
// when the prefix leaves room for any cluster, and neither lose nor
// duplicate text.
func FuzzIndent(f *testing.F) {
	f.Add("the quick brown fox jumps over the lazy dog", "> ", 15)
	f.Add("  indented  line\n\nnext", "  ", 8)
	f.Add(japanese40, "  ", 30)
	f.Add("Go言語は Googleが 開発した プログラミング言語です", "   [ ] 1  ", 14)
	f.Add("cafe\u0301 e\u0301e\u0301e\u0301e\u0301 \u0301x", "", 3)
	f.Add("👨\u200d👩\u200d👧\u200d👦👍🇯🇵🇺🇸 ok ❤\ufe0f", "• ", 5)
	f.Add("supercalifragilistic", "[prefix] ", 4)
	f.Add("a\u00a0b c\u00a0d", "❤", 4)
	f.Add("", "", 0)
	f.Fuzz(func(t *testing.T, text, prefix string, width int) {
		if strings.Contains(prefix, "\n") {
			t.Skip()
		}
		width %= 100
		// Invalid UTF-8 is never passed (Clean escapes it) and its grapheme
		// segmentation depends on what follows, so for it only check that
		// nothing panics and no text is lost.
		valid := utf8.ValidString(text) && utf8.ValidString(prefix)
		rest := strings.Repeat(".", Width(prefix))
		for _, c := range []struct{ name, out, first, rest string }{
			{"Indent", Indent(text, prefix, width), prefix, prefix},
			{"Hang", Hang(text, prefix, rest, width), prefix, rest},
		} {
			lines := strings.Split(c.out, "\n")
			if n := strings.Count(text, "\n") + 1; len(lines) < n {
				t.Fatalf("%s: %d lines for %d lines of text", c.name, len(lines), n)
			}
			var got strings.Builder
			for i, line := range lines {
				p := c.rest
				if i == 0 {
					p = c.first
				}
				if !strings.HasPrefix(line, p) {
					t.Fatalf("%s: line %d %q does not start with %q", c.name, i, line, p)
				}
				if valid && width > Width(p)+2 && Width(line) > width {
					t.Fatalf("%s: line %d %q is %d columns wide, more than %d", c.name, i, line, Width(line), width)
				}
				got.WriteString(strings.Join(strings.Fields(strings.TrimPrefix(line, p)), ""))
			}
			var want strings.Builder
			for _, line := range strings.Split(text, "\n") {
				want.WriteString(strings.Join(strings.Fields(line), ""))
			}
			if got.String() != want.String() {
				t.Fatalf("%s: text changed:\n got %q\nwant %q", c.name, got.String(), want.String())
			}
		}
	})
}

func TestFlow(t *testing.T) {
	items := []string{"[0] blackout", "[1] wrong, knew it on seeing", "[2] wrong, seemed easy", "[3] hard", "[4] hesitated", "[5] perfect"}
	tests := []struct {
		width int
		want  string
	}{
		{0, " [0] blackout  [1] wrong, knew it on seeing  [2] wrong, seemed easy  [3] hard  [4] hesitated  [5] perfect"},
		{80, " [0] blackout  [1] wrong, knew it on seeing  [2] wrong, seemed easy  [3] hard\n [4] hesitated  [5] perfect"},
		{40, " [0] blackout\n [1] wrong, knew it on seeing\n [2] wrong, seemed easy  [3] hard\n [4] hesitated  [5] perfect"},
		{20, " [0] blackout\n [1] wrong, knew it\n on seeing\n [2] wrong, seemed\n easy\n [3] hard\n [4] hesitated\n [5] perfect"},
	}
	for _, tt := range tests {
		got := Flow(items, " ", " ", "  ", tt.width)
		if got != tt.want {
			t.Errorf("Flow at %d:\n%s\nwant:\n%s", tt.width, got, tt.want)
		}
		for _, line := range strings.Split(got, "\n") {
			if tt.width > 0 && Width(line) > tt.width {
				t.Errorf("Flow at %d: line %q is %d wide", tt.width, line, Width(line))
			}
		}
	}
}

func TestWrapColumns(t *testing.T) {
	in := "COMMANDS:\n" +
		"   review   study today's cards: due reviews first, new cards mixed in\n" +
		"   --config FILE  read settings from FILE (default config.toml)\n" +
		"   a line of words without any second column to hang under"
	want := "COMMANDS:\n" +
		"   review   study today's cards: due\n" +
		"            reviews first, new cards\n" +
		"            mixed in\n" +
		"   --config FILE  read settings from\n" +
		"                  FILE (default\n" +
		"                  config.toml)\n" +
		"   a line of words without any\n" +
		"   second column to hang under"
	if got := WrapColumns(in, 36); got != want {
		t.Errorf("WrapColumns(36) =\n%s\nwant\n%s", got, want)
	}
	if got := WrapColumns(in, 0); got != in {
		t.Errorf("WrapColumns(0) changed the text:\n%s", got)
	}
}

func TestDurations(t *testing.T) {
	for _, tt := range []struct {
		d           time.Duration
		clock, text string
	}{
		{0, "0:00", "0 s"},
		{1900 * time.Millisecond, "0:01", "2 s"},
		{102 * time.Second, "1:42", "1 min 42 s"},
		{12*time.Minute + 40*time.Second, "12:40", "12 min 40 s"},
		{-time.Second, "0:00", "-1 s"},
	} {
		if got := Clock(tt.d); got != tt.clock {
			t.Errorf("Clock(%v) = %q, want %q", tt.d, got, tt.clock)
		}
		if got := Duration(tt.d); got != tt.text {
			t.Errorf("Duration(%v) = %q, want %q", tt.d, got, tt.text)
		}
	}
}
