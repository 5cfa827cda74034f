package tui

import (
	"fmt"
	"time"
)

// Clock writes a duration as a countdown does, minutes and seconds:
// "1:42", "12:05" (the seconds cut, not rounded).
func Clock(d time.Duration) string {
	s := int(max(d, 0).Truncate(time.Second).Seconds())
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Duration writes a duration to the second in words: "12 min 40 s",
// "14 s".
func Duration(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}
