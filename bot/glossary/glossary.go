// Package glossary is the bot's glossary, a Feature: /define <term> (/istilah,
// /arti) answers a term's one-line definition, and /define alone lists the terms a
// page at a time. A glossary entry is a fact of kind "term"; its definition is the
// fact's answer. The look-up itself is knowledge.Glossary; this package renders it.
package glossary

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

const (
	defineCommand   = "define"
	defineCommandID = "istilah"
	// glossaryPageSize terms fit a page: four rows of three buttons and a paging row,
	// inside Discord's five rows of five buttons.
	glossaryPageSize = 12
	glossaryRowSize  = 3
	// maxTermName caps a term's display name (list, buttons); longer titles fall back
	// to a shorter alias.
	maxTermName = 40
)

// glossaryPageRe is an explicit page argument ("p2", "page 2", "hal 2").
var glossaryPageRe = regexp.MustCompile(`^(?:p|page|hal|halaman)\s*(\d{1,3})$`)

// Feature is the glossary as a bot.Feature. Its zero value is not usable: bot.New
// attaches it to the core it answers from.
type Feature struct{ b *bot.Bot }

// New returns the glossary feature, to be passed in bot.Options.Features.
func New() *Feature { return &Feature{} }

// Attach implements bot.Attacher.
func (g *Feature) Attach(b *bot.Bot) { g.b = b }

// Middleware implements bot.Feature: the glossary needs none.
func (*Feature) Middleware() bot.Middleware { return nil }

// Commands implements bot.Feature.
func (g *Feature) Commands() []bot.Command {
	return []bot.Command{{
		Name: defineCommand, SetsLastAnswer: true, Aliases: []string{"glossary"}, AliasesID: []string{defineCommandID, "arti", "glosarium"},
		DescriptionEN: "Glossary: a term's one-line definition, e.g. /define CBM; alone, every term",
		DescriptionID: "Glosarium: definisi singkat istilah, mis. /istilah CBM; tanpa argumen, semua istilah",
		Arg:           "term", UsageEN: "[term]", UsageID: "[istilah]", Args: []bot.ArgSpec{bot.OptionalText("term")},
		Handler: bot.HandlerFunc(g.handleDefine),
	}}
}

// glossary renders the look-up's terms: their names as shown, and their buttons.
type glossary struct{ *knowledge.Glossary }

func isGlossaryTerm(f *knowledge.Fact) bool { return f.IsTerm() }

func newGlossary(base *knowledge.Base) *glossary { return &glossary{knowledge.NewGlossary(base)} }

// name is how a term is shown and typed in lang: its title without the "(glossary)"
// qualifier, or its first alias when the title is long.
func (g *glossary) name(f *knowledge.Fact, lang knowledge.Lang) string {
	cands := append([]string{knowledge.StripQualifier(f.Title(lang))}, f.Aliases...)
	fits := func(c string) bool {
		return c != "" && utf8.RuneCountInString(c) <= maxTermName && g.Resolves(c, f)
	}
	// An alias clearly in the other language is the last resort: the name is what the
	// list shows and the buttons send.
	for _, c := range cands {
		if c = strings.TrimSpace(c); fits(c) {
			if l, ok := knowledge.DetectLang(c); !ok || l == lang {
				return c
			}
		}
	}
	for _, c := range cands {
		if c = strings.TrimSpace(c); fits(c) {
			return c
		}
	}
	return bot.Truncate(knowledge.StripQualifier(f.Title(lang)), maxTermName)
}

// button offers a term as "/define <name>" ("/istilah <name>" in Indonesian, so the
// language sticks), or by id when the name is too long for button data.
func (g *glossary) button(f *knowledge.Fact, lang knowledge.Lang) (bot.Button, bool) {
	cmd := "/" + defineCommand + " "
	if lang == knowledge.ID {
		cmd = "/" + defineCommandID + " "
	}
	name := g.name(f, lang)
	data := cmd + name
	if len(data) > bot.MaxButtonData || !g.Resolves(name, f) {
		data = cmd + f.ID
	}
	if len(data) > bot.MaxButtonData {
		return bot.Button{}, false
	}
	return bot.Button{Label: bot.Truncate(name, bot.MaxButtonLabel), Data: data}, true
}

// handleDefine answers /define, /istilah, /arti: a term's definition, the list of
// terms, or a polite "not in the glossary" with the nearest terms.
func (feat *Feature) handleDefine(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, src := bot.LangFrom(ctx)
	arg := bot.Args(m)
	base := feat.b.Snapshot(ctx).Base
	g := newGlossary(base)
	if arg == "" {
		return glossaryPage(g, lang, 1)
	}
	if sm := glossaryPageRe.FindStringSubmatch(strings.ToLower(arg)); sm != nil {
		page, _ := strconv.Atoi(sm[1])
		return glossaryPage(g, lang, page)
	}
	// The reply language follows the same rule as answers: the chat's choice, else the
	// language the text is written in, else the command's or the client's. A bare
	// term name is not a sentence in a language: the command's language holds, and
	// only without one does the name's ("infrastruktur kritis") decide. A single word
	// tells no language either: "ITU" is not Indonesian "itu".
	detected, confident := knowledge.DetectLang(arg)
	confident = confident && len(strings.Fields(arg)) > 1
	if !src.Fixed() && confident {
		lang = detected
	}
	found := g.Lookup(arg, lang, feat.b.Matcher(ctx))
	if found.Term == nil {
		return notInGlossary(g, arg, found, lang)
	}
	if found.Named && !src.Fixed() {
		lang, _ = bot.LangFrom(ctx)
	}
	if src == bot.LangDefault && found.Lang != "" && (found.Named || !confident) {
		lang = found.Lang
	}
	return definitionReply(base, g, found.Term, arg, found.Corrected, lang)
}

// definitionReply renders a glossary entry: the definition, its sources, and a
// pointer to the fuller fact about the same thing when there is one.
func definitionReply(base *knowledge.Base, g *glossary, f *knowledge.Fact, typed string, corrected bool, lang knowledge.Lang) *bot.Reply {
	r := &bot.Reply{
		Kind:    bot.KindAnswer,
		Lang:    lang,
		Title:   f.Title(lang),
		FactID:  f.ID,
		Sources: append([]knowledge.Source(nil), f.Sources...),
		Footer:  bot.Text(lang, "answer.footer", f.ID),
	}
	if corrected {
		r.Blocks = append(r.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "define.corrected", g.name(f, lang), bot.Truncate(typed, 64)), Style: bot.Italic}}})
	}
	r.Blocks = append(r.Blocks, bot.Para(f.Answer(lang)))
	if f.AsOf != "" {
		r.Blocks = append(r.Blocks, bot.Block{Spans: []bot.Span{{Text: bot.Text(lang, "answer.asof", f.AsOf), Style: bot.Italic}}})
	}
	fuller := fullerFact(base, f)
	if fuller != nil {
		r.Blocks = append(r.Blocks, bot.Block{Spans: []bot.Span{
			{Text: bot.Text(lang, "define.more") + " "}, {Text: fuller.Title(lang), Style: bot.Bold}, {Text: " — "},
			{Text: "/" + factCommand(lang) + " " + fuller.ID, Style: bot.Code}}})
		r.Buttons = append(r.Buttons, bot.FactButtons([]*knowledge.Fact{fuller}, lang)...)
	}
	for _, id := range f.Related {
		if len(r.Buttons) == bot.MaxRelated {
			break
		}
		rf, ok := base.Get(id)
		if !ok || rf == fuller {
			continue
		}
		if isGlossaryTerm(rf) {
			if btn, ok := g.button(rf, lang); ok {
				r.Buttons = append(r.Buttons, []bot.Button{btn})
			}
			continue
		}
		r.Buttons = append(r.Buttons, bot.FactButtons([]*knowledge.Fact{rf}, lang)...)
	}
	return r
}

// factCommand is /fact in the reply's language.
func factCommand(lang knowledge.Lang) string {
	if lang == knowledge.ID {
		return "fakta"
	}
	return "fact"
}

// fullerKinds rank the facts a glossary entry may point to for more depth.
var fullerKinds = []knowledge.Kind{knowledge.KindConcept, knowledge.KindBody, knowledge.KindDocument, knowledge.KindEvent, knowledge.KindNorm, knowledge.KindPerson}

// fullerFact is the fact that treats a term at length: among the facts the entry
// lists as related, else those that list it, the one of the most explanatory kind.
func fullerFact(base *knowledge.Base, term *knowledge.Fact) *knowledge.Fact {
	rank := func(f *knowledge.Fact) int {
		if i := slices.Index(fullerKinds, f.Kind); i >= 0 {
			return i
		}
		return len(fullerKinds)
	}
	pick := func(cands []*knowledge.Fact) *knowledge.Fact {
		var best *knowledge.Fact
		for _, c := range cands {
			if isGlossaryTerm(c) || rank(c) == len(fullerKinds) {
				continue
			}
			if best == nil || rank(c) < rank(best) {
				best = c
			}
		}
		return best
	}
	var out []*knowledge.Fact
	for _, id := range term.Related {
		if f, ok := base.Get(id); ok {
			out = append(out, f)
		}
	}
	if best := pick(out); best != nil {
		return best
	}
	var in []*knowledge.Fact
	for _, f := range base.Facts() {
		if slices.Contains(f.Related, term.ID) {
			in = append(in, f)
		}
	}
	return pick(in)
}

// notInGlossary is the polite refusal: the nearest terms as buttons, and the fact
// that answers the text when the matcher found one outside the glossary.
func notInGlossary(g *glossary, arg string, found knowledge.GlossaryResult, lang knowledge.Lang) *bot.Reply {
	r := &bot.Reply{Kind: bot.KindNotSure, Lang: lang, Blocks: []bot.Block{bot.Para(bot.Text(lang, "define.unknown", bot.Truncate(arg, 64)))}}
	if found.Fact != nil {
		r.Blocks = append(r.Blocks, bot.Para(bot.Text(lang, "define.fact")))
		r.Buttons = append(r.Buttons, bot.FactButtons([]*knowledge.Fact{found.Fact}, lang)...)
	}
	var rows [][]bot.Button
	for _, f := range found.Near {
		if btn, ok := g.button(f, lang); ok {
			rows = append(rows, []bot.Button{btn})
		}
	}
	if len(rows) > 0 {
		r.Blocks = append(r.Blocks, bot.Para(bot.Text(lang, "define.didyou")))
		r.Buttons = append(r.Buttons, rows...)
	}
	r.Blocks = append(r.Blocks, bot.Para(bot.Text(lang, "define.browse")))
	return r
}

// glossaryPage lists the terms alphabetically in the reply language, a page at a time.
func glossaryPage(g *glossary, lang knowledge.Lang, page int) *bot.Reply {
	r := &bot.Reply{Kind: bot.KindInfo, Lang: lang, Title: bot.Text(lang, "define.title")}
	if len(g.Terms()) == 0 {
		r.Blocks = []bot.Block{bot.Para(bot.Text(lang, "define.empty"))}
		return r
	}
	type entry struct {
		f          *knowledge.Fact
		name, sort string
	}
	entries := make([]entry, len(g.Terms()))
	for i, f := range g.Terms() {
		name := g.name(f, lang)
		entries[i] = entry{f, name, knowledge.GlossaryKey(name)}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].sort != entries[j].sort {
			return entries[i].sort < entries[j].sort
		}
		return entries[i].f.ID < entries[j].f.ID
	})
	pages := (len(entries) + glossaryPageSize - 1) / glossaryPageSize
	if page < 1 || page > pages {
		r.Kind = bot.KindError
		r.Blocks = []bot.Block{bot.Para(bot.Text(lang, "define.nopage", page, pages))}
		r.Buttons = [][]bot.Button{{{Label: "1", Data: glossaryPageCommand(lang, 1)}}}
		return r
	}
	cmd := "/" + defineCommand
	if lang == knowledge.ID {
		cmd = "/" + defineCommandID
	}
	r.Blocks = append(r.Blocks, bot.Para(bot.Text(lang, "define.list", len(entries), cmd)))
	shown := entries[(page-1)*glossaryPageSize : min(page*glossaryPageSize, len(entries))]
	names := make([]string, len(shown))
	var row []bot.Button
	for i, e := range shown {
		names[i] = e.name
		if btn, ok := g.button(e.f, lang); ok {
			row = append(row, btn)
		}
		if len(row) == glossaryRowSize {
			r.Buttons, row = append(r.Buttons, row), nil
		}
	}
	if len(row) > 0 {
		r.Buttons = append(r.Buttons, row)
	}
	r.Blocks = append(r.Blocks, bot.Para(strings.Join(names, " · ")))
	if pages > 1 {
		r.Footer = bot.Text(lang, "define.page", page, pages)
		var nav []bot.Button
		if page > 1 {
			nav = append(nav, bot.Button{Label: bot.Text(lang, "timeline.prev"), Data: glossaryPageCommand(lang, page-1)})
		}
		if page < pages {
			nav = append(nav, bot.Button{Label: bot.Text(lang, "timeline.next"), Data: glossaryPageCommand(lang, page+1)})
		}
		r.Buttons = append(r.Buttons, nav)
	}
	return r
}

// glossaryPageCommand is the command line that shows page n of the glossary.
func glossaryPageCommand(lang knowledge.Lang, n int) string {
	cmd := "/" + defineCommand
	if lang == knowledge.ID {
		cmd = "/" + defineCommandID
	}
	return cmd + " p" + strconv.Itoa(n)
}
