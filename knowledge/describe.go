package knowledge

import "slices"

// This file resolves a subject named by description ("the Swiss-chaired working
// group", "konvensi yang diteken di Hanoi") to its name: students often ask about
// a thing without naming it. Each fact may list such descriptions (Fact.Describe,
// data written by curators); a question that holds nearly all of one description's
// content is read as naming that fact's subject, so its first name is added to the
// question's terms. The rest of the question still chooses the angle: "the treaty
// opened for signature in Budapest — when did it come into force?" names the
// Budapest Convention, and the entry-into-force fact answers.

// minDescribeShare is the IDF-weighted share of a description's content a
// question must hold for the description to name the subject. Fitted on the blind
// training splits: 0.7 let loose descriptions pull in unrelated subjects; 1.0
// missed descriptions the question words slightly differently.
const minDescribeShare = 0.8

// description is one curated description of a fact's subject, as the terms a
// question must hold.
type description struct {
	doc int
	// terms are the description's content terms (a word's two stems count once).
	terms []aTerm
	idf   []float64
	total float64
}

// buildDescriptions analyses every fact's descriptions with the index's IDF.
func (m *Matcher) buildDescriptions() []description {
	var out []description
	for d, f := range m.facts {
		if len(f.Aliases) == 0 {
			continue
		}
		for _, text := range f.Describe {
			var ds description
			ds.doc = d
			for _, t := range analyzeTokens(tokenize(normalize(text)), stemBoth, m.stems, nil) {
				if t.kind == termAngle || t.sub {
					continue
				}
				idf := 0.0
				for _, s := range []string{t.text, t.alt} {
					if id := m.ix.lookup(s); s != "" && id >= 0 {
						idf = max(idf, m.ix.idf[id])
					}
				}
				if idf == 0 {
					idf = unknownIDFShare * m.ix.maxIDF
				}
				ds.terms = append(ds.terms, t)
				ds.idf = append(ds.idf, idf)
				ds.total += idf
			}
			// One word is a keyword, not a description.
			if len(ds.terms) >= 2 {
				out = append(out, ds)
			}
		}
	}
	return out
}

// described returns the fact whose subject the analysed question describes
// best, if any description is held closely enough.
func (m *Matcher) described(terms []aTerm) (*Fact, bool) {
	best, bestShare := -1, 0.0
	for i, ds := range m.descs {
		held := 0.0
		for k, t := range ds.terms {
			if holdsTerm(terms, t) {
				held += ds.idf[k]
			}
		}
		share := held / ds.total
		if share >= minDescribeShare && (share > bestShare || share == bestShare && len(ds.terms) > len(m.descs[best].terms)) {
			best, bestShare = i, share
		}
	}
	if best < 0 || m.namesFact(terms, m.descs[best].doc) {
		// A question that also names the subject ("where in Hanoi was the
		// Hanoi Convention signed") needs no description.
		return nil, false
	}
	return m.facts[m.descs[best].doc], true
}

// namesFact reports whether the analysed question holds one of fact d's names
// whole (named, before the question's terms have index ids).
func (m *Matcher) namesFact(terms []aTerm, d int) bool {
	ids := make([]int32, 0, 2*len(terms))
	for _, t := range terms {
		for _, s := range []string{t.text, t.alt} {
			if s == "" {
				continue
			}
			if id := m.ix.lookup(s); id >= 0 {
				ids = append(ids, id)
			}
		}
	}
	for _, l := range m.labels[d] {
		if l.keyword {
			continue
		}
		all := true
		for _, id := range l.ids {
			all = all && slices.Contains(ids, id)
		}
		if all {
			return true
		}
	}
	return false
}

// holdsTerm reports whether the question's terms hold t in either stem.
func holdsTerm(terms []aTerm, t aTerm) bool {
	for _, q := range terms {
		if q.text == t.text || q.alt != "" && (q.alt == t.text || q.alt == t.alt) || t.alt != "" && q.text == t.alt {
			return true
		}
	}
	return false
}
