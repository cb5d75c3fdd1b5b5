package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// This file reads one signal a description carries from the facts' structured
// fields: what a thing came after. "Pengganti OEWG 2021-2025", "who replaced Hinsa
// Siburian", "OEWG yang menggantikan OEWG pertama" name a body or person by its
// predecessor; the facts' related, kind and date fields say which fact followed
// which, so the follower's name joins the question and the other words choose the
// angle ("… diketuai siapa", "… when did it first meet"). A question asking what
// followed the latest of its line ("what replaced the Global Mechanism") names
// nothing the base knows.

//go:embed vocab/succession.toml
var successionTOML []byte

// successionWords are vocab/succession.toml's words, as token sequences.
type successionWords struct {
	after [][]string
	not   map[string]bool
	// byFirst lists after's sequences by their first word, in after's order.
	byFirst map[string][][]string
}

var succession = mustSuccession(successionTOML)

func mustSuccession(data []byte) successionWords {
	var v struct {
		After []string `toml:"after"`
		Not   []string `toml:"not"`
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&v)
	if err == nil && len(md.Undecoded()) > 0 {
		err = fmt.Errorf("unknown keys %v", md.Undecoded())
	}
	if err == nil && len(v.After) == 0 {
		err = fmt.Errorf("no words")
	}
	if err != nil {
		panic(fmt.Errorf("vocab/succession.toml: %w", err))
	}
	w := successionWords{after: phraseTokens(v.After), not: setOfList(v.Not), byFirst: map[string][][]string{}}
	for _, p := range w.after {
		w.byFirst[p[0]] = append(w.byFirst[p[0]], p)
	}
	return w
}

// succeededAt returns where the words naming the predecessor start: just after
// a succession word that is not passive ("replaced by"), -1 if none.
func succeededAt(raw []rawToken) int {
	for i := range raw {
		for _, p := range succession.byFirst[raw[i].text] {
			end := i + len(p)
			if end > len(raw) || !slices.EqualFunc(raw[i:end], p, func(t rawToken, w string) bool { return t.text == w }) {
				continue
			}
			if end < len(raw) && succession.not[raw[end].text] {
				return -1
			}
			return end
		}
	}
	return -1
}

// followsInLine reports whether f is of a kind that follows another of its kind:
// a body, a person in a post, a document (a manual's second edition).
func followsInLine(f *Fact) bool {
	return f.Kind == KindBody || f.Kind == KindPerson || f.Kind == KindDocument
}

// namedBy returns the body, person or document fact whose name the terms hold
// whole with the most words ("OEWG pertama" over "OEWG"), and that name; -1 when
// none, or when two tie and neither is named by its first name ("OEWG" is the
// overview's first name, and only a nickname of the second OEWG).
func (m *Matcher) namedBy(terms []aTerm) (int, []int32) {
	ids := m.termIDs(terms)
	type hit struct {
		d     int
		name  []int32
		first bool
	}
	var hits []hit
	// A name that itself says "successor" ("successor of the OEWG") names the
	// follower, not a predecessor.
	replace := m.ix.lookup("~replace")
	for d, f := range m.facts {
		if !followsInLine(f) || len(f.Aliases) == 0 {
			continue
		}
		var first []int32 // the first alias's ids, read only for a fact that matches
		for _, l := range m.labels[d] {
			if l.keyword || len(l.ids) == 0 || len(hits) > 0 && len(l.ids) < len(hits[0].name) || slices.Contains(l.ids, replace) {
				continue
			}
			if !slices.ContainsFunc(l.ids, func(id int32) bool { return !slices.Contains(ids, id) }) {
				if len(hits) > 0 && len(l.ids) > len(hits[0].name) {
					hits = hits[:0]
				}
				if first == nil {
					first = m.labelIDs(f.Aliases[0])
				}
				hits = append(hits, hit{d, l.ids, slices.Equal(l.ids, first)})
			}
		}
	}
	best := -1
	var name []int32
	for _, h := range hits {
		switch {
		case best < 0 || h.d == best:
			best, name = h.d, h.name
		case len(hits) > 0:
			best = -2 // two facts; settled by first names below
		}
	}
	if best == -2 {
		best = -1
		for _, h := range hits {
			if h.first {
				if best >= 0 && best != h.d {
					return -1, nil
				}
				best, name = h.d, h.name
			}
		}
	}
	return best, name
}

// labelIDs are the index ids of a name's content terms, as buildLabels reads them.
func (m *Matcher) labelIDs(name string) []int32 {
	var out []int32
	for _, t := range analyzeTokens(tokenize(normalize(name)), stemBoth, m.stems, nil) {
		if t.kind == termAngle || t.sub {
			continue
		}
		if id := m.ix.lookup(t.text); id >= 0 {
			out = append(out, id)
		}
	}
	return out
}

// follower returns the fact of what followed fact d: the earliest later-dated
// fact of the same kind listed as related either way ("OEWG 2019–2021" → "OEWG
// 2021–2025", Hinsa Siburian → Nugroho Sulistyo Budi). For an undated body that
// gathers a line of bodies ("OEWG"), it is what followed the line's latest; for a
// chair, the chair of what followed the chair's body. The second result says whether d's succession is known at all: an undated fact
// outside any line has none.
func (m *Matcher) follower(d int) (*Fact, bool) {
	f := m.facts[d]
	if f.Date == "" && f.Kind == KindPerson && f.Chair != "" && f.Body != "" && m.tune.off&ruleChaired == 0 {
		// A chair is followed by the chair of the body that followed theirs
		// (Burhan Gafoor, chair of the OEWG 2021–2025, by the Global
		// Mechanism's chair).
		for g, b := range m.facts {
			if b.Kind != KindBody || b.Body != f.Body || b.Date == "" {
				continue
			}
			next, known := m.follower(g)
			if next == nil {
				return nil, known
			}
			chair := next.Chair
			if chair == "" {
				chair = m.bodyChairs[next.Body]
			}
			if p, ok := m.chairPerson[chair]; ok {
				return m.facts[p], true
			}
			return nil, false
		}
		return nil, false
	}
	if f.Date == "" {
		if f.Kind != KindBody || len(f.Aliases) == 0 {
			return nil, false
		}
		key := strings.ToLower(f.Aliases[0])
		last := -1
		for g, h := range m.facts {
			if h.Kind == KindBody && h.Date != "" && bodyKey(h.Body) == key && (last < 0 || h.Date > m.facts[last].Date) {
				last = g
			}
		}
		if last < 0 {
			return nil, false
		}
		d, f = last, m.facts[last]
	}
	var next *Fact
	for _, g := range m.facts {
		if g.Kind == f.Kind && g.Date > f.Date && relatedFacts(f, g) && (next == nil || g.Date < next.Date) {
			next = g
		}
	}
	return next, true
}

// followerDescribed returns the fact of the body or person the question names by
// its predecessor, and the predecessor's terms; none reports a predecessor the
// base knows nothing followed.
func (m *Matcher) followerDescribed(raw []rawToken) (f *Fact, desc []aTerm, none *Fact) {
	i := succeededAt(raw)
	if i < 0 {
		return nil, nil, nil
	}
	// The predecessor's name ends where the question's angle starts ("… OEWG
	// pertama diketuai siapa", "… the OEWG - when is its first plenary", "… the
	// OEWG first meet": a lifespan word, lifespan.go).
	j := i
	for j < len(raw) && !chairWords[raw[j].text] && !slices.ContainsFunc(analyzeTokens(raw[j:j+1], stemBoth, m.stems, nil),
		func(t aTerm) bool { return t.kind == termAngle }) && (m.tune.off&ruleLifespan != 0 || !lifespanStarts(raw[j:])) {
		j++
	}
	after := analyzeTokens(raw[i:j], stemBoth, m.stems, nil)
	d, name := m.namedBy(after)
	if d < 0 {
		return nil, nil, nil
	}
	// The predecessor's name is the description; the rest is the angle.
	for _, t := range after {
		if slices.Contains(name, m.ix.lookup(t.text)) || t.alt != "" && slices.Contains(name, m.ix.lookup(t.alt)) {
			desc = append(desc, t)
		}
	}
	next, known := m.follower(d)
	switch {
	case next != nil:
		return next, desc, nil
	case known && (m.facts[d].Kind == KindBody || m.facts[d].Kind == KindPerson):
		return nil, nil, m.facts[d]
	}
	return nil, nil, nil
}
