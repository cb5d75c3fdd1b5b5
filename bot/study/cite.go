package study

import (
	"context"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxCitedSources bounds /cite: UN documents first, then the others.
const maxCitedSources = 3

func (s *Feature) handleCite(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	id := bot.Args(m)
	if id == "" {
		c, _ := s.b.ChatOf(ctx, m.ChatKey())
		id = c.Last.FactID
		if id == "" {
			return bot.InfoReply(lang, bot.Text(lang, "cite.none"))
		}
	}
	kb := s.kb(ctx)
	f, ok := kb.base.Get(id)
	if !ok {
		f, ok = s.b.FactBySymbol(ctx, id)
	}
	if !ok {
		return bot.InfoReply(lang, bot.Text(lang, "cite.unknown", bot.Truncate(id, 64)))
	}
	return citeReply(f, lang)
}

// citeReply renders the citations of a fact's sources, UN documents first, titles in
// italics as both styles require.
func citeReply(f *knowledge.Fact, lang knowledge.Lang) *bot.Reply {
	cites := knowledge.Cite(f)
	var un, other []knowledge.Citation
	for _, c := range cites {
		if c.Source.Symbol != "" || strings.HasPrefix(c.Source.URL, knowledge.UNDocURL("")) {
			un = append(un, c)
		} else {
			other = append(other, c)
		}
	}
	ordered := append(un, other...)
	rep := &bot.Reply{Kind: bot.KindInfo, Lang: lang, Title: bot.Text(lang, "cite.title", f.Title(lang)), FactID: f.ID}
	for i, c := range ordered {
		if i == maxCitedSources {
			rep.Blocks = append(rep.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "cite.more", len(ordered)-maxCitedSources), Style: bot.Italic}}})
			break
		}
		rep.Blocks = append(rep.Blocks,
			bot.Block{Spans: []bot.Span{{Text: c.Source.Label(), Style: bot.Bold}}},
			citeBlock("APA 7: ", c.APA),
			citeBlock("Chicago (note): ", c.ChicagoNote),
			citeBlock("Chicago (bibliography): ", c.ChicagoBibliography))
	}
	rep.Footer = bot.Text(lang, "answer.footer", f.ID)
	return rep
}

func citeBlock(label string, segs []knowledge.CiteSegment) bot.Block {
	b := bot.Block{Spans: []bot.Span{{Text: label, Style: bot.Code}}}
	for _, sg := range segs {
		st := bot.Plain
		if sg.Italic {
			st = bot.Italic
		}
		b.Spans = append(b.Spans, bot.Span{Text: sg.Text, Style: st})
	}
	return b
}
