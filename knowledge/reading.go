package knowledge

import "strings"

// This file tells whether a question names a subject of its own or leans on the
// previous one ("kapan dibentuk?", "what did it conclude?"). A question that names a
// body, document, person, instrument or term is a new question, whatever pronoun
// it carries ("GGE itu apa?", "norma itu apa?"); only a question with no subject
// that points back is a follow-up.

// Reading is what a question says about its own subject.
type Reading struct {
	// Subject: the question names something the base knows (a body, document,
	// person, instrument, country or term).
	Subject bool
	// LeansBack: the question points back (a pronoun, "-nya" on a frame word, an
	// opening "and"/"terus"), or asks an angle with no content at all ("who chaired?").
	LeansBack bool
	// Year is a year the question names ("yang 2021?"), empty when none.
	Year string
	// Unknown: the question holds a content word the base has never seen ("kapan
	// UTS?"): it is about something else, so it is never read against the last answer.
	Unknown bool
	// OwnFrame: the question has no subject but two frame words and nothing
	// pointing back ("siapa sekjen PBB?"); in a fresh chat it is not asked back.
	OwnFrame bool
}

// frameConcepts are concepts that say what is asked about a subject (its creation,
// chair, vote, outcome) rather than name one: "kapan dibentuk?" has no subject.
var frameConcepts = setOfList(lexData.FrameConcepts)

// genericNouns name a kind of thing ("report", "konvensi"): a subject unless the
// question points back at it (see pointedAt).
var genericNouns = setOfList(lexData.GenericNouns)

// backWords point back at the previous answer's subject; openers start a message
// that continues the previous one (vocab/followup.toml).
var (
	backWords = followWords.backWords
	openers   = followWords.openers
)

// notNya are words ending in "nya" that are not a back-reference.
var notNya = followWords.notNya

// Read tells whether question names its own subject and whether it leans back.
func (m *Matcher) Read(q *Question) Reading {
	var r Reading
	raw := q.raw
	def := false
	content, frames := 0, 0
	pointsBack := false
	for i, t := range raw {
		if t.kind == tokYear && r.Year == "" {
			r.Year = t.text
		}
		if t.kind != tokWord {
			continue
		}
		w := t.text
		switch {
		case backWords[w]:
			r.LeansBack, pointsBack = true, true
		case i == 0 && openers[w]:
			r.LeansBack, pointsBack = true, true
		case len(w) > 5 && strings.HasSuffix(w, "nya") && !notNya[w]:
			r.LeansBack, pointsBack = true, true
		}
	}
	def = q.has("?def") || q.has("?define") || q.has("?abbr")
	// Words carrying "-nya" point back ("dokumennya apa?"): their stems are not a
	// subject of the question's own.
	pointed := map[string]bool{}
	for _, t := range raw {
		if t.kind == tokWord && len(t.text) > 5 && strings.HasSuffix(t.text, "nya") && !notNya[t.text] {
			b := strings.TrimSuffix(t.text, "nya")
			pointed[m.stems.stemEN(b)], pointed[m.stems.stemID(b)] = true, true
		}
	}
	for _, t := range q.terms {
		if t.kind == termNumber && !t.sub && isNormParagraph(t.text) {
			// "13c", however written ("norma ke3", "norm (c)"), names a norm.
			r.Subject = true
		}
		if t.sub || t.kind == termAngle || t.kind == termYear || t.kind == termNumber {
			continue
		}
		switch t.kind {
		case termSymbol:
			r.Subject = true
		case termConcept:
			key := t.text[1:]
			switch {
			case genericNouns[key]:
				// "apa itu resolusi?", "norma itu apa?", "apa norma siber?" name a
				// kind of thing; "laporannya apa?", "what did the report say?" point back.
				if def || !pointedAt(raw, key) {
					r.Subject = true
				}
			case !frameConcepts[key]:
				r.Subject = true
			case def && m.glossaryConcepts[t.text]:
				// "konsensus itu maksudnya apa?": a frame word asked to be defined is
				// a term of the glossary, and the question's own subject.
				r.Subject = true
			default:
				frames++
			}
		case termWord:
			content++
			r.Unknown = r.Unknown || m.ix.lookup(t.text) < 0 && (t.alt == "" || m.ix.lookup(t.alt) < 0)
			if pointed[t.text] || t.alt != "" && pointed[t.alt] {
				continue
			}
			if id := m.ix.lookup(t.text); id >= 0 && m.nameTerms[id] {
				r.Subject = true
			} else if t.alt != "" {
				if id := m.ix.lookup(t.alt); id >= 0 && m.nameTerms[id] {
					r.Subject = true
				}
			}
		}
	}
	if content == 0 && !r.Subject {
		if aboutOwnLife(raw, q.terms) {
			// "kapan UTS?", "aku belum ngerjain tugas 2015": the student's own life
			// is the subject, and the last answer is not.
			r.Unknown, r.LeansBack = true, false
			return r
		}
		// Nothing but angles and frame words: "who chaired?", "kapan dibentuk?".
		r.LeansBack = true
		// Two frame words and nothing pointing back ("siapa sekjen PBB?") can be a
		// question of their own: with no last answer it is asked of the base.
		r.OwnFrame = !pointsBack && frames >= 2
	}
	return r
}

// aboutOwnLife reports whether a message with no subject of its own names the
// student's life (an exam, a class) and no frame of a subject ("kapan dibentuk"): "lagi
// ngerjain tugas, siapa ketuanya?" still asks about the last answer.
func aboutOwnLife(raw []rawToken, terms []aTerm) bool {
	life := false
	for _, t := range raw {
		life = life || t.kind == tokWord && lifeTopics[t.text]
	}
	if !life {
		return false
	}
	for _, t := range terms {
		if t.kind == termConcept && !t.sub && frameConcepts[t.text[1:]] {
			return false
		}
	}
	return true
}

// pointedAt reports whether a word of concept key is pointed back at in raw: it
// carries "-nya" ("laporannya"), follows "the"/"that" ("what did the report say?")
// or precedes "itu"/"tersebut" ("laporan itu isinya apa?").
func pointedAt(raw []rawToken, key string) bool {
	for i, t := range raw {
		if t.kind != tokWord {
			continue
		}
		w, nya := t.text, false
		if len(w) > 5 && strings.HasSuffix(w, "nya") {
			w, nya = strings.TrimSuffix(w, "nya"), true
		}
		if !wordOfConcept(t.text, key) && !wordOfConcept(w, key) {
			continue
		}
		if nya || i > 0 && demonstrativeBefore[raw[i-1].text] || i+1 < len(raw) && demonstrativeAfter[raw[i+1].text] {
			return true
		}
	}
	return false
}

var (
	// "which resolution?", "lewat dokumen apa?" ask which one of the last answer's
	// subject, as "the resolution" does; with anything else named, that is the subject.
	demonstrativeBefore = followWords.demonstrativeBefore
	demonstrativeAfter  = followWords.demonstrativeAfter
)

// wordOfConcept reports whether w alone spells concept key.
func wordOfConcept(w, key string) bool {
	for _, p := range lex.byFirst[w] {
		if len(p.words) == 1 && p.key[1:] == key {
			return true
		}
	}
	return false
}

// buildNameTerms collects the index ids of words that name a fact: words of its
// aliases and of its body and chair, but not of its titles (which also hold frame
// words: "adopted", "dibentuk") or its phrasings.
func buildNameTerms(texts []factText, analysed [][]aTerm, ix *index) map[int32]bool {
	out := map[int32]bool{}
	for i, ft := range texts {
		if ft.field != fieldAlias && (ft.field != fieldMeta || ft.phraseOnly) {
			continue
		}
		for _, t := range analysed[i] {
			if t.kind != termWord || len(t.text) < 3 {
				continue
			}
			if id := ix.lookup(t.text); id >= 0 {
				out[id] = true
			}
		}
	}
	return out
}

// buildGlossaryConcepts collects the concepts that name a glossary term (a fact of
// kind term) in its aliases: asked to be defined, they are a subject of their own.
func buildGlossaryConcepts(facts []*Fact, texts []factText, analysed [][]aTerm) map[string]bool {
	out := map[string]bool{}
	for i, ft := range texts {
		if ft.field != fieldAlias || facts[ft.doc].Kind != KindTerm {
			continue
		}
		for _, t := range analysed[i] {
			if t.kind == termConcept && !t.sub {
				out[t.text] = true
			}
		}
	}
	return out
}

// isNormParagraph reports whether a number token is a norm's paragraph ("13c").
func isNormParagraph(s string) bool {
	return len(s) == 3 && strings.HasPrefix(s, "13") && s[2] >= 'a' && s[2] <= 'k'
}
