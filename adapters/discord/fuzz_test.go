package discord

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// FuzzRenderReply: whatever the text, rendering never panics, keeps every Discord limit
// and sends valid UTF-8.
func FuzzRenderReply(f *testing.F) {
	for _, seed := range []string{"", "plain", "**bold** ||x|| <@&1> [a](b)", "\xff\xfe", strings.Repeat("🇮🇩 ", 700),
		strings.Repeat("a\n", 1100), "2015. list\n- item\n# head", "```code```"} {
		f.Add(seed, seed)
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		var blocks []bot.Block
		for _, line := range strings.Split(body, "\n") {
			blocks = append(blocks, bot.Block{Spans: []bot.Span{{Text: line}, {Text: line, Style: bot.Code}, {Text: line, URL: line}}})
		}
		r := &bot.Reply{Kind: bot.KindAnswer, Title: title, Blocks: blocks, Footer: title,
			Sources: []knowledge.Source{{Title: body, URL: "https://docs.un.org/en/A/70/174"}},
			Buttons: [][]bot.Button{{{Label: title, Data: "/timeline " + title}}}}
		for _, plain := range []bool{false, true} {
			msgs := renderReply(r, testUser, plain)
			checkLimits(t, msgs)
			for _, m := range msgs {
				for _, e := range m.Embeds {
					if !utf8.ValidString(e.Description) || !utf8.ValidString(e.Title) {
						t.Fatal("invalid UTF-8 in an embed")
					}
				}
			}
		}
	})
}

// FuzzCustomID: decoding never panics and accepts only what encoding produces.
func FuzzCustomID(f *testing.F) {
	for _, seed := range []string{"cd||/timeline p2", "cd|" + testUser + "|/timeline 2015 p3", "cd|x|/y", "", "cd|", "cd||"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		owner, data, ok := decodeCustomID(id)
		if !ok {
			return
		}
		again, ok := encodeCustomID(owner, data)
		if !ok || again != id {
			t.Fatalf("decoded %q to (%q, %q), which encodes to %q", id, owner, data, again)
		}
	})
}
