package interchange

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/deck"
)

func readFixture(t *testing.T, name string) *File {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	format, err := DetectFormat(name, data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Read(name, data, format)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func basic(id, front, back string, tags ...string) deck.Card {
	return deck.Card{ID: id, Front: front, Back: back, Tags: tags, Kind: deck.Basic}
}

func diagnostics(list []*deck.Error) []string {
	var out []string
	for _, e := range list {
		s := e.Error()
		if e.Hint != "" {
			s += " / " + e.Hint
		}
		out = append(out, s)
	}
	return out
}

func TestReadFixtures(t *testing.T) {
	reversed := func(c deck.Card) deck.Card { c.Reverse = true; return c }
	tests := []struct {
		file    string
		format  Format
		notes   []*Note
		errors  []string
		notices []string
		decks   []string
	}{
		{
			file: "anki-notes.txt", format: Anki,
			notes: []*Note{
				{Line: 7, GUID: "Oj5{+P/=,R", Deck: "Networking", Keys: []string{"front", "back", "tags"},
					Card: basic("anki-j5vdk6zlkaxt2lcs", "What does ARP resolve?", "An IPv4 address to a MAC address.\nIt works at layer 2.", "networking", "arp")},
				{Line: 8, GUID: "b]D0Zmo*4X", Deck: "Networking", Keys: []string{"front", "back", "reverse", "tags"},
					Card: reversed(basic("anki-mjouimc2nvxsuncy", "Default SSH port", "22", "networking", "ssh", "exam::n10-009"))},
				{Line: 9, GUID: "#xk2/a1!Q", Deck: "Networking", Keys: []string{"front", "back", "tags"},
					Card: basic("anki-en4gwmrpmeyscui", "Fields may hold\ta tab and\na line break", `He said "hello" & left`)},
				{Line: 11, GUID: "qW7e<9>Zp3", Deck: "Networking", Keys: []string{"front", "back", "tags"},
					Card: basic("anki-ofltozj4he7fu4bt", "What does this diagram show?", "The OSI model:\n• seven layers\n• physical first", "networking")},
				{Line: 13, GUID: "AbCdEf1234", Deck: "Networking::Ports", Keys: []string{"front", "back", "reverse", "tags"},
					Card: reversed(basic("anki-ifregzcfmyytemzu", "HTTPS port", "443 (TCP)", "networking"))},
				{Line: 14, GUID: "t,9&Kp0z%c", Deck: "Networking", Keys: []string{"front", "back", "tags"},
					Card: basic("anki-oqwdsjsloayhujld", "What is 10 < 20?", "Yes: 10 < 20")},
			},
			errors: []string{"anki-notes.txt:12: a cloze note cannot be imported / rehearse has no cloze cards; make it a Basic note in Anki, or leave it out with --skip-bad"},
			notices: []string{
				`anki-notes.txt:11: left out "osi-model.png": rehearse shows text only`,
				`anki-notes.txt:13: left out "https.mp3": rehearse shows text only`,
			},
			decks: []string{"Networking", "Networking::Ports"},
		},
		{
			file: "anki-plain.txt", format: Anki,
			notes: []*Note{
				{Line: 4, Keys: []string{"front", "back", "tags"}, Card: basic("", "What is RTO?", "Recovery time objective: how long a service may be down.", "dr")},
				{Line: 5, Keys: []string{"front", "back", "tags"}, Card: basic("", "What is RPO?", "Recovery point objective: how much data may be lost.", "dr", "backup")},
			},
		},
		{
			file: "anki-legacy.txt", format: Anki,
			notes: []*Note{
				{Line: 3, Keys: []string{"front", "back", "tags"}, Card: basic("", "What is BGP?", "The internet's inter-domain routing protocol.", "imported", "legacy")},
				{Line: 5, Keys: []string{"front", "back", "tags"}, Card: basic("", `What is "OSPF"?`, "A link-state protocol; it floods LSAs.", "imported", "legacy")},
			},
		},
		{
			file: "notes.csv", format: CSV,
			notes: []*Note{
				{Line: 2, Keys: []string{"front", "back", "tags", "source", "kind", "points", "accept", "reverse"},
					Card: deck.Card{ID: "dns-port", Front: "Which port does DNS use?", Back: "53", Tags: []string{"networking", "dns"},
						Source: "RFC 1035", Accept: []string{"53", "udp/53"}, Kind: deck.Basic}},
				{Line: 4, Keys: []string{"front", "back", "tags", "source", "kind", "points", "accept", "reverse"},
					Card: reversed(basic("", `A question with "quotes", and commas?`, "Line one\nLine two"))},
				{Line: 6, Keys: []string{"front", "back", "tags", "source", "kind", "points", "accept", "reverse"},
					Card: deck.Card{ID: "outage", Front: "Walk me through a P1 outage.", Tags: []string{"incident"}, Kind: deck.Scenario,
						Points: []string{"Declare a major incident", "Open a bridge", "Restore service first"}}},
			},
		},
		{
			file: "notes.tsv", format: TSV,
			notes: []*Note{
				{Line: 2, Keys: []string{"front", "back", "tags"}, Card: basic("", "What is a VLAN?", "A broadcast domain made in a switch.", "networking", "vlan")},
				{Line: 3, Keys: []string{"front", "back", "tags"}, Card: basic("", "Two\nlines?", "Yes.")},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := readFixture(t, tt.file)
			if f.Format != tt.format {
				t.Errorf("format %q, want %q", f.Format, tt.format)
			}
			if diff := cmp.Diff(tt.notes, f.Notes); diff != "" {
				t.Errorf("notes (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tt.errors, diagnostics(f.Errors)); diff != "" {
				t.Errorf("errors (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tt.notices, diagnostics(f.Notices)); diff != "" {
				t.Errorf("notices (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tt.decks, f.Decks); diff != "" {
				t.Errorf("decks (-want +got)\n%s", diff)
			}
		})
	}
}

// TestReadErrors checks that every kind of bad input is an error that
// names its line and says what to do.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		src    string
		fatal  string   // the error Read returns
		rows   []string // or the rows it rejects
	}{
		{"not UTF-8", CSV, "front,back\nq,\xff\n", "x:2: the file is not UTF-8 text", nil},
		{"quote never ends", Anki, "#separator:tab\na\tb\n\"c\td\n\n", "x:3: a quoted field that starts on this line never ends", nil},
		{"unknown separator", Anki, "#separator:slash\na/b\n", `x:1: unknown separator "slash"`, nil},
		{"bad html header", Anki, "#html:yes\na\tb\n", `x:1: #html: "yes" is neither true nor false`, nil},
		{"bad column number", Anki, "#separator:tab\n#guid column:first\na\tb\n", `x:2: #guid column: "first" is not a column number`, nil},
		{"empty csv", CSV, "", "x:1: the file is empty", nil},
		{"unknown column", CSV, "front,bakc\nq,a\n", `x:1: unknown column "bakc"`, nil},
		{"no front column", TSV, "back\ttags\nq\ta\n", "x:1: the first row names no front column", nil},
		{"another program's column", TSV, "question\tanswer\nq\ta\n", `x:1: unknown column "question"`, nil},
		{"column twice", CSV, "front,back,Front\n", `x:1: column "front" appears twice (columns 1 and 3)`, nil},
		{"empty front", CSV, "front,back\n,a\nq,a\n", "", []string{"x:2: the front is empty"}},
		{"bad kind", CSV, "front,back,kind\nq,a,essay\n", "", []string{`x:2: unknown kind "essay"`}},
		{"bad reverse", CSV, "front,back,reverse\nq,a,maybe\n", "", []string{`x:2: reverse is "maybe", not true or false`}},
		{"bad id", CSV, "id,front,back\nmy id,q,a\n", "", []string{`x:2: id "my id" is not a valid card id`}},
		{"cell without a column", CSV, "front,back\nq,a,extra\n", "", []string{"x:2: cell 3 has a value but its column has no name"}},
		{"empty anki front", Anki, "#separator:tab\n#html:true\n<br>\tback\n", "", []string{"x:3: the front is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read("x", []byte(tt.src), tt.format)
			if tt.fatal != "" {
				e, ok := err.(*deck.Error)
				if !ok || e.Error() != tt.fatal || e.Hint == "" {
					t.Fatalf("Read error = %#v, want %q with a hint", err, tt.fatal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range f.Errors {
				if e.Hint == "" {
					t.Errorf("%v has no hint", e)
				}
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tt.rows, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestRecordReader(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []record
	}{
		{"plain", "a,b\nc,d", []record{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}},
		{"CRLF and empty lines", "a,b\r\n\r\nc,d\r\n", []record{{1, []string{"a", "b"}}, {3, []string{"c", "d"}}}},
		{"quoted", "\"a,\"\"b\"\"\nc\",d\ne,f\n", []record{{1, []string{"a,\"b\"\nc", "d"}}, {3, []string{"e", "f"}}}},
		{"CRLF inside quotes", "\"a\r\nb\",c\r\n", []record{{1, []string{"a\nb", "c"}}}},
		{"bare quotes kept", "say \"hi\",x\n", []record{{1, []string{`say "hi"`, "x"}}}},
		{"text after a closing quote", "\"a\"b,c\n", []record{{1, []string{"ab", "c"}}}},
		{"empty fields", ",,\n", []record{{1, []string{"", "", ""}}}},
		{"comments", "# note\na,b\n#x,y\n\"#q\",z\n", []record{{2, []string{"a", "b"}}, {4, []string{"#q", "z"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rr := newRecordReader("x", tt.src, ',', true)
			var got []record
			for {
				rec, err := rr.next()
				if err != nil {
					t.Fatal(err)
				}
				if rec == nil {
					break
				}
				got = append(got, *rec)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(record{})); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestDecodeUTF16(t *testing.T) {
	// "front\tback\nq\tä\n" as Excel's "Unicode text": UTF-16LE with a BOM.
	src := []byte{0xFF, 0xFE}
	for _, r := range "front\tback\r\nq\tä\r\n" {
		src = append(src, byte(r), byte(r>>8))
	}
	f, err := Read("x.tsv", src, TSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 1 || f.Notes[0].Card.Back != "ä" {
		t.Errorf("notes = %+v", f.Notes)
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct {
		in, want string
		media    []string
	}{
		{"plain", "plain", nil},
		{"a<br>b<br/>c<BR />d", "a\nb\nc\nd", nil},
		{"<div>one</div><div>two</div>", "one\ntwo", nil},
		{"<div>one</div>\n<div>two</div>", "one\ntwo", nil},
		{"<b>bold</b> and <i>it</i> <span style=\"x\">s</span>", "bold and it s", nil},
		{"&lt;tag&gt; &amp; &quot;q&quot; &#39;s&nbsp;x", "<tag> & \"q\" 's x", nil},
		{"a < b and c > d", "a < b and c > d", nil},
		{"<ul><li>one</li><li>two</li></ul>", "• one\n• two", nil},
		{"x<img src=\"a.png\">y<img src='b.jpg'/>", "xy", []string{"a.png", "b.jpg"}},
		{"hi[sound:hello.mp3]", "hi", []string{"hello.mp3"}},
		{"<style>.x{}</style>text<script>alert(1)</script>", "text", nil},
		{"<!-- note -->text", "text", nil},
		{"  a  <br><br><br><br>b  ", "a\n\nb", nil},
		{"line\nbreak", "line\nbreak", nil},
	}
	for _, tt := range tests {
		got, media := htmlToText(tt.in)
		if got != tt.want || !cmp.Equal(media, tt.media) {
			t.Errorf("htmlToText(%q) = %q %q, want %q %q", tt.in, got, media, tt.want, tt.media)
		}
	}
}

func TestTextToHTMLRoundTrip(t *testing.T) {
	for _, s := range []string{"plain", "a < b & c > d", "line one\nline two", `quotes "and" 'apostrophes'`, "• item"} {
		got, _ := htmlToText(textToHTML(s))
		if got != s {
			t.Errorf("htmlToText(textToHTML(%q)) = %q", s, got)
		}
	}
}

func TestGUIDs(t *testing.T) {
	tests := []struct {
		name       string
		guid, id   string
		exportedAs string // the GUID of card id in deck "net"
	}{
		{"Anki's", "Oj5{+P/=,R", "anki-j5vdk6zlkaxt2lcs", "Oj5{+P/=,R"},
		{"Anki's, a valid id", "AbCdEf1234", "anki-ifregzcfmyytemzu", "AbCdEf1234"},
		{"Anki's, with a slash", "ab/Cd3fGh1", "anki-mfrc6q3egnteo2br", "ab/Cd3fGh1"},
		{"rehearse's", "rehearse:net/osi-l3", "osi-l3", "rehearse:net/osi-l3"},
		{"rehearse's, of another deck", "rehearse:other/osi-l3", "osi-l3", "rehearse:net/osi-l3"},
		{"rehearse's, a card imported from Anki", "Oj5{+P/=,R", "anki-j5vdk6zlkaxt2lcs", "Oj5{+P/=,R"},
		// Before rehearse:DECK/CARD, exports used the card id: such a GUID
		// is the card only for a deck that has it (see TestMergeGUIDs).
		{"an earlier export's", "osi-l3", "anki-n5zwsllmgm", "osi-l3"},
		{"not quite rehearse's", "rehearse:net", "anki-ojswqzlbojzwkotomv2a", "rehearse:net"},
		{"not quite rehearse's, two slashes", "rehearse:net/a/b", "anki-ojswqzlbojzwkotomv2c6yjpmi", "rehearse:net/a/b"},
		{"rehearse's form around an Anki id", "rehearse:net/anki-j5vdk6zlkaxt2lcs",
			encodeGUID("rehearse:net/anki-j5vdk6zlkaxt2lcs"), "rehearse:net/anki-j5vdk6zlkaxt2lcs"},
		// The id of "Oj5{+P/=,R", used as a GUID, is encoded once more.
		{"an id made from a GUID", "anki-j5vdk6zlkaxt2lcs", encodeGUID("anki-j5vdk6zlkaxt2lcs"), "anki-j5vdk6zlkaxt2lcs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IDFromGUID(tt.guid); got != tt.id {
				t.Errorf("IDFromGUID(%q) = %q, want %q", tt.guid, got, tt.id)
			}
			if got := GUID("net", tt.id); got != tt.exportedAs {
				t.Errorf("GUID(%q, %q) = %q, want %q", "net", tt.id, got, tt.exportedAs)
			}
		})
	}
	// Two decks' cards with one id are two notes.
	if a, b := GUID("net", "ospf"), GUID("routing", "ospf"); a == b {
		t.Errorf("cards net/ospf and routing/ospf both export as GUID %q", a)
	}
	if id := IDFromGUID(strings.Repeat("{", 200)); deck.ValidID(id) {
		t.Errorf("a 200-byte GUID gave the valid id %q", id)
	}
	// A long card id, from an export of an earlier version, is itself.
	long := strings.Repeat("a", 150)
	if id := IDFromGUID(long); id != long {
		t.Errorf("IDFromGUID(150 a's) = %q", id)
	}
	// rehearse's GUIDs hold ids of up to 200 bytes each.
	deckID, cardID := strings.Repeat("d", 200), strings.Repeat("c", 200)
	if id := IDFromGUID(GUID(deckID, cardID)); id != cardID {
		t.Errorf("the GUID of a card with a 200-byte id gives the id %q", id)
	}
}

// FuzzGUIDs checks that GUIDs and ids map to each other one to one: a
// GUID imported and exported again is the same GUID (for a deck of the
// same id), and a card id exported and imported again is the same id.
func FuzzGUIDs(f *testing.F) {
	for _, s := range []string{"Oj5{+P/=,R", "abc", "anki-", "anki-mfrgg", "anki-anki-x", "a.b",
		"rehearse:net/bgp", "rehearse:net/anki-mfrgg", "rehearse:/x", "ab/cd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, guid string) {
		if guid == "" || !utf8.ValidString(guid) || strings.TrimSpace(guid) != guid || len(guid) > 60 {
			return
		}
		id := IDFromGUID(guid)
		if !deck.ValidID(id) {
			t.Fatalf("IDFromGUID(%q) = %q is not a valid id", guid, id)
		}
		deckID := "net"
		if d, _, ok := splitGUID(guid); ok {
			deckID = d
		}
		if back := GUID(deckID, id); back != guid {
			t.Fatalf("GUID(%q, IDFromGUID(%q)) = %q", deckID, guid, back)
		}
		if deck.ValidID(guid) {
			if again := IDFromGUID(GUID("net", guid)); again != guid {
				t.Fatalf("id %q exports and imports as %q", guid, again)
			}
		}
	})
}

func TestDetectFormat(t *testing.T) {
	for _, tt := range []struct {
		name, first string
		want        Format
	}{
		{"notes.txt", "What?\tThat.", Anki},
		{"export.csv", "#separator:tab", Anki},
		{"export.csv", "\ufefftags:x", Anki},
		{"sheet.csv", "front,back", CSV},
		{"sheet.TSV", "front\tback", TSV},
	} {
		if got, err := DetectFormat(tt.name, []byte(tt.first+"\n")); err != nil || got != tt.want {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q", tt.name, tt.first, got, err, tt.want)
		}
	}
	if _, err := DetectFormat("deck.xlsx", []byte("PK")); err == nil {
		t.Error("an .xlsx file got a format")
	}
}
