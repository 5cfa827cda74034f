package interchange

import (
	"html"
	"regexp"
	"strings"
)

// blockTags start and end lines of text.
var blockTags = map[string]bool{
	"div": true, "p": true, "ul": true, "ol": true, "li": true, "tr": true, "table": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "hr": true, "dl": true, "dt": true, "dd": true,
}

var (
	soundRef      = regexp.MustCompile(`\[sound:([^\]]*)\]`)
	imgSrc        = regexp.MustCompile(`(?i)\bsrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))`)
	looksLikeHTML = regexp.MustCompile(`(?i)<(br|div|p|span|b|i|u|img|ul|ol|li|font|a|sub|sup|hr|table)\b[^>]*>|&(nbsp|amp|lt|gt|quot|#\d+);`)
)

// htmlToText turns an Anki field's HTML into the text rehearse shows:
// <br> and block elements become line breaks, list items start with "• ",
// other tags are dropped, entities are decoded, and images and sounds are
// left out and returned in media.
func htmlToText(s string) (text string, media []string) {
	var b strings.Builder
	brk := func() { // start a new line unless at the start of one
		if out := b.String(); out != "" && !strings.HasSuffix(out, "\n") {
			b.WriteByte('\n')
		}
	}
	afterBlock := false // a raw line break right after a block tag is layout, not text
	for len(s) > 0 {
		lt := strings.IndexAny(s, "<\n")
		if lt < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		if lt > 0 {
			b.WriteString(html.UnescapeString(s[:lt]))
			afterBlock = false
		}
		s = s[lt:]
		if s[0] == '\n' {
			if !afterBlock {
				b.WriteByte('\n')
			}
			afterBlock = false
			s = s[1:]
			continue
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		gt := strings.IndexByte(s, '>')
		if gt < 0 || !isTagStart(s) {
			b.WriteString("<")
			s = s[1:]
			afterBlock = false
			continue
		}
		tag := s[1:gt]
		s = s[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if i := strings.IndexAny(name, " \t\r\n/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case name == "script" || name == "style":
			if !closing {
				if end := strings.Index(asciiLower(s), "</"+name); end >= 0 {
					s = s[end:]
				} else {
					s = ""
				}
			}
		case name == "br":
			b.WriteByte('\n')
			afterBlock = true
		case name == "img":
			if m := imgSrc.FindStringSubmatch(tag); m != nil {
				media = append(media, html.UnescapeString(m[2]+m[3]+m[4]))
			} else {
				media = append(media, "an image")
			}
		case blockTags[name]:
			brk()
			if name == "li" && !closing {
				b.WriteString("• ")
			}
			afterBlock = true
		}
	}
	text = strings.ReplaceAll(b.String(), "\u00a0", " ")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = soundRef.ReplaceAllStringFunc(text, func(m string) string {
		media = append(media, soundRef.FindStringSubmatch(m)[1])
		return ""
	})
	return tidy(text), media
}

// asciiLower lower-cases ASCII letters only, so that byte offsets stay
// the same.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// isTagStart reports whether s, which starts with '<', starts a tag
// rather than a lone "less than" sign, as in "a < b".
func isTagStart(s string) bool {
	if len(s) < 2 {
		return false
	}
	c := s[1]
	if c == '/' && len(s) > 2 {
		c = s[2]
	}
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '!'
}

// tidy trims spaces at the ends of lines and of the text and keeps at
// most one empty line in a row.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// textToHTML writes text as the HTML of an Anki field: &, < and > escaped
// and line breaks as <br>.
func textToHTML(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	return strings.ReplaceAll(s, "\n", "<br>")
}

// isHTML reports whether a field looks like HTML, for files that do not
// say (Anki guesses the same way).
func isHTML(s string) bool { return looksLikeHTML.MatchString(s) }
