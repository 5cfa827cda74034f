package deck

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// hostileInputs counts the hostile and broken decks these tests feed the
// loader; RELIABILITY.md quotes it.
var hostileInputs int

// mustFail parses src and checks that it is refused with an error on the
// given line (0: any line) whose message contains msg and which has a hint.
func mustFail(t *testing.T, src []byte, line int, msg string) ErrorList {
	t.Helper()
	hostileInputs++
	d, err := Parse("h.toml", src)
	if err == nil {
		t.Fatalf("loaded a deck with %d cards, want an error about %q", len(d.Cards), msg)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is not an ErrorList: %v", err)
	}
	found := false
	for _, e := range list {
		if strings.Contains(e.Msg, msg) && (line == 0 || e.Line == line) {
			found = true
		}
		if e.Hint == "" {
			t.Errorf("error without a hint: %v", e)
		}
	}
	if !found {
		t.Fatalf("errors:\n%v\nwant one on line %d about %q", err, line, msg)
	}
	return list
}

func TestHostileText(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		{"invalid UTF-8", "[[card]]\nfront = \"caf\xe9\"\nback = \"b\"\n", 2, "not valid UTF-8"},
		{"a lone continuation byte", "[[card]]\nfront = \"q\"\nback = \"\x80\"\n", 3, "not valid UTF-8"},
		{"UTF-16 with a byte order mark", "\xff\xfe[\x00[\x00", 1, "not valid UTF-8"},
		{"NUL in a string", "[[card]]\nfront = \"q\x00q\"\nback = \"b\"\n", 2, "invalid TOML"},
		{"NUL outside strings", "[[card]]\n\x00front = \"q\"\nback = \"b\"\n", 2, "invalid TOML"},
		{"raw escape in a string", "[[card]]\nfront = \"\x1b]0;pwned\x07\"\nback = \"b\"\n", 2, "invalid TOML"},
		{"raw escape in a multi-line string", "[[card]]\nfront = \"\"\"\nq\x1b[2J\n\"\"\"\nback = \"b\"\n", 0, "invalid TOML"},
		{"raw escape in a key", "[[card]]\nfr\x1bont = \"q\"\nback = \"b\"\n", 2, "invalid TOML"},
		{"carriage return alone", "[[card]]\rfront = \"q\"\nback = \"b\"\n", 1, "invalid TOML"},
		{"a huge integer", "[[card]]\nfront = \"q\"\nback = \"b\"\nreverse = 99999999999999999999999999\n", 4, "invalid TOML"},
		{"a number where text goes", "[[card]]\nfront = 1e999\nback = \"b\"\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { mustFail(t, []byte(tt.src), tt.line, tt.msg) })
	}
}

// TestEscapedControlsLoad: control characters written as TOML escapes are
// legal text; they load as they are (the terminal code shows them
// harmlessly), in every field.
func TestEscapedControlsLoad(t *testing.T) {
	const evil = `\u001b]0;pwned\u0007\u001b[2J\u0000\u202e\u0008\r`
	src := fmt.Sprintf(`[deck]
name = "%[1]s"
description = "%[1]s"
tags = ["t%[1]s"]

[[card]]
id = "x"
front = "%[1]s"
back = "%[1]s"
hint = "%[1]s"
explain = """%[1]s"""
source = '''literal \u001b is not an escape here'''
tags = ["%[1]s"]
accept = ["%[1]s"]

[[card]]
id = "y"
kind = "scenario"
front = "%[1]s"
points = ["%[1]s", "ok"]
`, evil)
	hostileInputs++
	d, err := Parse("evil.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards) != 2 || !strings.Contains(d.Cards[0].Front, "\x1b]0;pwned\x07") || !strings.Contains(d.Cards[1].Points[0], "\x00") {
		t.Errorf("cards = %+v", d.Cards)
	}
}

// TestHugeDecks: a 100 MB deck is refused at once from its size, without
// being read; files that are not regular files are refused without being
// opened (a named pipe would block the open).
func TestHugeDecks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.toml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var chunk bytes.Buffer
	for i := 0; chunk.Len() < 1<<20; i++ {
		fmt.Fprintf(&chunk, "[[card]]\nfront = \"Question %d: which layer routes packets by IP address?\"\nback = \"Layer 3.\"\n\n", i)
	}
	for i := 0; i < 100; i++ {
		if _, err := f.Write(chunk.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	hostileInputs++
	_, err = Load(os.DirFS(dir), "huge.toml")
	if err == nil || !strings.Contains(err.Error(), "huge.toml: the deck is too large (100 MiB; the limit is 32 MiB)") {
		t.Fatalf("Load(100 MB) = %v", err)
	}
	// The same bytes handed to Parse are refused before decoding.
	hostileInputs++
	mustFail(t, make([]byte, MaxFileSize+1), 0, "too large")

	fsys := fstest.MapFS{
		"pipe.toml":   {Mode: fs.ModeNamedPipe},
		"dev.toml":    {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"folder.toml": {Mode: fs.ModeDir},
	}
	for name, want := range map[string]string{"pipe.toml": "not a regular file (a named pipe)", "dev.toml": "not a regular file (a device)", "folder.toml": "it is a folder"} {
		hostileInputs++
		if _, err := Load(fsys, name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%s) = %v", name, err)
		}
	}
}

// TestDeepNesting: nesting that would take the TOML decoder minutes (its
// cost grows with the square of the depth) is refused before decoding;
// nesting up to the limit still decodes.
func TestDeepNesting(t *testing.T) {
	n := 200000
	tests := []struct {
		name string
		src  string
		msg  string
	}{
		{"inline tables", "x = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n", "nested more than 32 deep"},
		{"arrays", "[[card]]\nfront = \"q\"\nback = \"b\"\npoints = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n", "nested more than 32 deep"},
		{"unclosed arrays", "x = " + strings.Repeat("[", n), "nested more than 32 deep"},
		{"dotted key", strings.Repeat("a.", n) + "b = 1\n", "more than 32 parts"},
		{"dotted table header", "[" + strings.Repeat("a.", n) + "b]\n", "more than 32 parts"},
		{"dotted quoted key", strings.Repeat(`"a".`, n) + "b = 1\n", "more than 32 parts"},
		{"dotted array header", "[[" + strings.Repeat("card.", n) + "b]]\n", "more than 32 parts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { mustFail(t, []byte(tt.src), 0, tt.msg) })
	}

	// Brackets, braces and dots inside strings and comments do not count.
	deep := strings.Repeat("[{.", 100)
	ok := fmt.Sprintf("# %s\n[[card]]\nfront = \"%s\"\nback = '%s'\nexplain = \"\"\"\n%s\"\"\"\"\nsource = '''%s'''\npoints = [] # %s\n", deep, deep, deep, deep, deep, deep)
	hostileInputs++
	if _, err := Parse("ok.toml", []byte(ok)); err == nil || strings.Contains(err.Error(), "nested") || strings.Contains(err.Error(), "parts") {
		t.Errorf("text with brackets: %v, want only the points error", err)
	}
	// Up to the limit the decoder runs (and then complains about the key).
	d := maxNesting - 1
	mustFail(t, []byte("x = "+strings.Repeat("{a=", d)+"1"+strings.Repeat("}", d)+"\n"), 1, `unknown key "x"`)
	mustFail(t, []byte(strings.Repeat("a.", d)+"b = 1\n"), 1, `unknown key "a"`)
	// Many floats on one line are not a dotted key.
	mustFail(t, []byte("x = ["+strings.Repeat("1.5, ", 1000)+"2.5]\n"), 1, `unknown key "x"`)
}

// TestOneIDThousandsOfTimes: every duplicate is reported on its own line,
// and the file does not load.
func TestOneIDThousandsOfTimes(t *testing.T) {
	const n = 5000
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("[[card]]\nid = \"same\"\nfront = \"q\"\nback = \"a\"\n")
	}
	list := mustFail(t, []byte(b.String()), 6, `duplicate card id "same": the card on line 1 has it too`)
	if len(list) != n-1 || list[len(list)-1].Line != 4*(n-1)+2 {
		t.Errorf("%d errors, the last on line %d", len(list), list[len(list)-1].Line)
	}
	// The same with derived ids: the fronts are equal.
	b.Reset()
	for i := 0; i < n; i++ {
		b.WriteString("[[card]]\nfront = \"q\"\nback = \"a\"\n")
	}
	mustFail(t, []byte(b.String()), 0, "duplicate card front")
}

// TestManyUnknownTables: tens of thousands of unknown tables are each
// reported, in time that grows with the file (it used to grow with its
// square: a 256 KB file took seconds).
func TestManyUnknownTables(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "[x%d.y]\n", i)
	}
	list := mustFail(t, []byte(b.String()), 1, `unknown key "x0"`)
	if len(list) < 20000 {
		t.Errorf("%d errors, want one per table", len(list))
	}
}

// TestHugeValues: long text loads (it is within the size limit) and the
// terminal code wraps it; a list of 100,000 key points is one clear error
// (a scenario card has at most MaxPoints), found at once.
func TestHugeValues(t *testing.T) {
	long := strings.Repeat("word ", 200000) // 1 MB of text
	points := strings.Repeat(`"p", `, 100000)
	src := fmt.Sprintf("[[card]]\nid = \"long\"\nfront = \"%s\"\nback = \"\"\"%s\"\"\"\n\n[[card]]\nid = \"many\"\nkind = \"scenario\"\nfront = \"q\"\npoints = [%s\"last\"]\n", long, long, points)
	hostileInputs++
	list := mustFail(t, []byte(src), 10, "has 100001 points, more than 9")
	if len(list) != 1 {
		t.Errorf("%d errors, want one", len(list))
	}
	d, err := Parse("long.toml", []byte(fmt.Sprintf("[[card]]\nid = \"long\"\nfront = \"%s\"\nback = \"\"\"%s\"\"\"\n", long, long)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cards[0].Front) != len(strings.TrimSpace(long)) {
		t.Errorf("front %d bytes", len(d.Cards[0].Front))
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testing.Verbose() && hostileInputs > 0 {
		fmt.Printf("RELIABILITY hostile: %d hostile or broken deck files (100 MB, 200,000 levels of nesting, 5,000 copies of one id, NUL, invalid UTF-8, raw escapes...), each refused with a clear error or loaded\n", hostileInputs)
	}
	os.Exit(code)
}
