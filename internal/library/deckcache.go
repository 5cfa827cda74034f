package library

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"

	"github.com/rehearse/rehearse/deck"
	"github.com/rehearse/rehearse/internal/atomicfile"
)

// The deck cache keeps what each deck file was parsed into, in deck's
// binary form, one cache file per deck file under DATA/cache/decks. A
// cache file is used only while its deck file is provably unchanged: its
// size, modification time, change time, inode and device as recorded, and
// its content hash checked as well when the file had changed within
// [settleTime] of the cache being written (a second edit within one tick
// of a coarse file clock keeps the times). Built-in decks have no file
// times: their content hash is checked every time. Anything else (no
// cache, another program, damage, a change) parses the file again and
// rewrites its cache. Files that do not load are not cached.

// deckCacheMagic starts every deck cache file; the number after it
// changes whenever the header does.
const deckCacheMagic = "rehearse deck cache 1\n"

// settleTime is how long after its last change a file's times are trusted
// to notice the next change. File systems keep times to a second or two.
var settleTime = 3 * time.Second

// deckCacheAge is how long a cache file no deck has used is kept.
const deckCacheAge = 30 * 24 * time.Hour

// DeckCacheDir is the folder of the deck cache in the data folder.
func DeckCacheDir(dataDir string) string { return filepath.Join(dataDir, "cache", "decks") }

// fileStamp is what the file system says of a deck file: any change to
// the file changes one of them.
type fileStamp struct {
	Size, Mtime, Ctime int64
	Inode, Device      uint64
}

// deckCacheHeader follows the magic in every cache file.
type deckCacheHeader struct {
	Program uint64 // the program that wrote it (see programID)
	Stamp   fileStamp
	Content uint64 // xxhash of the deck file
	Settled uint8  // 1: the stamp alone proves the file unchanged
	_       [7]byte
	Payload uint64 // xxhash of the binary deck after the key
	KeyLen  uint32 // the key (which deck file) follows, then the binary deck
	_       [4]byte
}

var headerSize = binary.Size(deckCacheHeader{})

// programID identifies this build of rehearse: the parser's rules may
// differ in another, so its caches are not used. Zero when unknown, and
// then nothing is cached.
var programID = sync.OnceValue(func() uint64 {
	exe, err := os.Executable()
	if err != nil {
		return 0
	}
	info, err := os.Stat(exe)
	if err != nil {
		return 0
	}
	h := xxhash.New()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(info.Size()))
	binary.LittleEndian.PutUint64(b[8:], uint64(info.ModTime().UnixNano()))
	h.Write(b[:])
	h.WriteString(exe)
	return max(h.Sum64(), 1)
})

// deckCache loads deck files through the cache in dir.
type deckCache struct {
	dir    string
	text   deck.Text
	pruned sync.Once
}

// deckLoader returns the loader that uses the deck cache of dataDir, or
// nil (plain loading) when there is no data folder yet (a cache does not
// create one) or no program identity.
func deckLoader(dataDir string, text deck.Text) deck.Loader {
	if info, err := os.Stat(dataDir); err != nil || !info.IsDir() || programID() == 0 {
		return nil
	}
	c := &deckCache{dir: DeckCacheDir(dataDir), text: text}
	return c.load
}

// cacheKey names a deck file: the folder it is in (or the built-in decks)
// and its name there.
func cacheKey(src deck.Source, name string) string {
	if src.Dir == "" {
		return "built-in\x00" + src.Label + "\x00" + name
	}
	dir, err := filepath.Abs(src.Dir)
	if err != nil {
		dir = src.Dir
	}
	return "dir\x00" + dir + "\x00" + name
}

func (c *deckCache) path(key string) string {
	sum := xxhash.Sum64String(key)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], sum)
	return filepath.Join(c.dir, hex.EncodeToString(b[:])+".bin")
}

// load is a deck.Loader.
func (c *deckCache) load(src deck.Source, name string) (*deck.Deck, error) {
	info, err := fs.Stat(src.FS, name)
	if err != nil || !info.Mode().IsRegular() || info.Size() > deck.MaxFileSize {
		return deck.Load(src.FS, name) // and it says what is wrong
	}
	var stamp fileStamp
	if src.Dir != "" {
		var ok bool
		if stamp, ok = stampOf(filepath.Join(src.Dir, filepath.FromSlash(name))); !ok {
			return deck.Load(src.FS, name)
		}
	}
	key := cacheKey(src, name)
	path := c.path(key)
	head, payload := c.read(path, key)
	if head != nil && stamp.Inode != 0 && head.Settled == 1 && head.Stamp == stamp {
		if d, err := deck.DecodeBinary(payload, c.text); err == nil {
			return d, nil
		}
	}
	content, err := fs.ReadFile(src.FS, name)
	if err != nil || len(content) > deck.MaxFileSize {
		return deck.Load(src.FS, name)
	}
	sum := xxhash.Sum64(content)
	if head != nil && head.Content == sum {
		if d, err := deck.DecodeBinary(payload, c.text); err == nil {
			if stamp != head.Stamp || head.Settled != settled(stamp) {
				c.write(path, key, stamp, sum, payload)
			}
			return d, nil
		}
	}
	d, err := deck.Parse(name, content)
	if err != nil {
		return nil, err
	}
	if payload, ok := deck.AppendBinary(nil, d); ok {
		c.write(path, key, stamp, sum, payload)
		if c.text != deck.AllText {
			return deck.DecodeBinary(payload, c.text)
		}
	}
	return d, nil
}

// settled says whether a file's stamp alone will show its next change:
// it has times, and they are older than settleTime.
func settled(s fileStamp) uint8 {
	if s.Inode == 0 {
		return 0
	}
	last := time.Unix(0, max(s.Mtime, s.Ctime))
	if time.Since(last) > settleTime {
		return 1
	}
	return 0
}

// read returns a cache file's header and binary deck, or nil when it is
// missing, damaged, for another key or from another program.
func (c *deckCache) read(path, key string) (*deckCacheHeader, []byte) {
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b[:min(len(b), len(deckCacheMagic))]), deckCacheMagic) {
		return nil, nil
	}
	b = b[len(deckCacheMagic):]
	var h deckCacheHeader
	if len(b) < headerSize || binary.Read(bytes.NewReader(b[:headerSize]), binary.LittleEndian, &h) != nil {
		return nil, nil
	}
	b = b[headerSize:]
	if h.Program != programID() || int(h.KeyLen) != len(key) || len(b) < len(key) || string(b[:len(key)]) != key {
		return nil, nil
	}
	payload := b[len(key):]
	if xxhash.Sum64(payload) != h.Payload {
		return nil, nil
	}
	return &h, payload
}

// write replaces a cache file. A cache is derived: it is not flushed to
// disk (a cache torn by a crash fails its hash and is rebuilt), and a
// cache that cannot be written only costs the next load its speed.
func (c *deckCache) write(path, key string, stamp fileStamp, content uint64, payload []byte) {
	h := deckCacheHeader{Program: programID(), Stamp: stamp, Content: content, Settled: settled(stamp),
		Payload: xxhash.Sum64(payload), KeyLen: uint32(len(key))}
	var buf bytes.Buffer
	buf.Grow(len(deckCacheMagic) + headerSize + len(key) + len(payload))
	buf.WriteString(deckCacheMagic)
	binary.Write(&buf, binary.LittleEndian, &h)
	buf.WriteString(key)
	buf.Write(payload)
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return
	}
	if atomicfile.ReplaceUnsynced(path, buf.Bytes(), 0o600) == nil {
		c.pruned.Do(c.prune)
	}
}

// prune removes cache files no deck has used for deckCacheAge: the
// caches of deck files deleted or of folders no longer given. Used cache
// files are rewritten when their deck changes, so an old one may also be
// of a deck that did not change for that long: it is rebuilt once.
func (c *deckCache) prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && strings.HasSuffix(e.Name(), ".bin") && time.Since(info.ModTime()) > deckCacheAge {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
}
