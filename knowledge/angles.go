package knowledge

// Some angles belong to one fact of a subject rather than to every fact: of the
// cybercrime convention's facts, one is about when it enters into force, the
// others about its signing, its signatories or its signature period, and all
// share the treaty's names. Such a fact carries the angle in its own title or
// aliases ("When the UN cybercrime convention enters into force"), so a question
// asking from that angle ("konvensi yg diteken di hanoi itu kapan berlaku?")
// should reach it rather than the neighbour that only shares the subject.

// heldAngles are the angles (vocab concept keys) a fact can hold in its names.
// "?when" and "?who" are not among them: every dated fact answers "when", and a
// title that starts "Kapan …" does not make a fact more about dates.
var heldAngles = [...]string{"?inforce"}

// heldAngleMask is a bit set over heldAngles.
type heldAngleMask uint8

// buildHeldAngles records, per fact, which held angles its titles or aliases carry.
func buildHeldAngles(n int, texts []factText, analysed [][]aTerm) []heldAngleMask {
	out := make([]heldAngleMask, n)
	for i, ft := range texts {
		if ft.field != fieldTitle && ft.field != fieldAlias {
			continue
		}
		for _, t := range analysed[i] {
			for k, a := range heldAngles {
				if t.text == a {
					out[ft.doc] |= 1 << k
				}
			}
		}
	}
	return out
}

// askedHeldAngles is the set of held angles the question asks from.
func askedHeldAngles(q *Question) heldAngleMask {
	var m heldAngleMask
	for k, a := range heldAngles {
		if q.has(a) {
			m |= 1 << k
		}
	}
	return m
}

// heldAnglePairRatio: a fact holding the asked angle moves ahead of a better
// scored one that does not only when it scores at least this share of it.
const heldAnglePairRatio = 0.75

// preferHeldAngle moves ahead the first candidate, close enough to the top, whose
// names hold every held angle the question asks from, when the top one holds none.
func (m *Matcher) preferHeldAngle(ranked []Scored, asked heldAngleMask) []Scored {
	if asked == 0 || len(ranked) < 2 || m.held[m.docIndex(ranked[0].Fact)]&asked != 0 {
		return ranked
	}
	for i, s := range ranked[1:] {
		if s.Score < heldAnglePairRatio*ranked[0].Score {
			break
		}
		if m.held[m.docIndex(s.Fact)]&asked == asked {
			out := make([]Scored, 0, len(ranked))
			out = append(out, s)
			out = append(out, ranked[:i+1]...)
			return append(out, ranked[i+2:]...)
		}
	}
	return ranked
}
