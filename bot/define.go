package bot

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The glossary: /define <term>, /istilah <term>. A glossary entry is a fact
// of kind "term"; its one-line definition is the fact's answer.

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
	// minPrefixRunes and minPrefixShare gate an unfinished word: "konsens" may stand
	// for "konsensus", but "cyber" must not stand for "Cyber Policy Portal".
	minPrefixRunes = 4
	minPrefixShare = 0.6
	// completeLimit is how many facts the matcher's completion is asked for before
	// keeping the glossary's own.
	completeLimit = 40
)

// glossaryPageRe is an explicit page argument ("p2", "page 2", "hal 2").
var glossaryPageRe = regexp.MustCompile(`^(?:p|page|hal|halaman)\s*(\d{1,3})$`)

// glossaryFeature plugs the glossary into the bot.
type glossaryFeature struct{ b *Bot }

// Commands implements Feature.
func (g glossaryFeature) Commands() []Command { return g.b.defineCommands() }

// Middleware implements Feature: the glossary needs none.
func (glossaryFeature) Middleware() Middleware { return nil }

// defineCommands are the glossary's commands.
func (b *Bot) defineCommands() []Command {
	return []Command{{
		Name: defineCommand, SetsLastAnswer: true, Aliases: []string{"glossary"}, AliasesID: []string{defineCommandID, "arti", "glosarium"},
		DescriptionEN: "Glossary: a term's one-line definition, e.g. /define CBM; alone, every term",
		DescriptionID: "Glosarium: definisi singkat istilah, mis. /istilah CBM; tanpa argumen, semua istilah",
		Arg:           "term", UsageEN: "[term]", UsageID: "[istilah]", Args: []ArgSpec{optionalText("term")},
		Handler: HandlerFunc(b.handleDefine),
	}}
}

// glossaryKey is the form terms are compared in: lower case, diacritics and
// punctuation dropped, words separated by one space ("CERT/CSIRT" → "cert csirt").
func glossaryKey(s string) string {
	if isASCII(s) {
		return asciiKey(s)
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) { // "é" → "e" + combining accent, dropped here
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return sb.String()
}

// asciiKey is glossaryKey for ASCII text, the common case, without the Unicode tables.
func asciiKey(s string) string {
	buf := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			space = true
			continue
		}
		if space && len(buf) > 0 {
			buf = append(buf, ' ')
		}
		space = false
		buf = append(buf, c)
	}
	return string(buf)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// leadIns are words people put around a term ("what is a CBM", "apa arti konsensus");
// they are dropped when the whole text is not itself a term.
var (
	leadIns = []string{
		"what does", "what is", "what are", "what s", "whats", "define", "definition of", "meaning of", "the meaning of",
		"apa yang dimaksud dengan", "apa yang dimaksud", "apa itu", "apa arti", "apa artinya", "arti", "artinya",
		"definisi", "pengertian", "istilah", "the", "a", "an",
	}
	tailOuts = []string{"mean", "means", "stand for", "stands for", "artinya", "itu apa", "adalah", "apa", "itu"}
)

// stripLeadIns removes leading and trailing filler words from a glossary key.
func stripLeadIns(key string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range leadIns {
			if rest, ok := strings.CutPrefix(key, p+" "); ok && rest != "" {
				key, changed = rest, true
			}
		}
		for _, s := range tailOuts {
			if rest, ok := strings.CutSuffix(key, " "+s); ok && rest != "" {
				key, changed = rest, true
			}
		}
	}
	return key
}

// glossaryName is one way of naming a term, in its compared form.
type glossaryName struct {
	key  string
	lang knowledge.Lang // the title's language; "" for ids and aliases, which are either
	term int
}

// glossary is the base's terms and their names, built for one message from the
// message's view (a few dozen terms: building is cheaper than caching across reloads).
type glossary struct {
	base  *knowledge.Base
	terms []*knowledge.Fact
	names []glossaryName
	byKey map[string][]int // key → indexes into names
}

// isGlossaryTerm tells glossary entries from the other facts.
func isGlossaryTerm(f *knowledge.Fact) bool { return f.Kind == knowledge.KindTerm }

func newGlossary(base *knowledge.Base) *glossary {
	g := &glossary{base: base}
	names := 0
	for _, f := range base.Facts() {
		if isGlossaryTerm(f) {
			g.terms = append(g.terms, f)
			names += 5 + len(f.Aliases)
		}
	}
	g.names = make([]glossaryName, 0, names)
	g.byKey = make(map[string][]int, names)
	for i, f := range g.terms {
		add := func(s string, lang knowledge.Lang) {
			k := glossaryKey(s)
			if k == "" {
				return
			}
			for _, n := range g.byKey[k] {
				if g.names[n].term == i {
					// A title's language stands over an alias repeating it; the same
					// word as both titles is in neither language.
					if lang != "" && g.names[n].lang != "" && g.names[n].lang != lang {
						g.names[n].lang = ""
					}
					return
				}
			}
			g.byKey[k] = append(g.byKey[k], len(g.names))
			g.names = append(g.names, glossaryName{key: k, lang: lang, term: i})
		}
		add(f.ID, "")
		for _, l := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
			add(f.Title(l), l)
			add(stripQualifier(f.Title(l)), l)
		}
		for _, a := range f.Aliases {
			add(a, "")
		}
	}
	return g
}

// stripQualifier drops a trailing parenthesis from a title: "GGE (glossary)" → "GGE",
// "First Committee (Disarmament and International Security)" → "First Committee".
func stripQualifier(title string) string {
	t := strings.TrimSpace(title)
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndex(t, " ("); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// termsOf returns the distinct terms the names refer to, in name order.
func (g *glossary) termsOf(names []int) []int {
	var out []int
	for _, n := range names {
		if t := g.names[n].term; !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// name is how a term is shown and typed in lang: its title without the "(glossary)"
// qualifier, or its first alias when the title is long.
func (g *glossary) name(f *knowledge.Fact, lang knowledge.Lang) string {
	cands := append([]string{stripQualifier(f.Title(lang))}, f.Aliases...)
	fits := func(c string) bool {
		return c != "" && utf8.RuneCountInString(c) <= maxTermName && g.resolvesTo(c, f)
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
	return truncateRunes(stripQualifier(f.Title(lang)), maxTermName)
}

// resolvesTo reports whether typing s finds exactly f.
func (g *glossary) resolvesTo(s string, f *knowledge.Fact) bool {
	ts := g.termsOf(g.byKey[glossaryKey(s)])
	return len(ts) == 1 && g.terms[ts[0]] == f
}

// button offers a term as "/define <name>" ("/istilah <name>" in Indonesian, so the
// language sticks), or by id when the name is too long for button data.
func (g *glossary) button(f *knowledge.Fact, lang knowledge.Lang) (Button, bool) {
	cmd := "/" + defineCommand + " "
	if lang == knowledge.ID {
		cmd = "/" + defineCommandID + " "
	}
	name := g.name(f, lang)
	data := cmd + name
	if len(data) > maxButtonData || !g.resolvesTo(name, f) {
		data = cmd + f.ID
	}
	if len(data) > maxButtonData {
		return Button{}, false
	}
	return Button{Label: truncateRunes(name, maxButtonLabel), Data: data}, true
}

// lookup is what a /define argument found.
type lookup struct {
	term      *knowledge.Fact   // the entry, when one fits confidently
	named     bool              // the whole text is one of the term's names
	corrected bool              // found by a typo or completion rather than a name
	lang      knowledge.Lang    // the language of the name that matched, "" when neutral
	near      []*knowledge.Fact // nearest terms otherwise (ambiguity included), best first
	fact      *knowledge.Fact   // not a term, but the matcher's confident answer to the text
}

// find looks a term up: by its names exactly (case, diacritics and filler words
// ignored), then as an unfinished name completed by the matcher, then by edit
// distance, then through the matcher's reading of the text as a question.
func (b *Bot) find(kb *view, g *glossary, arg string, lang knowledge.Lang) lookup {
	full := glossaryKey(arg)
	key := stripLeadIns(full)
	// A plural ("CBMs", "PoCs") names the same entry.
	plural, _ := strings.CutSuffix(key, "s")
	for _, k := range []string{full, key, plural} {
		if names := g.byKey[k]; len(names) > 0 && utf8.RuneCountInString(k) >= 2 {
			ts := g.termsOf(names)
			if len(ts) > 1 {
				return lookup{near: g.factsOf(ts)}
			}
			return lookup{term: g.terms[ts[0]], lang: g.names[names[0]].lang, named: k == full}
		}
	}
	if key == "" {
		return lookup{}
	}
	var completed []*knowledge.Fact
	for _, f := range kb.matcher.Complete(arg, lang, completeLimit) {
		if isGlossaryTerm(f) {
			completed = append(completed, f)
		}
	}
	if t, l, ok := g.completion(key, completed); ok {
		return lookup{term: t, lang: l, corrected: true}
	}
	typo := g.typos(key)
	switch len(typo.best) {
	case 0:
	case 1:
		n := g.names[typo.best[0]]
		return lookup{term: g.terms[n.term], lang: n.lang, corrected: true}
	default:
		// "UNODX" is one edit from UNODA and from UNODC: offer both, guess neither
		// (the matcher, asked next, would pick one).
		out := lookup{}
		for _, n := range typo.best {
			if len(out.near) < maxSuggestions {
				out.near = append(out.near, g.terms[g.names[n].term])
			}
		}
		return out
	}
	res := kb.matcher.Match(arg, lang)
	// The matcher reads whole questions ("what does open-ended mean in OEWG"). Its
	// answer stands when the text names the term; otherwise it corrected a word, which
	// for a glossary is a guess ("Komite II" is not the Third Committee), so the term
	// is only offered.
	if res.Answered && res.Best.Fact != nil && isGlossaryTerm(res.Best.Fact) && g.named(key, res.Best.Fact) {
		return lookup{term: res.Best.Fact}
	}
	out := lookup{}
	var near []*knowledge.Fact
	add := func(f *knowledge.Fact) {
		if f != nil && isGlossaryTerm(f) && !slices.Contains(near, f) && len(near) < maxSuggestions {
			near = append(near, f)
		}
	}
	if res.Answered && res.Best.Fact != nil {
		if isGlossaryTerm(res.Best.Fact) {
			add(res.Best.Fact)
		} else {
			out.fact = res.Best.Fact
		}
	}
	// The nearest terms: the matcher's guess, names a little further off, then what
	// the matcher completes or suggests.
	for _, n := range typo.close {
		add(g.terms[g.names[n].term])
	}
	for _, f := range completed {
		add(f)
	}
	for _, f := range res.Suggestions {
		add(f)
	}
	for _, c := range res.Candidates {
		add(c.Fact)
	}
	out.near = near
	return out
}

// named reports whether one of f's names occurs in key as whole words.
func (g *glossary) named(key string, f *knowledge.Fact) bool {
	padded := " " + key + " "
	for _, nm := range g.names {
		if g.terms[nm.term] == f && strings.Contains(padded, " "+nm.key+" ") {
			return true
		}
	}
	return false
}

func (g *glossary) factsOf(terms []int) []*knowledge.Fact {
	out := make([]*knowledge.Fact, 0, len(terms))
	for _, t := range terms {
		out = append(out, g.terms[t])
	}
	return out
}

// completion accepts the matcher's best completing term when the text is the
// beginning of one of its names, long enough and covering most of the name, and no
// other completed term has such a name.
func (g *glossary) completion(key string, completed []*knowledge.Fact) (*knowledge.Fact, knowledge.Lang, bool) {
	n := utf8.RuneCountInString(key)
	if n < minPrefixRunes {
		return nil, "", false
	}
	words := strings.Fields(key)
	last := words[len(words)-1]
	var found *knowledge.Fact
	var lang knowledge.Lang
	for _, f := range completed {
		for _, nm := range g.names {
			if g.terms[nm.term] != f || !strings.HasPrefix(nm.key, key) {
				continue
			}
			if float64(n) < minPrefixShare*float64(utf8.RuneCountInString(nm.key)) {
				continue
			}
			// An unfinished word must be long enough to mean one word: "Komite II" is
			// not the beginning of "Komite III", nor "norm 13" of "norm 13c".
			if rest := nm.key[len(key):]; rest != "" && rest[0] != ' ' &&
				(utf8.RuneCountInString(last) < minPrefixRunes || strings.ContainsAny(last, "0123456789")) {
				continue
			}
			if found != nil && found != f {
				return nil, "", false
			}
			found, lang = f, nm.lang
		}
	}
	return found, lang, found != nil
}

// typoMatches are the names within the typo budget of a text (best: at the least
// distance) and those one edit further (close: offered, never answered).
type typoMatches struct{ best, close []int }

// typoBudget is the edits a word of n runes may carry and still be recognised: none
// below 4 runes, one for 4–7, two from 8 — the tiers the knowledge matcher uses.
func typoBudget(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

func (g *glossary) typos(key string) typoMatches {
	words := strings.Fields(key)
	n := utf8.RuneCountInString(key)
	bestD := -1
	var best, close []int
	type scored struct{ name, d int }
	var near []scored
	for i, nm := range g.names {
		m := utf8.RuneCountInString(nm.key)
		if abs(m-n) > 3 {
			continue
		}
		d, within, nearly := wordTypos(words, strings.Fields(nm.key))
		switch {
		case d == 0:
			continue // exact names were tried first; a zero here is the ambiguous case
		case within:
			if bestD < 0 || d < bestD {
				bestD, best = d, best[:0]
			}
			if d == bestD {
				best = append(best, i)
			}
		case nearly && m >= 3:
			near = append(near, scored{i, d})
		}
	}
	sort.SliceStable(near, func(a, b int) bool { return near[a].d < near[b].d })
	for _, s := range near {
		close = append(close, s.name)
	}
	// Names of one term tie harmlessly ("norm", "norma"); only distinct terms are ambiguous.
	return typoMatches{best: g.oneNamePerTerm(best), close: g.oneNamePerTerm(close)}
}

// wordTypos compares a text with a name word by word, each word within its own typo
// budget: "frist committee" is "first committee", but "Komite II" is not "Komite III"
// (a two-letter word allows no edit) and "norm 13b" is not "norm 13c" (numbers allow
// none). d is the total of edits, nearly is one edit more per word (offered, never
// answered).
func wordTypos(text, name []string) (d int, within, nearly bool) {
	if len(text) != len(name) {
		return -1, false, false
	}
	within, nearly = true, true
	for i := range text {
		w, v := text[i], name[i]
		dw := editDistance(w, v)
		budget := typoBudget(min(utf8.RuneCountInString(w), utf8.RuneCountInString(v)))
		if strings.ContainsAny(w+v, "0123456789") {
			budget = 0
		}
		// Three-letter abbreviations get no edit, except two neighbours swapped
		// ("CMB" for "CBM"): same letters, and the reply says what it corrected.
		if budget == 0 && len(w) == 3 && len(v) == 3 && dw == 1 && sameRunes(w, v) {
			budget = 1
		}
		within = within && dw <= budget
		nearly = nearly && dw <= budget+1
		d += dw
	}
	return d, within, nearly
}

func (g *glossary) oneNamePerTerm(names []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, n := range names {
		if t := g.names[n].term; !seen[t] {
			seen[t] = true
			out = append(out, n)
		}
	}
	return out
}

func sameRunes(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	slices.Sort(ra)
	slices.Sort(rb)
	return slices.Equal(ra, rb)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// handleDefine answers /define, /istilah, /arti: a term's definition, the list of
// terms, or a polite "not in the glossary" with the nearest terms.
func (b *Bot) handleDefine(ctx context.Context, m *Message) *Reply {
	lang, src := LangFrom(ctx)
	arg := Args(m)
	kb := b.kb(ctx)
	g := newGlossary(kb.base)
	if arg == "" {
		return b.glossaryPage(g, lang, 1)
	}
	if sm := glossaryPageRe.FindStringSubmatch(strings.ToLower(arg)); sm != nil {
		page, _ := strconv.Atoi(sm[1])
		return b.glossaryPage(g, lang, page)
	}
	// The reply language follows the same rule as answers: the chat's choice, else the
	// language the text is written in, else the command's or the client's. A bare
	// term name is not a sentence in a language: the command's language holds, and
	// only without one does the name's ("infrastruktur kritis") decide. A single word
	// tells no language either: "ITU" is not Indonesian "itu".
	detected, confident := knowledge.DetectLang(arg)
	confident = confident && len(strings.Fields(arg)) > 1
	if src != LangChosen && confident {
		lang = detected
	}
	found := b.find(kb, g, arg, lang)
	if found.term == nil {
		return b.notInGlossary(g, arg, found, lang)
	}
	if found.named && src != LangChosen {
		lang, _ = LangFrom(ctx)
	}
	if src == LangDefault && found.lang != "" && (found.named || !confident) {
		lang = found.lang
	}
	return b.definitionReply(kb, g, found.term, arg, found.corrected, lang)
}

// definitionReply renders a glossary entry: the definition, its sources, and a
// pointer to the fuller fact about the same thing when there is one.
func (b *Bot) definitionReply(kb *view, g *glossary, f *knowledge.Fact, typed string, corrected bool, lang knowledge.Lang) *Reply {
	r := &Reply{
		Kind:    KindAnswer,
		Lang:    lang,
		Title:   f.Title(lang),
		FactID:  f.ID,
		Sources: append([]knowledge.Source(nil), f.Sources...),
		Footer:  text(lang, "answer.footer", f.ID),
	}
	if corrected {
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: text(lang, "define.corrected", g.name(f, lang), truncateRunes(typed, 64)), Style: Italic}}})
	}
	r.Blocks = append(r.Blocks, para(f.Answer(lang)))
	if f.AsOf != "" {
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: text(lang, "answer.asof", f.AsOf), Style: Italic}}})
	}
	fuller := fullerFact(kb.base, f)
	if fuller != nil {
		r.Blocks = append(r.Blocks, Block{Spans: []Span{
			{Text: text(lang, "define.more") + " "}, {Text: fuller.Title(lang), Style: Bold}, {Text: " — "},
			{Text: "/" + factCommand(lang) + " " + fuller.ID, Style: Code}}})
		r.Buttons = append(r.Buttons, factButtons([]*knowledge.Fact{fuller}, lang)...)
	}
	for _, id := range f.Related {
		if len(r.Buttons) == maxRelated {
			break
		}
		rf, ok := kb.base.Get(id)
		if !ok || rf == fuller {
			continue
		}
		if isGlossaryTerm(rf) {
			if btn, ok := g.button(rf, lang); ok {
				r.Buttons = append(r.Buttons, []Button{btn})
			}
			continue
		}
		r.Buttons = append(r.Buttons, factButtons([]*knowledge.Fact{rf}, lang)...)
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
func (b *Bot) notInGlossary(g *glossary, arg string, found lookup, lang knowledge.Lang) *Reply {
	r := &Reply{Kind: KindNotSure, Lang: lang, Blocks: []Block{para(text(lang, "define.unknown", truncateRunes(arg, 64)))}}
	if found.fact != nil {
		r.Blocks = append(r.Blocks, para(text(lang, "define.fact")))
		r.Buttons = append(r.Buttons, factButtons([]*knowledge.Fact{found.fact}, lang)...)
	}
	var rows [][]Button
	for _, f := range found.near {
		if btn, ok := g.button(f, lang); ok {
			rows = append(rows, []Button{btn})
		}
	}
	if len(rows) > 0 {
		r.Blocks = append(r.Blocks, para(text(lang, "define.didyou")))
		r.Buttons = append(r.Buttons, rows...)
	}
	r.Blocks = append(r.Blocks, para(text(lang, "define.browse")))
	return r
}

// glossaryPage lists the terms alphabetically in the reply language, a page at a time.
func (b *Bot) glossaryPage(g *glossary, lang knowledge.Lang, page int) *Reply {
	r := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "define.title")}
	if len(g.terms) == 0 {
		r.Blocks = []Block{para(text(lang, "define.empty"))}
		return r
	}
	type entry struct {
		f          *knowledge.Fact
		name, sort string
	}
	entries := make([]entry, len(g.terms))
	for i, f := range g.terms {
		name := g.name(f, lang)
		entries[i] = entry{f, name, glossaryKey(name)}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].sort != entries[j].sort {
			return entries[i].sort < entries[j].sort
		}
		return entries[i].f.ID < entries[j].f.ID
	})
	pages := (len(entries) + glossaryPageSize - 1) / glossaryPageSize
	if page < 1 || page > pages {
		r.Kind = KindError
		r.Blocks = []Block{para(text(lang, "define.nopage", page, pages))}
		r.Buttons = [][]Button{{{Label: "1", Data: glossaryPageCommand(lang, 1)}}}
		return r
	}
	cmd := "/" + defineCommand
	if lang == knowledge.ID {
		cmd = "/" + defineCommandID
	}
	r.Blocks = append(r.Blocks, para(text(lang, "define.list", len(entries), cmd)))
	shown := entries[(page-1)*glossaryPageSize : min(page*glossaryPageSize, len(entries))]
	names := make([]string, len(shown))
	var row []Button
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
	r.Blocks = append(r.Blocks, para(strings.Join(names, " · ")))
	if pages > 1 {
		r.Footer = text(lang, "define.page", page, pages)
		var nav []Button
		if page > 1 {
			nav = append(nav, Button{Label: text(lang, "timeline.prev"), Data: glossaryPageCommand(lang, page-1)})
		}
		if page < pages {
			nav = append(nav, Button{Label: text(lang, "timeline.next"), Data: glossaryPageCommand(lang, page+1)})
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
