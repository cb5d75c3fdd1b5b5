package knowledge

import (
	"slices"
	"strings"
)

// This file answers "which resolution created X?" from the facts' structured
// fields. A body's fact lists the resolution that set it up among its symbols
// (the second OEWG: A/RES/75/240), and that resolution may have a fact of its own
// (A/RES/73/266 for the sixth GGE). Retrieval alone ranks the body's other
// documents close (the second OEWG's final report scores as high as the OEWG),
// and the decision refuses such near ties; the symbol settles them.

// creatingDocument returns the fact that answers which resolution created the body
// the question names: the document fact of that resolution, or else the body's own
// fact, which states it. ok is false unless the question asks for a document or
// symbol, asks about creation, is not a claim, and names a body holding a GA
// resolution symbol.
func (m *Matcher) creatingDocument(ranked []Scored, q *Question, terms []qterm) (*Fact, bool) {
	if q.claim || !q.has("~establish") || askedKind(q.raw) != KindDocument && !q.has("?symbol") && !mentionsResolution(q) {
		return nil, false
	}
	for _, c := range ranked {
		body := c.Fact
		if body.Kind != KindBody || !m.named(terms, m.docIndex(body)) {
			continue
		}
		// The first body the question names is its subject; an undated one is
		// a series ("the OEWG"), whose instances were created by different texts.
		if body.Date == "" {
			return nil, false
		}
		for _, s := range body.Symbols {
			if !strings.HasPrefix(s, "A/RES/") {
				continue
			}
			// The resolution's own fact is the document fact on that symbol that
			// the body lists as related (not another fact quoting the symbol).
			for _, r := range body.Related {
				if f, ok := m.base.Get(r); ok && f.Kind == KindDocument && len(f.Symbols) > 0 && f.Symbols[0] == s {
					return f, true
				}
			}
			return body, true
		}
		return nil, false
	}
	return nil, false
}

// endorsingDocument answers "which resolution endorsed/adopted X?" where X is a
// document the question names (a report): the resolution is the document fact with
// an A/RES/ symbol that X lists as related. The question shares every word of X's
// name, so retrieval ranks X itself first; its related resolution settles it.
func (m *Matcher) endorsingDocument(ranked []Scored, q *Question, terms []qterm) (*Fact, bool) {
	// The General Assembly as the one adopting ("kapan GA endorse laporan GGE
	// 2015?") asks for the resolution as surely as "which resolution" does: a
	// group adopts its report, the Assembly endorses it by resolution.
	byAssembly := !asksResolution(q)
	if q.claim || !q.has("~adopt") || byAssembly && !q.has("~ga") {
		return nil, false
	}
	for _, c := range ranked {
		doc := c.Fact
		if doc.Kind != KindDocument || symbolPrefixed(doc, "A/RES/") || !m.named(terms, m.docIndex(doc)) {
			continue
		}
		if byAssembly && !slices.Contains(m.reports[doc.Body], doc) {
			return nil, false // only a group's report is endorsed by the Assembly
		}
		for _, r := range doc.Related {
			if f, ok := m.base.Get(r); ok && f.Kind == KindDocument && symbolPrefixed(f, "A/RES/") {
				return f, true
			}
		}
		return nil, false
	}
	return nil, false
}

// bodyReport answers a question about a body's report asked by the body's name
// ("the third GGE report", "laporan akhir OEWG pertama"): the report is its own
// fact, named by its year and symbol ("2013 GGE report", A/68/98), so the body's
// fact, which holds the ordinal and the question's other words, outranks it. The
// report is the document fact that carries the body's `body` field and a name
// with the report concept; a body with several (the second OEWG's progress
// reports and final report) is left to retrieval, and so is a question that asks
// who or about creation, which the body's fact answers.
func (m *Matcher) bodyReport(ranked []Scored, q *Question, terms []qterm) (*Fact, bool) {
	if len(ranked) == 0 || !q.has("~report") || q.has("~establish") || q.has("?who") {
		return nil, false
	}
	// Only the body's own fact, or its sessions ranked above the body or the
	// report, give way: a fact about the report's content (its proxies
	// paragraph, its dissociations) or anything else that ranks first answers
	// better, and a report ranked first is left to namedReport.
	top := ranked[0].Fact
	reports := m.reports[top.Body]
	if top.Body == "" || len(reports) != 1 {
		return nil, false
	}
	if top == reports[0] {
		return m.namedReport(ranked, terms)
	}
	body, ok := m.base.Get(bodySlug(top.Body))
	if !ok || body.Kind != KindBody || body.Date == "" || !m.named(terms, m.docIndex(body)) {
		return nil, false
	}
	for _, c := range ranked {
		switch f := c.Fact; {
		case f == body || f == reports[0]:
			return reports[0], true
		case f.Kind != KindEvent || f.Body != top.Body:
			return nil, false
		}
	}
	return nil, false
}

// namedReport answers a report ranked first and named whole ("the 2021 GGE
// report") when the runner-up is a fact of the same body (its companion
// compendium, the body itself, a session): the tie is between neighbours of one
// subject and the question's own name for the report settles it. A runner-up
// about anything else (a norm the report elaborates) is left to the margin.
func (m *Matcher) namedReport(ranked []Scored, terms []qterm) (*Fact, bool) {
	report := ranked[0].Fact
	if len(ranked) < 2 || !m.named(terms, m.docIndex(report)) {
		return nil, false
	}
	next := ranked[1].Fact
	if next.Body != report.Body && bodySlug(report.Body) != next.ID {
		return nil, false
	}
	return report, true
}

// bodyReports maps a body (the `body` field) to its report facts: documents of
// that body whose own symbol is not a resolution's and whose names hold the
// report concept.
func (m *Matcher) bodyReports() map[string][]*Fact {
	report := m.ix.lookup("~report")
	out := map[string][]*Fact{}
	for d, f := range m.facts {
		if f.Kind != KindDocument || f.Body == "" || len(f.Symbols) == 0 || strings.HasPrefix(f.Symbols[0], "A/RES/") {
			continue
		}
		if slices.ContainsFunc(m.labels[d], func(l label) bool { return slices.Contains(l.ids, report) }) {
			out[f.Body] = append(out[f.Body], f)
		}
	}
	return out
}

// asksResolution: "which resolution …", or a resolution's number asked for
// ("resolusi yg mengesahkan … nomornya apa?").
func asksResolution(q *Question) bool {
	if nounSymbols[askedNoun(q.raw)] == "A/RES/" {
		return true
	}
	return q.has("?symbol") && mentionsResolution(q)
}

// mentionsResolution: the question names a resolution as its object ("siapa yang
// mensponsori resolusi pembentukan GGE 2019?", "the vote on the resolution that
// set up the first OEWG"): with a creation word, the creating resolution is what
// it asks about, whatever the angle.
func mentionsResolution(q *Question) bool {
	for _, t := range q.raw {
		if nounSymbols[t.text] == "A/RES/" {
			return true
		}
	}
	return false
}

// withFirst returns ranked with f at its head, scored as the head was.
func withFirst(ranked []Scored, f *Fact) []Scored {
	out := []Scored{{Fact: f, Score: ranked[0].Score}}
	for _, c := range ranked {
		if c.Fact != f {
			out = append(out, c)
		}
	}
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out
}

// createdThreshold: the document creatingDocument picks is answered at this
// confidence, under the general threshold, since the symbol, not the scores,
// chose it. Measured on the blind splits: 0.3 gains five training rows (train,
// train3, train4 ×2, train9) with no wrong answer and leaves the held-out splits
// as they were; with no floor a held-out split answered one more question wrong;
// 0.5 loses a train4 row, 0.6 also the train9 one.
const createdThreshold = 0.3

// bodyOutcome answers what a body produced, asked by the body's name with an
// outcome word ("OEWG 2021-2025 hasilnya apa?", "what did the GGE 2019-2021
// produce?"): the body's fact holds the name whole and outranks the document that
// closed its work, which its `ended` link names. A body whose work closed with
// several reports is not guessed at: the link names one. A question that asks who,
// when or about creation, or checks a claim, is left to retrieval, and the closing
// document must rank among the first few (so a question about something else that
// only names the body is not sent to its report).
func (m *Matcher) bodyOutcome(ranked []Scored, q *Question, terms []qterm) (*Fact, bool) {
	if len(ranked) == 0 || q.claim || !q.has("~outcome") || q.has("~establish") || q.has("?who") || q.has("?when") {
		return nil, false
	}
	body := ranked[0].Fact
	if body.Kind != KindBody || body.Ended == "" || !m.named(terms, m.docIndex(body)) {
		return nil, false
	}
	end, ok := m.base.Get(body.Ended)
	if !ok || end.Kind != KindDocument {
		return nil, false
	}
	for _, c := range ranked[1:min(len(ranked), 5)] {
		if c.Fact == end {
			return end, true
		}
	}
	return nil, false
}
