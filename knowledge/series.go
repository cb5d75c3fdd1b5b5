package knowledge

import (
	"slices"
	"strings"
)

// This file reads one signal a description carries from the facts' structured
// fields: a place in a series. "The first UN resolution on ICTs", "laporan
// terakhir OEWG kedua", "the latest annual progress report" name one of several
// facts of a kind (and of one body) by date; the facts' kind, body and date
// fields say which, so retrieval need not tell close neighbours apart by words
// the question does not hold.

// seriesRatio is how close to the first candidate's score a fact must rank to
// belong to the series the question orders: the other words ("annual progress",
// "ad hoc committee") already chose the series, the order word picks within it.
const seriesRatio = 0.8

// seriesWord is one order word of a question: whether it asks for the last,
// and what it orders — a kind noun ("report", "sesi"), a body ("GGE terakhir"),
// or nothing the series can read.
type seriesWord struct {
	last bool
	noun string
	body bool
}

// seriesWords reads the question's order words and what each orders: the
// nearest series noun or body within three words on the side the language puts
// it (English "the first UN resolution", Indonesian "resolusi PBB pertama").
func (m *Matcher) seriesWords(raw []rawToken) []seriesWord {
	var out []seriesWord
	for i, t := range raw {
		dir, last := 0, false
		switch {
		case firstLead[t.text]:
			dir = 1
		case lastLead[t.text]:
			dir, last = 1, true
		case firstTail[t.text]:
			dir = -1
		case lastTail[t.text]:
			dir, last = -1, true
		default:
			continue
		}
		if j := i + dir; j >= 0 && j < len(raw) && seriesNot[raw[j].text] || i+1 < len(raw) && seriesSense[raw[i+1].text] {
			continue // "First Committee", "pertama kali": a name or another sense
		}
		w := seriesWord{last: last}
		for k, j := 0, i+dir; k < 3 && j >= 0 && j < len(raw); k, j = k+1, j+dir {
			if _, ok := seriesNouns[raw[j].text]; ok {
				w.noun = raw[j].text
				break
			}
			if m.namesBody(raw[j]) {
				w.body = true
				break
			}
		}
		out = append(out, w)
	}
	return out
}

// namesBody reports whether a word names a chaired body's kind ("gge", "oewg").
func (m *Matcher) namesBody(t rawToken) bool {
	for _, a := range analyzeTokens([]rawToken{t}, stemBoth, m.stems, nil) {
		if a.kind == termConcept && m.bodyConcepts[a.text] {
			return true
		}
	}
	return false
}

// seriesEnd returns the fact a question names by its place in a series — the
// earliest or latest dated fact, among those ranked close to the first, of the
// ordered kind and the first candidate's body — when the question orders one.
// It says nothing when order words disagree, when an order word names a body
// ("the first OEWG") while the question asks about a thing of that body ("its
// first session"), or when the series holds only the first candidate.
func (m *Matcher) seriesEnd(ranked []Scored, q *Question) (*Fact, bool) {
	words := m.seriesWords(q.raw)
	if len(ranked) < 2 || len(words) == 0 {
		return nil, false
	}
	w := words[0]
	for _, o := range words {
		if o.last != w.last || o.body != w.body || o.noun != "" && w.noun != "" && seriesNouns[o.noun] != seriesNouns[w.noun] {
			return nil, false
		}
		if o.noun != "" {
			w.noun = o.noun
		}
	}
	top := ranked[0].Fact
	var in func(f *Fact) bool
	switch {
	case w.body:
		// "GGE terakhir": the bodies of that name, whatever their years.
		if top.Kind != KindBody || w.noun != "" || hasSeriesNoun(q.raw) {
			return nil, false
		}
		key := bodyKey(top.Body)
		in = func(f *Fact) bool { return f.Kind == KindBody && key != "" && bodyKey(f.Body) == key }
	case w.noun != "":
		// The facts of that kind and body whose names hold the noun: "the
		// latest GGE report" is not the compendium published after it, nor is
		// "the first session" the organizational one (lexicon series_skip).
		// The body is the first candidate's, or, when that is neither of the
		// kind nor a body ("resolusi pertama … di majelis umum" ranking an
		// endorsement first), that of the first close candidate of the kind.
		kind := seriesNouns[w.noun]
		body := top.Body
		if top.Kind != kind && top.Kind != KindBody {
			for _, c := range ranked {
				if c.Score < seriesRatio*ranked[0].Score {
					break
				}
				if c.Fact.Kind == kind && m.nameHolds(m.docIndex(c.Fact), w.noun) {
					body = c.Fact.Body
					break
				}
			}
		}
		in = func(f *Fact) bool {
			d := m.docIndex(f)
			return f.Kind == kind && f.Body == body && m.nameHolds(d, w.noun) &&
				!slices.ContainsFunc(seriesSkip, func(s string) bool { return m.nameHolds(d, s) })
		}
	default:
		// An order word before no series noun or body often names the thing
		// itself ("their first cyber policy dialogue", "hari pertama"), which
		// its own words find.
		return nil, false
	}
	var pick *Fact
	n := 0
	for _, c := range ranked {
		if c.Score < seriesRatio*ranked[0].Score {
			break
		}
		f := c.Fact
		if f.Date == "" || !in(f) {
			continue
		}
		n++
		if pick == nil || w.last && f.Date > pick.Date || !w.last && f.Date < pick.Date {
			pick = f
		}
	}
	if pick == nil || n < 2 && pick == top {
		return nil, false
	}
	return pick, true
}

// hasSeriesNoun reports whether the question holds a series noun anywhere.
func hasSeriesNoun(raw []rawToken) bool {
	for _, t := range raw {
		if _, ok := seriesNouns[t.text]; ok {
			return true
		}
	}
	return false
}

// bodyKey is a body name without its years: "GGE 2012–2013" → "gge".
func bodyKey(body string) string {
	name, _, _ := strings.Cut(strings.ToLower(body), " ")
	return name
}

// nameHolds reports whether one of fact d's names holds word (as analysed).
func (m *Matcher) nameHolds(d int, word string) bool {
	for _, t := range analyzeTokens(tokenize(normalize(word)), stemBoth, m.stems, nil) {
		for _, w := range []string{t.text, t.alt} {
			id := m.ix.lookup(w)
			if w == "" || id < 0 {
				continue
			}
			if slices.ContainsFunc(m.labels[d], func(l label) bool { return slices.Contains(l.ids, id) }) {
				return true
			}
		}
	}
	return false
}
