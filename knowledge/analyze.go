package knowledge

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"
)

// termKind says how a term takes part in matching and in the decision.
type termKind uint8

const (
	termWord    termKind = iota // a stemmed word
	termConcept                 // a curated concept key ("~gge"), from any spelling in either language
	termAngle                   // a question angle ("?when", "?who"): tells angles apart, never proves a question on topic
	termSymbol                  // a UN document symbol or its numeric tail
	termYear                    // a four-digit year
	termNumber                  // another number ("11", "13f")
)

// aTerm is one analysed term of a text.
type aTerm struct {
	text string
	kind termKind
	// alt is a second spelling of the same word (the other language's stem) that a
	// query may match instead; empty when both stems agree or for non-words.
	alt string
	// weight is below 1 for typo-corrected words.
	weight float64
	// sub marks a word inside a multi-word concept name, emitted besides the concept.
	sub bool
	// described marks a word of the description by which the question names its
	// subject (describe.go): the subject's name, added to the question, says
	// the same thing, so the word weighs less.
	described bool
}

// conceptPhrase is one spelling of a concept, as a sequence of surface tokens.
type conceptPhrase struct {
	words []string
	key   string
}

// lexicon holds the concept table compiled for lookup. It is built once at package
// initialisation and only read afterwards.
type lexicon struct {
	// byFirst maps a phrase's first token to its phrases, longest first.
	byFirst map[string][]conceptPhrase
	// byStem maps the English stem of single-word spellings to their concept, so
	// unlisted inflections ("reporting", "signatories") still meet their concept.
	byStem map[string]string
	// words is every token that occurs in a concept phrase (for spelling
	// correction); true marks words of names and subjects, false words that only
	// occur in question angles ("kapan", "gara"), which short typos must not
	// become ("gaza" is not "gara").
	words map[string]bool
}

var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{byFirst: map[string][]conceptPhrase{}, byStem: map[string]string{}, words: map[string]bool{}}
	for _, c := range concepts {
		key := c.key
		if !strings.HasPrefix(key, "?") {
			key = "~" + key
		}
		for _, p := range strings.Split(c.phrases, "|") {
			var words []string
			for _, t := range tokenize(normalize(p)) {
				words = append(words, t.text)
				l.words[t.text] = l.words[t.text] || key[0] != '?'
			}
			if len(words) == 0 {
				continue
			}
			dup := false
			for _, e := range l.byFirst[words[0]] {
				if strings.Join(e.words, " ") == strings.Join(words, " ") {
					dup = true
				}
			}
			if dup {
				continue
			}
			l.byFirst[words[0]] = append(l.byFirst[words[0]], conceptPhrase{words: words, key: key})
			if len(words) == 1 && len(words[0]) >= 4 {
				if _, taken := l.byStem[english.Stem(words[0], true)]; !taken {
					l.byStem[english.Stem(words[0], true)] = key
				}
			}
		}
	}
	for k, ps := range l.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		l.byFirst[k] = ps
	}
	return l
}

// stemMode chooses the stemmer for a text whose language is known (fact fields) or
// both for text that may be either (aliases, questions).
type stemMode uint8

const (
	stemEnglish stemMode = iota
	stemIndonesian
	stemBoth
)

// stemCache memoises stems of words; the analyzer of one Matcher owns one. Reads
// after NewMatcher are concurrent, so a query-time miss is computed, not stored.
type stemCache struct {
	en, id  map[string]string
	singles map[singleKey]singleResult
	frozen  bool
}

func newStemCache() *stemCache {
	// Sized for a few hundred facts: growing the maps was a fifth of the index
	// build's allocation.
	return &stemCache{en: make(map[string]string, 2048), id: make(map[string]string, 2048),
		singles: make(map[singleKey]singleResult, 6144)}
}

func (c *stemCache) stemEN(w string) string {
	if s, ok := c.en[w]; ok {
		return s
	}
	s := english.Stem(w, true)
	if !c.frozen {
		c.en[w] = s
	}
	return s
}

func (c *stemCache) stemID(w string) string {
	if s, ok := c.id[w]; ok {
		return s
	}
	s := stemID(w)
	if !c.frozen {
		c.id[w] = s
	}
	return s
}

// wordToken is a token after colloquial expansion and spelling correction.
type wordToken struct {
	text   string
	kind   tokKind
	weight float64
}

// analyzeTokens turns tokens into terms: colloquial forms expanded, misspelled
// words repaired by correct (when set), concepts recognised (longest spelling
// first), stop words dropped, remaining words stemmed.
func analyzeTokens(raw []rawToken, mode stemMode, stems *stemCache, correct func(string) (string, int)) []aTerm {
	out, _ := analyzeTokensBuf(raw, mode, stems, correct, make([]wordToken, 0, len(raw)))
	return out
}

// analyzeTokensBuf is analyzeTokens with a scratch buffer for the intermediate
// tokens, returned for reuse (the index build analyses thousands of texts).
func analyzeTokensBuf(raw []rawToken, mode stemMode, stems *stemCache, correct func(string) (string, int), toks []wordToken) ([]aTerm, []wordToken) {
	toks = toks[:0]
	for _, t := range raw {
		w := wordToken{text: t.text, kind: t.kind, weight: 1}
		if t.kind == tokWord {
			c, ok := colloquial[t.text]
			// An ordinal is never a typo ("8th" is not "6th"), though no fact spells it.
			if !ok && correct != nil && ordinalNumbers[t.text] == 0 {
				var edits int
				if c, edits = correct(t.text); c != "" {
					w.weight = typoWeight(edits)
					if lex.words[c] {
						w.weight = conceptTypoWeight(edits)
					}
				}
			}
			if c != "" {
				// A chat form may stand for several words ("ttd" → "tanda tangan"):
				// each is a token, so that concepts spelled with them still match.
				first, rest, more := strings.Cut(c, " ")
				w.text = first
				for more {
					toks = append(toks, w)
					first, rest, more = strings.Cut(rest, " ")
					w = wordToken{text: first, kind: tokWord, weight: w.weight}
				}
			}
		}
		toks = append(toks, w)
	}
	markNormLetters(toks)
	markOrdinals(toks)
	markNormOrdinals(toks)
	out := make([]aTerm, 0, len(toks))
	for i := 0; i < len(toks); {
		key, n, weight := matchConcept(toks, i)
		if n == 0 {
			out = appendSingle(out, toks[i], mode, stems, false)
			i++
			continue
		}
		out = append(out, aTerm{text: key, kind: conceptKind(key), weight: weight})
		if n > 1 {
			// The words of a multi-word name still count on their own, weakly:
			// "Budapest Convention" is also a convention, "kelompok kerja terbuka"
			// also a kelompok kerja.
			for k := i; k < i+n; k++ {
				out = appendSingle(out, toks[k], mode, stems, true)
			}
		}
		i += n
	}
	return out, toks
}

func conceptKind(key string) termKind {
	if key[0] == '?' {
		return termAngle
	}
	return termConcept
}

// appendSingle analyses one token on its own: a one-word concept, a symbol, year
// or number, a stop word (dropped) or a stemmed word.
func appendSingle(out []aTerm, t wordToken, mode stemMode, stems *stemCache, sub bool) []aTerm {
	if t.kind == tokWord {
		key := singleKey{t.text, mode, sub}
		r, ok := stems.singles[key]
		if !ok {
			one := analyzeSingle(nil, wordToken{text: t.text, kind: tokWord, weight: 1}, mode, stems, sub)
			if len(one) == 1 {
				r = singleResult{term: one[0], keep: true}
			}
			if !stems.frozen {
				stems.singles[key] = r
			}
		}
		if !r.keep {
			return out
		}
		a := r.term
		a.weight = t.weight
		return append(out, a)
	}
	return analyzeSingle(out, t, mode, stems, sub)
}

// singleKey and singleResult memoise appendSingle per word form: fact texts
// repeat their words many times, and query words are mostly words of the facts.
type singleKey struct {
	text string
	mode stemMode
	sub  bool
}

type singleResult struct {
	term aTerm
	keep bool // false: a stop word or too short
}

func analyzeSingle(out []aTerm, t wordToken, mode stemMode, stems *stemCache, sub bool) []aTerm {
	switch t.kind {
	case tokSymbol:
		return append(out, aTerm{text: t.text, kind: termSymbol, weight: 1, sub: sub})
	case tokYear:
		return append(out, aTerm{text: t.text, kind: termYear, weight: 1, sub: sub})
	case tokNumber:
		return append(out, aTerm{text: t.text, kind: termNumber, weight: 1, sub: sub})
	}
	if stopEN[t.text] || stopID[t.text] || len(t.text) < 2 {
		return out
	}
	if sub {
		for _, p := range lex.byFirst[t.text] {
			if len(p.words) == 1 {
				return append(out, aTerm{text: p.key, kind: conceptKind(p.key), weight: t.weight, sub: true})
			}
		}
	}
	if key, ok := conceptByInflection(t.text, stems); ok {
		return append(out, aTerm{text: key, kind: conceptKind(key), weight: t.weight, sub: sub})
	}
	a := aTerm{kind: termWord, weight: t.weight, sub: sub}
	switch mode {
	case stemEnglish:
		a.text = stems.stemEN(t.text)
	case stemIndonesian:
		a.text = stems.stemID(t.text)
	default:
		a.text = stems.stemEN(t.text)
		if s := stems.stemID(t.text); s != a.text {
			a.alt = s
		}
	}
	return append(out, a)
}

// typoWeight discounts a corrected word: a guess is weaker evidence than a match.
func typoWeight(edits int) float64 {
	if edits == 0 {
		return 1 // a colloquial form, not a typo
	}
	if edits == 1 {
		return 0.75
	}
	return 0.55
}

// conceptTypoWeight discounts a word corrected into a spelling of a curated
// concept ("prtama" → "pertama", "dibntuk" → "dibentuk"): the concept table is
// small and made of the words students ask with, so one edit away from one of
// them is a surer guess than one edit away from any word the facts happen to use.
// Two edits stay a weak guess ("findings" is not "binding").
func conceptTypoWeight(edits int) float64 {
	if edits == 1 {
		return 0.9
	}
	return typoWeight(edits)
}

// matchConcept finds the longest concept spelling that starts at toks[i].
func matchConcept(toks []wordToken, i int) (key string, n int, weight float64) {
	t := toks[i]
	if t.kind == tokSymbol || t.kind == tokYear {
		return "", 0, 0
	}
	for _, p := range lex.byFirst[t.text] {
		if i+len(p.words) > len(toks) {
			continue
		}
		ok := true
		w := 1.0
		for k, pw := range p.words {
			if toks[i+k].text != pw {
				ok = false
				break
			}
			if toks[i+k].weight < w {
				w = toks[i+k].weight
			}
		}
		if ok {
			return p.key, len(p.words), w
		}
	}
	return "", 0, 0
}

// conceptByInflection catches inflected single words the table does not list:
// Indonesian clitics (-nya, -lah, -kah, -pun) and English inflections.
func conceptByInflection(w string, stems *stemCache) (string, bool) {
	for _, suf := range []string{"nya", "lah", "kah", "pun"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			if ps := lex.byFirst[w[:len(w)-len(suf)]]; len(ps) > 0 {
				for _, p := range ps {
					if len(p.words) == 1 {
						return p.key, true
					}
				}
			}
		}
	}
	if len(w) >= 4 {
		if key, ok := lex.byStem[stems.stemEN(w)]; ok {
			return key, true
		}
	}
	return "", false
}

// markNormLetters rewrites the letter after a norm word into the paragraph token
// the facts use ("norma d" → "13d"), so a lone letter, otherwise dropped as too
// short, names its norm. A bare "13" before the letter is absorbed.
func markNormLetters(toks []wordToken) {
	for i := 0; i+1 < len(toks); i++ {
		next := toks[i+1].text
		if !normWords[toks[i].text] || toks[i+1].kind != tokWord || len(next) != 1 || next[0] < 'a' || next[0] > 'k' {
			continue
		}
		toks[i+1] = wordToken{text: "13" + next, kind: tokNumber, weight: 1}
		if toks[i].text == "13" {
			toks[i].text, toks[i].kind = "", tokWord // dropped as too short below
		}
	}
}

// markNormOrdinals rewrites a norm named by its place among the eleven into the
// paragraph token markNormLetters gives its letter: "norma ketiga", "norma yg ke-7"
// and "the fifth norm" become "13c", "13g" and "13e". Indonesian puts the ordinal
// after the noun, English before it, so "norms first agreed" is left alone, and an
// ordinal followed by a time word ("norma pertama kali …") says when, not which.
func markNormOrdinals(toks []wordToken) {
	for i, t := range toks {
		if !normNouns[t.text] {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].text == "" || toks[j].text == "yang" || toks[j].text == "yg") {
			j++
		}
		if j+1 < len(toks) && normNumberWords[toks[j].text] && toks[j+1].kind == tokNumber {
			// "norma nomor 7", "norm number 3": the number is the norm's place.
			if n, err := strconv.Atoi(toks[j+1].text); err == nil && n >= 1 && n <= 11 {
				setNormLetter(toks[j:j+2], n)
				continue
			}
		}
		if j < len(toks) {
			n, width := indonesianOrdinalAt(toks, j)
			if n > 0 && (j+width >= len(toks) || !ordinalTimeWords[toks[j+width].text]) {
				setNormLetter(toks[j:j+width], n)
				continue
			}
		}
		// "the fifth norm", "the fifth of the 11 norms"; a plural right after the
		// ordinal is a set ("the first norms report"), not one norm.
		k := i - 1
		for k > 0 && normPartitive[toks[k].text] {
			k--
		}
		if k >= 0 && (k < i-1 || !normPlurals[t.text]) {
			if n := ordinalNumbers[toks[k].text]; n > 0 && !indonesianOrdinal(toks[k].text) {
				setNormLetter(toks[k:k+1], n)
			}
		}
	}
}

// indonesianOrdinalAt reads an Indonesian ordinal at toks[j] — "ketiga", "ke3", or
// "ke" and a number, as "ke-7" is split — and returns its number and how many tokens
// it spans; 0 when there is none.
func indonesianOrdinalAt(toks []wordToken, j int) (n, width int) {
	w := toks[j].text
	if n := ordinalNumbers[w]; n > 0 && indonesianOrdinal(w) {
		return n, 1
	}
	if digits, ok := strings.CutPrefix(w, "ke"); ok && digits != "" {
		if n, err := strconv.Atoi(digits); err == nil && n > 0 {
			return n, 1
		}
	}
	if w == "ke" && j+1 < len(toks) && toks[j+1].kind == tokNumber {
		if n, err := strconv.Atoi(toks[j+1].text); err == nil && n > 0 {
			return n, 2
		}
	}
	return 0, 0
}

// indonesianOrdinal tells an Indonesian ordinal word ("pertama", "ketiga") from an
// English one in the shared ordinal table.
func indonesianOrdinal(w string) bool {
	return w == "pertama" || strings.HasPrefix(w, "ke")
}

// setNormLetter puts the paragraph token of the nth norm in span's last token and
// empties the others. Beyond the eleventh there is no norm: the ordinal is left as
// written, so a "twelfth norm" stays a question about something that does not exist.
func setNormLetter(span []wordToken, n int) {
	if n < 1 || n > 11 {
		return
	}
	for k := range span[:len(span)-1] {
		span[k] = wordToken{text: "", kind: tokWord, weight: 1}
	}
	span[len(span)-1] = wordToken{text: "13" + string(rune('a'+n-1)), kind: tokNumber, weight: 1}
}

// markCountryCodes rewrites capitalised codes that case folding would merge
// with common words: "AS" (Amerika Serikat) and "US"/"U.S." become "USA" (not
// "as", "us"), "GA" becomes "UNGA" (not the chat "ga" = "nggak"). Text written
// mostly in capitals is left alone: there the case says nothing.
func markCountryCodes(s string) string {
	if !strings.Contains(s, "AS") && !strings.Contains(s, "US") && !strings.Contains(s, "U.S.") && !strings.Contains(s, "GA") {
		return s
	}
	if mostlyCapitals(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		if to, n := capitalCodeAt(s, i); n > 0 {
			b.WriteString(to)
			i += n
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// mostlyCapitals reports whether more than half of the ASCII letters of s are
// capitals.
func mostlyCapitals(s string) bool {
	upper, letters := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			upper++
			letters++
		case c >= 'a' && c <= 'z':
			letters++
		}
	}
	return upper*2 > letters
}

// capitalCodeAt returns the rewrite of the code standing as a word at s[i] and
// its length, or 0.
func capitalCodeAt(s string, i int) (string, int) {
	if s[i] != 'A' && s[i] != 'U' && s[i] != 'G' {
		return "", 0
	}
	for _, c := range capitalCodes {
		if strings.HasPrefix(s[i:], c.code) && (i == 0 || !isASCIIAlnum(s[i-1])) &&
			(i+len(c.code) == len(s) || !isASCIIAlnum(s[i+len(c.code)])) {
			return c.to, len(c.code)
		}
	}
	return "", 0
}

var capitalCodes = []struct{ code, to string }{{"U.S.", "USA"}, {"AS", "USA"}, {"US", "USA"}, {"GA", "UNGA"}}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// markOrdinals rewrites an Indonesian ordinal written with its number, "ke-6" / "ke
// 6" (tokenised as "ke", "6") or "ke6" (one word), into "keenam", the ordinal the
// concept table knows, as in "GGE ke-6" (vocab/followup.toml). A number a counted
// noun follows ("ke 11 norma") is not an ordinal.
func markOrdinals(toks []wordToken) {
	counted := func(i int) bool { return i < len(toks) && countedNouns[toks[i].text] }
	for i := 0; i < len(toks); i++ {
		switch {
		case i+1 < len(toks) && toks[i+1].kind == tokNumber && !counted(i+2):
			if w, ok := numberedOrdinal(toks[i].text, toks[i+1].text); ok {
				toks[i] = wordToken{text: "", kind: tokWord, weight: 1} // dropped as too short
				toks[i+1] = wordToken{text: w, kind: tokWord, weight: 1}
			}
		case toks[i].kind == tokWord && !counted(i+1):
			if w, ok := gluedOrdinal(toks[i].text); ok {
				toks[i] = wordToken{text: w, kind: tokWord, weight: toks[i].weight}
			}
		}
	}
}
