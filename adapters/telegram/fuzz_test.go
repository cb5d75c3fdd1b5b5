package telegram

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// FuzzRenderSplit checks the rendering edge on any text: every part fits the limit, holds
// only the renderer's own balanced tags, and together the parts show all the text in order.
func FuzzRenderSplit(f *testing.F) {
	for _, seed := range []string{
		"plain", "<b>&amp;</a>", "a. b! c? d…\n\ne", "🇮🇩👋🏽 @ThisBot", strings.Repeat("x", 70),
		"\xff\xfe bad utf8", "tab\tand\r\nnewline", "&lt;&#39;&quot;", "\x00nul", "a\u2028b",
	} {
		f.Add(seed, seed, 20)
	}
	f.Fuzz(func(t *testing.T, plain, bold string, limit int) {
		if limit < 2 || limit > 5000 {
			limit = 2 + (limit%4000+4000)%4000
		}
		r := &bot.Reply{Title: bold, Blocks: []bot.Block{{Spans: []bot.Span{
			{Text: plain}, {Text: bold, Style: bot.Bold}, {Text: plain, URL: "https://e.org/?q=" + plain}}}}}
		d := renderDoc(r)
		var shown strings.Builder
		for _, p := range d.split(limit) {
			h := p.html()
			if !utf8.ValidString(h) {
				t.Fatalf("invalid UTF-8 in %q", h)
			}
			depth := 0
			for _, tag := range tagRE.FindAllString(h, -1) {
				switch {
				case tag == "<b>" || tag == "<i>" || tag == "<code>" || strings.HasPrefix(tag, `<a href="`):
					depth++
				case tag == "</b>" || tag == "</i>" || tag == "</code>" || tag == "</a>":
					depth--
				default:
					t.Fatalf("foreign tag %q in %q", tag, h)
				}
				if depth < 0 || depth > 1 {
					t.Fatalf("unbalanced tags in %q", h)
				}
			}
			v := html.UnescapeString(tagRE.ReplaceAllString(h, ""))
			if chattext.Units(v) > limit {
				t.Fatalf("part of %d units > %d", chattext.Units(v), limit)
			}
			shown.WriteString(v)
		}
		want := strings.Join(strings.Fields(d.plainText()), "")
		if got := strings.Join(strings.Fields(shown.String()), ""); got != want {
			t.Fatalf("text changed by rendering:\n got %q\nwant %q", got, want)
		}
	})
}
