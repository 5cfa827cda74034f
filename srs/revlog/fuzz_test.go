package revlog

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rehearse/rehearse/srs"
)

// FuzzParse feeds arbitrary bytes to the log reader: no panic; an error is
// an *Error with a line inside the input; a torn tail is only reported for
// input that does not end in a newline.
func FuzzParse(f *testing.F) {
	f.Add([]byte(lines(sample()...)))
	f.Add([]byte(lines(sample()...) + "2026-11-25T07"))
	f.Add([]byte(Header + "\tmissed\n" + Format(sample()[0]) + "\t1 2\n"))
	f.Add([]byte("time\tevent\tcard\tday\n2026-11-25T07:12:32Z\tsuspend\ta/b\t2026-11-25\n"))
	f.Add([]byte(ModelHeader + "\n" + formatIn(srs.Record{Time: t0, Day: 9, Event: srs.Reschedule, Card: "a/b", Due: 20, Model: srs.ModelFSRS}, modelLayout) + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, torn, err := Parse(bytes.NewReader(data), "f.tsv")
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			var lerr *Error
			if !errors.As(err, &lerr) || lerr.Line < 1 || lerr.Line > lines || lerr.File != "f.tsv" {
				t.Fatalf("error %v is not an *Error with a line in 1..%d", err, lines)
			}
			return
		}
		if torn != nil && (len(data) == 0 || data[len(data)-1] == '\n') {
			t.Fatalf("torn line reported for input ending in a newline: %v", torn)
		}
		for _, r := range recs {
			if r.Card == "" || r.Event == 0 || (r.Event.Graded() && !r.Grade.Valid()) {
				t.Fatalf("invalid record read: %+v", r)
			}
			// What was read writes back to a line that reads the same.
			again, _, err := Parse(bytes.NewReader([]byte(ModelHeader+"\n"+formatIn(r, modelLayout)+"\n")), "g.tsv")
			if err != nil || len(again) != 1 {
				t.Fatalf("record %+v does not round-trip: %v", r, err)
			}
			if diff := cmp.Diff(r, again[0], ignoreSource, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("record reads back changed (-read +again):\n%s", diff)
			}
		}
	})
}
