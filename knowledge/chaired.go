package knowledge

import (
	"slices"
	"strings"
)

// This file reads one signal a description carries from the facts' structured
// fields instead of curated phrases: the nationality of a chair. "The group
// chaired by an Australian woman", "grup ahli yg diketuai orang Brazil", "the
// Russian diplomat who chaired the early GGEs" name a body by who chaired it; the
// facts' chair fields ("Deborah Stokes (Australia)") say which body that is, so
// the question need not repeat a curated description word for word.

// chairedBody is a body whose chair comes from a state: the body's own fact, the
// concepts of all its names, and those of its body name ("GGE 2012–2013" →
// "~gge"), which tell it from other bodies a question names.
type chairedBody struct {
	doc      int
	concepts map[string]bool
	body     map[string]bool
}

// buildChaired maps each place concept (lexicon [describe] places) to the bodies
// whose chair field names it. Only facts of kind body stand for a body: a chair's
// person fact or a session's fact is reached from the body's name.
func (m *Matcher) buildChaired() map[string][]chairedBody {
	byBody := make(map[string]int) // body name -> its body fact
	for d, f := range m.facts {
		if f.Kind == KindBody && f.Body != "" && f.Chair != "" && len(f.Aliases) > 0 {
			if _, ok := byBody[f.Body]; !ok {
				byBody[f.Body] = d
			}
		}
	}
	out := make(map[string][]chairedBody)
	for _, d := range byBody {
		f := m.facts[d]
		cb := chairedBody{doc: d, concepts: make(map[string]bool), body: make(map[string]bool)}
		for i, name := range append([]string{f.Body}, f.Aliases...) {
			for _, t := range analyzeTokens(tokenize(normalize(name)), stemBoth, m.stems, nil) {
				if t.kind == termYear {
					cb.concepts[t.text] = true
				}
				if t.kind == termConcept {
					cb.concepts[t.text] = true
					if i == 0 {
						cb.body[t.text] = true
					}
				}
			}
		}
		seen := make(map[string]bool)
		for _, t := range analyzeTokens(tokenize(normalize(f.Chair)), stemBoth, m.stems, nil) {
			if p := t.text; t.kind == termConcept && describePlaces[p[1:]] && !seen[p] {
				seen[p] = true
				out[p] = append(out[p], cb)
			}
		}
	}
	return out
}

// chairNear is how many terms apart a chair word and the state naming its
// nationality may stand: "chaired by an Australian woman", "the Russian diplomat
// who chaired", but not a state named elsewhere in the question for another role
// ("the group Russia proposed, chaired by …").
const chairNear = 4

// chairDescribed returns the body the analysed question names by its chair's
// nationality, and the two terms that name it, when exactly one body fits. A
// question that also names a body of another kind by concept ("was the OEWG
// chaired by Russia?") is about that body, not a description of this one.
func (m *Matcher) chairDescribed(raw []rawToken, terms []aTerm) (*Fact, []aTerm, bool) {
	// The chair concept also holds "led", "head", "kepala": "the Russian-led
	// treaty" names a sponsor, not a chair. One of the words that only mean
	// chairing must be there (lexicon [describe] chaired).
	if !slices.ContainsFunc(raw, func(t rawToken) bool { return chairWords[t.text] }) {
		return nil, nil, false
	}
	found, doc := -1, -1
	var desc []aTerm
	for i, t := range terms {
		if t.text != "~chair" || t.sub {
			continue
		}
		for j := max(0, i-chairNear); j < min(len(terms), i+chairNear+1); j++ {
			p := terms[j]
			if p.kind != termConcept || p.sub || !describePlaces[p.text[1:]] {
				continue
			}
			bodies := m.chaired[p.text]
			if len(bodies) != 1 {
				if len(bodies) > 1 {
					return nil, nil, false // two bodies chaired from one state: say neither
				}
				continue
			}
			if found >= 0 && bodies[0].doc != doc {
				return nil, nil, false
			}
			found, doc = j, bodies[0].doc
			desc = []aTerm{t, p}
		}
	}
	if found < 0 {
		return nil, nil, false
	}
	// A body named by concept that this body's names do not hold means the
	// question is about that other body.
	// So does a year the body's names do not hold ("GGE 2016-2017 ketuanya dari
	// Brazil kan?" is about the fifth GGE, whoever chaired the sixth).
	own := m.chairedConcepts(doc)
	for _, t := range terms {
		if (t.kind == termConcept && m.bodyConcepts[t.text] || t.kind == termYear) && !t.sub && !own[t.text] {
			return nil, nil, false
		}
	}
	if m.namesFact(terms, doc) {
		return nil, nil, false
	}
	return m.facts[doc], desc, true
}

// chairOf returns, for a question that asks who chaired a described body ("who
// was the Russian diplomat who chaired the early GGEs", "kelompok usulan Rusia
// itu ketuanya siapa"), the fact of the person who chaired it: the chair, not
// the body, is what the question describes. Otherwise it returns f.
func (m *Matcher) chairOf(f *Fact, terms []aTerm) *Fact {
	chair := f.Chair
	if chair == "" && f.Kind == KindBody && f.Body != "" && m.tune.off&ruleFollower == 0 {
		// A body whose own fact names no chair (one set up after its facts were
		// written, like the Global Mechanism) is chaired by the person whose
		// fact names the body and a chair.
		chair = m.bodyChairs[f.Body]
	}
	if f.Kind == KindPerson || chair == "" {
		return f
	}
	who, asksChair := false, false
	for _, t := range terms {
		who = who || t.text == "?who"
		asksChair = asksChair || t.text == "~chair" && !t.sub
	}
	if p, ok := m.chairPerson[chair]; ok && who && asksChair {
		return m.facts[p]
	}
	return f
}

// buildChairPersons maps a chair field ("Andrey Krutskikh (Russia)") to the
// person fact of that chair: the one holding the same chair field, or else the
// one named by the chair's name.
func (m *Matcher) buildChairPersons() map[string]int {
	byName := make(map[string]int)
	for d, f := range m.facts {
		if f.Kind != KindPerson || len(f.Aliases) == 0 {
			continue
		}
		for _, a := range f.Aliases {
			if _, ok := byName[normalize(a)]; !ok {
				byName[normalize(a)] = d
			}
		}
	}
	out := make(map[string]int)
	for d, f := range m.facts {
		if f.Kind == KindPerson && f.Chair != "" && len(f.Aliases) > 0 {
			if _, ok := out[f.Chair]; !ok {
				out[f.Chair] = d
			}
		}
	}
	for _, f := range m.facts {
		if _, ok := out[f.Chair]; ok || f.Chair == "" {
			continue
		}
		name, _, _ := strings.Cut(f.Chair, " (")
		if d, ok := byName[normalize(name)]; ok {
			out[f.Chair] = d
		}
	}
	return out
}

// buildBodyChairs maps a body name to the chair field of the person facts that
// name that body, when they agree on one.
func (m *Matcher) buildBodyChairs() map[string]string {
	out := make(map[string]string)
	for _, f := range m.facts {
		if f.Kind != KindPerson || f.Body == "" || f.Chair == "" {
			continue
		}
		if c, ok := out[f.Body]; ok && c != f.Chair {
			out[f.Body] = "" // two chairs of one body: say neither
			continue
		}
		out[f.Body] = f.Chair
	}
	return out
}

// chairedConcepts are the concepts of body fact d's names.
func (m *Matcher) chairedConcepts(d int) map[string]bool {
	for _, bodies := range m.chaired {
		for _, b := range bodies {
			if b.doc == d {
				return b.concepts
			}
		}
	}
	return nil
}

// buildBodyConcepts is every concept of a chaired body's body name ("~gge",
// "~oewg"): the words that name a body, not those of its long titles.
func buildBodyConcepts(chaired map[string][]chairedBody) map[string]bool {
	out := make(map[string]bool)
	for _, bodies := range chaired {
		for _, b := range bodies {
			for c := range b.body {
				out[c] = true
			}
		}
	}
	return out
}
