package knowledge

// Question is one message analysed once: the matcher, the premise checks and the
// readings of a message all work from it, as net/http parses a request once for
// every handler. It is immutable after Parse.
type Question struct {
	text string
	// raw are the tokens of the normalised text (country codes marked).
	raw []rawToken
	// terms are the analysed terms, spelling corrected within maxCorrections.
	terms []aTerm
	// chat is the chat-level reading of the message (chat.go).
	chat Understanding
	// claim: the message checks a claim ("… kan?"); see claimMarkers.
	claim bool
	// describes is the fact whose subject the question names by description
	// (describe.go), nil when none.
	describes *Fact
}

// Chat is the chat-level reading of the message: small talk, a request about the
// last answer, an opinion or essay request, a quiz letter.
func (q *Question) Chat() Understanding { return q.chat }

// Text is the message as asked.
func (q *Question) Text() string { return q.text }

// Parse analyses a message for the matcher and the checks around it.
func (m *Matcher) Parse(text string) *Question {
	// Spelling correction is the costly step; a question has a handful of words,
	// so a flood of unknown words is only corrected up to a point.
	corrections := 0
	correct := func(w string) (string, int) {
		if corrections == maxCorrections {
			return "", 0
		}
		corrections++
		return m.correct(w)
	}
	raw := tokenize(normalize(markCountryCodes(text)))
	terms := analyzeTokens(withoutOpener(raw), stemBoth, m.stems, correct)
	q := &Question{text: text, raw: raw, terms: terms, chat: Understand(text)}
	for _, t := range raw {
		q.claim = q.claim || claimMarkers[t.text]
	}
	q.claim = q.claim || claimTail(text, raw)
	if f, desc, ok := m.described(terms); ok && m.tune.off&ruleDescribe == 0 {
		// The subject is named by description: its name joins the question, so
		// the subject's facts meet it and the other words choose the angle.
		name := tokenize(normalize(f.Aliases[0]))
		q.raw = append(raw[:len(raw):len(raw)], name...)
		q.terms = append(markDescribed(terms, desc), analyzeTokens(name, stemBoth, m.stems, nil)...)
		q.describes = f
	}
	return q
}

// markDescribed returns a copy of terms with the description's words marked.
func markDescribed(terms, desc []aTerm) []aTerm {
	out := make([]aTerm, len(terms))
	for i, t := range terms {
		for _, d := range desc {
			t.described = t.described || t.text == d.text || t.alt != "" && (t.alt == d.alt || t.alt == d.text) || t.text == d.alt
		}
		out[i] = t
	}
	return out
}

// has reports whether the question holds the concept or angle key ("~gge", "?when"),
// outside multi-word names' inner words.
func (q *Question) has(key string) bool {
	for _, t := range q.terms {
		if t.text == key && !t.sub {
			return true
		}
	}
	return false
}
