package telegram

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxMessageUnits is Telegram's limit on a message's text after entity parsing, counted in
// UTF-16 code units.
const maxMessageUnits = 4096

// seg is a run of reply text with at most one formatting element around it. Rendering builds
// segments first and writes markup last, so a split can never fall inside a tag and every
// dynamic string is escaped exactly once, at the edge.
type seg struct {
	text  string // plain, unescaped
	style bot.Style
	url   string // link target when the run is a link
}

// doc is a rendered reply before markup: its segments in order.
type doc []seg

// renderDoc turns a reply into segments: bold title, body lines, linked sources, italic footer.
func renderDoc(r *bot.Reply) doc {
	var d doc
	section := func() {
		if len(d) > 0 {
			d = append(d, seg{text: "\n\n"})
		}
	}
	if t := clean(r.Title); t != "" {
		d = append(d, seg{text: t, style: bot.Bold})
	}
	if len(r.Blocks) > 0 {
		section()
		for i, b := range r.Blocks {
			if i > 0 {
				d = append(d, seg{text: "\n"})
			}
			for _, s := range b.Spans {
				text := clean(s.Text)
				if text == "" {
					continue
				}
				d = append(d, seg{text: text, style: s.Style, url: safeURL(s.URL)})
			}
		}
	}
	if len(r.Sources) > 0 {
		section()
		d = append(d, seg{text: sourcesLabel(r.Lang) + ":"})
		for _, src := range r.Sources {
			title := clean(src.Label())
			link := safeURL(src.URL)
			if title == "" {
				title = clean(src.URL)
			}
			if title == "" {
				continue
			}
			d = append(d, seg{text: "\n• "}, seg{text: title, url: link})
			if sym := clean(src.Symbol); sym != "" && !strings.Contains(title, sym) {
				d = append(d, seg{text: " (" + sym + ")"})
			}
		}
	}
	if f := clean(r.Footer); f != "" {
		section()
		d = append(d, seg{text: f, style: bot.Italic})
	}
	return d.trimmed()
}

func sourcesLabel(lang knowledge.Lang) string {
	if lang == knowledge.ID {
		return "Sumber"
	}
	return "Sources"
}

// clean makes a dynamic string safe to send: valid UTF-8, no NUL bytes.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return s
}

// safeURL keeps only absolute http(s) and tg links; anything else would either be rejected
// by Telegram (failing the whole message) or be a javascript:-style trap.
func safeURL(raw string) string {
	raw = strings.TrimSpace(clean(raw))
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" && u.Scheme != "tg" {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "tg":
		return raw
	}
	return ""
}

// trimmed drops leading and trailing whitespace of the whole document.
func (d doc) trimmed() doc {
	for len(d) > 0 {
		t := strings.TrimLeft(d[0].text, " \n\t")
		if t != "" {
			d[0].text = t
			break
		}
		d = d[1:]
	}
	for len(d) > 0 {
		last := &d[len(d)-1]
		t := strings.TrimRight(last.text, " \n\t")
		if t != "" {
			last.text = t
			break
		}
		d = d[:len(d)-1]
	}
	return d
}

// htmlEscaper escapes text and attribute values for Telegram's HTML parse mode, which knows
// exactly &lt; &gt; &amp; and &quot;.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// html writes the document as Telegram HTML.
func (d doc) html() string {
	var b strings.Builder
	for _, s := range d {
		open, close := "", ""
		switch {
		case s.url != "":
			open, close = `<a href="`+htmlEscaper.Replace(s.url)+`">`, "</a>"
		case s.style == bot.Bold:
			open, close = "<b>", "</b>"
		case s.style == bot.Italic:
			open, close = "<i>", "</i>"
		case s.style == bot.Code:
			open, close = "<code>", "</code>"
		}
		b.WriteString(open)
		htmlEscaper.WriteString(&b, s.text)
		b.WriteString(close)
	}
	return b.String()
}

// plain writes the document without markup; links become "text (url)" so the fallback keeps
// every source.
func (d doc) plain() string {
	var b strings.Builder
	for _, s := range d {
		b.WriteString(s.text)
		if s.url != "" && s.url != s.text {
			b.WriteString(" (")
			b.WriteString(s.url)
			b.WriteString(")")
		}
	}
	return b.String()
}

// units counts s in UTF-16 code units, the unit of Telegram's limits and entity offsets.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += runeUnits(r)
	}
	return n
}

func runeUnits(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// split cuts the document into parts of at most limit UTF-16 units of visible text. It cuts
// at the last paragraph break that fits, else the last sentence end, else the last line
// break, else the last space, and only then inside a word (never inside a character). It
// avoids cutting inside a link; formatting around a cut is closed and reopened, so no part
// ever holds half a tag.
func (d doc) split(limit int) []doc {
	var full strings.Builder
	starts := make([]int, len(d)) // byte offset of each segment in full
	for i, s := range d {
		starts[i] = full.Len()
		full.WriteString(s.text)
	}
	text := full.String()
	if units(text) <= limit {
		return []doc{d}
	}
	// noCut marks the byte ranges of links, which should stay whole when possible.
	inLink := func(pos int) bool {
		for i, s := range d {
			if s.url != "" && pos > starts[i] && pos < starts[i]+len(s.text) {
				return true
			}
		}
		return false
	}
	var parts []doc
	start := 0
	for start < len(text) {
		// Skip whitespace at the start of a part.
		for start < len(text) && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t') {
			start++
		}
		if start >= len(text) {
			break
		}
		end := fitEnd(text, start, limit)
		if end < len(text) {
			end = bestCut(text, start, end, inLink)
		}
		parts = append(parts, d.slice(starts, start, end).trimmed())
		start = end
	}
	return parts
}

// fitEnd is the largest byte offset e such that text[start:e] fits in limit units.
func fitEnd(text string, start, limit int) int {
	n := 0
	for i, r := range text[start:] {
		n += runeUnits(r)
		if n > limit {
			return start + i
		}
	}
	return len(text)
}

// bestCut picks where to end a part that must end at or before max.
func bestCut(text string, start, max int, inLink func(int) bool) int {
	window := text[start:max]
	floor := len(window) / 4 // never leave a uselessly short part when a later cut exists
	try := func(find func(string) []int) int {
		for _, cut := range find(window) {
			if cut > floor && !inLink(start+cut) {
				return start + cut
			}
		}
		return -1
	}
	for _, finder := range []func(string) []int{paragraphCuts, sentenceCuts, lineCuts, spaceCuts} {
		if c := try(finder); c > 0 {
			return c
		}
	}
	// A single word (or link) longer than the window: cut at the last rune boundary.
	return max
}

// The cut finders return candidate cut offsets, last first. A cut offset is where the next
// part starts; the separator stays with the earlier part and is trimmed.
func paragraphCuts(w string) []int { return cutsAfter(w, "\n\n") }
func lineCuts(w string) []int      { return cutsAfter(w, "\n") }
func spaceCuts(w string) []int     { return cutsAfter(w, " ") }

func sentenceCuts(w string) []int {
	var out []int
	for i := len(w) - 1; i > 0; i-- {
		if w[i] != ' ' && w[i] != '\n' {
			continue
		}
		if c := w[i-1]; c == '.' || c == '!' || c == '?' || (i >= 3 && w[i-3:i] == "…") {
			out = append(out, i+1)
		}
	}
	return out
}

func cutsAfter(w, sep string) []int {
	var out []int
	for i := strings.LastIndex(w, sep); i > 0; i = strings.LastIndex(w[:i], sep) {
		out = append(out, i+len(sep))
	}
	return out
}

// slice returns the segments covering text[from:to], cutting the first and last ones.
func (d doc) slice(starts []int, from, to int) doc {
	var out doc
	for i, s := range d {
		a, b := starts[i], starts[i]+len(s.text)
		if b <= from || a >= to {
			continue
		}
		lo, hi := max(a, from), min(b, to)
		s.text = s.text[lo-a : hi-a]
		out = append(out, s)
	}
	return out
}

// splitPlain cuts plain text the same way (used when a plain-text fallback outgrows a part).
func splitPlain(text string, limit int) []string {
	var out []string
	for _, p := range (doc{{text: text}}).split(limit) {
		out = append(out, p.plain())
	}
	return out
}
