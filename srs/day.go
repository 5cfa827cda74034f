package srs

import (
	"fmt"
	"time"
)

// Day is a learner's calendar day, counted in days since 1970-01-01. A day
// starts at a configurable hour of local time (see [DayOf]), so a session
// that runs past midnight still belongs to the evening's day.
type Day int32

// DefaultDayStart is the hour of local time at which a new day begins.
const DefaultDayStart = 4

// DayOf returns the day that the moment t belongs to, for a learner in
// location loc whose days start at startHour (0-23) local time. It reads the
// wall clock, so days stay right across daylight-saving changes.
//
// A day lasts from its start to the next day's start, so the day of later
// moments is never earlier, even where the clock is set back across the
// day's start hour (Antarctica/Troll moves it back two hours at 03:00, so
// 02:00-02:59 happens twice).
func DayOf(t time.Time, loc *time.Location, startHour int) Day {
	lt := t.In(loc)
	y, m, d := lt.Date()
	if lt.Hour() < startHour {
		d--
	}
	day := DateDay(y, m, d)
	if zoneStart, zoneEnd := lt.ZoneBounds(); (zoneStart.IsZero() || t.Sub(zoneStart) > 48*time.Hour) &&
		(zoneEnd.IsZero() || zoneEnd.Sub(t) > 48*time.Hour) {
		return day // no change of offset near: the wall clock is the answer
	}
	for t.Before(day.start(loc, startHour)) {
		day--
	}
	for !t.Before((day + 1).start(loc, startHour)) {
		day++
	}
	return day
}

// start returns the moment the day begins: startHour on its date, local
// time (or, when that hour is skipped, the moment the clock jumps past it).
func (d Day) start(loc *time.Location, startHour int) time.Time {
	y, m, dd := d.Time().Date()
	s := time.Date(y, m, dd, startHour, 0, 0, 0, loc)
	lt := s.In(loc)
	got := time.Date(lt.Year(), lt.Month(), lt.Day(), lt.Hour(), lt.Minute(), 0, 0, time.UTC)
	want := time.Date(y, m, dd, startHour, 0, 0, 0, time.UTC)
	// A skipped hour: time.Date moved it one way or the other; the day
	// starts at the jump.
	switch zoneStart, zoneEnd := s.ZoneBounds(); {
	case got.After(want) && !zoneStart.IsZero():
		return zoneStart
	case got.Before(want) && !zoneEnd.IsZero():
		return zoneEnd
	}
	return s
}

// DateDay returns the Day of a calendar date. Out-of-range values are
// normalised as time.Date does.
func DateDay(year int, month time.Month, day int) Day {
	if month < time.January || month > time.December || day < 1 || day > daysIn(month, year) {
		return Day(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	return civilDay(year, int(month), day)
}

// civilDay counts the days from 1970-01-01 to a valid date of the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func civilDay(y, m, d int) Day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Time returns midnight UTC of the day, for formatting its date.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the day as its date, as in "2026-11-25".
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// ParseDay reads a date written as "2006-01-02".
func ParseDay(s string) (Day, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("date %q is not written as YYYY-MM-DD", s)
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return 0, fmt.Errorf("date %q is not a real date written as YYYY-MM-DD", s)
	}
	return civilDay(y, m, d), nil
}

func atoiDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}
