package knowledge

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// This file checks a question's premise against what the base knows of that kind of
// thing, before the matcher would answer a neighbour as if the premise held: a GGE
// or OEWG in a year when none met, a seventh GGE or a third OEWG, a UN symbol no
// fact knows, a named convention or treaty that no fact names. The series and
// their years come from the facts' own body fields, so a new group in the data is
// known without a code change.

// UnknownThing is something a question asks about that the base knows no such
// thing as.
type UnknownThing struct {
	// What names it as the question did ("GGE", "A/RES/99/999", "Jakarta Convention").
	What string
	// Year or Ordinal is the number that does not exist in the series What
	// ("GGE" 2023, "OEWG" 3); both are 0 for a symbol or a name.
	Year, Ordinal int
	// Symbol is set when What is a UN document symbol.
	Symbol string
	// Nearest are the real things of that kind, in order.
	Nearest []*Fact
}

// series is a run of numbered bodies ("GGE" 2004–2005 … 2019–2021).
type series struct {
	name      string // "GGE", "OEWG"
	concept   string // the concept key that names it in a question
	instances []seriesInstance
}

type seriesInstance struct {
	from, to int
	fact     *Fact
}

var bodySpan = regexp.MustCompile(`^(GGE|OEWG) (\d{4})[–-](\d{4})$`)

// buildSeries collects the numbered bodies of the base, in order.
func buildSeries(facts []*Fact) []series {
	by := map[string]*series{}
	for _, f := range facts {
		if f.Kind != KindBody {
			continue
		}
		m := bodySpan.FindStringSubmatch(f.Body)
		if m == nil {
			continue
		}
		from, _ := strconv.Atoi(m[2])
		to, _ := strconv.Atoi(m[3])
		s := by[m[1]]
		if s == nil {
			s = &series{name: m[1], concept: "~" + strings.ToLower(m[1])}
			by[m[1]] = s
		}
		dup := false
		for k, in := range s.instances {
			if in.from == from && in.to == to {
				// Several body facts of one group (its mandate, its members, what
				// it agreed): the group itself has the body's name as id
				// ("gge-2019-2021" for "GGE 2019–2021").
				dup = true
				if f.ID == bodySlug(f.Body) {
					s.instances[k].fact = f
				}
			}
		}
		if !dup {
			s.instances = append(s.instances, seriesInstance{from: from, to: to, fact: f})
		}
	}
	var out []series
	for _, s := range by {
		sort.Slice(s.instances, func(i, j int) bool { return s.instances[i].from < s.instances[j].from })
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// bodySlug is the id a group's own fact has: "GGE 2019–2021" → "gge-2019-2021".
func bodySlug(body string) string {
	return strings.NewReplacer(" ", "-", "–", "-").Replace(strings.ToLower(body))
}

// covers reports whether a body of the series existed in year y: from the year of
// the resolution that set it up (the year before it first met) to its last year.
func (s series) covers(y int) bool {
	for _, in := range s.instances {
		if y >= in.from-1 && y <= in.to {
			return true
		}
	}
	return false
}

// coveredBefore reports whether a year before the series' first group is one
// a fact asks about together with the series ("did Russia propose the GGE in
// 1998?"): the prehistory of a series is a subject of its own, and the fact
// that tells it (or corrects it) answers, not a list of the groups.
func (m *Matcher) coveredBefore(s series, y int) bool {
	if len(s.instances) == 0 || y >= s.instances[0].from {
		return false
	}
	c, yr := m.ix.lookup(s.concept), m.ix.lookup(strconv.Itoa(y))
	if c < 0 || yr < 0 {
		return false
	}
	for _, p := range m.ix.postings[yr] {
		if p.answerOnly {
			continue
		}
		for _, q := range m.ix.postings[c] {
			if q.doc == p.doc && !q.answerOnly {
				return true
			}
		}
	}
	return false
}

func (s series) facts() []*Fact {
	out := make([]*Fact, len(s.instances))
	for i, in := range s.instances {
		out[i] = in.fact
	}
	return out
}

// maxSeriesYearGap: a year belongs to a series' name ("GGE 2023", "GGE tahun
// 2007", "the OEWG of 2015") only within this many tokens of it; further off it
// dates something else the question mentions ("badan pengganti OEWG yang mulai
// kerja 2026").
const maxSeriesYearGap = 3

// seriesNear returns whether token i lies within maxSeriesYearGap tokens of a
// spelling of the series' concept in raw.
func seriesNear(raw []rawToken, concept string) func(int) bool {
	toks := make([]wordToken, len(raw))
	for i, t := range raw {
		toks[i] = wordToken{text: t.text, kind: t.kind, weight: 1}
	}
	var at [][2]int // first and last token of each spelling
	for i := 0; i < len(toks); i++ {
		if key, n, _ := matchConcept(toks, i); n > 0 && key == concept {
			at = append(at, [2]int{i, i + n - 1})
		}
	}
	return func(i int) bool {
		for _, a := range at {
			if i >= a[0]-maxSeriesYearGap && i <= a[1]+maxSeriesYearGap {
				return true
			}
		}
		return false
	}
}

// countedAfter reports whether the number at raw[i] counts the noun after it:
// "subscribe ke 11 norma" is "to 11 norms", not an eleventh of anything; an
// Indonesian ordinal follows its noun ("GGE ke 7").
func countedAfter(raw []rawToken, i int) bool {
	return i+1 < len(raw) && raw[i+1].kind == tokWord && countedNouns[raw[i+1].text]
}

// countsPart reports whether the ordinal at raw[i] counts a part of a body rather
// than the body: the eighth session of the OEWG exists though no eighth OEWG does.
// An English ordinal precedes its noun ("8th session"); an Indonesian one follows it,
// after "ke" or "yang" ("sesi ke-8", "sesi yang kedelapan").
func countsPart(raw []rawToken, i int) bool {
	w := raw[i].text
	if raw[i].kind == tokWord && ordinalNumbers[w] > 0 && !indonesianOrdinal(w) {
		return i+1 < len(raw) && partNouns[raw[i+1].text]
	}
	j := i - 1
	for j >= 0 && (raw[j].text == "ke" || raw[j].text == "yang" || raw[j].text == "yg") {
		j--
	}
	return j >= 0 && partNouns[raw[j].text]
}

// CheckPremise reports the thing a question asks about when the base knows there
// is no such thing; ok is false when the premise holds or cannot be checked.
func (m *Matcher) CheckPremise(q *Question) (UnknownThing, bool) {
	// A comparison of two series' members ("GGE 2015 vs OEWG report", "OEWG
	// pertama atau GGE keenam") holds each side's year or ordinal next to its
	// own name: each side is checked alone, or one side's qualifier is read as
	// the other's ("an OEWG of 2015").
	if sides := m.ComparisonSides(q); len(sides) >= 2 {
		for _, side := range sides {
			if th, ok := m.seriesPremise(m.parse(side)); ok {
				return th, true
			}
		}
	} else if th, ok := m.seriesPremise(q); ok {
		return th, true
	}
	raw := q.raw
	if n, ok := m.missingNorm(raw); ok {
		return UnknownThing{What: "norm", Ordinal: n, Nearest: m.normFacts()}, true
	}
	for _, sym := range SymbolsIn(q.text) {
		if !m.knownSymbols[strings.ToUpper(sym)] {
			return UnknownThing{What: sym, Symbol: sym}, true
		}
	}
	if name, ok := m.unknownInstrument(q.text); ok {
		return UnknownThing{What: name}, true
	}
	return UnknownThing{}, false
}

// seriesPremise reports a member of a numbered series (GGE, OEWG) that q names by
// a year or an ordinal the series does not have.
func (m *Matcher) seriesPremise(q *Question) (UnknownThing, bool) {
	raw := q.raw
	for _, s := range m.series {
		if !q.has(s.concept) {
			continue
		}
		var years []int
		ordinal := 0
		near := seriesNear(raw, s.concept)
		for i, t := range raw {
			switch {
			case t.kind == tokYear && near(i):
				y, _ := strconv.Atoi(t.text)
				years = append(years, y)
			case countsPart(raw, i):
			case t.kind == tokWord && ordinalNumbers[t.text] > 0:
				ordinal = ordinalNumbers[t.text]
			case t.kind == tokNumber && i > 0 && raw[i-1].text == "ke" && !countedAfter(raw, i):
				ordinal, _ = strconv.Atoi(t.text)
			case t.kind == tokWord && strings.HasPrefix(t.text, "ke-"):
				ordinal, _ = strconv.Atoi(t.text[3:])
			}
		}
		if len(years) == 1 && !s.covers(years[0]) && !m.coveredBefore(s, years[0]) {
			return UnknownThing{What: s.name, Year: years[0], Nearest: s.facts()}, true
		}
		if ordinal > len(s.instances) && len(years) == 0 {
			return UnknownThing{What: s.name, Ordinal: ordinal, Nearest: s.facts()}, true
		}
	}
	return UnknownThing{}, false
}

// unknownInstrument finds a treaty-like instrument the question names with a
// capitalised word ("Jakarta Cyber Convention") that no fact's name holds together
// with an instrument word.
func (m *Matcher) unknownInstrument(question string) (string, bool) {
	words := strings.FieldsFunc(question, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	upper := 0
	for _, w := range words {
		if strings.ToUpper(w) == w {
			upper++
		}
	}
	if upper*2 > len(words) {
		return "", false // shouting: capitals say nothing
	}
	for i, w := range words {
		if !instrumentHeads[strings.ToLower(w)] {
			continue
		}
		var quals []string
		lo, hi := max(0, i-3), min(len(words), i+3)
		first, last := i, i
		// The name is the run of words joined to the instrument word: a lower-case
		// word that is not a connector ("of", "tentang") ends it, so "Kuba nolak
		// Piagam PBB" names the UN Charter, not a "Kuba" charter.
		// A word that joins two things ("Budapest Convention sama Hanoi
		// Convention") ends it too: each side is a name of its own.
		joined := func(j int) bool {
			lq := strings.ToLower(normalize(words[j]))
			if nameBreaks[strings.ToLower(words[j])] {
				return false
			}
			return unicode.IsUpper([]rune(words[j])[0]) || genericQualifiers[lq] || stopEN[lq] || stopID[lq]
		}
		for j := i - 1; j >= lo && joined(j); j-- {
			first = j
		}
		for j := i + 1; j < hi && joined(j); j++ {
			last = j
		}
		lo, hi = first, last+1
		first, last = i, i
		for j := lo; j < hi; j++ {
			q := words[j]
			lq := strings.ToLower(normalize(q))
			// A sentence's first word is capitalised anyway: it names something only
			// when the next word is capitalised too, or is the instrument word.
			opening := j == 0 && !(j+1 < len(words) && (j+1 == i || unicode.IsUpper([]rune(words[j+1])[0])))
			if j == i || opening || !unicode.IsUpper([]rune(q)[0]) || genericQualifiers[lq] || instrumentHeads[lq] || stopEN[lq] || stopID[lq] {
				continue
			}
			quals = append(quals, lq)
			first, last = min(first, j), max(last, j)
		}
		if len(quals) == 0 {
			continue
		}
		known := false
		for _, label := range m.instrumentLabels {
			all := true
			for _, q := range quals {
				// A mistyped name ("Buddapest") is the real one, not a new instrument.
				c, _ := m.correct(q)
				all = all && (label[q] || c != "" && label[c])
			}
			known = known || all
		}
		if !known {
			return strings.Join(words[first:last+1], " "), true
		}
	}
	return "", false
}

// missingNorm finds a norm number beyond those the base holds ("the 12th norm",
// "norma ke-13", "norm 13l"): the base's norm facts are the whole list.
func (m *Matcher) missingNorm(raw []rawToken) (int, bool) {
	count := len(m.normFacts())
	if count == 0 {
		return 0, false
	}
	for i, t := range raw {
		isNorm := t.kind == tokWord && (t.text == "norm" || t.text == "norma" || t.text == "norms")
		if !isNorm {
			continue
		}
		// "12th norm", "norma ke-12", "norma kedua belas" is not parsed; "norm 12".
		for _, j := range []int{i - 1, i + 1, i + 2} {
			if j < 0 || j >= len(raw) || j == i {
				continue
			}
			w := raw[j].text
			n := ordinalNumbers[w]
			if n == 0 && strings.HasPrefix(w, "ke-") {
				n, _ = strconv.Atoi(w[3:])
			}
			if n == 0 && raw[j].kind == tokNumber && j == i+2 && raw[i+1].text == "ke" {
				n, _ = strconv.Atoi(w)
			}
			if n == 0 && raw[j].kind == tokNumber && j == i+1 && w != "13" {
				n, _ = strconv.Atoi(w)
			}
			// "norm (l)", "norma 13m": the norms are lettered from (a).
			if l := strings.TrimPrefix(w, "13"); n == 0 && j == i+1 && len(l) == 1 && l[0] >= 'a' && l[0] <= 'z' {
				n = int(l[0]-'a') + 1
			}
			if n > count {
				return n, true
			}
		}
	}
	return 0, false
}

// normFacts are the base's norm facts, in id order.
func (m *Matcher) normFacts() []*Fact {
	var out []*Fact
	for _, f := range m.facts {
		if f.Kind == KindNorm {
			out = append(out, f)
		}
	}
	return out
}

// buildPersonWords collects the words of person facts' names ("krutskikh", "lauber"),
// as typed and as the speller would correct a typo onto.
func (m *Matcher) buildPersonWords() {
	m.personWords = map[string]bool{}
	for _, f := range m.facts {
		if f.Kind != KindPerson {
			continue
		}
		for _, a := range f.Aliases {
			for _, w := range chatWords(a) {
				if len(w) > 3 && !stopEN[w] && !stopID[w] && lex.byFirst[w] == nil {
					m.personWords[w] = true
				}
			}
		}
	}
}

// buildPremiseIndex collects the symbols the base knows and the words of every
// name that also holds an instrument word.
func (m *Matcher) buildPremiseIndex() {
	m.series = buildSeries(m.facts)
	m.buildPersonWords()
	m.knownSymbols = map[string]bool{}
	for _, f := range m.facts {
		// Aliases too: a document may be known under a second symbol it holds
		// only as a name (the second OEWG's final report as A/AC.292/2025/CRP.1).
		texts := append(append([]string{f.AnswerEN, f.AnswerID, f.TitleEN, f.TitleID}, f.Symbols...), f.Aliases...)
		for _, s := range f.Sources {
			texts = append(texts, s.Symbol, s.Title, s.URL)
		}
		for _, t := range texts {
			for _, s := range SymbolsIn(t) {
				m.knownSymbols[strings.ToUpper(s)] = true
			}
		}
		for _, s := range f.Symbols {
			m.knownSymbols[strings.ToUpper(s)] = true
		}
		names := append([]string{f.TitleEN, f.TitleID}, f.Aliases...)
		for _, s := range f.Sources {
			names = append(names, s.Title)
		}
		for _, n := range names {
			ws := chatWords(n)
			set := map[string]bool{}
			head := false
			for _, w := range ws {
				set[w] = true
				head = head || instrumentHeads[w]
			}
			if head {
				m.instrumentLabels = append(m.instrumentLabels, set)
			}
		}
	}
}

// Ambiguous reports the instances of a series (the two OEWGs, the six GGEs) when a
// question names the series without saying which one ("kapan OEWG dibentuk?",
// "siapa ketua GGE?") and asks for something each instance has on its own: when it
// was set up, who chaired it, which resolution created it. The caller then
// answers for each instance. A question about the series as such ("apa itu
// OEWG?") is not ambiguous: the overview answers it.
func (m *Matcher) Ambiguous(q *Question) (instances []*Fact, chair bool, ok bool) {
	raw := q.raw
	for _, t := range raw {
		if t.kind == tokYear || t.kind == tokSymbol || t.kind == tokNumber || t.kind == tokWord && ordinalNumbers[t.text] > 0 {
			return nil, false, false
		}
	}
	for _, k := range []string{"?def", "?define", "?abbr", "~difference", "~replace", "~before"} {
		if q.has(k) {
			return nil, false, false
		}
	}
	for _, t := range q.terms {
		// An ordinal ("prtama", corrected), a country or another body says which one,
		// or asks about a relation ("OEWG dipimpin Rusia?"), not about each instance.
		if t.kind == termConcept && !t.sub && entityConcepts[t.text[1:]] && t.text != "~gge" && t.text != "~oewg" && t.text != "~un" {
			return nil, false, false
		}
	}
	for _, t := range raw {
		if t.kind != tokWord {
			continue
		}
		if c, _ := m.correct(t.text); m.personWords[t.text] || c != "" && m.personWords[c] {
			return nil, false, false
		}
	}
	chair = q.has("~chair")
	// life asks when each instance began (1) or ended (-1) its work: "kapan
	// OEWG berakhir?" is answered by each OEWG's report (lifespan.go links).
	life := 0
	if !chair && q.has("?when") && !q.has("~session") && m.tune.off&ruleSeriesLife == 0 {
		life = lifespanAngle(raw)
	}
	angle := chair || q.has("?when") || q.has("~establish") || q.has("~propose")
	if !angle {
		return nil, false, false
	}
	var found []series
	for _, s := range m.series {
		if q.has(s.concept) {
			found = append(found, s)
		}
	}
	if len(found) != 1 || len(found[0].instances) < 2 {
		return nil, false, false
	}
	// Each instance answers only the question asked of the series itself: "sesi OEWG
	// yg ditunda kapan?" asks when a session was postponed, which one OEWG's fact
	// tells, not when each OEWG was created.
	// A lifespan word asks from that angle only when every other word is one
	// the question of the series itself may hold.
	plain, lifeOK := true, life != 0
	for _, t := range q.terms {
		if t.kind == termConcept && !t.sub && t.text != found[0].concept && !seriesAngleTerms[t.text] || t.kind == termWord && !t.sub {
			plain = false
			lifeOK = lifeOK && (m.lifespanTerms[t.text] || t.alt != "" && m.lifespanTerms[t.alt])
		}
	}
	if lifeOK {
		if linked := m.lifespanLinks(found[0].facts(), life); linked != nil {
			return linked, false, true
		}
	}
	if !plain {
		return nil, false, false
	}
	return found[0].facts(), chair, true
}

// lifespanLinks are the facts each instance's `began` (angle 1) or `ended`
// (angle -1) field links, in the instances' order; nil when one instance has no
// such link, so that the series is answered as before or not at all.
func (m *Matcher) lifespanLinks(instances []*Fact, angle int) []*Fact {
	out := make([]*Fact, 0, len(instances))
	for _, f := range instances {
		link := f.Began
		if angle < 0 {
			link = f.Ended
		}
		target, ok := m.base.Get(link)
		if link == "" || !ok {
			return nil
		}
		out = append(out, target)
	}
	return out
}

// compareSplit separates the two things a comparison names: "bedanya GGE sama
// OEWG", "Budapest vs UN convention", "difference between the 2013 and 2015 reports".
// Its words are lexicon.toml's compare_connectives, in file order.
var compareSplit = regexp.MustCompile(`(?i)\s+(?:` + WordList{lexData.CompareConnectives}.Alt() + `)\s+`)

// compareFrame are the words that ask for the comparison itself, dropped from each side.
// Its words are lexicon.toml's compare_frame, in file order.
var compareFrame = regexp.MustCompile(`(?i)\b(?:` + WordList{lexData.CompareFrame}.Alt() + `)\b`)

// Comparison splits a question that asks how two things differ into its two sides
// ("GGE", "OEWG"); ok is false when it is not a comparison of two named things.
func (m *Matcher) Comparison(q *Question) (a, b string, ok bool) {
	sides := m.ComparisonSides(q)
	if len(sides) != 2 {
		return "", "", false
	}
	return sides[0], sides[1], true
}

// ComparisonSides splits a question that asks how things differ into its sides:
// two ("bedanya GGE sama OEWG"), or more when a list of short names leads to the
// last ("GGE, OEWG, sama Global Mechanism bedanya apa"); nil when it is not a
// comparison of named things.
func (m *Matcher) ComparisonSides(q *Question) []string {
	a, b, ok := m.comparison(q)
	if !ok {
		return nil
	}
	text, _ := cutCompareAsk(q.text)
	head := compareSplit.Split(strings.TrimRight(text, "?!. "), 2)[0]
	var items []string
	for _, it := range strings.Split(head, ",") {
		if it = squash(compareFrame.ReplaceAllString(it, " ")); it != "" {
			items = append(items, it)
		}
	}
	// A list is short names of entities only; anything else is a clause leading
	// to the comparison ("mau nanya dong, perbedaan OEWG dengan GGE …").
	list := len(items) >= 2
	for _, it := range items {
		list = list && len(strings.Fields(it)) <= maxListedSide && m.namesEntity(it)
	}
	if !list {
		if a == "" {
			return nil
		}
		return []string{a, b}
	}
	return append(items, b)
}

// namesEntity reports whether text names a body, instrument or process.
func (m *Matcher) namesEntity(text string) bool {
	for _, t := range m.parse(text).terms {
		if t.kind == termConcept && !t.sub && entityConcepts[t.text[1:]] {
			return true
		}
	}
	return false
}

// maxListedSide is the most words a side listed before the last may have.
const maxListedSide = 3

// comparison is the two sides of a comparison: the last side and the one
// before it.
func (m *Matcher) comparison(q *Question) (a, b string, ok bool) {
	text, asked := cutCompareAsk(q.text)
	if !asked && !q.has("~difference") {
		return "", "", false
	}
	parts := compareSplit.Split(strings.TrimRight(text, "?!. "), 2)
	if len(parts) != 2 {
		return "", "", false
	}
	a = squash(compareFrame.ReplaceAllString(compareHead(parts[0]), " "))
	b = squash(compareFrame.ReplaceAllString(compareTail(parts[1]), " "))
	// "the first and second OEWG", "ketua OEWG pertama sama kedua", "the 2010 report
	// and the 2013 one": a side that opens with a year or an ordinal and names
	// nothing of its own is the other side with that qualifier swapped in.
	if s, ok := m.borrowSide(b, a); ok {
		b = s
	} else if s, ok := m.borrowSide(a, b); ok {
		a = s
	}
	// "report GGE 2010 sama 2015", "the 2013 and 2015 GGE reports": a side that is
	// only a year borrows the other side's words ("report GGE 2015").
	switch {
	case bareYear.MatchString(b) && !bareYear.MatchString(a):
		b = squash(yearIn.ReplaceAllString(a, "") + " " + b)
	case bareYear.MatchString(a) && !bareYear.MatchString(b):
		a = squash(yearIn.ReplaceAllString(b, "") + " " + a)
	}
	// The first side may be empty here: a list before the last side is read
	// by ComparisonSides.
	if b == "" {
		return "", "", false
	}
	return a, b, true
}

// compareAsk matches compareAsks as whole words, longest first.
var compareAsk = func() *regexp.Regexp {
	asks := slices.Clone(compareAsks)
	slices.SortFunc(asks, func(a, b string) int { return len(b) - len(a) })
	for i, a := range asks {
		asks[i] = regexp.QuoteMeta(a)
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(asks, "|") + `)\b`)
}()

// compareOrderWords matches compareOrder as whole words.
var compareOrderWords = func() *regexp.Regexp {
	words := make([]string, len(compareOrder))
	for i, w := range compareOrder {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(words, "|") + `)\b`)
}()

// AsksOrder reports whether q compares things by asking which came first
// ("mana yg duluan, X atau Y?", "which is older, X or Y?"): the answer then
// says which, from the sides' dates.
func (m *Matcher) AsksOrder(q *Question) bool {
	return len(compareOrder) > 0 && compareOrderWords.MatchString(q.text) && len(m.ComparisonSides(q)) >= 2
}

// cutCompareAsk is text without the phrases that ask whether two things are the
// same or which came first, and whether it held one.
func cutCompareAsk(text string) (string, bool) {
	if len(compareAsks) == 0 || !compareAsk.MatchString(text) {
		return text, false
	}
	// An ask after a comma ("X sama Y, mana yang mengikat?") leaves the comma, so
	// the clause after it stays out of the second side.
	return squash(compareAsk.ReplaceAllStringFunc(text, func(a string) string {
		if strings.HasPrefix(a, ",") {
			return ", "
		}
		return " "
	})), true
}

// borrowSide is side full with its qualifier (a year, an ordinal) replaced by
// the one bare opens with, when bare names no entity of its own ("first",
// "kedua negara gak", "2013 one") and full holds a qualifier of the same kind.
func (m *Matcher) borrowSide(bare, full string) (string, bool) {
	bw := strings.Fields(strings.ToLower(bare))
	if len(bw) == 0 {
		return "", false
	}
	kind := qualifierKind(bw[0])
	if kind == 0 {
		return "", false
	}
	for _, t := range m.parse(strings.Join(bw[1:], " ")).terms {
		if t.kind == termConcept && !t.sub && entityConcepts[t.text[1:]] && ordinalNumbers[t.text[1:]] == 0 {
			return "", false
		}
	}
	fw := strings.Fields(full)
	for i, w := range fw {
		if lw := strings.ToLower(w); qualifierKind(lw) == kind && lw != bw[0] {
			fw[i] = bw[0]
			return strings.Join(fw, " "), true
		}
	}
	return "", false
}

// qualifierKind tells a year (1) from an ordinal word (2); 0 is neither.
func qualifierKind(w string) int {
	switch {
	case isYear(w):
		return 1
	case ordinalNumbers[w] > 0:
		return 2
	}
	return 0
}

// compareLead is a clause of its own before the first side of a comparison ("buat
// tugas nih kak, dosen nanya bedanya GGE sama …"); compareFrame then drops the words
// that ask for the comparison.
var compareLead = regexp.MustCompile(`^.*(?:[,;:]|\s[-–—]\s)\s*`)

// compareRest is what follows the second side: another clause ("GGE 2015 vs GGE
// 2021, beda outcome-nya apa?", "cybercrime vs cybersecurity - how does the UN …").
var compareRest = regexp.MustCompile(`(?:[,;:?!]|\s[-–—]\s).*$`)

// compareHead keeps the first side of a comparison without what leads to it.
func compareHead(s string) string { return compareLead.ReplaceAllString(s, "") }

// compareTail keeps the second side of a comparison without the clause after it.
func compareTail(s string) string { return compareRest.ReplaceAllString(s, "") }

// Compares reports whether f is itself a comparison ("OEWG vs GGE: how the two UN
// formats differ"): its title, in either language, asks how things differ.
func (m *Matcher) Compares(f *Fact) bool {
	return m.parse(f.Title(EN)).has("~difference") || m.parse(f.Title(ID)).has("~difference")
}

// squash collapses runs of spaces left by removed words.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

var (
	bareYear = regexp.MustCompile(`^(?:the\s+|yang\s+|yg\s+)?(?:19|20)\d\d$`)
	yearIn   = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
)
