package knowledge

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The glossary's look-up: facts of kind "term" found by their names, forgiving case,
// diacritics, filler words ("what is a …"), unfinished words and typos, with the
// matcher as the last resort. It sits beside the matcher it leans on; the bot renders
// what it finds (/define).

const (
	// minPrefixRunes and minPrefixShare gate an unfinished word: "konsens" may stand
	// for "konsensus", but "cyber" must not stand for "Cyber Policy Portal".
	minPrefixRunes = 4
	minPrefixShare = 0.6
	// completeLimit is how many facts the matcher's completion is asked for before
	// keeping the glossary's own.
	completeLimit = 40
	// glossaryNear is how many terms a look-up offers when it finds none for sure.
	glossaryNear = 3
)

// GlossaryKey is the form terms are compared in: lower case, diacritics and
// punctuation dropped, words separated by one space ("CERT/CSIRT" → "cert csirt").
func GlossaryKey(s string) string {
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

// asciiKey is GlossaryKey for ASCII text, the common case, without the Unicode tables.
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

// stripLeadIns removes the filler words of vocab/lexicon.toml's [glossary] table
// ("what is a CBM", "CBM itu apa") from around a glossary key.
func stripLeadIns(key string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range glossaryLeads {
			if rest, ok := strings.CutPrefix(key, p+" "); ok && rest != "" {
				key, changed = rest, true
			}
		}
		for _, s := range glossaryTails {
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
	lang Lang // the title's language; "" for ids and aliases, which are either
	term int
}

// Glossary is the base's terms and their names, built for one message from the
// message's snapshot (a few dozen terms: building is cheaper than caching across reloads).
type Glossary struct {
	base  *Base
	terms []*Fact
	names []glossaryName
	byKey map[string][]int // key → indexes into names
}

// IsTerm tells glossary entries from the other facts.
func (f *Fact) IsTerm() bool { return f.Kind == KindTerm }

// NewGlossary indexes the base's terms by their ids, titles and aliases.
func NewGlossary(base *Base) *Glossary {
	g := &Glossary{base: base}
	names := 0
	for _, f := range base.Facts() {
		if f.IsTerm() {
			g.terms = append(g.terms, f)
			names += 5 + len(f.Aliases)
		}
	}
	g.names = make([]glossaryName, 0, names)
	g.byKey = make(map[string][]int, names)
	for i, f := range g.terms {
		add := func(s string, lang Lang) {
			k := GlossaryKey(s)
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
		for _, l := range []Lang{EN, ID} {
			add(f.Title(l), l)
			add(StripQualifier(f.Title(l)), l)
		}
		for _, a := range f.Aliases {
			add(a, "")
		}
	}
	return g
}

// StripQualifier drops a trailing parenthesis from a title: "GGE (glossary)" → "GGE",
// "First Committee (Disarmament and International Security)" → "First Committee".
func StripQualifier(title string) string {
	t := strings.TrimSpace(title)
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndex(t, " ("); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// Terms are the glossary's entries in base order.
func (g *Glossary) Terms() []*Fact { return g.terms }

// Named returns the distinct terms that s is a name of.
func (g *Glossary) Named(s string) []*Fact { return g.factsOf(g.termsOf(g.byKey[GlossaryKey(s)])) }

// termsOf returns the distinct terms the names refer to, in name order.
func (g *Glossary) termsOf(names []int) []int {
	var out []int
	for _, n := range names {
		if t := g.names[n].term; !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// Resolves reports whether typing s finds exactly f.
func (g *Glossary) Resolves(s string, f *Fact) bool {
	ts := g.termsOf(g.byKey[GlossaryKey(s)])
	return len(ts) == 1 && g.terms[ts[0]] == f
}

// GlossaryResult is what a look-up found.
type GlossaryResult struct {
	Term      *Fact   // the entry, when one fits confidently
	Named     bool    // the whole text is one of the term's names
	Corrected bool    // found by a typo or completion rather than a name
	Lang      Lang    // the language of the name that matched, "" when neutral
	Near      []*Fact // nearest terms otherwise (ambiguity included), best first
	Fact      *Fact   // not a term, but the matcher's confident answer to the text
}

// GlossaryMatcher is what a look-up asks of the matcher (*Matcher has it).
type GlossaryMatcher interface {
	Complete(partial string, lang Lang, limit int) []*Fact
	Match(question string, hint Lang) Result
}

// Lookup looks a term up: by its names exactly (case, diacritics and filler words
// ignored), then as an unfinished name completed by the matcher, then by edit
// distance, then through the matcher's reading of the text as a question.
func (g *Glossary) Lookup(arg string, lang Lang, m GlossaryMatcher) GlossaryResult {
	full := GlossaryKey(arg)
	key := stripLeadIns(full)
	if r, ok := g.byName(full, key); ok {
		return r
	}
	if key == "" {
		return GlossaryResult{}
	}
	var completed []*Fact
	for _, f := range m.Complete(arg, lang, completeLimit) {
		if f.IsTerm() {
			completed = append(completed, f)
		}
	}
	if t, l, ok := g.completion(key, completed); ok {
		return GlossaryResult{Term: t, Lang: l, Corrected: true}
	}
	typo := g.typos(key)
	if r, ok := g.byTypo(typo); ok {
		return r
	}
	return g.byMatcher(m.Match(arg, lang), key, typo, completed)
}

// byName finds the term the text, its key without filler words, or their singular
// ("CBMs", "PoCs") names; two terms of one name are both offered.
func (g *Glossary) byName(full, key string) (GlossaryResult, bool) {
	plural, _ := strings.CutSuffix(key, "s")
	for _, k := range []string{full, key, plural} {
		if names := g.byKey[k]; len(names) > 0 && utf8.RuneCountInString(k) >= 2 {
			ts := g.termsOf(names)
			if len(ts) > 1 {
				return GlossaryResult{Near: g.factsOf(ts)}, true
			}
			return GlossaryResult{Term: g.terms[ts[0]], Lang: g.names[names[0]].lang, Named: k == full}, true
		}
	}
	return GlossaryResult{}, false
}

// byTypo accepts the one term within the typo budget. "UNODX" is one edit from UNODA
// and from UNODC: both are offered, neither guessed (the matcher, asked next, would
// pick one).
func (g *Glossary) byTypo(typo typoMatches) (GlossaryResult, bool) {
	switch len(typo.best) {
	case 0:
		return GlossaryResult{}, false
	case 1:
		n := g.names[typo.best[0]]
		return GlossaryResult{Term: g.terms[n.term], Lang: n.lang, Corrected: true}, true
	}
	out := GlossaryResult{}
	for _, n := range typo.best {
		if len(out.Near) < glossaryNear {
			out.Near = append(out.Near, g.terms[g.names[n].term])
		}
	}
	return out, true
}

// byMatcher reads the matcher's verdict on the whole text ("what does open-ended mean
// in OEWG"). Its answer stands when the text names the term; otherwise it corrected a
// word, which for a glossary is a guess ("Komite II" is not the Third Committee), so
// the term is only offered, with the nearest others: names a little further off,
// then what the matcher completes or suggests.
func (g *Glossary) byMatcher(res Result, key string, typo typoMatches, completed []*Fact) GlossaryResult {
	best := res.Best.Fact
	if !res.Answered {
		best = nil
	}
	if best != nil && best.IsTerm() && g.named(key, best) {
		return GlossaryResult{Term: best}
	}
	out := GlossaryResult{}
	add := func(f *Fact) {
		if f != nil && f.IsTerm() && !slices.Contains(out.Near, f) && len(out.Near) < glossaryNear {
			out.Near = append(out.Near, f)
		}
	}
	if best != nil && !best.IsTerm() {
		out.Fact = best
	}
	add(best)
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
	return out
}

// named reports whether one of f's names occurs in key as whole words.
func (g *Glossary) named(key string, f *Fact) bool {
	padded := " " + key + " "
	for _, nm := range g.names {
		if g.terms[nm.term] == f && strings.Contains(padded, " "+nm.key+" ") {
			return true
		}
	}
	return false
}

func (g *Glossary) factsOf(terms []int) []*Fact {
	out := make([]*Fact, 0, len(terms))
	for _, t := range terms {
		out = append(out, g.terms[t])
	}
	return out
}

// completion accepts the matcher's best completing term when the text is the
// beginning of one of its names, long enough and covering most of the name, and no
// other completed term has such a name.
func (g *Glossary) completion(key string, completed []*Fact) (*Fact, Lang, bool) {
	n := utf8.RuneCountInString(key)
	if n < minPrefixRunes {
		return nil, "", false
	}
	words := strings.Fields(key)
	last := words[len(words)-1]
	var found *Fact
	var lang Lang
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

func (g *Glossary) typos(key string) typoMatches {
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
		dw := osaDistance([]rune(w), v, maxWordEdits)
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

func (g *Glossary) oneNamePerTerm(names []int) []int {
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

// maxWordEdits bounds the distance wordTypos computes: far beyond any typo budget.
const maxWordEdits = 64
