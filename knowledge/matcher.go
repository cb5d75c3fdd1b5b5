package knowledge

import (
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Matcher finds the fact a question asks for: normalisation, tokenising, concept
// expansion, stemming and spelling correction (analyze.go, typo.go), a fielded BM25
// index (index.go) and a decision rule that would rather refuse than guess
// (decide below). It is safe for concurrent use: everything is built by NewMatcher
// and only read afterwards.
type Matcher struct {
	base  *Base
	facts []*Fact
	ix    *index
	stems *stemCache
	spell *speller
	names *nameIndex
	phr   *phraseIndex
	tune  tuning
	// labels holds, per fact, the content term ids of each of its names (aliases
	// and titles in both languages); see passingName.
	labels [][]label
	// defineAngles are the index ids of the define and abbreviation angles
	// ("define", "arti", "stand for", "singkatan"); see preferByAngle.
	defineAngles [2]int32
	// inbound counts, per fact, the facts that list it as related.
	inbound []int
	// nameTerms are the index ids of words that name a fact (reading.go).
	nameTerms map[int32]bool
	// series, knownSymbols and instrumentLabels are what premise.go checks against.
	series           []series
	knownSymbols     map[string]bool
	instrumentLabels []map[string]bool
	// personWords are the words of person facts' names (premise.go).
	personWords map[string]bool
	// scratch holds per-query score arrays, reused to keep Match allocation-light.
	scratch sync.Pool
}

// NewMatcher indexes base.
func NewMatcher(base *Base) *Matcher { return newTunedMatcher(base, defaultTuning()) }

func newTunedMatcher(base *Base, t tuning) *Matcher {
	m := &Matcher{base: base, facts: base.Facts(), stems: newStemCache(), tune: t}
	texts := factTexts(m.facts)
	tokenizeTexts(texts)
	// The speller and the name index need only the texts, so they are built
	// while the main index is; the phrase index needs the main index's IDF.
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		m.spell = buildSpeller(texts)
	}()
	go func() {
		defer wg.Done()
		m.names = buildNameIndex(m.facts)
	}()
	ix, analysed := buildIndex(m.facts, texts, m.stems, t.angleIDF)
	m.ix = ix
	// From here on the stem cache is only read (queries compute misses).
	m.stems.frozen = true
	m.phr = buildPhraseIndex(texts, analysed, m.ix)
	wg.Wait()
	m.labels = m.buildLabels(texts, analysed)
	m.nameTerms = buildNameTerms(texts, analysed, m.ix)
	m.buildPremiseIndex()
	m.defineAngles = [2]int32{m.ix.lookup("?define"), m.ix.lookup("?abbr")}
	n := len(m.facts)
	m.inbound = make([]int, n)
	for _, f := range m.facts {
		for _, r := range f.Related {
			if g, ok := base.Get(r); ok {
				m.inbound[m.docIndex(g)]++
			}
		}
	}
	np := m.phr.count
	m.scratch.New = func() any { return newScratch(n, np) }
	return m
}

// buildSpeller collects every word form the matcher knows (fact texts, the
// concept table, stop words, chat spellings) and indexes the ones worth
// correcting to: words of phrasings, aliases, titles and names, and concepts.
// Words that occur only in answers are known (never "corrected") but are not
// targets: a typo is rarely about a word the fact only mentions in passing.
// Names (words of aliases, titles, bodies, chairs and the concept table) are
// also targets for short words; see speller.correct.
func buildSpeller(texts []factText) *speller {
	known := make(map[string]int, 8192)
	targets := make(map[string]targetKind, 4096)
	for _, ft := range texts {
		kind := targetName
		switch ft.field {
		case fieldQuestion:
			kind = targetPhrasing
		case fieldAnswer:
			kind = notTarget
		}
		for _, t := range ft.raw {
			if t.kind == tokWord {
				known[t.text]++
				if kind > targets[t.text] {
					targets[t.text] = kind
				}
			}
		}
	}
	for w, name := range lex.words {
		known[w]++
		if name {
			targets[w] = targetName
		} else if targets[w] < targetPhrasing {
			targets[w] = targetPhrasing
		}
	}
	for _, set := range []map[string]bool{stopEN, stopID} {
		for w := range set {
			known[w]++
		}
	}
	for k, v := range colloquial {
		known[k]++
		known[v]++
	}
	return newSpeller(known, targets)
}

// Base returns the fact base the matcher indexes.
func (m *Matcher) Base() *Base { return m.base }

// Decision thresholds, calibrated on knowledge/testdata/eval (TestEvaluation logs
// the figures). Scores are made comparable
// across questions by dividing by the best score the question could reach, so
// they do not drift with question length (research §C.3: absolute thresholds on
// raw scores break). TestCalibrationTable (calib_test.go, build tag calibrate) prints top-1 and wrong
// answers over a grid of (minMargin, minConfidence). On 872 questions (214 facts,
// Nov 2026) raising the margin from 0.03 to 0.05 removed three wrong answers for
// 1.5 points of top-1, and beyond 0.05 mostly correct answers were lost;
// confidence from 0.22 to 0.25 removed three wrong answers for nothing, and each
// further 0.03 cost about half a point. The values below are at that knee:
// wrong answers under half the 2 % limit (headroom for questions never seen)
// with top-1 several points above 92 %.
const (
	// minConfidence bounds relative score × coverage of the best fact. Coverage
	// is the IDF-weighted share of the question's content words the fact contains:
	// a fact that only shares the question's frame ("When was the Tokopedia data
	// breach?" shares "when", "data" and a year with real facts, not its subject)
	// has low coverage; a fact matched only in its answer text, or only through
	// typo guesses, has a low relative score.
	minConfidence = 0.25
	// minCoverage: whatever the score, at least this share of the question must
	// be about the fact.
	minCoverage = 0.3
	// minMargin: the relative lead of the best fact over the runner-up. The base
	// has neighbouring facts (a body, its chair, its report); when the question
	// does not say which angle it wants, the lead is small and the bot offers the
	// candidates instead of guessing. See requiredMargin for short questions.
	minMargin = 0.05
	// minPhraseSim: the question must resemble at least one curated way of
	// asking about the fact (phrasing, alias or title; phrase.go). The phrasings
	// cover the angles students ask from, so a question close to none of them
	// is usually about something the base does not hold ("how much does a
	// diplomat earn in Indonesia" shares words with a diplomats' course, not an
	// angle). On 872 questions 0.4 removed three of seven answered off-topic
	// questions for two correct answers; 0.5 cost sixteen.
	minPhraseSim = 0.4
	// minKnown: at least this share of the question's content (IDF-weighted)
	// must be words the base knows. A question whose rarest words are unknown
	// ("laptop", "nuclear") is about something else, however well its other
	// words fit. On 917 questions 0.7 refused two more off-topic questions for
	// three correct answers; 0.8 and above cost more without refusing more.
	minKnown = 0.7
	// offTopicConfidence: a refused question whose best fact scores below this
	// (relative score × coverage) is treated as off-topic, without suggestions.
	// On 957 questions 0.12 flagged 125 of 169 refused off-topic questions (was
	// 50) and took suggestions from none of the 27 refused on-topic ones; 0.15
	// would take them from one, 0.2 from four.
	offTopicConfidence = 0.12
	// offTopicKnown: below this share of known content, nothing in the question
	// relates to the base and no suggestions are offered.
	offTopicKnown = 0.34
	// symbolWeight: a document symbol or year named in the question is the
	// strongest exact signal there is.
	symbolWeight  = 1.5
	maxCandidates = 5
	// maxCorrections bounds spelling corrections per question (see queryTerms).
	maxCorrections = 12
	maxSuggestions = 3
	// minSuggestRel: a suggestion must at least share something real.
	minSuggestRel = 0.12
)

// requiredMargin is the lead the best fact needs over the runner-up. A question
// that says little (one common word: "konvensi", "laporan") fits several facts
// almost equally, and small score differences between them are noise, so the
// lead it needs grows as the question's information (summed IDF of its known
// content words) falls below marginInfoRef, about one rare word.
func requiredMargin(info float64) float64 {
	if info >= marginInfoRef || info <= 0 {
		return minMargin
	}
	return minMargin * marginInfoRef / info
}

const (
	// marginInfoRef: see requiredMargin. Calibration: 3 (about one rare word)
	// changed no eval answer; 5 and above cost top-1 without removing a wrong one.
	marginInfoRef = 3.0
	// unknownIDFShare is the weight of a question word the base has never seen,
	// relative to the rarest known word. Unknown words are often chat noise
	// ("dong", a name, a filler verb), so they weigh less than the rarest real
	// term, but enough that a question mostly about something else is not answered.
	// On 827 questions: 0.4 answered four more off-topic questions, 1.0 lost three
	// on-topic answers and refused one more off-topic one.
	unknownIDFShare = 0.6
	// subWeight: the words inside a multi-word name ("convention" in "Budapest
	// Convention") are weak evidence next to the name itself.
	subWeight = 0.5
)

// tuning holds the ranking weights that TestCalibrationSweep varies; NewMatcher
// always uses defaultTuning.
type tuning struct {
	// angleIDF replaces IDF for question angles (when, who, how many, what is):
	// they tell angles of one subject apart, and how many facts carry "what is"
	// phrasings says nothing about how much the angle matters.
	angleIDF float64
	// phraseShare: how much of a fact's score comes from its single best phrasing
	// (phrase.go) rather than from BM25 over all its fields.
	phraseShare float64
	// entityPenalty multiplies a fact's score once for every entity of the
	// question (a body, instrument, country, symbol or year) it does not mention.
	entityPenalty float64
}

// defaultTuning: the sweep found angle weights of 1.6–2.0 and phrase shares of
// 0.3–0.4 best, and the entity penalty flat between 0.6 and 0.9.
func defaultTuning() tuning {
	return tuning{angleIDF: 1.6, phraseShare: 0.3, entityPenalty: 0.75}
}

type scratch struct {
	score, covered, tmp, cos []float64
	touched                  []int32
	mark                     []bool
	entities                 []int16 // per fact: entities of the question it is about
	about                    []bool  // per fact, per term: the term is an entity the fact is about
	// per phrasing
	dot      []float64
	last     []int32
	touchedP []int32
}

func newScratch(n, phrasings int) *scratch {
	return &scratch{
		score: make([]float64, n), covered: make([]float64, n), tmp: make([]float64, n), cos: make([]float64, n),
		mark: make([]bool, n), touched: make([]int32, 0, n), entities: make([]int16, n), about: make([]bool, n),
		dot: make([]float64, phrasings), last: make([]int32, phrasings), touchedP: make([]int32, 0, 256),
	}
}

// qterm is one distinct term of a question with its alternatives in the index.
type qterm struct {
	ids     [2]int32
	weight  float64
	conf    float64 // 1 for a word as typed, below 1 for a spelling correction
	idf     float64 // best IDF among the alternatives found; maxIDF when unknown
	known   bool
	content bool
	// entity: a named body, instrument, country, symbol or year (entityConcepts).
	entity bool
}

// Match ranks the base for question; hint is the language to assume when the question
// does not tell (empty means English).
func (m *Matcher) Match(question string, hint Lang) Result {
	res, _ := m.match(question, hint)
	return res
}

// matchFeatures are the numbers the decision rule looked at (for calibration).
type matchFeatures struct {
	rel, coverage, margin, known float64
	// info is the summed IDF of the question's known content terms: how much
	// the question says.
	info float64
	// cosTop is the best fact's closest phrasing similarity (phrase.go).
	cosTop float64
	// passing: the best fact is matched on one name that it holds only as part
	// of a longer name the question does not use (see passingName).
	passing bool
	// passName and rest are passing's two parts (for calibration): the name test
	// and the share of the question's content the fact holds besides the anchor.
	passName bool
	rest     float64
	// related: the runner-up is a neighbour of the best fact (one lists the other as
	// related), so a narrow lead is between two views of one subject.
	related bool
	// runner is the runner-up's relative score (0 when there is none).
	runner float64
	// named: the question holds one of the best fact's names whole (see named).
	named bool
}

func (m *Matcher) match(question string, hint Lang) (Result, matchFeatures) {
	res, feat := m.matchRanked(question, hint)
	if !res.Answered && len(res.Suggestions) < maxSuggestions {
		m.suggestNames(question, &res)
	}
	return res, feat
}

// Name suggestions: a short question that is a name typed partly or loosely
// ("A/RES/73", "osce cbm", "tallin") may miss every exact term yet be close to a
// fact's name. sahilm/fuzzy (subsequence matching, research §C.2) finds those;
// they are only ever offered as suggestions, never answered.
const (
	maxNameQueryRunes  = 24
	maxNameQueryTokens = 3
	// minNameScore: the fuzzy score relative to the pattern matched against
	// itself; 0.5 keeps near-contiguous matches and drops scattered letters.
	minNameScore = 0.5
)

func (m *Matcher) suggestNames(question string, res *Result) {
	norm := strings.TrimSpace(normalize(question))
	if norm == "" || utf8.RuneCountInString(norm) > maxNameQueryRunes {
		return
	}
	toks := tokenize(norm)
	if len(toks) == 0 || len(toks) > maxNameQueryTokens {
		return
	}
	// The pattern is the question without its fillers ("apa", "dong"); greetings
	// and fillers alone get no suggestions.
	var kept []string
	for _, t := range toks {
		if t.kind != tokWord || !stopEN[t.text] && !stopID[t.text] && colloquial[t.text] == "" {
			kept = append(kept, t.text)
		}
	}
	pattern := strings.Join(kept, " ")
	if utf8.RuneCountInString(pattern) < 3 {
		return
	}
	scores := m.names.fuzzyScores(pattern, res.Lang, len(m.facts))
	if scores == nil {
		return
	}
	idx := make([]int, 0, 8)
	for i, s := range scores {
		if s >= minNameScore {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		if scores[idx[a]] != scores[idx[b]] {
			return scores[idx[a]] > scores[idx[b]]
		}
		return m.facts[idx[a]].ID < m.facts[idx[b]].ID
	})
	for _, i := range idx {
		if len(res.Suggestions) == maxSuggestions {
			break
		}
		f := m.facts[i]
		dup := false
		for _, s := range res.Suggestions {
			dup = dup || s == f
		}
		if !dup {
			res.Suggestions = append(res.Suggestions, f)
			res.OffTopic = false
		}
	}
}

func (m *Matcher) matchRanked(question string, hint Lang) (Result, matchFeatures) {
	var feat matchFeatures
	if hint != ID {
		hint = EN
	}
	lang := hint
	if l, ok := DetectLang(question); ok {
		lang = l
	}
	res := Result{Lang: lang}
	terms := m.queryTerms(question)
	var contentIDF, knownIDF, ideal float64
	for _, q := range terms {
		if q.content {
			contentIDF += q.idf
			if q.known {
				knownIDF += q.idf
			}
		}
		if q.known {
			ideal += q.weight * q.idf * (bm25K1 + 1)
		}
	}
	if contentIDF > 0 {
		feat.known = knownIDF / contentIDF
	}
	feat.info = knownIDF
	if contentIDF == 0 || knownIDF/contentIDF < offTopicKnown {
		res.OffTopic = true
		return res, feat
	}
	// Unknown content still counts in the ideal: a question that is mostly about
	// something the base does not know cannot score high.
	for _, q := range terms {
		if q.content && !q.known {
			ideal += q.idf * (bm25K1 + 1)
		}
	}
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	m.score(terms, sc)
	sc.touchedP = m.phr.best(m.ix, terms, sc.dot, sc.last, sc.touchedP, sc.cos)
	entities := 0
	for _, q := range terms {
		if q.entity {
			entities++
		}
	}
	ranked := preferKind(m.preferByAngle(m.rank(sc, ideal, entities), terms), askedKind(question))
	if len(ranked) == 0 {
		res.OffTopic = true
		sc.reset()
		return res, feat
	}
	res.Candidates = ranked
	best := ranked[0]
	cov := sc.covered[m.docIndex(best.Fact)] / contentIDF
	runnerUp := 0.0
	cosTop := sc.cos[m.docIndex(best.Fact)]
	feat.cosTop = cosTop
	if len(ranked) > 1 {
		runnerUp = overviewRunnerUp(ranked, question)
	}
	sc.reset()
	bestDoc := m.docIndex(best.Fact)
	anchor, rest := m.anchor(terms, int32(bestDoc), contentIDF)
	feat.rest = rest
	feat.named = m.named(terms, bestDoc)
	feat.passName = anchor >= 0 && m.passingName(terms, anchor, bestDoc) && !feat.named
	feat.passing = feat.passName && rest < maxPassingRest
	margin := (best.Score - runnerUp) / best.Score
	feat.rel, feat.coverage, feat.margin, feat.runner = best.Score, cov, margin, runnerUp
	if len(ranked) > 1 {
		feat.related = relatedFacts(best.Fact, ranked[1].Fact)
	}
	if m.decide(feat) {
		res.Answered = true
		res.Best = best
		return res, feat
	}
	if best.Score*cov < offTopicConfidence {
		// Nothing fits even loosely: "did you mean" would offer noise.
		res.OffTopic = true
		return res, feat
	}
	for _, c := range ranked {
		if len(res.Suggestions) == maxSuggestions || c.Score < minSuggestRel {
			break
		}
		res.Suggestions = append(res.Suggestions, c.Fact)
	}
	return res, feat
}

// anchor returns the rarest content term of the question that fact d holds
// outside its answer text (its phrasings, aliases, title or names), -1 if none,
// and the IDF-weighted share of the question's content that d holds there
// besides the anchor.
func (m *Matcher) anchor(terms []qterm, d int32, contentIDF float64) (anchor int, rest float64) {
	var strong, anchorIDF float64
	anchor = -1
	for k, q := range terms {
		if !q.content {
			continue
		}
		inStrong := false
		for _, id := range q.ids {
			if id < 0 {
				continue
			}
			ps := m.ix.postings[id]
			i := sort.Search(len(ps), func(i int) bool { return ps[i].doc >= d })
			inStrong = inStrong || i < len(ps) && ps[i].doc == d && !ps[i].answerOnly
		}
		if inStrong {
			strong += q.idf * q.conf
			if q.idf > anchorIDF {
				anchor, anchorIDF = k, q.idf
			}
		}
	}
	if anchor >= 0 && contentIDF > 0 {
		rest = (strong - anchorIDF*terms[anchor].conf) / contentIDF
	}
	return anchor, rest
}

// maxPassingRest: see passingName. A question whose other content words are
// also in the fact's own phrasings, aliases or title is about the fact, whatever
// its names look like; below this share of the question's content it rests on
// the anchor name alone. On 1080 questions (Nov 2026), with the rule skipped
// for questions that name the fact outright, 0.2 costs no correct answer, 0.25
// one and 0.3 three, for four more off-topic questions caught.
const maxPassingRest = 0.2

// passingName reports whether the question reaches fact d only through a name
// (terms[anchor]) that the fact carries solely inside longer names the question
// does not use: "apa itu NATO" reaches the Tallinn Manuals through their alias
// "NATO CCDCOE manual", "siapa saja anggota SCO" the SCO code of conduct, "how
// many countries are in ASEAN" the ASEAN Cyber Capacity Programme. Such a fact
// mentions the body; it is not about it, and the question asks about the body.
// A name the fact holds on its own ("BSSN", "GGE"), or a longer name all of whose
// words the question has ("SCO code of conduct"), names the fact; so does any
// other of its names used whole ("are the Tallinn Manuals NATO documents"),
// which the caller checks with named.
func (m *Matcher) passingName(terms []qterm, anchor, d int) bool {
	a := terms[anchor].ids
	found := false
	for _, l := range m.labels[d] {
		in := false
		for _, id := range l.ids {
			in = in || id == a[0] || id == a[1]
		}
		if !in {
			continue
		}
		found = true
		if !l.keyword && l.wholeIn(terms) {
			return false
		}
	}
	return found
}

// label is one name of a fact (an alias or a title) as content term ids.
type label struct {
	ids []int32
	// keyword: a one-word alias written in lower case that is neither a named
	// entity nor a word of the fact's title ("malware" on the list of offences
	// the cybercrime convention covers). Capitalised one-word aliases are names
	// or abbreviations ("APR", "SOCHUM", "Lemsaneg"). It helps ranking but does not name the fact: "what is ransomware
	// as a service" asks about the thing, not about the convention.
	keyword bool
}

// capitalised reports whether s starts with an upper-case letter.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsUpper(r)
}

func (l label) wholeIn(terms []qterm) bool {
	for _, id := range l.ids {
		if !hasTerm(terms, id) {
			return false
		}
	}
	return true
}

// named reports whether the question holds every word of one of fact d's names
// (an alias or title): "what is UNODC" names term-unodc ("UNODC") but not the
// UNODC expert group on cybercrime, which only mentions it.
func (m *Matcher) named(terms []qterm, d int) bool {
	for _, l := range m.labels[d] {
		if !l.keyword && l.wholeIn(terms) {
			return true
		}
	}
	return false
}

func hasTerm(terms []qterm, id int32) bool {
	for _, q := range terms {
		if q.ids[0] == id || q.ids[1] == id {
			return true
		}
	}
	return false
}

// buildLabels collects every fact's titles and aliases as labels, from the
// analysis the index build already made (analysed is parallel to texts).
func (m *Matcher) buildLabels(texts []factText, analysed [][]aTerm) [][]label {
	out := make([][]label, len(m.facts))
	inTitle := make([]map[int32]bool, len(m.facts))
	toLabel := func(at []aTerm) (label, bool) {
		var l label
		entity := false
		for _, t := range at {
			if t.kind == termAngle || t.sub {
				continue
			}
			if id := m.ix.lookup(t.text); id >= 0 {
				l.ids = append(l.ids, id)
				entity = t.kind == termSymbol || t.kind == termYear ||
					t.kind == termConcept && entityConcepts[t.text[1:]]
			}
		}
		return l, entity
	}
	// Titles first: a one-word alias that is a word of the title is a name.
	for i, ft := range texts {
		if ft.field != fieldTitle {
			continue
		}
		l, _ := toLabel(analysed[i])
		if len(l.ids) == 0 {
			continue
		}
		if inTitle[ft.doc] == nil {
			inTitle[ft.doc] = map[int32]bool{}
		}
		for _, id := range l.ids {
			inTitle[ft.doc][id] = true
		}
		out[ft.doc] = append(out[ft.doc], l)
	}
	for i, ft := range texts {
		if ft.field != fieldAlias {
			continue
		}
		l, entity := toLabel(analysed[i])
		if len(l.ids) == 0 {
			continue
		}
		l.keyword = len(l.ids) == 1 && !entity && !inTitle[ft.doc][l.ids[0]] && !capitalised(ft.text)
		out[ft.doc] = append(out[ft.doc], l)
	}
	return out
}

// queryTerms analyses a question into distinct terms with their index ids.
func (m *Matcher) queryTerms(question string) []qterm {
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
	at := analyze(question, stemBoth, m.stems, correct)
	out := make([]qterm, 0, len(at))
	seen := make(map[string]int, len(at))
	for _, t := range at {
		key := t.text
		if _, ok := seen[key]; ok {
			continue
		}
		q := qterm{ids: [2]int32{m.ix.lookup(t.text), -1}, weight: t.weight, conf: t.weight, content: t.kind != termAngle && !t.sub}
		if t.sub {
			q.weight *= subWeight
		}
		if t.alt != "" {
			q.ids[1] = m.ix.lookup(t.alt)
		}
		q.entity = !t.sub && (t.kind == termSymbol || t.kind == termYear ||
			t.kind == termConcept && entityConcepts[t.text[1:]])
		switch t.kind {
		case termSymbol, termYear:
			q.weight *= symbolWeight
		}
		for _, id := range q.ids {
			if id >= 0 {
				q.known = true
				q.idf = math.Max(q.idf, m.ix.idf[id])
			}
		}
		if !q.known {
			q.idf = unknownIDFShare * m.ix.maxIDF
		}
		seen[key] = len(out)
		out = append(out, q)
	}
	return out
}

// score accumulates BM25F scores and covered content per fact.
func (m *Matcher) score(terms []qterm, sc *scratch) {
	for _, q := range terms {
		if !q.known {
			continue
		}
		// Two alternatives of one word (its English and Indonesian stems) count once,
		// at the better of the two.
		var local [64]int32
		touched := local[:0]
		for _, id := range q.ids {
			if id < 0 {
				continue
			}
			w := q.weight * m.ix.idf[id]
			for _, p := range m.ix.postings[id] {
				v := w * float64(p.sat)
				if sc.tmp[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				if v > sc.tmp[p.doc] {
					sc.tmp[p.doc] = v
				}
				if q.entity && !p.answerOnly && !sc.about[p.doc] {
					sc.about[p.doc] = true
				}
			}
		}
		for _, d := range touched {
			if !sc.mark[d] {
				sc.mark[d] = true
				sc.touched = append(sc.touched, d)
			}
			sc.score[d] += sc.tmp[d]
			if sc.about[d] {
				// Named in the fact's own phrasings, aliases, title or names, not
				// only in passing in its answer.
				sc.entities[d]++
				sc.about[d] = false
			}
			if q.content {
				// A typo-corrected word is a guess: it covers its share of the
				// question only in part.
				sc.covered[d] += q.idf * q.conf
			}
			sc.tmp[d] = 0
		}
	}
}

func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.covered[d], s.mark[d], s.entities[d] = 0, 0, false, 0
	}
	s.touched = s.touched[:0]
	// The phrase pass writes cosines for facts the keyword pass may not have touched,
	// so clear them all (a few hundred floats): otherwise one question's phrase
	// scores would leak into the next question's ranking.
	clear(s.cos)
}

// rank returns the top candidates with relative scores, best first, ties by id.
func (m *Matcher) rank(sc *scratch, ideal float64, entities int) []Scored {
	if ideal <= 0 {
		return nil
	}
	var top [maxCandidates]Scored
	n := 0
	for _, d := range sc.touched {
		s := Scored{Fact: m.facts[d], Score: m.tune.phraseShare*sc.cos[d] + (1-m.tune.phraseShare)*sc.score[d]/ideal}
		for miss := entities - int(sc.entities[d]); miss > 0; miss-- {
			s.Score *= m.tune.entityPenalty
		}
		if s.Score <= 0 {
			continue
		}
		// Insertion into a small sorted array: cheaper than sorting every touched fact.
		pos := n
		for pos > 0 && better(s, top[pos-1]) {
			pos--
		}
		if pos >= maxCandidates {
			continue
		}
		if n < maxCandidates {
			n++
		}
		copy(top[pos+1:n], top[pos:n-1])
		top[pos] = s
	}
	out := make([]Scored, n)
	copy(out, top[:n])
	return out
}

// glossaryPairRatio: a glossary entry and a full fact both named by the
// question (see named) and within this ratio of each other's score are taken to
// be about the same thing (term-gge and gge-overview, term-cbm and cbm-concept).
// Further apart, the ranking already tells them apart.
const glossaryPairRatio = 0.8

// preferByAngle settles the overlap between glossary entries (kind "term": a
// one-line definition or expansion) and the full facts on the same body or
// concept. A question with a define or abbreviation angle ("define GGE", "CBM
// singkatan dari apa", "meaning of ICT") wants the glossary entry; any other
// question ("what is the GGE", "apa itu Global Mechanism") wants the full fact.
// The entry of the unwanted kind is dropped from the ranking, so the margin is
// measured against the real alternatives. Only bodies and concepts answer a
// plain "what is": a norm or event that names a CERT does not say what one is.
func (m *Matcher) preferByAngle(ranked []Scored, terms []qterm) []Scored {
	if len(ranked) < 2 {
		return ranked
	}
	define := false
	for _, q := range terms {
		for _, id := range q.ids {
			define = define || id >= 0 && (id == m.defineAngles[0] || id == m.defineAngles[1])
		}
	}
	full := func(f *Fact) bool { return f.Kind == KindBody || f.Kind == KindConcept }
	wanted, unwanted := full, func(f *Fact) bool { return f.Kind == KindTerm }
	if define {
		wanted, unwanted = unwanted, wanted
	}
	w := -1
	for i, s := range ranked {
		if s.Score < glossaryPairRatio*ranked[0].Score {
			break
		}
		if wanted(s.Fact) && m.named(terms, m.docIndex(s.Fact)) {
			w = i
			break
		}
	}
	if w < 0 {
		return ranked
	}
	out := ranked[:0:0]
	for i, s := range ranked {
		if i != w && unwanted(s.Fact) && s.Score >= glossaryPairRatio*ranked[w].Score && m.named(terms, m.docIndex(s.Fact)) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// kindNouns map the nouns of a "which X" question to the kind of fact that
// answers it: "which resolution created the sixth GGE" asks for a document (a
// resolution), not the GGE; "norma mana yang terkait uji tuntas" for a norm,
// not the concept of due diligence.
// Only singular forms: "what resolutions followed 53/70" asks for a series,
// and Indonesian marks the plural with "saja"/"aja" ("resolusi apa saja").
var kindNouns = map[string]Kind{
	"norm": KindNorm, "norma": KindNorm,
	"resolution": KindDocument, "resolusi": KindDocument,
}

// askedKind returns the fact kind a "which X" question asks for ("which norm",
// "what resolution", "norma mana", "resolusi apa", "resolusi yang mana"), or "".
func askedKind(question string) Kind {
	// Most questions name neither noun: skip their second tokenising.
	if !containsFold(question, "norm") && !containsFold(question, "resolu") {
		return ""
	}
	toks := tokenize(normalize(question))
	for i, t := range toks {
		kind, ok := kindNouns[t.text]
		if !ok {
			continue
		}
		if i > 0 && (toks[i-1].text == "which" || toks[i-1].text == "what") {
			return kind
		}
		if i+1 < len(toks) && (toks[i+1].text == "mana" || toks[i+1].text == "apa") {
			if i+2 < len(toks) && (toks[i+2].text == "saja" || toks[i+2].text == "aja") {
				continue
			}
			return kind
		}
		if i+2 < len(toks) && toks[i+1].text == "yang" && toks[i+2].text == "mana" {
			return kind
		}
	}
	return ""
}

// containsFold reports whether s contains the lower-case ASCII word part sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && s[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// kindPairRatio: a fact of the asked kind within this ratio of the best score
// is taken to be the answer the question's "which X" points at. The facts it
// displaces are its neighbours (the body a resolution created, the concept a
// norm is about), which score close on the same words.
const kindPairRatio = 0.8

// preferKind moves the best fact of the asked kind to the front when it scores
// close to the top, dropping the facts of other kinds ranked above it.
func preferKind(ranked []Scored, kind Kind) []Scored {
	if kind == "" || len(ranked) < 2 || ranked[0].Fact.Kind == kind {
		return ranked
	}
	w := -1
	for i, s := range ranked {
		if s.Score < kindPairRatio*ranked[0].Score {
			break
		}
		if s.Fact.Kind == kind {
			w = i
			break
		}
	}
	if w < 0 {
		return ranked
	}
	return ranked[w:]
}

func better(a, b Scored) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Fact.ID < b.Fact.ID
}

// docIndex is the position of f in m.facts (sorted by id).
func (m *Matcher) docIndex(f *Fact) int {
	return sort.Search(len(m.facts), func(i int) bool { return m.facts[i].ID >= f.ID })
}

// correct maps a word the base has never seen onto one it has: first through
// colloquial Indonesian verb forms (sebutin → sebutkan, ngajuin → mengajukan,
// nyerang → menyerang), which are not typos, then through the speller.
func (m *Matcher) correct(w string) (string, int) {
	if _, ok := m.spell.known[w]; ok {
		return "", 0
	}
	for _, c := range colloquialForms(w) {
		if _, ok := m.spell.known[c]; ok {
			return c, 0
		}
		if m.ix.lookup(m.stems.stemID(c)) >= 0 {
			return c, 0
		}
	}
	return m.spell.correct(w)
}

// colloquialForms lists standard spellings a colloquial Indonesian verb may stand
// for: the -in suffix for -kan/-i, and the bare nasal prefix ng-/ny-/nge- for me-.
func colloquialForms(w string) []string {
	if len(w) < 4 {
		return nil
	}
	var out []string
	// Stretched words: "apaaa", "gimanaaa", "siapaa" → "apa", "gimana", "siapa".
	if sq := squeezeRepeats(w); sq != w {
		out = append(out, sq)
		if c, ok := colloquial[sq]; ok {
			out = append(out, c)
		}
	}
	if len(w) < 5 {
		return out
	}
	stems := []string{w}
	if strings.HasSuffix(w, "in") {
		b := w[:len(w)-2]
		stems = append(stems, b+"kan", b+"i", b)
	}
	for _, s := range stems {
		if s != w {
			out = append(out, s)
		}
		switch {
		case strings.HasPrefix(s, "nge") && len(s) > 5:
			out = append(out, mePrefix(s[3:])+s[3:])
		case strings.HasPrefix(s, "ng"):
			out = append(out, "me"+s)
		case strings.HasPrefix(s, "ny"):
			out = append(out, "me"+s)
		}
	}
	return out
}

// mePrefix is the form of the me- prefix before rest (nasal assimilation):
// mem- before b/p/f, men- before d/t/c/j, meny- before s, meng- before vowels and
// g/k/h, me- otherwise ("ngebahas" → "membahas", "ngedukung" → "mendukung").
func mePrefix(rest string) string {
	switch rest[0] {
	case 'b', 'p', 'f':
		return "mem"
	case 'd', 't', 'c', 'j':
		return "men"
	case 's':
		return "meny"
	case 'a', 'e', 'i', 'o', 'u', 'g', 'k', 'h':
		return "meng"
	}
	return "me"
}

// squeezeRepeats drops a vowel repeated at the end of a word ("apaaa" → "apa")
// and shortens any run of three or more equal letters to one ("sooo" → "so").
func squeezeRepeats(w string) string {
	b := []byte(w)
	out := b[:0:0]
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && b[j] == b[i] {
			j++
		}
		n := j - i
		if n >= 3 || (n == 2 && j == len(b) && isVowelByte(b[i])) {
			n = 1
		}
		for k := 0; k < n; k++ {
			out = append(out, b[i])
		}
		i = j
	}
	return string(out)
}

// overviewRunnerUp is the score the best candidate must lead. A question that names a
// body or concept without any year or number ("apa itu OEWG?") asks for the undated
// overview of it, not for one dated instance (the 2019–2021 group, a report): when the
// best candidate is such an overview, dated facts are specifics the question did not
// ask for and do not make it ambiguous. Otherwise the runner-up is simply second.
func overviewRunnerUp(ranked []Scored, question string) float64 {
	best := ranked[0].Fact
	if best.Date != "" || (best.Kind != KindBody && best.Kind != KindConcept) ||
		strings.ContainsAny(question, "0123456789") {
		return ranked[1].Score
	}
	for _, c := range ranked[1:] {
		if c.Fact.Date == "" {
			return c.Score
		}
	}
	return 0
}
