package knowledge

import "slices"

// This file reads a second signal a description carries from the facts'
// structured fields: who proposed the thing. "The resolution Russia proposed in
// 2018", "resolusi usulan AS", "proposal Prancis dan Mesir" name a resolution, a
// body or an initiative by its proposer; the facts' proposed_by fields say which
// thing that is, and the rest of the question (a year, a kind, a topic word)
// tells apart the several things one state proposed.

// proposeNear is how many terms apart a proposer word and the state it names may
// stand: "the text the US and Russia sponsored", "usulan Prancis dan Mesir".
const proposeNear = 4

// structured is what the structured readings (proposer, membership) know of a
// fact: the terms of its names and titles, and the years they and its date hold.
type structured struct {
	names map[string]bool
	years map[string]bool
}

// buildStructured analyses the names of the facts a structured reading may
// return: those with a proposed_by or members field.
func (m *Matcher) buildStructured() map[int]structured {
	out := make(map[int]structured)
	for d, f := range m.facts {
		if len(f.ProposedBy) == 0 && f.Members == "" || len(f.Aliases) == 0 {
			continue
		}
		s := structured{names: make(map[string]bool), years: make(map[string]bool)}
		if len(f.Date) >= 4 {
			s.years[f.Date[:4]] = true
		}
		texts := append([]string{f.Body, f.TitleEN, f.TitleID}, f.Aliases...)
		for _, text := range append(texts, f.Describe...) {
			for _, t := range analyzeTokens(tokenize(normalize(text)), stemBoth, m.stems, nil) {
				switch t.kind {
				case termYear:
					s.years[t.text] = true
				case termWord, termConcept:
					s.names[t.text] = true
					if t.alt != "" {
						s.names[t.alt] = true
					}
				}
			}
		}
		out[d] = s
	}
	return out
}

// buildProposerStems is the analysed form of the [describe] proposed words.
func (m *Matcher) buildProposerStems() map[string]bool {
	out := make(map[string]bool)
	for _, w := range proposedWords {
		for _, t := range analyzeTokens(tokenize(normalize(w)), stemBoth, m.stems, nil) {
			out[t.text] = true
		}
	}
	return out
}

// proposerDescribed returns the fact the analysed question names by its
// proposer, and the terms that name it, when exactly one fact fits.
func (m *Matcher) proposerDescribed(terms []aTerm) (*Fact, []aTerm, bool) {
	var desc []aTerm
	places := make(map[string]bool)
	for i, t := range terms {
		if t.sub || !m.proposerStems[t.text] && !m.proposerStems[t.alt] {
			continue
		}
		desc = append(desc, t)
		for j := max(0, i-proposeNear); j < min(len(terms), i+proposeNear+1); j++ {
			if p := terms[j]; p.kind == termConcept && !p.sub && describePlaces[p.text[1:]] {
				places[p.text[1:]] = true
				desc = append(desc, p)
			}
		}
	}
	if len(places) == 0 {
		return nil, nil, false
	}
	var cands []int
	for d, s := range m.structured {
		f := m.facts[d]
		held, own := 0, true
		for p := range places {
			switch {
			case slices.Contains(f.ProposedBy, p):
				held++
			case !s.names["~"+p]:
				// A place the thing's own name holds ("the Hanoi
				// convention") is no proposer; any other must be one.
				own = false
			}
		}
		if own && held > 0 {
			cands = append(cands, d)
		}
	}
	d := m.pickStructured(cands, terms, desc, func(d int) bool { return len(m.facts[d].ProposedBy) == len(places) })
	if d < 0 || m.namesOther(terms, d) {
		return nil, nil, false
	}
	return m.facts[d], desc, true
}

// namesOther reports whether the question names a fact other than d: "nama
// Global Mechanism itu usulan siapa? Prancis?" asks who proposed the Global
// Mechanism, not which thing France proposed. A term's entry named by a common
// word ("resolusi") names no subject, and a fact related to d is named as part
// of the description ("resolusi usulan Rusia yg bikin komite ad hoc" names the
// committee the resolution set up).
func (m *Matcher) namesOther(terms []aTerm, d int) bool {
	return m.namedDocs(m.termIDs(terms), func(e int) bool {
		f := m.facts[e]
		related := slices.Contains(m.facts[d].Related, f.ID) || slices.Contains(f.Related, m.facts[d].ID)
		return e != d && f.Kind != KindTerm && !related
	})
}

// pickStructured returns the one candidate the rest of the question points at,
// -1 if none or several. A year or a body the question names rules out the
// candidates whose names and date do not hold it; of the rest, the one whose
// names hold the most of the question's other words wins, and a tie goes to the
// candidate exact says fits the description exactly, then to the general fact
// (one with no body name: "the OEWG" over either OEWG).
func (m *Matcher) pickStructured(cands []int, terms, desc []aTerm, exact func(int) bool) int {
	slices.Sort(cands)
	best, bestHeld, tied := []int(nil), -1, false
	for _, d := range cands {
		s := m.structured[d]
		held, out := 0, false
		for _, t := range terms {
			if t.sub || t.kind == termAngle || slices.ContainsFunc(desc, func(x aTerm) bool { return sameTerm(x, t) }) {
				continue
			}
			switch {
			case t.kind == termYear:
				out = out || !s.years[t.text]
			case t.kind == termConcept && m.bodyConcepts[t.text] && !s.names[t.text]:
				out = true
			case s.names[t.text] || t.alt != "" && s.names[t.alt]:
				held++
			}
		}
		if m.namesFact(terms, d) {
			return -1 // the question names the thing: no description is needed
		}
		if out {
			continue
		}
		switch {
		case held > bestHeld:
			best, bestHeld, tied = []int{d}, held, false
		case held == bestHeld:
			best, tied = append(best, d), true
		}
	}
	if len(best) == 0 {
		return -1
	}
	if !tied {
		return best[0]
	}
	for _, keep := range []func(int) bool{exact, func(d int) bool { return m.facts[d].Body == "" }} {
		var k []int
		for _, d := range best {
			if keep(d) {
				k = append(k, d)
			}
		}
		if len(k) == 1 {
			return k[0]
		}
		if len(k) > 1 {
			best = k
		}
	}
	return -1
}

// namesOtherOfKind reports whether the question names outright a fact of f's
// kind other than f and its related facts.
func (m *Matcher) namesOtherOfKind(terms []aTerm, f *Fact) bool {
	return m.namedDocs(m.termIDs(terms), func(e int) bool {
		g := m.facts[e]
		return g != f && g.Kind == f.Kind && !slices.Contains(f.Related, g.ID) && !slices.Contains(g.Related, f.ID)
	})
}

// sameTerm reports whether two analysed terms are one word, by either stem.
func sameTerm(a, b aTerm) bool {
	return a.text == b.text || a.alt != "" && (a.alt == b.text || a.alt == b.alt) || b.alt != "" && a.text == b.alt
}
