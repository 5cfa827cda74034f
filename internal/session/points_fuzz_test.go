package session

import "testing"

// FuzzParsePoints: the point numbers typed for a scenario card are
// accepted only when each is between 1 and the number of points, and come
// back once each.
func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{"1 3 4", "1,3", "", " ", "0", "6", "1 1 1", "-1", "+2", "2,,3", "1e1", "١"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, line string, n int) {
		nums, ok := parsePoints(line, n)
		if !ok {
			return
		}
		seen := map[int]bool{}
		for _, x := range nums {
			if x < 1 || x > n || seen[x] {
				t.Fatalf("parsePoints(%q, %d) = %v", line, n, nums)
			}
			seen[x] = true
		}
	})
}
