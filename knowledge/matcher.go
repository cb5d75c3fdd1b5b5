package knowledge

import (
	"sort"
	"sync"
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
	// labelsByFirst indexes the facts' naming labels (not keywords) by their first
	// term id: a label can be whole in a question only if its first id is there,
	// so a check over every fact's names reads only these (describe.go namedDocs).
	labelsByFirst map[int32][]int
	// defineAngles are the index ids of the define and abbreviation angles
	// ("define", "arti", "stand for", "singkatan"); see preferByAngle.
	defineAngles [2]int32
	// inbound counts, per fact, the facts that list it as related.
	inbound []int
	// reports are the report facts of each body, by the facts' body field
	// (created.go, bodyReport).
	reports map[string][]*Fact
	// nameTerms are the index ids of words that name a fact (reading.go).
	nameTerms map[int32]bool
	// glossaryConcepts are the concepts that name a glossary term (reading.go).
	glossaryConcepts map[string]bool
	// series, knownSymbols and instrumentLabels are what premise.go checks against.
	series           []series
	knownSymbols     map[string]bool
	instrumentLabels []map[string]bool
	// personWords are the words of person facts' names (premise.go).
	personWords map[string]bool
	// descs are the facts' descriptions (describe.go).
	descs     []description
	descIndex map[string][]descHit
	// chaired maps a place concept to the bodies chaired from there, and
	// bodyConcepts are the concepts naming those bodies (chaired.go).
	chaired      map[string][]chairedBody
	bodyConcepts map[string]bool
	chairPerson  map[string]int
	// bodyChairs maps a body name to its chair, from person facts (chaired.go).
	bodyChairs map[string]string
	// structured are the facts a proposer or membership reading may return, and
	// proposerStems the analysed proposer words (proposed.go, members.go).
	structured    map[int]structured
	proposerStems map[string]bool
	// lifespanTerms are the analysed lifespan words (lifespan.go).
	lifespanTerms map[string]bool
	// titles are, per fact, the terms of its titles that say what it is about
	// (sibling.go).
	titles []map[int32]bool
	// held marks, per fact, the held angles its names carry (angles.go).
	held []heldAngleMask
	// reason marks the facts whose answer gives a reason (why.go).
	reason []bool
	// overviews are the facts that gather dated instances (list.go).
	overviews map[*Fact]bool
	// scratch holds per-query score arrays, reused to keep Match allocation-light.
	scratch sync.Pool
	// pos is each fact's position in facts (docIndex), read without a search.
	pos map[*Fact]int
	// firstNames are, per fact, its first name's tokens and terms (question.go).
	firstNames []firstName
}

// NewMatcher indexes base.
func NewMatcher(base *Base) *Matcher { return newTunedMatcher(base, defaultTuning()) }

func newTunedMatcher(base *Base, t tuning) *Matcher {
	m := &Matcher{base: base, facts: base.Facts(), stems: newStemCache(), tune: t}
	m.pos = make(map[*Fact]int, len(m.facts))
	for d, f := range m.facts {
		m.pos[f] = d
	}
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
	m.labelsByFirst = labelsByFirst(m.labels)
	m.held = buildHeldAngles(len(m.facts), texts, analysed)
	m.titles = buildTitleTerms(len(m.facts), texts, analysed, m.ix)
	m.reason = buildReasons(m.facts)
	m.overviews = overviews(m.facts)
	m.nameTerms = buildNameTerms(texts, analysed, m.ix)
	m.glossaryConcepts = buildGlossaryConcepts(m.facts, texts, analysed)
	m.buildPremiseIndex()
	m.descs = m.buildDescriptions()
	m.descIndex = buildDescIndex(m.descs)
	m.chaired = m.buildChaired()
	m.bodyConcepts = buildBodyConcepts(m.chaired)
	m.chairPerson = m.buildChairPersons()
	m.bodyChairs = m.buildBodyChairs()
	m.structured = m.buildStructured()
	m.proposerStems = m.buildProposerStems()
	m.lifespanTerms = m.buildLifespanTerms()
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
	m.reports = m.bodyReports()
	m.firstNames = m.buildFirstNames()
	np, nd := m.phr.count, len(m.descs)
	m.scratch.New = func() any { return newScratch(n, np, nd) }
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

// Match ranks the base for question; hint is the language to assume when the question
// does not tell (empty means English).
func (m *Matcher) Match(question string, hint Lang) Result {
	res, _ := m.match(m.parse(question), hint)
	return res
}

// MatchQuestion is Match on a question already parsed.
func (m *Matcher) MatchQuestion(q *Question, hint Lang) Result {
	res, _ := m.match(q, hint)
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
	// angleFit: how well the best fact's structured fields fit the question's angle
	// (1 fits, 0 does not, 0.5 no angle); see angleFit.
	angleFit float64
	// strong: the question names entities (bodies, instruments, symbols, years)
	// and the best fact holds every one of them in its own names or phrasings.
	strong bool
	// runnerNamed: the runner-up is named by the question under a name the best
	// fact does not carry, so the question may be about the runner-up's subject.
	runnerNamed bool
	// described: the question names its subject only by description (describe.go).
	described bool
	// alt (for calibration) is the lower threshold a second path answers at when
	// the general decision refuses: describedThreshold for a described subject
	// asked from an angle it holds, createdThreshold for the document a rule
	// chose; 0 when neither applies.
	alt float64
	// satellite: the best fact is a satellite of the described subject that holds
	// the question's angle (satellite.go).
	satellite bool
}

func (m *Matcher) match(q *Question, hint Lang) (Result, matchFeatures) {
	if m.tune.off&ruleClaim == 0 && q.describes != nil {
		// A claim that reads as a description only through its detail ("the
		// first OEWG was created by consensus" as the consensus report) is
		// about its subject: it is asked without the detail (claim.go).
		if s := m.claimSubject(q); s != nil && s.describes != q.describes {
			res, feat := m.matchRanked(s, hint)
			if !res.Answered && len(res.Suggestions) < maxSuggestions {
				m.suggestNames(q.text, &res)
			}
			return res, feat
		}
	}
	res, feat := m.matchRanked(q, hint)
	if m.tune.off&ruleClaim == 0 && (!res.Answered || q.claim && m.otherInstance(q, res.Best.Fact)) {
		// A claim the whole question cannot settle is asked again without its
		// detail, which may be the mistake the student checks (claim.go).
		if s := m.claimSubject(q); s != nil {
			if r, f := m.matchRanked(s, hint); r.Answered {
				r.Lang = res.Lang
				res, feat = m.datedNeighbour(q, res, r), f
			} else if res.Answered && m.tune.off&ruleChairClaim == 0 {
				// The answer rests on another instance of the series than
				// the one the claim names, and the claim's subject alone
				// settles nothing: better no answer than the wrong group's.
				r.Lang = res.Lang
				res, feat = r, f
			}
		}
	}
	if m.tune.off&ruleClaim == 0 && q.claim && res.Answered {
		if r, f, ok := m.subjectOverDetail(q, res.Best.Fact, hint); ok {
			r.Lang = res.Lang
			res, feat = r, f
		}
	}
	if m.tune.off&ruleLeadIn == 0 && !res.Answered {
		if r, f, ok := m.leadInQuestion(q, hint); ok {
			res, feat = r, f
		}
	}
	if m.tune.off&ruleClaimAgree == 0 && q.claim && !res.Answered {
		if r, f, ok := m.claimAgree(q, res, feat, hint); ok {
			r.Lang = res.Lang
			res, feat = r, f
		}
	}
	if m.tune.off&ruleChairClaim == 0 && q.claim && res.Answered {
		if r, f, ok := m.chairClaim(q, res.Best.Fact, hint); ok {
			r.Lang = res.Lang
			res, feat = r, f
		}
	}
	if q.followsNothing != nil {
		// Nothing the base knows followed it: offer the thing itself.
		res.Answered, res.Best, res.Suggestions = false, Scored{}, []*Fact{q.followsNothing}
		return res, feat
	}
	if !res.Answered && len(res.Suggestions) < maxSuggestions {
		m.suggestNames(q.text, &res)
	}
	return res, feat
}

func (m *Matcher) matchRanked(q *Question, hint Lang) (Result, matchFeatures) {
	question := q.text
	var feat matchFeatures
	if hint != ID {
		hint = EN
	}
	lang := hint
	if q.langSure {
		lang = q.lang
	}
	res := Result{Lang: lang}
	terms := m.questionTerms(q)
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
	sc.touchedP = m.phr.best(m.ix, terms, sc.acc, sc.touchedP, sc.cos)
	entities := 0
	for _, q := range terms {
		if q.entity {
			entities++
		}
	}
	ranked := m.rank(sc, ideal, entities)
	// Read before the rules below reorder and drop candidates: the body the
	// question names is among the first ranked.
	created, isCreated := m.creatingDocument(ranked, q, terms)
	if !isCreated && m.tune.off&ruleSymbol == 0 {
		created, isCreated = m.endorsingDocument(ranked, q, terms)
	}
	if !isCreated && m.tune.off&ruleBodyReport == 0 {
		created, isCreated = m.bodyReport(ranked, q, terms)
	}
	if !isCreated && m.tune.off&ruleBodyOutcome == 0 {
		created, isCreated = m.bodyOutcome(ranked, q, terms)
	}
	if !isCreated && m.tune.off&ruleSeries == 0 {
		created, isCreated = m.seriesEnd(ranked, q)
	}
	if !isCreated && m.tune.off&ruleLifespan == 0 {
		created, isCreated = m.lifespanAnswer(ranked, q)
	}
	if !isCreated && m.tune.off&rulePlace == 0 {
		created, isCreated = placedAnswer(ranked, q, entities)
	}
	if m.tune.off&rulePreferByAngle == 0 {
		ranked = m.preferByAngle(ranked, terms)
	}
	if m.tune.off&rulePreferKind == 0 {
		noun := askedNoun(q.raw)
		ranked = preferKind(ranked, kindNouns[noun])
		if m.tune.off&ruleSymbol == 0 {
			ranked = preferSymbol(ranked, noun)
		}
	}
	if m.tune.off&ruleDefinable == 0 {
		ranked = m.preferDefinable(ranked, q, terms)
	}
	if m.tune.off&ruleDatedYear == 0 {
		ranked = preferDatedYear(ranked, q)
	}
	if m.tune.off&rulePersonAsked == 0 {
		ranked = preferPerson(ranked, q)
	}
	if m.tune.off&ruleSuccessor == 0 {
		ranked = preferSuccessor(ranked, q)
	}
	if m.tune.off&ruleClaim == 0 {
		ranked = m.preferCorrection(ranked, q, terms)
	}
	if m.tune.off&ruleWhy == 0 {
		ranked = m.preferReason(ranked, q)
	}
	if m.tune.off&ruleList == 0 {
		ranked = preferGatherer(ranked, q, m.overviews)
	}
	asked := askedHeldAngles(q)
	if m.tune.off&ruleHeldAngle == 0 {
		ranked = m.preferHeldAngle(ranked, asked)
	}
	var satellite *Fact
	if m.tune.off&ruleSatellite == 0 {
		ranked, satellite = m.preferSatellite(ranked, q, asked)
	}
	if len(ranked) == 0 {
		res.OffTopic = true
		sc.reset()
		return res, feat
	}
	if isCreated {
		ranked = withFirst(ranked, created)
	}
	res.Candidates = ranked
	best := ranked[0]
	cov := sc.covered[m.docIndex(best.Fact)] / contentIDF
	if satellite != nil && satellite == best.Fact && q.describes != nil {
		// The satellite answers for the described subject, whose description
		// covers the words the satellite does not hold (satellite.go).
		cov = max(cov, sc.covered[m.docIndex(q.describes)]/contentIDF)
	}
	runnerUp := 0.0
	cosTop := sc.cos[m.docIndex(best.Fact)]
	feat.cosTop = cosTop
	if len(ranked) > 1 {
		runnerUp = ranked[1].Score
		if m.tune.off&ruleOverview == 0 {
			runnerUp = overviewRunnerUp(ranked, question)
		}
	}
	bestDoc := m.docIndex(best.Fact)
	feat.strong = entities > 0 && int(sc.entities[bestDoc]) >= entities
	sc.reset()
	anchor, rest := m.anchor(terms, int32(bestDoc), contentIDF)
	feat.rest = rest
	feat.named = m.named(terms, bestDoc)
	feat.described = q.describes != nil
	feat.satellite = satellite != nil && satellite == best.Fact && q.describes != nil
	feat.angleFit = angleFit(q, best.Fact, asked != 0, m.held[bestDoc]&asked == asked)
	if m.tune.off&ruleWhy == 0 {
		feat.angleFit = m.whyFit(q, bestDoc, feat.angleFit)
	}
	feat.passName = anchor >= 0 && m.passingName(terms, anchor, bestDoc) && !feat.named
	feat.passing = feat.passName && rest < maxPassingRest && m.tune.off&rulePassing == 0
	margin := (best.Score - runnerUp) / best.Score
	feat.rel, feat.coverage, feat.margin, feat.runner = best.Score, cov, margin, runnerUp
	if len(ranked) > 1 {
		feat.related = relatedFacts(best.Fact, ranked[1].Fact)
		feat.runnerNamed = m.namedApart(terms, m.docIndex(ranked[1].Fact), bestDoc)
	}
	if m.describedSubject(q, best.Fact, feat) {
		feat.alt = feat.describedLevel()
	}
	if isCreated && feat.known >= minKnown {
		feat.alt = createdThreshold
	}
	if m.decide(feat) || m.describedAnswer(q, best.Fact, feat) || isCreated && feat.known >= minKnown && feat.confidence() >= createdThreshold {
		res.Answered = true
		res.Best = best
		res.Likely = feat.confidence() < sureConfidence
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

func better(a, b Scored) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.Fact.ID < b.Fact.ID
}

// docIndex is the position of f in m.facts (sorted by id).
func (m *Matcher) docIndex(f *Fact) int {
	if d, ok := m.pos[f]; ok {
		return d
	}
	return sort.Search(len(m.facts), func(i int) bool { return m.facts[i].ID >= f.ID })
}
