package bot

import (
	"context"
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// coreCommands are the core's commands: questions, browsing, settings.
func (b *Bot) coreCommands() []Command {
	return []Command{
		{Name: "start", DescriptionEN: "Start: what this bot does", DescriptionID: "Mulai: apa yang dilakukan bot ini",
			AliasesID: []string{"mulai"}, Platforms: []string{"telegram"}, Handler: HandlerFunc(b.handleStart)},
		{Name: "help", DescriptionEN: "List the commands", DescriptionID: "Daftar perintah",
			AliasesID: []string{"bantuan"}, Handler: HandlerFunc(b.handleHelp)},
		{Name: "ask", DescriptionEN: "Ask a question about UN cyber diplomacy", DescriptionID: "Ajukan pertanyaan tentang diplomasi siber PBB",
			AliasesID: []string{"tanya"}, SetsLastAnswer: true, Arg: "question", UsageEN: "<question>", UsageID: "<pertanyaan>",
			Args: []ArgSpec{{Name: "question", NameID: "pertanyaan", Kind: ArgText, Required: true, Complete: true, MaxRunes: DefaultMaxQuestionRunes,
				DescriptionEN: "Your question, in English or Indonesian", DescriptionID: "Pertanyaanmu, dalam bahasa Indonesia atau Inggris"}},
			Handler: HandlerFunc(b.handleQuestion)},
		{Name: "timeline", DescriptionEN: "Timeline 1998–2026 by year, range or topic", DescriptionID: "Linimasa 1998–2026 menurut tahun, rentang, atau topik",
			AliasesID: []string{"linimasa"}, Arg: "filter", UsageEN: "[year | from-to | topic] [page], or chart [year | from-to | topic]", UsageID: "[tahun | dari-sampai | topik] [halaman], atau grafik [tahun | dari-sampai | topik]",
			Args:    timelineArgs(),
			Handler: HandlerFunc(b.handleTimeline)},
		{Name: "topics", DescriptionEN: "Topics of the fact base", DescriptionID: "Topik basis fakta",
			AliasesID: []string{"topik"}, Handler: HandlerFunc(b.handleTopics)},
		{Name: "fact", DescriptionEN: "Show a fact by its id", DescriptionID: "Tampilkan fakta menurut id-nya",
			AliasesID: []string{"fakta"}, SetsLastAnswer: true, Arg: "id", UsageEN: "<id>", UsageID: "<id>", Handler: HandlerFunc(b.handleFact),
			Args: []ArgSpec{{Name: "id", Kind: ArgFactID, Required: true, Complete: true, MaxRunes: 100,
				DescriptionEN: "Fact id or title (start typing)", DescriptionID: "Id atau judul fakta (mulai ketik)"}}},
		{Name: "source", DescriptionEN: "Full sources of the last answer", DescriptionID: "Sumber lengkap jawaban terakhir",
			Aliases: []string{"sources"}, AliasesID: []string{"sumber"}, Handler: HandlerFunc(b.handleSource)},
		{Name: "lang", DescriptionEN: "Reply language: /lang id or /lang en", DescriptionID: "Bahasa balasan: /bahasa id atau /bahasa en",
			Aliases: []string{"language"}, AliasesID: []string{"bahasa"}, Arg: "language", UsageEN: "id|en", UsageID: "id|en",
			AdminOnly: WithArgs, AdminText: "lang.admin",
			Args: []ArgSpec{{Name: "language", NameID: "bahasa", Kind: ArgChoice, Required: true,
				DescriptionEN: "Reply language for this channel", DescriptionID: "Bahasa balasan di kanal ini",
				Choices: []ArgOption{{Value: "id", LabelEN: "Bahasa Indonesia"}, {Value: "en", LabelEN: "English", LabelID: "Bahasa Inggris"}}}},
			Handler: HandlerFunc(b.handleLang)},
		{Name: "about", DescriptionEN: "About the bot and its sources; report an error", DescriptionID: "Tentang bot dan sumbernya; laporkan kesalahan",
			AliasesID: []string{"tentang"}, Handler: HandlerFunc(b.handleAbout)},
	}
}

// Year bounds of a timeline's typed years: loose on purpose, the timeline explains
// empty ranges.
const (
	minTypedYear = 1990
	maxTypedYear = 2100
)

// timelineArgs are /timeline's typed inputs: a year, or a range, a topic, and the chart.
func timelineArgs() []ArgSpec {
	year := func(name, nameID string, kind ArgKind, en, id string) ArgSpec {
		return ArgSpec{Name: name, NameID: nameID, Kind: kind, Min: minTypedYear, Max: maxTypedYear, DescriptionEN: en, DescriptionID: id}
	}
	return []ArgSpec{
		year("year", "tahun", ArgYear, "Only events of this year", "Hanya peristiwa pada tahun ini"),
		year("from", "dari", ArgFrom, "First year of a range", "Tahun awal rentang"),
		year("to", "sampai", ArgTo, "Last year of a range", "Tahun akhir rentang"),
		{Name: "topic", NameID: "topik", Kind: ArgTopic, DescriptionEN: "Only events of this topic", DescriptionID: "Hanya peristiwa dengan topik ini"},
		{Name: "chart", NameID: "grafik", Kind: ArgFlag, Word: "chart", DescriptionEN: "Draw the timeline as a picture", DescriptionID: "Gambarkan linimasa sebagai grafik"},
	}
}

func (b *Bot) handleStart(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	name := ""
	if n := strings.TrimSpace(m.UserName); n != "" {
		name = " " + truncateRunes(n, 40)
	}
	r := &Reply{Kind: KindInfo, Lang: lang, Title: "cyberdiplo", Blocks: []Block{para(text(lang, "start.hello", name))}}
	if ex := b.examples(b.kb(ctx), lang); len(ex) > 0 {
		r.Blocks = append(r.Blocks, para(text(lang, "start.try")))
		r.Blocks, r.Buttons = appendExamples(r.Blocks, r.Buttons, ex, lang)
	}
	r.Blocks = append(r.Blocks, para(text(lang, "start.more")))
	return r
}

func (b *Bot) handleHelp(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	r := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "help.title")}
	for _, c := range b.router.Commands() {
		if c.Hidden {
			continue
		}
		usage, desc := c.UsageEN, c.DescriptionEN
		if lang == knowledge.ID {
			usage, desc = c.UsageID, c.DescriptionID
		}
		cmd := "/" + c.Name
		if usage != "" {
			cmd += " " + usage
		}
		line := " — " + desc
		if len(c.AliasesID) > 0 {
			line += " (" + text(lang, "help.alias") + " /" + strings.Join(c.AliasesID, ", /") + ")"
		}
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: cmd, Style: Code}, {Text: line}}})
	}
	r.Blocks = append(r.Blocks, para(""), para(text(lang, "help.priv")), para(text(lang, "help.group")))
	return r
}

func (b *Bot) handleAbout(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	r := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "about.title"), Blocks: []Block{
		para(text(lang, "about.what", b.kb(ctx).base.Len())),
		para(text(lang, "about.sources")),
		para(text(lang, "about.report", b.opts.ReportURL)),
	}}
	if _, ok := b.router.lookup("report"); ok {
		r.Blocks = append(r.Blocks, para(text(lang, "about.reportcmd")))
	}
	return r
}

func (b *Bot) handleTopics(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	r := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "topics.title")}
	counts := b.kb(ctx).base.TopicCounts()
	for _, tc := range counts {
		line := text(lang, "topics.line", tc.Topic.Label(lang), tc.Facts)
		if tc.Facts == 1 {
			line = text(lang, "topics.line.one", tc.Topic.Label(lang))
		}
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: tc.Topic.Key, Style: Code}, {Text: "  " + line}}})
	}
	if len(counts) > 0 {
		r.Blocks = append(r.Blocks, para(""), para(text(lang, "topics.hint", counts[0].Topic.Key)))
	}
	return r
}

func (b *Bot) handleFact(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	arg := Args(m)
	kb := b.kb(ctx)
	if arg == "" {
		example := "gge-2015-report"
		if facts := kb.base.Facts(); len(facts) > 0 {
			example = facts[0].ID
		}
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "fact.usage", example))}}
	}
	f, ok := kb.base.Get(arg)
	if !ok {
		f, ok = b.factBySymbol(kb, arg)
	}
	if ok {
		return b.answerReply(kb, f, lang)
	}
	r := &Reply{Kind: KindNotSure, Lang: lang, Blocks: []Block{para(text(lang, "fact.unknown", truncateRunes(arg, 64)))}}
	if near := b.nearestFacts(kb, arg, maxSuggestions); len(near) > 0 {
		r.Blocks = append(r.Blocks, para(text(lang, "fact.didyou")))
		r.Buttons = factButtons(near, lang)
	} else {
		r.Blocks = append(r.Blocks, para(text(lang, "fact.browse")))
	}
	return r
}

// factBySymbol finds the fact about a UN document symbol ("A/70/174"), preferring the
// fact that is about the document itself.
func (b *Bot) factBySymbol(kb *view, sym string) (*knowledge.Fact, bool) {
	sym = strings.ToUpper(strings.TrimSpace(sym))
	var found *knowledge.Fact
	for _, f := range kb.base.Facts() {
		for _, s := range f.Symbols {
			if strings.ToUpper(s) == sym && (found == nil || f.Kind == knowledge.KindDocument && found.Kind != knowledge.KindDocument) {
				found = f
			}
		}
	}
	return found, found != nil
}

// nearestFacts offers ids close to a mistyped one: small edit distance first, then
// subsequence matches ("gge2015" → "gge-2015-report").
func (b *Bot) nearestFacts(kb *view, arg string, limit int) []*knowledge.Fact {
	arg = strings.ToLower(arg)
	facts := kb.base.Facts()
	type cand struct {
		f    *knowledge.Fact
		dist int
	}
	var cands []cand
	budget := max(2, len([]rune(arg))/4)
	for _, f := range facts {
		if d := editDistance(arg, f.ID); d <= budget {
			cands = append(cands, cand{f, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	out := make([]*knowledge.Fact, 0, limit)
	seen := map[string]bool{}
	for _, c := range cands {
		if len(out) == limit {
			return out
		}
		out = append(out, c.f)
		seen[c.f.ID] = true
	}
	ids := make([]string, len(facts))
	for i, f := range facts {
		ids[i] = f.ID
	}
	for _, match := range fuzzy.Find(arg, ids) {
		if len(out) == limit {
			break
		}
		if f := facts[match.Index]; !seen[f.ID] {
			out = append(out, f)
			seen[f.ID] = true
		}
	}
	return out
}

func (b *Bot) handleSource(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	c, err := b.chatOf(ctx, m.ChatKey())
	f, ok := b.kb(ctx).base.Get(c.Last.FactID)
	if err != nil || !ok {
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "source.none"))}}
	}
	r := &Reply{Kind: KindInfo, Lang: lang, FactID: f.ID, Title: text(lang, "source.title", f.Title(lang)),
		Sources: append([]knowledge.Source(nil), f.Sources...), Footer: text(lang, "answer.footer", f.ID)}
	return r
}

func (b *Bot) handleLang(ctx context.Context, m *Message) *Reply {
	lang, src := LangFrom(ctx)
	arg := strings.ToLower(Args(m))
	if arg == "" {
		now := text(lang, "lang.auto")
		if src == LangChosen {
			now = text(lang, "lang."+string(lang))
		}
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "lang.usage", now))}}
	}
	var chosen knowledge.Lang
	switch arg {
	case "auto", "otomatis":
	default:
		l, ok := knowledge.ParseLang(arg)
		if !ok {
			return &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "lang.usage", text(lang, "lang.auto")))}}
		}
		chosen = l
	}
	if err := b.store.UpdateChat(ctx, m.ChatKey(), func(c *Chat) { c.Lang = chosen }); err != nil {
		b.log.Error("saving language choice", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	if chosen == "" {
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "lang.auto.set"))}}
	}
	return &Reply{Kind: KindInfo, Lang: chosen, Blocks: []Block{para(text(chosen, "lang.set"))}}
}

// handleUnknown answers a command the bot does not know. In groups it stays silent
// unless the command is a near miss of ours, because other bots' commands land there too.
func (b *Bot) handleUnknown(ctx context.Context, m *Message, name string) *Reply {
	lang, _ := LangFrom(ctx)
	near, d := b.router.nearest(name)
	close := near != "" && d <= max(2, len([]rune(name))/3)
	if m.ChatKind != Private && !close {
		return nil
	}
	r := &Reply{Kind: KindError, Lang: lang, Blocks: []Block{para(text(lang, "unknown.cmd", truncateRunes(name, 32)))}}
	if close {
		r.Blocks = append(r.Blocks, para(text(lang, "unknown.near", near)))
		r.Buttons = [][]Button{{{Label: "/" + near, Data: "/" + near}}}
	} else {
		r.Blocks = append(r.Blocks, para(text(lang, "unknown.help")))
	}
	return r
}
