// Package hint gives errors the advice a person needs to act on them:
// what to do next, printed after the error as "rehearse: hint: ..." lines.
package hint

import "errors"

// Error is an error with what to do about it.
type Error struct {
	Err    error
	Advice []string
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the error the hints are about.
func (e *Error) Unwrap() error { return e.Err }

// Hinter is an error that carries hints; [Error] is one, and so are the
// errors of other packages that know what to advise (a deck's, the review
// log's, the config file's).
type Hinter interface {
	error
	Hints() []string
}

// Hints returns the advice.
func (e *Error) Hints() []string { return e.Advice }

// With returns err with hints; nil stays nil.
func With(err error, hints ...string) error {
	if err == nil {
		return nil
	}
	return &Error{Err: err, Advice: hints}
}

// Of returns the hints of the first error in err's chain that can carry
// hints (a [Hinter]); nil when there is none.
func Of(err error) []string {
	var h Hinter
	if errors.As(err, &h) {
		return h.Hints()
	}
	return nil
}

// Has reports whether err carries hints already.
func Has(err error) bool {
	var h Hinter
	return errors.As(err, &h)
}
