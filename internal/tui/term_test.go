package tui

import "testing"

func TestBlocksAllowed(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"piped output stays ASCII", false, map[string]string{"LANG": "en_US.UTF-8"}, false},
		{"UTF-8 LANG on a terminal", true, map[string]string{"LANG": "en_US.UTF-8"}, true},
		{"utf8 spelled without the dash", true, map[string]string{"LANG": "de_DE.utf8"}, true},
		{"no locale at all", true, nil, false},
		{"C locale", true, map[string]string{"LANG": "C"}, false},
		{"LC_ALL overrides LANG", true, map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "C"}, false},
		{"LC_CTYPE overrides LANG", true, map[string]string{"LANG": "C", "LC_CTYPE": "en_GB.UTF-8"}, true},
		{"LC_ALL over LC_CTYPE", true, map[string]string{"LC_CTYPE": "C", "LC_ALL": "C.UTF-8"}, true},
		{"dumb terminal", true, map[string]string{"LANG": "en_US.UTF-8", "TERM": "dumb"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := blocksAllowed(tt.tty, func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("blocksAllowed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCleanColumns(t *testing.T) {
	in := "front\tback \x1b]0;x\x07\n"
	if got, want := CleanColumns(in), "front\tback \\x1b]0;x\\x07\n"; got != want {
		t.Errorf("CleanColumns(%q) = %q, want %q", in, got, want)
	}
	if got := Clean(in); got != "front    back \\x1b]0;x\\x07\n" {
		t.Errorf("Clean(%q) = %q", in, got)
	}
}
