package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// This file answers "when did X start / begin its work / first meet / go live"
// and "when did X end / conclude" from the facts' structured fields. A body is
// dated by the day it was created, but students ask when it began its work: the
// first OEWG was created on 5 December 2018 and first met on 3–4 June 2019, the
// Global Mechanism was agreed in July 2025 and opened in March 2026, the PoC
// Directory was agreed in 2022 and went live in May 2024. Retrieval alone ranks
// the body, its sessions and its other satellites close, and the decision refuses
// such near ties; a thing's `began` and `ended` fields say which fact dates the
// asked moment (a previous try, "a body's first dated satellite is its start",
// failed: the Global Mechanism's first dated satellite is the PoC Directory).

//go:embed vocab/lifespan.toml
var lifespanTOML []byte

// lifespanWords are vocab/lifespan.toml's words, as token sequences, and the
// start and end phrases by their first word (a question's words are looked up
// once each, not matched against every phrase).
type lifespanWords struct {
	start, end, neutral [][]string
	byFirst             map[string][]lifespanPhrase
}

// lifespanPhrase is one start (angle 1) or end (angle -1) phrase.
type lifespanPhrase struct {
	words []string
	angle int
}

var lifespan = mustLifespan(lifespanTOML)

func mustLifespan(data []byte) lifespanWords {
	w, err := parseLifespan(data)
	if err != nil {
		panic(fmt.Errorf("vocab/lifespan.toml: %w", err))
	}
	return w
}

// parseLifespan reads and checks vocab/lifespan.toml: every list holds words,
// written lower case and in their standard form (a chat spelling of the
// colloquial table is mapped before matching, so it would never match), and no
// phrase asks both when a thing started and when it ended.
func parseLifespan(data []byte) (lifespanWords, error) {
	var v struct {
		Start   []string `toml:"start"`
		End     []string `toml:"end"`
		Neutral []string `toml:"neutral"`
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&v)
	if err == nil && len(md.Undecoded()) > 0 {
		err = fmt.Errorf("unknown keys %v", md.Undecoded())
	}
	if err != nil {
		return lifespanWords{}, err
	}
	for name, list := range map[string][]string{"start": v.Start, "end": v.End, "neutral": v.Neutral} {
		if len(list) == 0 {
			return lifespanWords{}, fmt.Errorf("%s: no words", name)
		}
		if err := lowerWords(name, list); err != nil {
			return lifespanWords{}, err
		}
		for _, p := range phraseTokens(list) {
			for _, w := range p {
				if _, ok := colloquial[w]; ok {
					return lifespanWords{}, fmt.Errorf("%s: %q is a chat spelling (colloquial table); write %q", name, w, colloquial[w])
				}
			}
		}
	}
	for _, s := range v.Start {
		if slices.Contains(v.End, s) {
			return lifespanWords{}, fmt.Errorf("%q is both a start and an end word", s)
		}
	}
	w := lifespanWords{start: phraseTokens(v.Start), end: phraseTokens(v.End), neutral: phraseTokens(v.Neutral), byFirst: map[string][]lifespanPhrase{}}
	for _, l := range []struct {
		phrases [][]string
		angle   int
	}{{w.start, 1}, {w.end, -1}} {
		for _, p := range l.phrases {
			w.byFirst[p[0]] = append(w.byFirst[p[0]], lifespanPhrase{p, l.angle})
		}
	}
	return w, nil
}

// lifespanAngle is the angle a question asks from: 1 when a thing started, -1
// when it ended, 0 when neither or both.
func lifespanAngle(raw []rawToken) int {
	var buf [24]string
	words := appendMapped(buf[:0], raw)
	start, end := false, false
	for i := range words {
		s, e := lifespanAt(words[i:])
		start, end = start || s, end || e
	}
	switch {
	case start && !end:
		return 1
	case end && !start:
		return -1
	}
	return 0
}

// lifespanAt reports whether words start with a start phrase and with an end
// phrase.
func lifespanAt(words []string) (start, end bool) {
	for _, p := range lifespan.byFirst[words[0]] {
		if len(p.words) <= len(words) && slices.Equal(words[:len(p.words)], p.words) {
			start, end = start || p.angle > 0, end || p.angle < 0
		}
	}
	return start, end
}

// lifespanStarts reports whether raw starts with a lifespan start or end word.
func lifespanStarts(raw []rawToken) bool {
	if len(raw) == 0 {
		return false
	}
	s, e := lifespanAt(mappedWords(raw))
	return s || e
}

// mappedWords are raw's words after the colloquial table.
func mappedWords(raw []rawToken) []string { return appendMapped(nil, raw) }

// appendMapped appends raw's words after the colloquial table to words.
func appendMapped(words []string, raw []rawToken) []string {
	for _, t := range raw {
		if c, ok := colloquial[t.text]; ok {
			words = append(words, strings.Fields(c)...)
			continue
		}
		words = append(words, t.text)
	}
	return words
}

// buildLifespanTerms is the analysed form of every lifespan word: the terms a
// start or end question may hold besides the thing's name.
func (m *Matcher) buildLifespanTerms() map[string]bool {
	out := map[string]bool{"?when": true}
	for _, list := range [][][]string{lifespan.start, lifespan.end, lifespan.neutral} {
		for _, p := range list {
			for _, t := range analyzeTokens(tokenize(normalize(strings.Join(p, " "))), stemBoth, m.stems, nil) {
				out[t.text] = true
				if t.alt != "" {
					out[t.alt] = true
				}
			}
		}
	}
	return out
}

// lifespanAnswer answers a question asking when a thing the question names
// began (or ended) its work from the fact its `began` (`ended`) field links. It
// says nothing for a claim, for a question holding any word besides the thing's
// names, the words of its curated descriptions and the lifespan words ("when
// did the first OEWG hold its first substantive session?" asks about a session,
// "kapan Global Mechanism kedua mulai?" about a thing that never was), or for a
// thing without the field. The
// thing is the one the question names with the most words ("GGE pertama" over
// "GGE"), whatever retrieval ranks first: its sessions and satellites share its
// names and outrank it.
func (m *Matcher) lifespanAnswer(ranked []Scored, q *Question) (*Fact, bool) {
	if q.claim || len(ranked) == 0 {
		return nil, false
	}
	// An end word without "when" often asks what rather than when: "what did
	// the Swiss-chaired working group conclude?" asks its conclusions.
	angle := lifespanAngle(q.raw)
	if angle == 0 || angle < 0 && !q.has("?when") {
		return nil, false
	}
	d := -1
	if q.follower != nil {
		d = m.docIndex(q.follower)
	} else if d, _ = m.namedBy(q.terms); d < 0 {
		return nil, false
	}
	thing := m.facts[d]
	link := thing.Began
	if angle < 0 {
		link = thing.Ended
	}
	target, ok := m.base.Get(link)
	if link == "" || !ok {
		return nil, false
	}
	// A question naming a session ("sidang terakhir GGE keenam") is answered
	// by the body's session fact retrieval ranks first, which dates it.
	if top := ranked[0].Fact; q.has("~session") && top.Kind == KindEvent && top.Body != "" && top.Body == thing.Body {
		return nil, false
	}
	names := map[int32]bool{}
	for _, l := range m.labels[d] {
		for _, id := range l.ids {
			names[id] = true
		}
	}
	var desc map[int32]bool // the words of the thing's curated descriptions, read when needed
	describes := q.follower != nil
	for _, t := range q.terms {
		if t.sub || t.described || m.lifespanTerms[t.text] || t.alt != "" && m.lifespanTerms[t.alt] {
			continue
		}
		id, alt := m.ix.lookup(t.text), int32(-1)
		if t.alt != "" {
			alt = m.ix.lookup(t.alt)
		}
		if names[id] || alt >= 0 && names[alt] {
			continue
		}
		if desc == nil {
			desc = m.describeWords(thing)
		}
		if !desc[id] && (alt < 0 || !desc[alt]) {
			return nil, false
		}
		describes = true
	}
	// Words that describe the thing ("direktori kontak … untuk insiden siber",
	// "the permanent body that replaced the OEWG") must come with a question
	// of when: "badan tetap pengganti OEWG yg mulai kerja 2026 itu namanya
	// apa?" asks its name.
	if describes && !q.has("?when") {
		return nil, false
	}
	return target, true
}

// describeWords are the index ids of the words of f's curated descriptions.
func (m *Matcher) describeWords(f *Fact) map[int32]bool {
	out := map[int32]bool{}
	for _, text := range f.Describe {
		for _, t := range analyzeTokens(tokenize(normalize(text)), stemBoth, m.stems, nil) {
			for _, s := range []string{t.text, t.alt} {
				if id := m.ix.lookup(s); s != "" && id >= 0 {
					out[id] = true
				}
			}
		}
	}
	return out
}
