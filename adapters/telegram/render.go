package telegram

import (
	"strings"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
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
	if t := chattext.Clean(r.Title); t != "" {
		d = append(d, seg{text: t, style: bot.Bold})
	}
	if len(r.Blocks) > 0 {
		section()
		for i, b := range r.Blocks {
			if i > 0 {
				d = append(d, seg{text: "\n"})
			}
			for _, s := range b.Spans {
				text := chattext.Clean(s.Text)
				if text == "" {
					continue
				}
				d = append(d, seg{text: text, style: s.Style, url: safeURL(s.URL)})
			}
		}
	}
	if len(r.Sources) > 0 {
		section()
		d = append(d, seg{text: bot.Text(r.Lang, bot.TextSources) + ":"})
		for _, src := range r.Sources {
			title := chattext.Clean(src.Label())
			link := safeURL(src.URL)
			if title == "" {
				title = chattext.Clean(src.URL)
			}
			if title == "" {
				continue
			}
			d = append(d, seg{text: "\n• "}, seg{text: title, url: link})
			if sym := chattext.Clean(src.Symbol); sym != "" && !strings.Contains(title, sym) {
				d = append(d, seg{text: " (" + sym + ")"})
			}
		}
	}
	if f := chattext.Clean(r.Footer); f != "" {
		section()
		d = append(d, seg{text: f, style: bot.Italic})
	}
	return d.trimmed()
}

// safeURL keeps only absolute http(s) and tg links; anything else would either be rejected
// by Telegram (failing the whole message) or be a javascript:-style trap. The link is sent
// as written, not re-encoded.
func safeURL(raw string) string {
	raw = strings.TrimSpace(chattext.Clean(raw))
	if _, ok := chattext.LinkURL(raw, "tg"); !ok {
		return ""
	}
	return raw
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
	if chattext.Units(text) <= limit {
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
		end := chattext.Cut(text, start, limit, inLink)
		parts = append(parts, d.slice(starts, start, end).trimmed())
		start = end
	}
	return parts
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
