package knowledge

import "slices"

// A list question ("OEWG ada berapa aja, sebutin semuanya", "list all the GGEs")
// asks for every instance of something. Among close candidates, the fact that
// gathers them, whose related list holds several of the other candidates (the
// overview of the OEWGs lists both groups), answers it better than any one
// instance that happens to score a little higher. The question must say it wants
// a list (vocab list_markers): "isinya apa aja" asks for the contents of one thing.

// gatherPairRatio: a gathering fact moves ahead only when it scores at least this
// share of the top candidate.
const gatherPairRatio = 0.75

// gatherWindow: how many candidates a gathering fact's related list is checked against.
const gatherWindow = 8

// asksList reports whether the question says it wants a list.
func asksList(q *Question) bool {
	for _, t := range q.raw {
		if listMarkers[t.text] {
			return true
		}
	}
	return false
}

// gathers counts the candidates among window other than c that c lists as related.
func gathers(c *Fact, window []Scored) int {
	n := 0
	for _, s := range window {
		if s.Fact != c && slices.Contains(c.Related, s.Fact.ID) {
			n++
		}
	}
	return n
}

// overviews marks, per fact, whether it is an overview of instances: undated, with
// at least two dated facts of one kind in its related list (the overview of the
// OEWGs lists both groups, the overview of GGE reports the four reports).
func overviews(facts []*Fact) map[*Fact]bool {
	byID := make(map[string]*Fact, len(facts))
	for _, f := range facts {
		byID[f.ID] = f
	}
	out := map[*Fact]bool{}
	for _, f := range facts {
		if f.Date != "" {
			continue
		}
		kinds := map[Kind]int{}
		for _, id := range f.Related {
			if r := byID[id]; r != nil && r.Date != "" {
				kinds[r.Kind]++
				if kinds[r.Kind] >= 2 {
					out[f] = true
				}
			}
		}
	}
	return out
}

// gatherer reports whether c gathers instances: an overview, or a fact listing
// at least two of the other close candidates as related.
func gatherer(c *Fact, window []Scored, over map[*Fact]bool) bool {
	return over[c] || gathers(c, window) >= 2
}

// preferGatherer moves ahead the first close candidate that gathers instances
// when the question asks for a list and the top candidate does not.
func preferGatherer(ranked []Scored, q *Question, over map[*Fact]bool) []Scored {
	if len(ranked) < 2 || !asksList(q) {
		return ranked
	}
	window := ranked[:min(len(ranked), gatherWindow)]
	if gatherer(ranked[0].Fact, window, over) {
		return ranked
	}
	for i, s := range window[1:] {
		if s.Score < gatherPairRatio*ranked[0].Score {
			break
		}
		if gatherer(s.Fact, window, over) {
			out := make([]Scored, 0, len(ranked))
			out = append(out, s)
			out = append(out, ranked[:i+1]...)
			return append(out, ranked[i+2:]...)
		}
	}
	return ranked
}
