package layout

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/rehearse/rehearse"

// rank places every package of the module: a package may import only
// packages of a lower rank. The tools (benchmarks, generator) sit at the
// top with the command.
var rank = map[string]int{
	"cmd/rehearse":        10,
	"cmd/rehearse-bench":  10,
	"cmd/rehearse-floor":  10,
	"cmd/rehearse-gen":    10,
	"internal/session":    9,
	"internal/report":     9,
	"internal/library":    8,
	"internal/config":     7,
	"internal/tui":        6,
	"internal/completion": 6,
	"internal/gen":        6,
	"internal/entry":      7,
	"deck/interchange":    5,
	"deck":                4,
	"srs/revlog":          4,
	"srs":                 3,
	"internal/atomicfile": 2,
	"internal/hint":       2,
	"decks":               1,
	"internal/layout":     0,
}

// imports lists each package of the module with what it imports (tests
// left out: they may reach up, as the CLI's tests run the whole program).
func imports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkgs[f[0]] = f[1:]
	}
	return pkgs
}

func TestLayers(t *testing.T) {
	pkgs := imports(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	for pkg, deps := range pkgs {
		name := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		r, ok := rank[name]
		if !ok {
			t.Errorf("%s is not on the map: give it a place in rank and in the package doc", name)
			continue
		}
		for _, dep := range deps {
			if strings.HasPrefix(dep, "github.com/urfave/cli") && !strings.HasPrefix(name, "cmd/") {
				t.Errorf("%s imports %s: urfave/cli belongs in cmd/ only", name, dep)
			}
			if !strings.HasPrefix(dep, module+"/") {
				continue
			}
			depName := strings.TrimPrefix(dep, module+"/")
			if top(name) == "deck" && top(depName) == "srs" || top(name) == "srs" && top(depName) == "deck" {
				t.Errorf("%s imports %s: deck and srs meet only in internal/library", name, depName)
			}
			if dr, ok := rank[depName]; ok && dr >= r {
				t.Errorf("%s (rank %d) imports %s (rank %d): imports point down only", name, r, depName, dr)
			}
		}
	}
}

// top is a package's first path element.
func top(name string) string {
	first, _, _ := strings.Cut(name, "/")
	return first
}
