package knowledge

import (
	"slices"
	"strings"
)

// This file answers a follow-up that names the last answer's subject only by how it
// differs from a sibling: "and the UN one?" after when the Budapest Convention
// entered into force, "yang rusia punya?" after the US resolution of 2018, "the other
// one?" after the second OEWG. The question keeps the last answer's angle and moves
// it to the sibling: of the facts whose names hold the qualifier (or, for "the
// other", the facts of the other body of the same family), the one whose names are
// most like the last answer's.

// siblingOne marks a reference to one of several things ("the UN one", "yang rusia
// punya", "the other"); siblingOther asks for the other one, without a qualifier
// (vocab/followup.toml).
var (
	siblingOne   = followWords.siblingOne
	siblingOther = followWords.siblingOther
)

// maxSiblingWords bounds a sibling reference: it names a qualifier and no more.
const maxSiblingWords = 6

// minSiblingLikeness is the least name likeness (siblingLikeness) a fact needs to be
// read as the sibling asked for: below it the qualifier merely occurs in its names.
const minSiblingLikeness = 0.12

// Sibling is the fact that answers q, a reference to a sibling of the last answer's
// subject ("and the UN one?", "the other one?"), from the last answer's angle; ok is
// false when q is not such a reference or no sibling fits.
//
// byYear reads a year-only follow-up ("kalo yg 2017?") the same way, the year being
// the qualifier: the chair of the 2010 GGE, then "kalo yg 2017?", is the chair of
// the GGE of 2017.
func (m *Matcher) Sibling(q *Question, last *Fact, byYear bool) (*Fact, bool) {
	one, other, words := false, false, 0
	for _, t := range q.raw {
		if t.kind != tokWord {
			continue
		}
		words++
		one = one || siblingOne[t.text]
		other = other || siblingOther[t.text]
	}
	if !one && !byYear || words > maxSiblingWords {
		return nil, false
	}
	var qual []int32
	for _, t := range q.terms {
		if t.kind == termAngle || t.sub {
			continue
		}
		id := m.ix.lookup(t.text)
		if id < 0 || t.kind == termWord && !m.nameTerms[id] {
			// A word that names nothing ("the first one adopted?") asks more
			// than which sibling.
			return nil, false
		}
		qual = append(qual, id)
	}
	d := m.docIndex(last)
	if d >= len(m.facts) || m.facts[d] != last {
		return nil, false
	}
	switch {
	case len(qual) > 0:
		if m.namesHold(d, qual) {
			// The last answer is already the UN one.
			return nil, false
		}
		// The facts named by the qualifier and those around them: "the UN one"
		// names the UN convention, and its entry into force is among its neighbours.
		pool, holds := map[*Fact]bool{}, map[*Fact]bool{}
		for g, f := range m.facts {
			if m.namesHold(g, qual) {
				pool[f], holds[f] = true, true
				if byYear {
					// A year names its instances exactly; their neighbours are
					// other years' (the 2010 report, next to the 2013 one).
					continue
				}
				for _, h := range m.neighbours(f) {
					pool[h] = true
				}
			}
		}
		// Not the last answer's own neighbours, unless named by the qualifier: they
		// are about its subject, which the qualifier moves away from.
		for _, h := range m.neighbours(last) {
			if !holds[h] {
				delete(pool, h)
			}
		}
		return m.likestSibling(last, func(g int) bool { return pool[m.facts[g]] })
	case other:
		return m.otherSibling(last)
	}
	return nil, false
}

// neighbours are the facts f is related to and those related to it.
func (m *Matcher) neighbours(f *Fact) []*Fact {
	var out []*Fact
	for _, id := range f.Related {
		if g, ok := m.base.Get(id); ok {
			out = append(out, g)
		}
	}
	for _, g := range m.facts {
		if slices.Contains(g.Related, f.ID) {
			out = append(out, g)
		}
	}
	return out
}

// namesHold reports whether fact d's names (titles, aliases) hold every id of ids.
func (m *Matcher) namesHold(d int, ids []int32) bool {
	for _, id := range ids {
		if !slices.ContainsFunc(m.labels[d], func(l label) bool { return slices.Contains(l.ids, id) }) {
			return false
		}
	}
	return true
}

// otherSibling is "the other one" of the last answer: the fact of the same kind about
// the other body of the same family (the first OEWG after the second), or, for a fact
// of no body, the one fact of its kind it is related to either way (the US resolution
// of 2018 after the Russian one). ok is false when the family has more than two
// members: "the other GGE" names none.
func (m *Matcher) otherSibling(last *Fact) (*Fact, bool) {
	if last.Body != "" {
		fam := bodyFamily(last.Body)
		others := map[string]bool{}
		for _, g := range m.facts {
			if g.Body != "" && g.Body != last.Body && bodyFamily(g.Body) == fam && g.Kind == KindBody {
				others[g.Body] = true
			}
		}
		if len(others) != 1 {
			return nil, false
		}
		return m.likestSibling(last, func(g int) bool {
			f := m.facts[g]
			return others[f.Body] && f.Kind == last.Kind
		})
	}
	var pick *Fact
	for _, g := range m.facts {
		if g == last || g.Kind != last.Kind || !relatedFacts(last, g) {
			continue
		}
		if pick != nil {
			return nil, false
		}
		pick = g
	}
	return pick, pick != nil
}

// bodyFamily is a body's name without its years ("OEWG 2021–2025" is an "OEWG").
func bodyFamily(body string) string {
	var out []string
	for _, w := range strings.Fields(body) {
		if w[0] < '0' || w[0] > '9' {
			out = append(out, strings.ToLower(w))
		}
	}
	return strings.Join(out, " ")
}

// likestSibling is, among the facts for which ok holds, the one whose names are most
// like last's (siblingLikeness), a fact of last's kind first on a tie.
func (m *Matcher) likestSibling(last *Fact, ok func(g int) bool) (*Fact, bool) {
	d := m.docIndex(last)
	near, _ := m.around(last)
	var pick *Fact
	best := minSiblingLikeness
	for g, f := range m.facts {
		if g == d || !ok(g) {
			continue
		}
		s := m.siblingLikeness(d, g)
		if f.Kind == last.Kind {
			s += siblingKindBonus
		}
		if slices.Contains(near, f) {
			s += siblingKinBonus
		}
		if s > best {
			pick, best = f, s
		}
	}
	return pick, pick != nil
}

// siblingKinBonus favours a sibling the last answer's facts point at (the UN
// convention, which the Budapest Convention's fact names as related): kin, not
// merely a fact that shares a word with the qualifier.
const siblingKinBonus = 0.1

// siblingKindBonus favours a sibling of the last answer's kind (an entry into force
// after an entry into force) among equally like names.
const siblingKindBonus = 0.1

// siblingAngleWeight: an angle a title holds ("enters into force") is what a
// sibling reference carries over, so it weighs more than the subject's own words.
const siblingAngleWeight = 3

// siblingLikeness is the share of two facts' title terms they have in common,
// each term weighted by its IDF (a weighted Jaccard): the entry into force of one
// convention is like that of another, and "convention" alone says little.
func (m *Matcher) siblingLikeness(a, b int) float64 {
	ta, tb := m.titleTerms(a), m.titleTerms(b)
	w := func(id int32) float64 {
		if m.ix.kinds[id] == termAngle {
			return siblingAngleWeight * m.ix.idf[id]
		}
		return m.ix.idf[id]
	}
	var shared, union float64
	for id := range ta {
		union += w(id)
		if tb[id] {
			shared += w(id)
		}
	}
	for id := range tb {
		if !ta[id] {
			union += w(id)
		}
	}
	if union == 0 {
		return 0
	}
	return shared / union
}

// titleTerms is the set of term ids of fact d's titles in both languages.
func (m *Matcher) titleTerms(d int) map[int32]bool { return m.titles[d] }

// buildTitleTerms records, per fact, the terms of its titles that say what it is
// about: words, concepts and angles, not the dates, numbers and symbols that tell
// one instance from another (every title dated July would otherwise look alike).
func buildTitleTerms(n int, texts []factText, analysed [][]aTerm, ix *index) []map[int32]bool {
	out := make([]map[int32]bool, n)
	for i, ft := range texts {
		if ft.field != fieldTitle {
			continue
		}
		if out[ft.doc] == nil {
			out[ft.doc] = map[int32]bool{}
		}
		for _, t := range analysed[i] {
			if t.kind == termYear || t.kind == termNumber || t.kind == termSymbol || monthConcept(t.text) {
				continue
			}
			if id := ix.lookup(t.text); id >= 0 {
				out[ft.doc][id] = true
			}
		}
	}
	return out
}

// monthConcept reports whether a concept key is a month ("~m07").
func monthConcept(key string) bool {
	return len(key) == 4 && key[0] == '~' && key[1] == 'm' && key[2] >= '0' && key[2] <= '1'
}
