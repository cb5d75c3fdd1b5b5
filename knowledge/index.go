package knowledge

import (
	"math"
	"sort"
	"strings"
)

// Fields of a fact and their BM25F weights. Curated phrasings and aliases are the
// strongest evidence (they are written as users ask), then titles, then the
// structured names (symbols, date year, body, chair), and the answer text least:
// an answer mentions many things the fact is not about (research §C.5: matching on
// the question field beats the answer field by a wide margin).
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
	fieldQuestion: 1.0,
	fieldAlias:    1.6,
	fieldTitle:    1.4,
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
}

// index is an in-memory inverted index over the facts. Read-only after build.
type index struct {
	terms    map[string]int32
	postings [][]posting
	idf      []float64
	kinds    []termKind
	maxIDF   float64
	docs     int
	// surface counts every word form seen in the facts, for the speller.
	surface map[string]int
}

// docTerms collects one fact's analysed terms per field.
type docTerms struct {
	tf  [numFields]map[string]float64
	len [numFields]float64
}

func buildIndex(facts []*Fact, stems *stemCache) *index {
	ix := &index{terms: map[string]int32{}, docs: len(facts), surface: map[string]int{}}
	docs := make([]docTerms, len(facts))
	var avg [numFields]float64
	kindOf := map[string]termKind{}
	for d, f := range facts {
		dt := &docs[d]
		for i := range dt.tf {
			dt.tf[i] = map[string]float64{}
		}
		add := func(fl field, text string, mode stemMode) {
			ix.countSurface(text)
			for _, t := range analyze(text, mode, stems, nil) {
				dt.tf[fl][t.text]++
				dt.len[fl]++
				kindOf[t.text] = t.kind
				if t.alt != "" {
					dt.tf[fl][t.alt]++
					kindOf[t.alt] = t.kind
				}
			}
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
		if f.Chair != "" {
			add(fieldMeta, f.Chair, stemBoth)
		}
		add(fieldAnswer, f.AnswerEN, stemEnglish)
		add(fieldAnswer, f.AnswerID, stemIndonesian)
		for fl := range avg {
			avg[fl] += dt.len[fl]
		}
	}
	for fl := range avg {
		if len(facts) > 0 {
			avg[fl] /= float64(len(facts))
		}
		if avg[fl] == 0 {
			avg[fl] = 1
		}
	}
	// Terms in a stable order so term ids do not depend on map iteration.
	all := map[string]bool{}
	for _, dt := range docs {
		for _, m := range dt.tf {
			for t := range m {
				all[t] = true
			}
		}
	}
	names := make([]string, 0, len(all))
	for t := range all {
		names = append(names, t)
	}
	sort.Strings(names)
	ix.postings = make([][]posting, len(names))
	ix.idf = make([]float64, len(names))
	ix.kinds = make([]termKind, len(names))
	for i, t := range names {
		ix.terms[t] = int32(i)
		ix.kinds[i] = kindOf[t]
	}
	for d, dt := range docs {
		seen := map[string]float64{}
		for fl := field(0); fl < numFields; fl++ {
			norm := 1 - fieldB[fl] + fieldB[fl]*dt.len[fl]/avg[fl]
			for t, tf := range dt.tf[fl] {
				seen[t] += fieldWeight[fl] * tf / norm
			}
		}
		for t, tf := range seen {
			id := ix.terms[t]
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(d), sat: float32(tf * (bm25K1 + 1) / (bm25K1 + tf))})
		}
	}
	n := float64(len(facts))
	ix.maxIDF = math.Log(1 + (n+0.5)/0.5)
	for i, ps := range ix.postings {
		sort.Slice(ps, func(a, b int) bool { return ps[a].doc < ps[b].doc })
		df := float64(len(ps))
		ix.idf[i] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	return ix
}

// countSurface records the word forms of text for spelling correction.
func (ix *index) countSurface(text string) {
	for _, t := range tokenize(normalize(text)) {
		if t.kind == tokWord {
			ix.surface[t.text]++
		}
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// lookup returns a term's id, or -1.
func (ix *index) lookup(t string) int32 {
	if id, ok := ix.terms[t]; ok {
		return id
	}
	return -1
}

// describe is a debugging aid for tests: the postings of a term as "doc:sat".
func (ix *index) describe(t string, facts []*Fact) string {
	id := ix.lookup(t)
	if id < 0 {
		return t + ": -"
	}
	var b strings.Builder
	b.WriteString(t + ":")
	for _, p := range ix.postings[id] {
		b.WriteString(" " + facts[p.doc].ID)
	}
	return b.String()
}
