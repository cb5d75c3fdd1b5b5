package knowledge

import "slices"

// This file answers a follow-up that asks a state's part in the conversation's
// subject ("indonesia udh ikut belum?" after the Budapest Convention, "kalo
// filipina?", "was Indonesia a member?"). Such a message names a state, an entity
// of its own, so it does not read as a follow-up; matched alone it finds the
// state's best-known fact (Indonesia in the GGEs), not its relation to the subject.
// The subject's neighbourhood (around) holds that relation when the base knows it:
// a fact whose structured fields (proposed_by) or text name the state.

// Actor is the fact around last that relates the one state q names to the
// conversation's subject, best ranked on q's words and angle; ok is false when q
// names no state, two states, or an entity the subject's names do not hold ("indonesia
// ikut GGE ga?" after Budapest names its own subject), or when no fact around last
// other than last itself names that state.
func (m *Matcher) Actor(q *Question, last *Fact) (*Fact, bool) {
	own := m.nameConcepts(last, m.Subject(last))
	state := ""
	for _, t := range q.terms {
		if t.kind != termConcept || t.sub {
			continue
		}
		key := t.text[1:]
		switch {
		case describePlaces[key] && (state == "" || state == t.text):
			state = t.text
		case describePlaces[key]:
			return nil, false
		case entityConcepts[key] && !own[t.text]:
			return nil, false
		}
	}
	if state == "" || own[state] {
		return nil, false
	}
	least := minActor
	if onlyFrame(q, state) {
		// "AS gimana?", "kalo filipina?" say nothing but the state: no other word
		// could have ranked a fact, so the best one relating the state answers.
		least = 0
	}
	facts, weights := m.around(last)
	for _, s := range m.rankAround(q, facts, weights) {
		if s.Fact != last && s.Score >= least && m.relatesState(s.Fact, state) {
			return s.Fact, true
		}
	}
	return nil, false
}

// nameConcepts are the concepts the names of facts hold (body, aliases, titles): a
// question naming one of them still speaks of that subject ("indonesia ngapain di
// OEWG itu?" after the first OEWG).
func (m *Matcher) nameConcepts(facts ...*Fact) map[string]bool {
	out := make(map[string]bool)
	for _, f := range facts {
		for _, name := range append([]string{f.Body, f.TitleEN, f.TitleID}, f.Aliases...) {
			for _, t := range analyzeTokens(tokenize(normalize(name)), stemBoth, m.stems, nil) {
				if t.kind == termConcept && !t.sub {
					out[t.text] = true
				}
			}
		}
	}
	return out
}

// relatesState reports whether f says something of state (a place concept): the
// state proposed it (proposed_by), or its title or answer names the state.
func (m *Matcher) relatesState(f *Fact, state string) bool {
	if slices.Contains(f.ProposedBy, state[1:]) {
		return true
	}
	for _, text := range []string{f.TitleEN, f.TitleID, f.AnswerEN, f.AnswerID} {
		for _, t := range analyzeTokens(tokenize(normalizeMax(text, maxFactTextRunes)), stemBoth, m.stems, nil) {
			if t.kind == termConcept && t.text == state {
				return true
			}
		}
	}
	return false
}

// minActor is the least score (rankAround) the fact relating the state needs: the
// state named is a second signal, so it may stand below MinAround ("rusia bilang
// apa?" after the first OEWG's endorsement touches Russia's reaction at 0.64).
const minActor = 0.55
