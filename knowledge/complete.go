package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"
)

// maxFuzzyPattern caps the pattern given to sahilm/fuzzy: its score compounds per
// adjacent matched rune and overflows int64 near 40 (research §C.2), and a name
// longer than this is not a name any more.
const maxFuzzyPattern = 32

// nameIndex lists the short names of every fact (id, titles, aliases, symbols) for
// sahilm/fuzzy, which is built for exactly that: short names typed partially.
type nameIndex struct {
	names []string // normalised
	fact  []int32  // fact index of each name
	lang  []Lang   // the language of a title, "" for language-neutral names
	masks []uint64 // runeMask of each name
}

// runeMask sets one bit per letter, digit and separator class in s. A name can
// match a pattern only if it has every rune of the pattern (fuzzy matching is
// in-order subsequence matching), so names whose mask lacks a bit of the
// pattern's are skipped without running the matcher.
func runeMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << (26 + r - '0')
		case r == '/':
			m |= 1 << 36
		case r >= 0x80:
			m |= 1 << 37
		}
	}
	return m
}

// subset is a Source over some names of the index.
type subset struct {
	ni  *nameIndex
	idx []int32
}

func (s subset) String(i int) string { return s.ni.names[s.idx[i]] }
func (s subset) Len() int            { return len(s.idx) }

func buildNameIndex(facts []*Fact) *nameIndex {
	ni := &nameIndex{}
	add := func(i int, s string, l Lang) {
		s = strings.TrimSpace(normalizeMax(s, maxFactTextRunes))
		if s == "" {
			return
		}
		// A leading space gives the first word the same word-start bonus as the
		// others: sahilm/fuzzy rewards a match after a separator (+20) more than
		// one at index 0 (+10), which would rank "Additional Protocol Budapest"
		// above "Budapest Convention" for "budap".
		s = " " + s
		ni.names = append(ni.names, s)
		ni.fact = append(ni.fact, int32(i))
		ni.lang = append(ni.lang, l)
		ni.masks = append(ni.masks, runeMask(s))
	}
	for i, f := range facts {
		add(i, f.ID, "")
		add(i, f.TitleEN, EN)
		add(i, f.TitleID, ID)
		for _, a := range f.Aliases {
			add(i, a, "")
		}
		for _, s := range f.Symbols {
			add(i, s, "")
		}
	}
	return ni
}

func (ni *nameIndex) String(i int) string { return ni.names[i] }
func (ni *nameIndex) Len() int            { return len(ni.names) }

// fuzzyScores returns, per fact, the best fuzzy score of pattern over the fact's
// names, relative to the pattern matched against itself (so 1 is an exact name
// and scores are comparable within this one query only).
func (ni *nameIndex) fuzzyScores(pattern string, lang Lang, n int) []float64 {
	if utf8.RuneCountInString(pattern) > maxFuzzyPattern {
		r := []rune(pattern)
		pattern = string(r[:maxFuzzyPattern])
	}
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		return nil
	}
	self := fuzzy.Find(pattern, []string{" " + pattern})
	if len(self) == 0 || self[0].Score <= 0 {
		return nil
	}
	need := runeMask(pattern)
	sub := subset{ni: ni, idx: make([]int32, 0, 64)}
	for i, m := range ni.masks {
		if m&need == need {
			sub.idx = append(sub.idx, int32(i))
		}
	}
	out := make([]float64, n)
	for _, mt := range fuzzy.FindFromNoSort(pattern, sub) {
		name := sub.idx[mt.Index]
		s := float64(mt.Score) / float64(self[0].Score)
		if l := ni.lang[name]; l != "" && l != lang {
			s *= 0.9 // prefer the title in the asker's language when both match
		}
		if s > 1 {
			s = 1
		}
		if f := ni.fact[name]; s > out[f] {
			out[f] = s
		}
	}
	return out
}

// minCompleteScore drops completions that share almost nothing with the input.
const minCompleteScore = 0.2

// centralityBonus per fact that lists a fact as related (up to five): enough to
// order near-ties, too little to lift a weaker match over a clearly better one.
const centralityBonus = 0.01

// Complete returns up to limit facts whose titles, aliases, symbols or ids match a
// partial, possibly misspelled input (Discord autocomplete, Telegram inline mode),
// best first, ties by id. The last word may be unfinished: it also matches the
// words it begins. An empty input lists the first facts of the timeline.
func (m *Matcher) Complete(partial string, lang Lang, limit int) []*Fact {
	if limit <= 0 {
		return nil
	}
	if lang != ID {
		lang = EN
	}
	partial = strings.TrimLeft(partial, " ")
	norm := strings.TrimSpace(normalize(partial))
	if norm == "" {
		var out []*Fact
		for _, f := range m.base.Timeline(TimelineFilter{}) {
			if len(out) == limit {
				break
			}
			out = append(out, f)
		}
		return out
	}
	combined := make([]float64, len(m.facts))
	for i, s := range m.names.fuzzyScores(norm, lang, len(m.facts)) {
		combined[i] = s
	}
	// Token evidence: the words typed so far, plus the words the last one may become.
	terms := m.queryTerms(partial)
	var ideal, prefixIdeal float64
	for _, q := range terms {
		if q.known {
			ideal += q.weight * q.idf * (bm25K1 + 1)
		}
	}
	if !strings.HasSuffix(partial, " ") {
		pre := m.prefixTerms(partial)
		for _, q := range pre {
			prefixIdeal = max(prefixIdeal, q.weight*q.idf*(bm25K1+1))
		}
		terms = append(terms, pre...)
	}
	// The unfinished word counts once in the ideal, whichever word it becomes.
	ideal += prefixIdeal
	if ideal > 0 {
		sc := m.scratch.Get().(*scratch)
		m.score(terms, sc)
		for _, d := range sc.touched {
			if r := sc.score[d] / ideal; r > combined[d] {
				combined[d] = r
			} else {
				combined[d] += r * 0.1 // both kinds of evidence agree: a small lift
			}
		}
		sc.reset()
		m.scratch.Put(sc)
	}
	idx := make([]int, 0, len(m.facts))
	for i, s := range combined {
		if s >= minCompleteScore {
			idx = append(idx, i)
			// Among names that match about equally ("budap" fits every Budapest
			// fact), the facts others point to as related come first: they are
			// the main entries.
			combined[i] += centralityBonus * float64(min(m.inbound[i], 5))
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		if combined[idx[a]] != combined[idx[b]] {
			return combined[idx[a]] > combined[idx[b]]
		}
		return m.facts[idx[a]].ID < m.facts[idx[b]].ID
	})
	if len(idx) > limit {
		idx = idx[:limit]
	}
	out := make([]*Fact, len(idx))
	for i, d := range idx {
		out[i] = m.facts[d]
	}
	return out
}

// prefixTerms expands the unfinished last word of partial into the known words it
// begins (at most a few, shortest first), as alternatives of one query term.
func (m *Matcher) prefixTerms(partial string) []qterm {
	toks := tokenize(normalize(partial))
	if len(toks) == 0 || toks[len(toks)-1].kind != tokWord {
		return nil
	}
	last := toks[len(toks)-1].text
	if utf8.RuneCountInString(last) < 2 {
		return nil
	}
	words := m.spell.words
	i := sort.SearchStrings(words, last)
	var cands []string
	for ; i < len(words) && strings.HasPrefix(words[i], last) && len(cands) < 64; i++ {
		if words[i] != last {
			cands = append(cands, words[i])
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return len(cands[a]) < len(cands[b]) })
	if len(cands) > 8 {
		cands = cands[:8]
	}
	var out []qterm
	for _, c := range cands {
		for _, q := range m.queryTerms(c) {
			if q.known {
				q.weight *= 0.8 // a guess at the finished word
				out = append(out, q)
			}
		}
	}
	return out
}
