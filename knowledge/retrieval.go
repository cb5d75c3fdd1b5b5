package knowledge

import (
	"math"
	"slices"
)

// This file is retrieval: a question's terms with their index ids, BM25F
// scores per fact, and the ranking that blends them with phrase similarity.

const (
	// unknownIDFShare is the weight of a question word the base has never seen,
	// relative to the rarest known word. Unknown words are often chat noise
	// ("dong", a name, a filler verb), so they weigh less than the rarest real
	// term, but enough that a question mostly about something else is not answered.
	// On 827 questions: 0.4 answered four more off-topic questions, 1.0 lost three
	// on-topic answers and refused one more off-topic one.
	unknownIDFShare = 0.6
	// subWeight: the words inside a multi-word name ("convention" in "Budapest
	// Convention") are weak evidence next to the name itself.
	subWeight = 0.5
)

// tuning holds the ranking weights that TestCalibrationSweep varies; NewMatcher
// always uses defaultTuning.
type tuning struct {
	// angleIDF replaces IDF for question angles (when, who, how many, what is):
	// they tell angles of one subject apart, and how many facts carry "what is"
	// phrasings says nothing about how much the angle matters.
	angleIDF float64
	// phraseShare: how much of a fact's score comes from its single best phrasing
	// (phrase.go) rather than from BM25 over all its fields.
	phraseShare float64
	// entityPenalty multiplies a fact's score once for every entity of the
	// question (a body, instrument, country, symbol or year) it does not mention.
	entityPenalty float64
	// off switches ranking rules off, for measuring what each is worth (rules.go).
	off rule
}

// defaultTuning: the sweep found angle weights of 1.6–2.0 and phrase shares of
// 0.3–0.4 best, and the entity penalty flat between 0.6 and 0.9.
func defaultTuning() tuning {
	return tuning{angleIDF: 1.6, phraseShare: 0.3, entityPenalty: 0.75}
}

type scratch struct {
	score, covered, tmp, cos []float64
	touched                  []int32
	termTouched              []int32 // per term: the facts its postings touch (score)
	mark                     []bool
	entities                 []int16 // per fact: entities of the question it is about
	about                    []bool  // per fact, per term: the term is an entity the fact is about
	// per phrasing
	acc      []phraseAcc
	touchedP []int32
	// per description: which of its words the question holds, and a bit per
	// description holding any (describe.go)
	held        []uint64
	heldTouched []uint64
}

func newScratch(n, phrasings, descriptions int) *scratch {
	return &scratch{
		score: make([]float64, n), covered: make([]float64, n), tmp: make([]float64, n), cos: make([]float64, n),
		mark: make([]bool, n), touched: make([]int32, 0, n), termTouched: make([]int32, 0, n), entities: make([]int16, n), about: make([]bool, n),
		acc: make([]phraseAcc, phrasings), touchedP: make([]int32, 0, 256),
		held: make([]uint64, descriptions), heldTouched: make([]uint64, (descriptions+63)/64),
	}
}

// maxScannedTerms: up to this many terms, questionTerms finds repeats by scanning.
const maxScannedTerms = 32

// qterm is one distinct term of a question with its alternatives in the index.
type qterm struct {
	text    string // the analysed term (its first spelling)
	ids     [2]int32
	weight  float64
	conf    float64 // 1 for a word as typed, below 1 for a spelling correction
	idf     float64 // best IDF among the alternatives found; maxIDF when unknown
	known   bool
	content bool
	// entity: a named body, instrument, country, symbol or year (entityConcepts).
	entity bool
}

// queryTerms analyses a question into distinct terms with their index ids.
func (m *Matcher) queryTerms(question string) []qterm { return m.questionTerms(m.parse(question)) }

// questionTerms are a parsed question's distinct terms with their index ids.
func (m *Matcher) questionTerms(p *Question) []qterm {
	at := p.terms
	out := make([]qterm, 0, len(at))
	// A question has a handful of terms: a repeated one is found by looking
	// back over the distinct terms before it, with no map to build unless the
	// message is a flood.
	var seen map[string]bool
	if len(at) > maxScannedTerms {
		seen = make(map[string]bool, len(at))
	}
	for _, t := range at {
		if seen != nil {
			if seen[t.text] {
				continue
			}
			seen[t.text] = true
		} else if slices.ContainsFunc(out, func(q qterm) bool { return q.text == t.text }) {
			continue
		}
		q := qterm{text: t.text, ids: [2]int32{m.ix.lookup(t.text), -1}, weight: t.weight, conf: t.weight, content: t.kind != termAngle && !t.sub}
		if t.sub {
			q.weight *= subWeight
		}
		if t.described {
			q.weight *= describedWeight
		}
		if t.alt != "" {
			q.ids[1] = m.ix.lookup(t.alt)
		}
		q.entity = !t.sub && (t.kind == termSymbol || t.kind == termYear ||
			t.kind == termConcept && entityConcepts[t.text[1:]])
		switch t.kind {
		case termSymbol, termYear:
			q.weight *= symbolWeight
		}
		if p.claim && t.kind == termYear {
			// "dibentuk 2015 kan?": the year may be the claim's mistake, so a fact
			// need not hold it to be about what the question names.
			q.entity = false
		}
		for _, id := range q.ids {
			if id >= 0 {
				q.known = true
				q.idf = math.Max(q.idf, m.ix.idf[id])
			}
		}
		if !q.known {
			q.idf = unknownIDFShare * m.ix.maxIDF
		}
		out = append(out, q)
	}
	return out
}

// score accumulates BM25F scores and covered content per fact.
func (m *Matcher) score(terms []qterm, sc *scratch) {
	for _, q := range terms {
		if !q.known {
			continue
		}
		// Two alternatives of one word (its English and Indonesian stems) count once,
		// at the better of the two. The facts the term touches are listed in
		// scratch (a common term touches more than a stack array holds).
		touched := sc.termTouched[:0]
		for _, id := range q.ids {
			if id < 0 {
				continue
			}
			w := q.weight * m.ix.idf[id]
			for _, p := range m.ix.postings[id] {
				v := w * float64(p.sat)
				if sc.tmp[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				sc.tmp[p.doc] = max(sc.tmp[p.doc], v)
				if q.entity && !p.answerOnly {
					sc.about[p.doc] = true
				}
			}
		}
		for _, d := range touched {
			if !sc.mark[d] {
				sc.mark[d] = true
				sc.touched = append(sc.touched, d)
			}
			sc.score[d] += sc.tmp[d]
			if sc.about[d] {
				// Named in the fact's own phrasings, aliases, title or names, not
				// only in passing in its answer.
				sc.entities[d]++
				sc.about[d] = false
			}
			if q.content {
				// A typo-corrected word is a guess: it covers its share of the
				// question only in part.
				sc.covered[d] += q.idf * q.conf
			}
			sc.tmp[d] = 0
		}
		sc.termTouched = touched[:0]
	}
}

func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.covered[d], s.mark[d], s.entities[d] = 0, 0, false, 0
	}
	s.touched = s.touched[:0]
	// The phrase pass writes cosines for facts the keyword pass may not have touched,
	// so clear them all (a few hundred floats): otherwise one question's phrase
	// scores would leak into the next question's ranking.
	clear(s.cos)
}

// rank returns the top candidates with relative scores, best first, ties by id.
func (m *Matcher) rank(sc *scratch, ideal float64, entities int) []Scored {
	if ideal <= 0 {
		return nil
	}
	var top [maxCandidates]Scored
	n := 0
	for _, d := range sc.touched {
		s := Scored{Fact: m.facts[d], Score: m.tune.phraseShare*sc.cos[d] + (1-m.tune.phraseShare)*sc.score[d]/ideal}
		for miss := entities - int(sc.entities[d]); miss > 0; miss-- {
			s.Score *= m.tune.entityPenalty
		}
		if s.Score <= 0 {
			continue
		}
		// Insertion into a small sorted array: cheaper than sorting every touched fact.
		pos := n
		for pos > 0 && better(s, top[pos-1]) {
			pos--
		}
		if pos >= maxCandidates {
			continue
		}
		if n < maxCandidates {
			n++
		}
		copy(top[pos+1:n], top[pos:n-1])
		top[pos] = s
	}
	out := make([]Scored, n)
	copy(out, top[:n])
	return out
}

const (
	// symbolWeight: a document symbol or year named in the question is the
	// strongest exact signal there is.
	symbolWeight = 1.5
	// maxCorrections bounds spelling corrections per question (see queryTerms).
	maxCorrections = 12
)
