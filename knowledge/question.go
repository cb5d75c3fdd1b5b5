package knowledge

import "slices"

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
	// said is how many of raw's tokens the message itself holds; the rest is
	// the name of the subject it describes, added by Parse, which asserts
	// nothing (claim.go reads a claim's detail from the said tokens only).
	said int
	// own are the analysed terms of the message itself, before a described
	// subject's name joined them.
	own []aTerm
	// describes is the fact whose subject the question names by description
	// (describe.go), nil when none.
	describes *Fact
	// describesBody is the body whose chair the question describes, when
	// describes is that chair's person fact (chaired.go).
	describesBody *Fact
	// followsNothing is the body the question asks the follower of when the base
	// knows nothing followed it ("what replaced the Global Mechanism?"; follower.go).
	followsNothing *Fact
	// named is the subject a proposer or membership reading names (proposed.go,
	// members.go): its name joins the terms, but describes stays nil.
	named *Fact
	// follower is the body or person the question names by its predecessor
	// (follower.go): its name joins the terms, and the words around it describe
	// it ("the permanent body that replaced the OEWG").
	follower *Fact
	// lang and langSure are DetectLang of the text, read once here rather than
	// on every ranking of the question.
	lang     Lang
	langSure bool
}

// Chat is the chat-level reading of the message: small talk, a request about the
// last answer, an opinion or essay request, a quiz letter.
func (q *Question) Chat() Understanding { return q.chat }

// Text is the message as asked.
func (q *Question) Text() string { return q.text }

// Parse analyses a message for the matcher and the checks around it.
func (m *Matcher) Parse(text string) *Question {
	q := m.parse(text)
	q.chat = Understand(text)
	return q
}

// parse is Parse without the chat-level reading, which the matcher does not use:
// Match parses with it.
func (m *Matcher) parse(text string) *Question {
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
	marked := markCountryCodes(text)
	toks := tokenize(normalize(marked))
	// The language is told from the text as written: the same tokens unless a
	// country code was marked.
	lang, sure := detectLang(toks)
	if marked != text {
		lang, sure = DetectLang(text)
	}
	raw := seriesPlaces(m.splitGlued(toks))
	// "I read that …" makes the message a claim and says nothing about its
	// subject: its words are left out ("read" would be corrected to "road").
	raw, repeated := cutClaimPhrase(raw)
	terms := analyzeTokens(withoutOpener(raw), stemBoth, m.stems, correct)
	q := &Question{text: text, raw: raw, terms: terms, said: len(raw), claim: repeated, lang: lang, langSure: sure}
	for _, t := range raw {
		q.claim = q.claim || claimMarkers[t.text]
	}
	q.claim = q.claim || claimTail(text, raw)
	m.describe(q, terms)
	return q
}

// describe sets q's terms to own, and when own names a subject by description
// joins the subject's name to them, so the subject's facts meet it and the other
// words choose the angle.
func (m *Matcher) describe(q *Question, own []aTerm) {
	q.own, q.terms, q.raw, q.describes, q.describesBody, q.followsNothing, q.named, q.follower = own, own, q.raw[:q.said], nil, nil, nil, nil, nil
	f, desc, ok := m.described(own)
	// A question that names another thing of the described kind outright is
	// about that thing: "resolusi 2019 yg diusulin Rusia buat bikin komite ad
	// hoc" names A/RES/74/247 ("resolusi pembentukan komite ad hoc"), whatever
	// the 2018 text's description ("resolusi usulan Rusia …") shares with it.
	if ok && m.tune.off&ruleProposer == 0 && m.namesOtherOfKind(own, f) {
		f, desc, ok = nil, nil, false
	}
	// A thing named by its proposer or a body by its membership, read from the
	// facts' fields with the question's year and other words, overrides a
	// curated description that fits another thing: a curated description is
	// held by its words alone, whatever year or body the question also names.
	// Its fact answers, not its chair's person fact (the body's fact names the
	// chair).
	structured := false
	if !q.claim {
		sf, sdesc, sok := (*Fact)(nil), []aTerm(nil), false
		if m.tune.off&ruleProposer == 0 {
			sf, sdesc, sok = m.proposerDescribed(own)
		}
		if !sok && m.tune.off&ruleMembers == 0 {
			sf, sdesc, sok = m.membersDescribed(q.raw, own)
		}
		if sok && (!ok || sf != f) {
			f, desc, ok, structured = sf, sdesc, true, true
		}
	}
	// A claim about a chair ("… diketuai Brazil kan?") asserts the nationality
	// rather than describing a body by it.
	if !ok && !q.claim && m.tune.off&ruleChaired == 0 {
		f, desc, ok = m.chairDescribed(q.raw, own)
	}
	follows := false
	if !ok && !q.claim && m.tune.off&ruleFollower == 0 {
		f, desc, q.followsNothing = m.followerDescribed(q.raw)
		ok, follows = f != nil, f != nil
	}
	if ok && m.tune.off&ruleDescribe == 0 {
		d := m.docIndex(f)
		name, nameTerms := m.firstNames[d].raw, m.firstNames[d].terms
		if p := m.chairOf(f, own); p != f && !structured && m.tune.off&ruleChaired == 0 {
			// Who chaired the described body: the chair's name joins too.
			name = append(name[:len(name):len(name)], tokenize(normalize(p.Aliases[0]))...)
			nameTerms = analyzeTokens(name, stemBoth, m.stems, nil)
			q.describesBody = f
			f = p
		}
		q.raw = append(q.raw[:len(q.raw):len(q.raw)], name...)
		kept := markDescribed(own, desc)
		if follows {
			// The predecessor is not what is asked: its name would only pull
			// toward its own facts ("pengganti OEWG 2021-2025" is not about
			// it). Measured: keeping the words the follower's names share
			// ("OEWG") cost a train18 row and gained none.
			kept = slices.DeleteFunc(kept, func(t aTerm) bool { return t.described })
		}
		q.terms = append(kept, nameTerms...)
		switch {
		case structured:
			// A proposer or membership reading names the subject but does not
			// lower the bar to answer from its own fact: "the French-proposed
			// forum idea — what happened to it?" wants a neighbour of the idea.
			q.named = f
		case !follows || q.describesBody != nil:
			// A follower is named, not described: the decision reads it as
			// a question that names its subject.
			q.describes = f
		default:
			q.follower = f
		}
	}
}

// firstName is a fact's first name as tokens and analysed terms, read at load:
// describe adds it to a question that names the fact by description.
type firstName struct {
	raw   []rawToken
	terms []aTerm
}

// buildFirstNames reads every named fact's first name.
func (m *Matcher) buildFirstNames() []firstName {
	out := make([]firstName, len(m.facts))
	for d, f := range m.facts {
		if len(f.Aliases) > 0 {
			raw := tokenize(normalize(f.Aliases[0]))
			out[d] = firstName{raw: raw, terms: analyzeTokens(raw, stemBoth, m.stems, nil)}
		}
	}
	return out
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

// claimPhraseFirst holds the first words of claimPhrases: a message holding none
// of them holds no claim phrase. It is nil, and checks nothing, if a phrase is
// empty.
var claimPhraseFirst = firstWords(claimPhrases)

// firstWords is the set of the phrases' first words, nil if a phrase is empty.
func firstWords(phrases [][]string) map[string]bool {
	out := make(map[string]bool, len(phrases))
	for _, p := range phrases {
		if len(p) == 0 {
			return nil
		}
		out[p[0]] = true
	}
	return out
}

// cutClaimPhrase finds one of claimPhrases ("I read that …", "katanya …") as
// whole words in raw and returns raw without it, and whether it was there.
func cutClaimPhrase(raw []rawToken) ([]rawToken, bool) {
	if claimPhraseFirst != nil && !slices.ContainsFunc(raw, func(t rawToken) bool { return claimPhraseFirst[t.text] }) {
		return raw, false
	}
	for _, words := range claimPhrases {
		for i := 0; i+len(words) <= len(raw); i++ {
			match := true
			for k, w := range words {
				match = match && raw[i+k].text == w
			}
			if match {
				return append(raw[:i:i], raw[i+len(words):]...), true
			}
		}
	}
	return raw, false
}

// AsksDefinition reports whether q asks what something is ("GGE itu apa?", "what
// is a norm?").
func (q *Question) AsksDefinition() bool { return q.has("?def") || q.has("?define") }
