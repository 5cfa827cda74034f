package hint

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHints(t *testing.T) {
	base := With(fs.ErrNotExist, "create it", "or pass --data-dir")
	wrapped := fmt.Errorf("cannot open the log: %w", base)
	tests := []struct {
		name string
		err  error
		want []string
		has  bool
	}{
		{"plain", errors.New("x"), nil, false},
		{"direct", base, []string{"create it", "or pass --data-dir"}, true},
		{"wrapped", wrapped, []string{"create it", "or pass --data-dir"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Of(tt.err)); diff != "" {
				t.Errorf("Of (-want +got):\n%s", diff)
			}
			if Has(tt.err) != tt.has {
				t.Errorf("Has = %v, want %v", !tt.has, tt.has)
			}
		})
	}
	if !errors.Is(wrapped, fs.ErrNotExist) {
		t.Error("the hinted error does not unwrap to its cause")
	}
	if With(nil, "x") != nil {
		t.Error("With(nil) is not nil")
	}
}
