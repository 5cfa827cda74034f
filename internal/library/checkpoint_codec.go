package library

import (
	"encoding/binary"
	"math"

	"github.com/rehearse/rehearse/srs"
	"github.com/rehearse/rehearse/srs/revlog"
)

// The checkpoint's binary form: a varint layout of its fields in order,
// lists prefixed with their length (gob takes several times longer to
// decode the million steps of a large log).

// appendCheckpoint appends the binary form of cp to b.
func appendCheckpoint(b []byte, cp *checkpoint) []byte {
	u := func(v uint64) { b = binary.AppendUvarint(b, v) }
	i := func(v int64) { b = binary.AppendVarint(b, v) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	flag := func(v bool) {
		if v {
			u(1)
		} else {
			u(0)
		}
	}
	b = binary.LittleEndian.AppendUint64(b, cp.Settings)
	i(cp.Newest)
	u(uint64(len(cp.Marks)))
	for _, m := range cp.Marks {
		str(m.Name)
		i(m.Offset)
		i(int64(m.Lines))
		b = binary.LittleEndian.AppendUint64(b, m.Hash)
	}
	u(uint64(len(cp.Keys)))
	for k, key := range cp.Keys {
		str(key)
		s := &cp.States[k]
		i(int64(s.Repetitions))
		i(int64(s.Interval))
		i(int64(s.Ease))
		i(int64(s.Due))
		i(int64(s.Answers))
		i(int64(s.Lapses))
		i(int64(s.Drills))
		i(int64(s.LastDay))
		i(int64(s.Introduced))
		flag(s.Suspended)
		i(int64(s.BuriedOn))
		flag(s.Buried)
		i(int64(s.DrillDay))
		flag(s.DrillPending)
		u(uint64(s.Model))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Memory.Stability))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.Memory.Difficulty))
	}
	u(uint64(len(cp.StepCard)))
	for k, c := range cp.StepCard {
		u(uint64(c))
		i(int64(cp.StepDay[k]))
		b = append(b, cp.StepFlag[k])
	}
	u(uint64(len(cp.Millis)))
	for _, ms := range cp.Millis {
		i(int64(ms))
	}
	return b
}

// decodeCheckpoint decodes what appendCheckpoint wrote; nil when b is not
// one, whole.
func decodeCheckpoint(b []byte) *checkpoint {
	r := &reader{b: b}
	cp := &checkpoint{Settings: r.fixed(), Newest: r.int()}
	cp.Marks = make([]revlog.Mark, r.count(11))
	for k := range cp.Marks {
		cp.Marks[k] = revlog.Mark{Name: r.str(), Offset: r.int(), Lines: int(r.int()), Hash: r.fixed()}
	}
	n := r.count(32)
	cp.Keys = make([]string, n)
	cp.States = make([]srs.CardState, n)
	for k := range cp.Keys {
		cp.Keys[k] = r.str()
		s := &cp.States[k]
		s.Repetitions, s.Interval, s.Ease = int(r.int()), int(r.int()), srs.Ease(r.int())
		s.Due, s.Answers, s.Lapses, s.Drills = srs.Day(r.int()), int(r.int()), int(r.int()), int(r.int())
		s.LastDay, s.Introduced = srs.Day(r.int()), srs.Day(r.int())
		s.Suspended, s.BuriedOn, s.Buried = r.flag(), srs.Day(r.int()), r.flag()
		s.DrillDay, s.DrillPending, s.Model = srs.Day(r.int()), r.flag(), srs.Model(r.uint())
		s.Memory.Stability, s.Memory.Difficulty = math.Float64frombits(r.fixed()), math.Float64frombits(r.fixed())
	}
	n = r.count(3)
	cp.StepCard, cp.StepDay, cp.StepFlag = make([]uint32, n), make([]srs.Day, n), make([]uint8, n)
	for k := 0; k < n; k++ {
		c := r.uint()
		if c >= uint64(len(cp.Keys)) {
			return nil
		}
		cp.StepCard[k], cp.StepDay[k], cp.StepFlag[k] = uint32(c), srs.Day(r.int()), r.byte()
	}
	cp.Millis = make([]int32, r.count(1))
	for k := range cp.Millis {
		cp.Millis[k] = int32(r.int())
	}
	if r.bad || r.i != len(b) {
		return nil
	}
	return cp
}

// reader reads the binary form; a fault sets bad and reads zeros after.
type reader struct {
	b   []byte
	i   int
	bad bool
}

func (r *reader) uint() uint64 {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.i += n
	return v
}

func (r *reader) int() int64 {
	if r.bad {
		return 0
	}
	v, n := binary.Varint(r.b[r.i:])
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.i += n
	return v
}

func (r *reader) fixed() uint64 {
	if r.bad || len(r.b)-r.i < 8 {
		r.bad = true
		return 0
	}
	r.i += 8
	return binary.LittleEndian.Uint64(r.b[r.i-8:])
}

func (r *reader) byte() uint8 {
	if r.bad || r.i >= len(r.b) {
		r.bad = true
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *reader) flag() bool {
	v := r.uint()
	if v > 1 {
		r.bad = true
	}
	return v == 1
}

// count reads a list's length, each item taking at least min bytes.
func (r *reader) count(min int) int {
	n := r.uint()
	if r.bad || n > uint64((len(r.b)-r.i)/min) {
		r.bad = true
		return 0
	}
	return int(n)
}

func (r *reader) str() string {
	n := r.count(1)
	if r.bad {
		return ""
	}
	r.i += n
	return string(r.b[r.i-n : r.i])
}
