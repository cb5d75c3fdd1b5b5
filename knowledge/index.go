package knowledge

import (
	"math"
	"sort"
	"sync"
)

// Fields of a fact and their BM25F weights. Curated phrasings and aliases are the
// strongest evidence (they are written as users ask), then titles, then the
// structured names (symbols, date year, body, chair), and the answer text least:
// an answer mentions many things the fact is not about (research §C.5: matching on
// the question field beats the answer field by a wide margin). A fact has eight
// or more phrasings, so their field also gathers the most term frequency. On the
// evaluation set the ranking was flat for phrasing weights 1.0–2.0 and title
// weights 1.0–1.4 (±2 of 819 questions).
type field uint8

const (
	fieldQuestion field = iota
	fieldAlias
	fieldTitle
	fieldMeta
	fieldAnswer
	numFields
)

var fieldWeight = [numFields]float64{
	fieldQuestion: 1.2,
	fieldAlias:    1.6,
	fieldTitle:    1.0,
	fieldMeta:     1.6,
	fieldAnswer:   0.35,
}

// fieldB is BM25's length normalisation per field: phrasings and answers vary in
// length for reasons unrelated to relevance, so they are only lightly normalised.
var fieldB = [numFields]float64{
	fieldQuestion: 0.3,
	fieldAlias:    0.3,
	fieldTitle:    0.5,
	fieldMeta:     0.2,
	fieldAnswer:   0.5,
}

// bm25K1 saturates repeated terms: a term in eight phrasings is strong evidence,
// but not eight times the evidence of one.
const bm25K1 = 1.2

type posting struct {
	doc int32
	// sat is the saturated BM25F term frequency, tf·(k1+1)/(k1+tf), in (0, k1+1).
	sat float32
	// answerOnly: the term occurs only in the fact's answer text, which mentions
	// things the fact is not about.
	answerOnly bool
}

// index is an in-memory inverted index over the facts. Read-only after build.
type index struct {
	terms    map[string]int32
	postings [][]posting
	idf      []float64
	kinds    []termKind
	maxIDF   float64
	docs     int
}

// factText is one text of a fact to index, with its field and stemming.
type factText struct {
	doc   int
	field field
	text  string
	mode  stemMode
	raw   []rawToken // filled by tokenizeTexts
	// phraseOnly marks a phrasing made from structured fields ("chair <body>
	// <name>"): it joins the phrase index, not the BM25 fields it repeats.
	phraseOnly bool
}

// maxEstablishNames bounds the "when was X established" phrasings made per body.
const maxEstablishNames = 4

// factTexts lists the texts of every fact in a fixed order (facts by id, fields
// in declaration order), which keeps term ids and float sums deterministic.
func factTexts(facts []*Fact) []factText {
	out := make([]factText, 0, len(facts)*24)
	for d, f := range facts {
		add := func(fl field, text string, mode stemMode) {
			out = append(out, factText{doc: d, field: fl, text: text, mode: mode})
		}
		for _, q := range f.QuestionsEN {
			add(fieldQuestion, q, stemEnglish)
		}
		for _, q := range f.QuestionsID {
			add(fieldQuestion, q, stemIndonesian)
		}
		for _, a := range f.Aliases {
			add(fieldAlias, a, stemBoth)
		}
		add(fieldTitle, f.TitleEN, stemEnglish)
		add(fieldTitle, f.TitleID, stemIndonesian)
		for _, s := range f.Symbols {
			add(fieldMeta, s, stemBoth)
		}
		if y := f.Year(); y != 0 {
			add(fieldMeta, f.Date[:4], stemBoth)
		}
		if f.Body != "" {
			add(fieldMeta, f.Body, stemBoth)
		}
		if f.Kind == KindBody && f.Date != "" && f.Body != "" {
			// When a body was set up is asked as often as what it did ("kapan OEWG
			// pertama dibentuk?"), and its date is a structured field: one phrasing
			// per name says so, so that the angle meets the body, not its sessions.
			for i, a := range f.Aliases {
				if i == maxEstablishNames {
					break
				}
				out = append(out, factText{doc: d, field: fieldMeta, text: "when was " + a + " established", mode: stemBoth, phraseOnly: true})
			}
		}
		if f.Chair != "" {
			add(fieldMeta, f.Chair, stemBoth)
			// Who chaired a body is asked as often as what the body did, but
			// person facts are phrased by name ("Who is Jürg Lauber?").
			out = append(out, factText{doc: d, field: fieldMeta, text: "chair " + f.Body + " " + f.Chair, mode: stemBoth, phraseOnly: true})
		}
		add(fieldAnswer, f.AnswerEN, stemEnglish)
		add(fieldAnswer, f.AnswerID, stemIndonesian)
	}
	return out
}

// tokenizeTexts tokenises every text once, for the index and the speller, in
// two halves side by side.
func tokenizeTexts(texts []factText) {
	half := len(texts) / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := half; i < len(texts); i++ {
			texts[i].raw = tokenize(normalizeMax(markCountryCodes(texts[i].text), maxFactTextRunes))
		}
	}()
	for i := 0; i < half; i++ {
		texts[i].raw = tokenize(normalizeMax(markCountryCodes(texts[i].text), maxFactTextRunes))
	}
	wg.Wait()
}

// analyseTexts analyses the answer texts (answers true) or all others into out.
func analyseTexts(texts []factText, out [][]aTerm, stems *stemCache, answers bool) {
	var buf []wordToken
	for i, ft := range texts {
		if (ft.field == fieldAnswer) != answers {
			continue
		}
		out[i], buf = analyzeTokensBuf(ft.raw, ft.mode, stems, nil, buf)
	}
}

// occurrence is one term seen in one field of a fact.
type occurrence struct {
	id    int32
	field field
}

// buildIndex analyses texts (see factTexts) and indexes them; it returns the
// analysis too, aligned with texts, for the phrase index.
func buildIndex(facts []*Fact, texts []factText, stems *stemCache, angleIDF float64) (*index, [][]aTerm) {
	ix := &index{terms: make(map[string]int32, 4096), docs: len(facts)}
	analysed := analyseAll(texts, stems)
	docs, lens := ix.occurrences(len(facts), texts, analysed)
	avg := averageLengths(lens)
	ix.postings = make([][]posting, len(ix.kinds))
	ix.idf = make([]float64, len(ix.kinds))
	for d, occ := range docs {
		ix.addPostings(int32(d), occ, lens[d], avg)
	}
	ix.weighTerms(len(facts), angleIDF)
	return ix, analysed
}

// analyseAll analyses every text. Analysis (tokenising, concepts, stemming) is
// most of the work and each text is analysed on its own, so the answers (the
// longest texts) are analysed on a second goroutine with a stem cache of its
// own; phrasings, aliases, titles and names fill stems, the cache queries will
// read.
func analyseAll(texts []factText, stems *stemCache) [][]aTerm {
	analysed := make([][]aTerm, len(texts))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		analyseTexts(texts, analysed, newStemCache(), true)
	}()
	analyseTexts(texts, analysed, stems, false)
	wg.Wait()
	return analysed
}

// intern returns the id of term t, handing out the next one to a new term. Ids
// are handed out in first-seen order; facts come sorted by id and their fields
// in a fixed order, so ids (and float sums) are deterministic.
func (ix *index) intern(t string, k termKind) int32 {
	if id, ok := ix.terms[t]; ok {
		return id
	}
	id := int32(len(ix.kinds))
	ix.terms[t] = id
	ix.kinds = append(ix.kinds, k)
	return id
}

// occurrences interns the analysed terms and returns, per fact, the terms seen
// in each field and the length of each field in terms.
func (ix *index) occurrences(n int, texts []factText, analysed [][]aTerm) ([][]occurrence, [][numFields]float64) {
	docs := make([][]occurrence, n)
	lens := make([][numFields]float64, n)
	for i, ft := range texts {
		if ft.phraseOnly {
			continue
		}
		d := ft.doc
		if docs[d] == nil {
			docs[d] = make([]occurrence, 0, 256)
		}
		for _, t := range analysed[i] {
			docs[d] = append(docs[d], occurrence{ix.intern(t.text, t.kind), ft.field})
			lens[d][ft.field]++
			if t.alt != "" {
				docs[d] = append(docs[d], occurrence{ix.intern(t.alt, t.kind), ft.field})
			}
		}
	}
	return docs, lens
}

// averageLengths is the average length of each field over the facts (1 for a
// field no fact has, so that lengths can be divided by it).
func averageLengths(lens [][numFields]float64) [numFields]float64 {
	var avg [numFields]float64
	for d := range lens {
		for fl := range avg {
			avg[fl] += lens[d][fl]
		}
	}
	for fl := range avg {
		if len(lens) > 0 {
			avg[fl] /= float64(len(lens))
		}
		if avg[fl] == 0 {
			avg[fl] = 1
		}
	}
	return avg
}

// addPostings adds fact d's postings, given its occurrences and field lengths.
func (ix *index) addPostings(d int32, occ []occurrence, lens, avg [numFields]float64) {
	var norm [numFields]float64
	for fl := range norm {
		norm[fl] = 1 - fieldB[fl] + fieldB[fl]*lens[fl]/avg[fl]
	}
	// Sorting by term groups a term's occurrences; the weighted term frequency
	// sums them over fields, then saturates once (BM25F).
	sort.Slice(occ, func(a, b int) bool {
		if occ[a].id != occ[b].id {
			return occ[a].id < occ[b].id
		}
		return occ[a].field < occ[b].field
	})
	for i := 0; i < len(occ); {
		id := occ[i].id
		tf := 0.0
		answerOnly := true
		for ; i < len(occ) && occ[i].id == id; i++ {
			fl := occ[i].field
			tf += fieldWeight[fl] / norm[fl]
			answerOnly = answerOnly && fl == fieldAnswer
		}
		ix.postings[id] = append(ix.postings[id], posting{doc: d, sat: float32(tf * (bm25K1 + 1) / (bm25K1 + tf)), answerOnly: answerOnly})
	}
}

// weighTerms sets each term's idf over n facts; angle terms weigh angleIDF.
func (ix *index) weighTerms(n int, angleIDF float64) {
	nf := float64(n)
	ix.maxIDF = math.Log(1 + (nf+0.5)/0.5)
	for i, ps := range ix.postings {
		df := float64(len(ps))
		ix.idf[i] = math.Log(1 + (nf-df+0.5)/(df+0.5))
		if ix.kinds[i] == termAngle {
			ix.idf[i] = angleIDF
		}
	}
}

// lookup returns a term's id, or -1.
func (ix *index) lookup(t string) int32 {
	if id, ok := ix.terms[t]; ok {
		return id
	}
	return -1
}
