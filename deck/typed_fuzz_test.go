package deck

import "testing"

// FuzzCheckTyped: a typed answer is compared after normalising, which is
// idempotent, and an accepted answer typed as it is written always
// matches (unless it has no letters or digits at all).
func FuzzCheckTyped(f *testing.F) {
	for _, s := range []string{"tcp/22", "TCP 22.", "  ", "Straße", "İstanbul", "ǅ", "22\u0000"} {
		f.Add(s, s+"!")
	}
	f.Fuzz(func(t *testing.T, accept, typed string) {
		n := Normalize(typed)
		if Normalize(n) != n {
			t.Fatalf("Normalize(%q) = %q, and again %q", typed, n, Normalize(n))
		}
		c := &Card{Accept: []string{accept}}
		if Normalize(accept) != "" && !c.Check(accept) {
			t.Fatalf("%q does not match itself", accept)
		}
		if c.Check(typed) != (n != "" && n == Normalize(accept)) {
			t.Fatalf("Check(%q) against %q", typed, accept)
		}
	})
}
