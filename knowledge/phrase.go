package knowledge

import "math"

// phraseIndex compares a question with each curated phrasing, alias and title of
// every fact on its own (IDF-weighted cosine of term sets) and keeps each fact's
// best. BM25 over a fact's pooled fields finds the subject; this finds the angle:
// "who chaired the first OEWG" is closest to a phrasing that asks exactly that,
// while pooled fields of "the first OEWG" and "its chair" look much alike. A
// phrasing with content the question lacks scores lower, which is what tells
// "what is the 2019 joint statement" from "who signed the 2019 joint statement".
type phraseIndex struct {
	// phrasings holds, per phrasing, its fact index and the Euclidean norm of its
	// weighted term set, side by side: best reads both for every touched phrasing.
	phrasings []phrasing
	postings  [][]phrasePosting // term id -> phrasings containing it (ascending)
	count     int
}

type phrasing struct {
	norm float64
	fact int32
}

type phrasePosting struct {
	phrasing int32
	// tw is the term's weight within the phrasing: its IDF, times subWeight for
	// a word inside a multi-word name (as in the question); computed at build.
	tw float64
}

// phraseAcc is one phrasing's running dot product with the question, and the
// question term (plus one) that last added to it; 0 means untouched.
type phraseAcc struct {
	dot  float64
	last int32
}

// termWeight is the weight of a term in the cosine: its IDF (a fixed weight for
// question angles, see buildIndex).
func termWeight(ix *index, id int32) float64 { return ix.idf[id] }

func buildPhraseIndex(texts []factText, analysed [][]aTerm, ix *index) *phraseIndex {
	pi := &phraseIndex{postings: make([][]phrasePosting, len(ix.idf))}
	type weighted struct {
		id int32
		w  float32
	}
	var ids []weighted
	has := func(id int32) bool {
		for _, x := range ids {
			if x.id == id {
				return true
			}
		}
		return false
	}
	eligible := func(ft factText) bool {
		return ft.field == fieldQuestion || ft.field == fieldAlias || ft.field == fieldTitle || ft.phraseOnly
	}
	// terms reads text i's distinct term ids into ids and returns the squared
	// norm of its weighted term set.
	terms := func(i int) float64 {
		ids = ids[:0]
		var sum float64
		for _, t := range analysed[i] {
			id := ix.lookup(t.text)
			if id < 0 || has(id) {
				continue
			}
			tw := float32(1)
			if t.sub {
				tw = float32(subWeight)
			}
			ids = append(ids, weighted{id, tw})
			w := termWeight(ix, id) * float64(tw)
			sum += w * w
			// The other language's stem of an alias word is a second spelling, not
			// more content: it joins the postings but not the norm.
			if t.alt != "" {
				if a := ix.lookup(t.alt); a >= 0 && !has(a) {
					ids = append(ids, weighted{a, tw})
				}
			}
		}
		return sum
	}
	// A first pass counts each term's postings, so that every list is cut
	// from one array sized once.
	counts := make([]int, len(ix.idf))
	total, phrasings := 0, 0
	for i, ft := range texts {
		if !eligible(ft) {
			continue
		}
		terms(i)
		for _, x := range ids {
			counts[x.id]++
		}
		total += len(ids)
		if len(ids) > 0 {
			phrasings++
		}
	}
	flat := make([]phrasePosting, total)
	for id, n := range counts {
		pi.postings[id], flat = flat[:0:n], flat[n:]
	}
	pi.phrasings = make([]phrasing, 0, phrasings)
	for i, ft := range texts {
		if !eligible(ft) {
			continue
		}
		sum := terms(i)
		if len(ids) == 0 {
			continue
		}
		// Phrasings are numbered in order, so every posting list stays ascending.
		p := int32(pi.count)
		pi.count++
		pi.phrasings = append(pi.phrasings, phrasing{norm: math.Sqrt(sum), fact: int32(ft.doc)})
		for _, x := range ids {
			pi.postings[x.id] = append(pi.postings[x.id], phrasePosting{p, termWeight(ix, x.id) * float64(x.w)})
		}
	}
	return pi
}

// best fills out[fact] with the fact's best phrasing cosine for the query terms.
// acc is a scratch array of pi.count entries, returned zeroed.
func (pi *phraseIndex) best(ix *index, terms []qterm, acc []phraseAcc, touched []int32, out []float64) []int32 {
	var qnorm float64
	for qi, q := range terms {
		if !q.known {
			// Unknown words still make the question longer than any phrasing.
			w := ix.maxIDF * q.weight
			qnorm += w * w
			continue
		}
		var qw float64
		for _, id := range q.ids {
			if id >= 0 {
				qw = math.Max(qw, termWeight(ix, id)*q.weight)
			}
		}
		qnorm += qw * qw
		mark := int32(qi) + 1
		for k, id := range q.ids {
			if id < 0 {
				continue
			}
			w := termWeight(ix, id) * q.weight
			if k == 0 || q.ids[0] < 0 {
				// The word's first spelling: no phrasing has counted it yet (a
				// phrasing holds an id once).
				for _, pp := range pi.postings[id] {
					a := &acc[pp.phrasing]
					if a.last == 0 {
						touched = append(touched, pp.phrasing)
					}
					a.last = mark
					a.dot += w * pp.tw
				}
				continue
			}
			for _, pp := range pi.postings[id] {
				a := &acc[pp.phrasing]
				if a.last == mark {
					continue // the other spelling of this word already counted here
				}
				if a.last == 0 {
					touched = append(touched, pp.phrasing)
				}
				a.last = mark
				a.dot += w * pp.tw
			}
		}
	}
	qnorm = math.Sqrt(qnorm)
	for _, p := range touched {
		a, ph := &acc[p], pi.phrasings[p]
		if qnorm > 0 && ph.norm > 0 {
			// Without branches on the quotient: which way they go cannot be
			// foreseen, and a wrong guess waits for the division.
			c := min(a.dot/(qnorm*ph.norm), 1)
			out[ph.fact] = max(out[ph.fact], c)
		}
		*a = phraseAcc{}
	}
	return touched[:0]
}
