package deck

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
)

// sameAsTOML fails t unless decodeCommon gives for src what toml.Decode
// does, when it takes src at all; it reports whether it took it.
func sameAsTOML(t *testing.T, src string) bool {
	t.Helper()
	got, ok := decodeCommon(src)
	if !ok {
		return false
	}
	var want map[string]any
	if _, err := toml.Decode(src, &want); err != nil {
		t.Fatalf("decodeCommon took TOML that toml.Decode rejects (%v):\n%s", err, src)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("decodeCommon and toml.Decode differ (-toml +common):\n%s\nin:\n%s", diff, src)
	}
	return true
}

func TestDecodeCommon(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		taken     bool // false: left to toml.Decode
	}{
		{"empty", "", true},
		{"comments and blank lines", "# a deck\n\n  # indented\n", true},
		{"deck and cards", good, true},
		{"keys at the root", "id = \"x\"\nflag = false\n", true},
		{"no line end at the end", "[deck]\nid = \"x\"", true},
		{"spaces in headers", "[ deck ]\nid = 'x'\n[[ card ]] # one\nid = \"a\"\n", true},
		{"escapes", `[[card]]` + "\n" + `front = "a \"quoted\" \\ path\tand\nlines \u00e9 \U0001F600 \b\f\r"` + "\n", true},
		{"multi-line", "[deck]\ndescription = \"\"\"\nTwo \"lines\"\nof \"\"text\\n.\n\"\"\"\n", true},
		{"multi-line on one line", "a = \"\"\"one\"\"\"\n", true},
		{"literal", "a = 'C:\\path \"as is\"'\n", true},
		{"arrays over lines", "tags = [\n  \"a\", # first\n  'b',\n]\nempty = []\nnone = [ ]\n", true},
		{"unicode text", "a = \"Grüße, 日本\"\n", true},
		{"stories", "[[story]]\nid = \"s\"\n[[story]]\nid = \"t\"\n[deck]\nid = \"d\"\n", true},
		{"tab before value", "a\t=\t\"x\"\t# c\n", true},

		{"CRLF", "a = \"x\"\r\n", false},
		{"byte order mark", "\uFEFFa = \"x\"\n", false},
		{"integer", "a = 1\n", false},
		{"inline table", "a = {b = \"c\"}\n", false},
		{"dotted key", "a.b = \"c\"\n", false},
		{"quoted key", "\"a\" = \"c\"\n", false},
		{"dotted header", "[a.b]\n", false},
		{"duplicate key", "a = \"x\"\na = \"y\"\n", false},
		{"table twice", "[deck]\n[deck]\n", false},
		{"table then array of tables", "[card]\n[[card]]\n", false},
		{"key then table", "card = []\n[[card]]\n", false},
		{"two values on a line", "a = \"x\" b = \"y\"\n", false},
		{"unterminated", "a = \"x\n", false},
		{"unterminated multi-line", "a = \"\"\"x\n", false},
		{"quotes before the close", "a = \"\"\"x\"\"\"\"\n", false},
		{"line-ending backslash", "a = \"\"\"x \\\n  y\"\"\"\n", false},
		{"unknown escape", `a = "\q"` + "\n", false},
		{"TOML 1.1 escape", `a = "\e"` + "\n", false},
		{"surrogate escape", `a = "\uD800"` + "\n", false},
		{"short escape", `a = "\u00"` + "\n", false},
		{"control character", "a = \"x\x01\"\n", false},
		{"control character in a comment", "# \x7f\n", false},
		{"multi-line literal", "a = '''x'''\n", false},
		{"array of numbers", "a = [1, 2]\n", false},
		{"leading comma", "a = [,]\n", false},
		{"double comma", "a = [\"x\",,]\n", false},
		{"true with a tail", "a = truex\n", false},
		{"no value", "a =\n", false},
		{"no key", "= \"x\"\n", false},
		{"header with a tail", "[deck] x\n", false},
		{"unclosed header", "[[card]\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if taken := sameAsTOML(t, tc.src); taken != tc.taken {
				t.Errorf("taken = %v, want %v", taken, tc.taken)
			}
		})
	}
}

// TestDecodeCommonTakesDecks checks that the decks shipped and written
// by rehearse take the fast way, and come out as toml.Decode reads them.
func TestDecodeCommonTakesDecks(t *testing.T) {
	files, err := filepath.Glob("../decks/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in decks: %v", err)
	}
	extra, _ := filepath.Glob("testdata/*.toml")
	for _, name := range append(files, extra...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if name == filepath.Join("testdata", "broken.toml") {
			continue
		}
		if !sameAsTOML(t, string(b)) {
			t.Errorf("%s is left to toml.Decode", name)
		}
	}
	header := EncodeHeader(&Deck{ID: "ops", Description: "Two\nlines", Tags: []string{"a"}})
	card := EncodeCard(&Card{ID: "c1", Front: "Two\nlines \"and\" a \\ tab\t\x01", Back: "b", Tags: []string{"x", "y"},
		Explain: "One\nmore", Reverse: true, Points: []string{"p\n1", "p2"}})
	for _, written := range []string{string(Template("ops", "Ops")), header + card} {
		if !sameAsTOML(t, written) {
			t.Errorf("a deck written by rehearse is left to toml.Decode:\n%s", written)
		}
	}
}

// FuzzDecodeCommon: whatever decodeCommon takes, toml.Decode takes too,
// and reads the same.
func FuzzDecodeCommon(f *testing.F) {
	f.Add(good)
	f.Add("a = \"\"\"\nx\"\"\"\ntags = [\n'a', \"b\\u00e9\",\n]\n[[card]]\n[deck]\nb = true\n")
	seeds, _ := filepath.Glob("testdata/*.toml")
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return // Parse rejects it before decoding
		}
		_, taken := decodeCommon(src)
		shape := checkShape("f.toml", []byte(src))
		if taken && shape != nil {
			t.Fatalf("decodeCommon took a file that checkShape refuses (%v):\n%s", shape, src)
		}
		if shape == nil { // toml.Decode may take minutes over what checkShape refuses
			sameAsTOML(t, src)
		}
	})
}
