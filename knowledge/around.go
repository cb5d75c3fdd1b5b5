package knowledge

import (
	"slices"
	"sort"
	"strings"
)

// This file answers a follow-up from the facts around the chat's last answer. A
// follow-up ("udh berlaku belum?", "who chaired it?") names no subject: its subject
// is the last answer's, so the candidates are that fact and its neighbours (the
// facts it is related to, those related to it, those of the same body, and their
// related facts), and the follow-up's own words and angle tell them apart. Pasting
// the last fact's name into the question instead lets that name outweigh the angle,
// and the last answer comes back.

// around is the neighbourhood of f with each fact's weight: f itself (lastWeight),
// the facts it is related to and those that list it as related (1), those that only
// share its body (bodyWeight), then the facts related to any of these
// (farWeight), each once.
func (m *Matcher) around(f *Fact) (facts []*Fact, weights []float64) {
	seen := map[string]bool{f.ID: true}
	facts, weights = []*Fact{f}, []float64{lastWeight}
	add := func(g *Fact, w float64) {
		if !seen[g.ID] {
			seen[g.ID] = true
			facts, weights = append(facts, g), append(weights, w)
		}
	}
	if s := m.Subject(f); s != f {
		// The conversation is about the body the last answer hangs on (the OEWG a
		// resolution created, the GGE a person chaired): it weighs as the last
		// answer does, and the follow-up's angle tells them apart.
		add(s, lastWeight)
	}
	for _, id := range f.Related {
		if g, ok := m.base.Get(id); ok {
			add(g, 1)
		}
	}
	for _, g := range m.facts {
		if slices.Contains(g.Related, f.ID) {
			add(g, 1)
		}
	}
	for _, g := range m.facts {
		if f.Body != "" && g.Body == f.Body {
			add(g, bodyWeight)
		}
	}
	near := len(facts)
	for _, g := range facts[1:near] {
		for _, id := range g.Related {
			if h, ok := m.base.Get(id); ok {
				add(h, farWeight)
			}
		}
	}
	subject := m.Subject(f)
	for i, g := range facts {
		if otherInstance(subject, g) {
			weights[i] *= instanceWeight
		}
	}
	return facts, weights
}

// otherInstance reports whether g is another instance of the series the body
// subject belongs to (the second OEWG beside the first): its name's first word is
// the subject's, its body another.
func otherInstance(subject, g *Fact) bool {
	if subject.Kind != KindBody || g.Kind != KindBody || g.Body == subject.Body || subject.Body == "" {
		return false
	}
	a, _, _ := strings.Cut(subject.Body, " ")
	b, _, _ := strings.Cut(g.Body, " ")
	return a == b
}

const (
	// farWeight discounts a neighbour's neighbour against a fact the last answer
	// touches directly: after the GGE 2019–2021, "dibentuk lewat resolusi apa?" is
	// its own resolution, not the OEWG's, reached through the dual track.
	farWeight = 0.85
	// bodyWeight discounts a fact that only shares the last answer's body: after
	// the first OEWG's COVID delay, "jadi kapan diadopsi?" is its report's
	// adoption (the delay points at the report), not the GA's later endorsement.
	bodyWeight = 0.92
	// lastWeight favours the last answer itself: a follow-up is about its subject,
	// and a neighbour must fit the question clearly better to take its place ("who
	// proposed it?" after a resolution is that resolution's sponsor).
	lastWeight = 1.2
	// instanceWeight discounts another instance of the subject's series: after the
	// first OEWG, "kapan dibentuk?" is about it, not about the second, whose text
	// says "established" as loudly. A sibling is asked for by name ("the other
	// one?", see Sibling), not by a bare angle.
	instanceWeight = 0.6
)

// Subject is what a conversation whose last answer is f is about (Base.Subject).
func (m *Matcher) Subject(f *Fact) *Fact { return m.base.Subject(f) }

// FollowUp ranks the facts around the chat's last answer last for question q, which
// leans on it: "and before him?" is the person who held the role before (Walk), and
// "which resolution?" the resolution the last answer holds (resolutionOf), alone;
// otherwise the neighbours are ranked on q's own words and angle, a neighbour's
// neighbour discounted, best first. The caller weighs this against the question
// matched on its own (see MinAround).
func (m *Matcher) FollowUp(q *Question, last *Fact) (ranked []Scored, walked bool) {
	if dir := WalkDir(q); dir != 0 {
		if f, ok := m.Walk(last, dir); ok {
			return []Scored{{Fact: f, Score: 1}}, true
		}
	}
	if f, ok := m.resolutionOf(q, last); ok {
		return []Scored{{Fact: f, Score: 1}}, true
	}
	facts, weights := m.around(last)
	return m.rankAround(q, facts, weights), false
}

// resolutionOf answers "which resolution?", "dibentuk lewat resolusi apa?" from the
// last answer's structured fields: the first GA resolution among its symbols is the
// one asked, answered by that resolution's own fact (the first OEWG's A/RES/73/27),
// or by the last answer itself when the resolution has no fact of its own (the
// second OEWG holds A/RES/75/240). ok is false when q asks no resolution or the last
// answer holds none.
func (m *Matcher) resolutionOf(q *Question, last *Fact) (*Fact, bool) {
	if !q.has("~resolution") || askedKind(q.raw) != KindDocument && !onlyFrame(q, "~resolution") {
		return nil, false
	}
	i := slices.IndexFunc(last.Symbols, func(s string) bool { return strings.HasPrefix(s, "A/RES/") })
	if i < 0 {
		return nil, false
	}
	for _, f := range m.facts {
		if f.Kind == KindDocument && len(f.Symbols) > 0 && f.Symbols[0] == last.Symbols[i] {
			return f, true
		}
	}
	return last, true
}

// MinAround is the least score (FollowUp) a neighbour needs to answer a follow-up in
// place of the question matched on its own; below it the question's words hardly
// touch any of them. On the train dialogs 0.4 let weak neighbours ("isinya apa?"
// touching a related report's phrasing) displace right answers.
const MinAround = 0.65

// aroundFit weighs a neighbour's score by how its structured fields fit the
// follow-up's angle (angleFit: 1 fits, 0.5 no angle asked, 0 does not fit). The
// fields are a hint, not proof: a resolution has no chair field, yet its text
// names who proposed it.
func aroundFit(fit float64) float64 { return 0.75 + fit/2 }

// rankAround ranks facts (a neighbourhood, see around) for question q, which leans on
// the chat's last answer. Every term counts, angles and frame words too: "kapan
// diadopsi?" has nothing else. Each score is the matcher's blend of keyword and
// phrasing similarity, weighted by how the fact's structured fields fit the angle.
// Best first; facts the question does not touch at all are left out.
func (m *Matcher) rankAround(q *Question, facts []*Fact, weights []float64) []Scored {
	terms := m.questionTerms(q)
	var ideal float64
	for _, t := range terms {
		if t.known {
			ideal += t.weight * t.idf * (bm25K1 + 1)
		}
	}
	if ideal == 0 {
		return nil
	}
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	m.score(terms, sc)
	sc.touchedP = m.phr.best(m.ix, terms, sc.acc, sc.touchedP, sc.cos)
	asked := askedHeldAngles(q)
	out := make([]Scored, 0, len(facts))
	for i, f := range facts {
		d := m.docIndex(f)
		if d >= len(m.facts) || m.facts[d] != f {
			continue
		}
		s := m.tune.phraseShare*sc.cos[d] + (1-m.tune.phraseShare)*sc.score[d]/ideal
		if s <= 0 {
			continue
		}
		s *= aroundFit(angleFit(q, f, asked != 0, m.held[d]&asked == asked))
		s *= weights[i]
		out = append(out, Scored{Fact: f, Score: s})
	}
	sc.reset()
	sort.SliceStable(out, func(i, j int) bool { return better(out[i], out[j]) })
	return out
}

// onlyFrame reports whether q says nothing but key, angles and frame words
// ("resolusinya apa?", "dibentuk lewat resolusi?" asks only the resolution).
func onlyFrame(q *Question, key string) bool {
	for _, t := range q.terms {
		if t.kind == termAngle || t.sub || t.text == key || t.kind == termConcept && frameConcepts[t.text[1:]] {
			continue
		}
		return false
	}
	return true
}

// Walk is the holder of the same role before (dir < 0) or after (dir > 0) person f:
// among the people f is related to, the one dated closest before or after f ("and
// before him?" after the head of BSSN). ok is false when f is not a dated person or
// no such neighbour exists.
func (m *Matcher) Walk(f *Fact, dir int) (*Fact, bool) {
	if f.Kind != KindPerson || f.Date == "" {
		return nil, false
	}
	var pick *Fact
	facts, _ := m.around(f)
	for _, g := range facts[1:] {
		if g.Kind != KindPerson || g.Date == "" || g.Date == f.Date || !relatedFacts(f, g) && !sharesRelated(f, g) {
			continue
		}
		if dir < 0 && g.Date < f.Date && (pick == nil || g.Date > pick.Date) ||
			dir > 0 && g.Date > f.Date && (pick == nil || g.Date < pick.Date) {
			pick = g
		}
	}
	return pick, pick != nil
}

// sharesRelated reports whether a and b are both related to one fact (two heads of
// one agency both point at it).
func sharesRelated(a, b *Fact) bool {
	return slices.ContainsFunc(a.Related, func(id string) bool { return slices.Contains(b.Related, id) })
}

// WalkDir tells whether q asks for the one before (-1) or after (+1) the last
// answer's person ("and before him?", "penggantinya siapa?"); 0 when it asks neither.
func WalkDir(q *Question) int {
	for _, t := range q.raw {
		if t.kind != tokWord {
			continue
		}
		switch w := strings.ToLower(t.text); {
		case walkBefore[w]:
			return -1
		case walkAfter[w]:
			return 1
		}
	}
	return 0
}

var (
	// The words asking for the one before or after (vocab/followup.toml).
	walkBefore = followWords.walkBefore
	walkAfter  = followWords.walkAfter
)

// Coverage is the share of q's content (IDF-weighted, as the matcher counts it) that
// fact f holds: how much of what the question says the fact is about.
func (m *Matcher) Coverage(q *Question, f *Fact) float64 {
	terms := m.questionTerms(q)
	var content float64
	for _, t := range terms {
		if t.content {
			content += t.idf
		}
	}
	d := m.docIndex(f)
	if content == 0 || d >= len(m.facts) || m.facts[d] != f {
		return 0
	}
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	m.score(terms, sc)
	cov := sc.covered[d] / content
	sc.reset()
	return cov
}
