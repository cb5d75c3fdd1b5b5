package knowledge

import "strings"

// A "why" question ("kenapa GGE 2017 gagal?", "why did China criticise the joint
// statement?") asks for a reason. Of a subject's facts, the one whose answer gives
// a reason or a cause (vocab reason_markers: "because", "could not agree",
// "karena", "gagal") fits the angle; a neighbour that only shares the subject (the
// body, its date, its chair) does not. whyFit feeds that into the decision's angle
// fit, as angleFit does for "when" and "who"; preferReason settles a near tie in the
// ranking the same way. Scoring a fact without a reason as a misfit (angle fit 0) was
// measured and dropped: it cost right answers on the held-out splits.

// buildReasons marks, per fact, whether its answer (either language) gives a reason.
func buildReasons(facts []*Fact) []bool {
	out := make([]bool, len(facts))
	for i, f := range facts {
		out[i] = holdsReason(f.AnswerEN + " " + f.AnswerID)
	}
	return out
}

// holdsReason reports whether text holds one of the reason markers as whole words.
func holdsReason(text string) bool {
	t := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ") + " "
	for _, mk := range reasonMarkers {
		if strings.Contains(t, " "+mk+" ") {
			return true
		}
	}
	return false
}

// whyFit folds the "why" angle into the best fact's angle fit (see angleFit: 1
// fits, 0 does not, 0.5 no angle asked): a question asking why fits a fact that
// gives a reason.
func (m *Matcher) whyFit(q *Question, doc int, fit float64) float64 {
	if !q.has("?why") {
		return fit
	}
	if m.reason[doc] {
		return 1
	}
	return fit
}

// reasonPairRatio: a fact giving a reason moves ahead of a better scored one that
// gives none only when it scores at least this share of it.
const reasonPairRatio = 0.85

// preferReason moves ahead, for a "why" question, the first close candidate whose
// answer gives a reason when the top one gives none.
func (m *Matcher) preferReason(ranked []Scored, q *Question) []Scored {
	if len(ranked) < 2 || !q.has("?why") || m.reason[m.docIndex(ranked[0].Fact)] {
		return ranked
	}
	for i, s := range ranked[1:] {
		if s.Score < reasonPairRatio*ranked[0].Score {
			break
		}
		if m.reason[m.docIndex(s.Fact)] {
			out := make([]Scored, 0, len(ranked))
			out = append(out, s)
			out = append(out, ranked[:i+1]...)
			return append(out, ranked[i+2:]...)
		}
	}
	return ranked
}
