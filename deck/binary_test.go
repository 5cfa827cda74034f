package deck

import (
	"io/fs"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rehearse/rehearse/decks"
)

// binarySamples are decks parsed from the test decks and every built-in deck.
func binarySamples(t testing.TB) map[string]*Deck {
	out := map[string]*Deck{}
	for name, src := range map[string]string{"good.toml": good, "stories.toml": goodStory} {
		d, err := Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = d
	}
	names, _ := fs.Glob(decks.FS, "*.toml")
	for _, name := range names {
		d, err := Load(decks.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = d
	}
	return out
}

func TestBinaryRoundTrip(t *testing.T) {
	for name, d := range binarySamples(t) {
		b, ok := AppendBinary(nil, d)
		if !ok {
			t.Fatalf("%s: not encoded", name)
		}
		got, err := DecodeBinary(b, AllText)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := *d
		want.File = "" // not kept
		for _, w := range want.Warnings {
			w.File = ""
		}
		for _, s := range want.Stories {
			s.File = ""
		}
		if diff := cmp.Diff(&want, got); diff != "" {
			t.Errorf("%s: decoded deck differs (-parsed +decoded):\n%s", name, diff)
		}
	}
}

func TestBinaryKeysOnly(t *testing.T) {
	d, err := Parse("good.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := AppendBinary(nil, d)
	got, err := DecodeBinary(b, KeysOnly)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != d.ID || got.Name != d.Name || !cmp.Equal(got.Tags, d.Tags) || len(got.Cards) != len(d.Cards) {
		t.Fatalf("keys differ: %+v", got)
	}
	for i, c := range got.Cards {
		want := d.Cards[i]
		if c.ID != want.ID || !cmp.Equal(c.Tags, want.Tags) || c.Reverse != want.Reverse || c.Kind != want.Kind || c.Line != want.Line {
			t.Errorf("card %d: keys differ: %+v, want %+v", i, c, want)
		}
		if c.Front != "" || c.Back != "" || c.Explain != "" || slices.ContainsFunc(c.Points, func(p string) bool { return p != "" }) {
			t.Errorf("card %d keeps its text: %+v", i, c)
		}
		if len(c.Points) != len(want.Points) || len(c.Accept) != len(want.Accept) {
			t.Errorf("card %d: %d points and %d accepted answers, want %d and %d", i, len(c.Points), len(c.Accept), len(want.Points), len(want.Accept))
		}
	}
	if !cmp.Equal(d.Prompts()[0].Key, got.Prompts()[0].Key) || d.CardCount() != got.CardCount() {
		t.Error("keys-only deck has other prompts")
	}
}

func TestBinaryRefusesWrappedWarnings(t *testing.T) {
	d := &Deck{ID: "x", Warnings: []*Error{{Msg: "m", Err: fs.ErrNotExist}}}
	if _, ok := AppendBinary(nil, d); ok {
		t.Fatal("a warning that wraps an error was encoded, and its error would be lost")
	}
}

func TestBinaryRejectsDamage(t *testing.T) {
	d, _ := Parse("good.toml", []byte(good))
	b, _ := AppendBinary(nil, d)
	for cut := 0; cut < len(b); cut++ {
		if _, err := DecodeBinary(b[:cut], AllText); err == nil {
			t.Fatalf("cut to %d of %d bytes: decoded", cut, len(b))
		}
	}
	if _, err := DecodeBinary(append(append([]byte(nil), b...), 0), AllText); err == nil {
		t.Fatal("a trailing byte decoded")
	}
	other := append([]byte{binaryVersion + 1}, b[1:]...)
	if _, err := DecodeBinary(other, AllText); err == nil {
		t.Fatal("another version decoded")
	}
}

// FuzzDecodeBinary: any bytes either decode or give ErrBinary, never a
// panic; what decodes encodes back to a deck that decodes the same.
func FuzzDecodeBinary(f *testing.F) {
	for _, src := range []string{good, goodStory} {
		d, _ := Parse("f.toml", []byte(src))
		b, _ := AppendBinary(nil, d)
		f.Add(b)
	}
	f.Add([]byte{binaryVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, text := range []Text{AllText, KeysOnly} {
			d, err := DecodeBinary(b, text)
			if err != nil {
				if err != ErrBinary {
					t.Fatalf("error %v is not ErrBinary", err)
				}
				continue
			}
			again, ok := AppendBinary(nil, d)
			if !ok {
				t.Fatal("a decoded deck does not encode")
			}
			d2, err := DecodeBinary(again, AllText)
			if err != nil || !cmp.Equal(d, d2) {
				t.Fatalf("re-encoded deck decodes otherwise: %v\n%s", err, cmp.Diff(d, d2))
			}
		}
	})
}

func BenchmarkDecodeBinary(b *testing.B) {
	var payloads [][]byte
	size := 0
	for _, d := range binarySamples(b) {
		p, _ := AppendBinary(nil, d)
		payloads = append(payloads, p)
		size += len(p)
	}
	for _, text := range []Text{AllText, KeysOnly} {
		b.Run([]string{"all", "keys"}[text], func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, p := range payloads {
					if _, err := DecodeBinary(p, text); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkParseBuiltin(b *testing.B) {
	names, _ := fs.Glob(decks.FS, "*.toml")
	var srcs [][]byte
	size := 0
	for _, name := range names {
		src, _ := fs.ReadFile(decks.FS, name)
		srcs = append(srcs, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, src := range srcs {
			if _, err := Parse(names[i], src); err != nil {
				b.Fatal(err)
			}
		}
	}
}
