package knowledge

import (
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuizKind is what a quiz question asks about a fact.
type QuizKind string

// Quiz kinds. Each asks for one field the fact base states explicitly, so the marked
// answer is never a guess.
const (
	QuizYear   QuizKind = "year"   // the year of a timeline event
	QuizChair  QuizKind = "chair"  // who chaired a body
	QuizSymbol QuizKind = "symbol" // the document symbol missing from a title
	QuizBody   QuizKind = "body"   // which body a fact is about
)

// QuizOptions is the number of options of every question: the answer and 3 distractors.
const QuizOptions = 4

// Quiz is one multiple-choice question built from a fact.
type Quiz struct {
	Kind QuizKind
	// Fact is the fact that states the answer; its first source backs the explanation.
	Fact *Fact
	// QuestionEN and QuestionID are the question in each language.
	QuestionEN, QuestionID string
	// Options are language-neutral (years, names, symbols, body names), all distinct.
	Options []string
	// Correct is the index of the right option.
	Correct int
}

// Question returns the question in lang.
func (q *Quiz) Question(lang Lang) string {
	if lang == ID {
		return q.QuestionID
	}
	return q.QuestionEN
}

// Source is the first source of the fact, the one the explanation cites.
func (q *Quiz) Source() Source { return q.Fact.Sources[0] }

// Explanation is the fact's answer followed by its first source, for the reveal.
func (q *Quiz) Explanation(lang Lang) string {
	src := q.Source()
	label := "Source"
	if lang == ID {
		label = "Sumber"
	}
	return q.Fact.Answer(lang) + "\n" + label + ": " + src.Label() + " — " + src.URL
}

// ShortExplanation fits the explanation into maxRunes (Telegram quiz polls allow 200):
// always the right option, then the whole explanation when it fits, else the source
// address, else as much of the source title as fits.
func (q *Quiz) ShortExplanation(lang Lang, maxRunes int) string {
	label, srcLabel := "Answer", "Source"
	if lang == ID {
		label, srcLabel = "Jawaban", "Sumber"
	}
	head := label + ": " + q.Options[q.Correct]
	if s := head + "\n" + q.Explanation(lang); utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	if s := head + "\n" + q.Source().URL; utf8.RuneCountInString(s) <= maxRunes {
		return s
	}
	s := []rune(head + "\n" + srcLabel + ": " + q.Source().Label())
	if len(s) > maxRunes {
		s = append(s[:maxRunes-1], '…')
	}
	return string(s)
}

// Quizzer builds quiz questions from a fact base. It precomputes the eligible
// questions and the distractor pools once and is safe for concurrent use (the random
// source is passed per call).
type Quizzer struct {
	items []quizItem
	years []int    // distinct years of timeline facts, ascending
	chair []string // distinct chairs, sorted
	body  []string // distinct bodies, sorted
	syms  []string // distinct symbols named by facts, sorted
}

// quizItem is one question the base can support, before distractors are drawn.
type quizItem struct {
	kind     QuizKind
	fact     *Fact
	qEN, qID string
	answer   string
	// exclude are values that must never be offered as distractors because they are
	// also right or give the answer away (for example the fact's other symbols).
	exclude []string
	// pool caches the distractor candidates, most plausible first.
	pool []string
}

// NewQuizzer scans base for facts that can be turned into questions.
func NewQuizzer(base *Base) *Quizzer {
	z := &Quizzer{}
	years := map[int]bool{}
	chairs := map[string]bool{}
	bodies := map[string]bool{}
	syms := map[string]bool{}
	chairOfBody := map[string]map[string]bool{}
	for _, f := range base.Facts() {
		if f.Timeline && f.Year() > 0 {
			years[f.Year()] = true
		}
		if f.Chair != "" {
			chairs[f.Chair] = true
			if f.Body != "" {
				if chairOfBody[f.Body] == nil {
					chairOfBody[f.Body] = map[string]bool{}
				}
				chairOfBody[f.Body][f.Chair] = true
			}
		}
		if f.Body != "" {
			bodies[f.Body] = true
		}
		for _, s := range f.Symbols {
			syms[s] = true
		}
	}
	z.years = slices.Sorted(maps.Keys(years))
	z.chair = slices.Sorted(maps.Keys(chairs))
	z.body = slices.Sorted(maps.Keys(bodies))
	z.syms = slices.Sorted(maps.Keys(syms))

	askedChair := map[string]bool{}
	for _, f := range base.Facts() {
		if len(f.Sources) == 0 {
			continue
		}
		if it, ok := yearItem(f); ok {
			z.items = append(z.items, it)
		}
		// One chair question per body, and none when the base names two chairs for it
		// (co-chairs or a change of chair would make a single answer wrong).
		if f.Chair != "" && f.Body != "" && !askedChair[f.Body] && len(chairOfBody[f.Body]) == 1 && statesName(f, f.Chair) {
			askedChair[f.Body] = true
			z.items = append(z.items, quizItem{kind: QuizChair, fact: f, answer: f.Chair,
				qEN: "Who chaired the " + f.Body + "?",
				qID: "Siapa yang memimpin " + f.Body + "?"})
		}
		if it, ok := symbolItem(f); ok {
			z.items = append(z.items, it)
		}
		if it, ok := bodyItem(f); ok {
			z.items = append(z.items, it)
		}
	}
	for i := range z.items {
		z.items[i].pool = z.candidates(&z.items[i])
	}
	return z
}

// statesName reports whether the fact's English answer names the person ("Jürg Lauber"
// of "Jürg Lauber (Switzerland)"), so the explanation confirms the marked option.
func statesName(f *Fact, chair string) bool {
	name := chair
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	return strings.Contains(f.AnswerEN, name)
}

// trailingDate matches a date in parentheses at the end of a title: "(13 Nov 2017)",
// "(2012)", "(Apr 2018)", "(25–26 Oct 2025)".
var trailingDate = regexp.MustCompile(`\s*\((?:[0-9–-]+\s+)?(?:[A-Za-z]+\.?\s+)?\d{4}\)\s*$`)

func yearItem(f *Fact) (quizItem, bool) {
	if !f.Timeline || f.Year() == 0 {
		return quizItem{}, false
	}
	y := strconv.Itoa(f.Year())
	// The fact must say the year in its answer, and the question must not give it away.
	if !strings.Contains(f.AnswerEN, y) || !strings.Contains(f.AnswerID, y) {
		return quizItem{}, false
	}
	// A title naming two resolutions ("A/RES/55/63 and 56/121") spans two years.
	if len(sessionRef.FindAllString(f.TitleEN, -1)) > 1 {
		return quizItem{}, false
	}
	en, id := yearTitle(f.TitleEN), yearTitle(f.TitleID)
	// Other years may stay ("First OEWG (2019–2021) created by …" asks for 2018: a fair trap).
	if strings.Contains(en, y) || strings.Contains(id, y) || strings.TrimSpace(en) == "" || strings.TrimSpace(id) == "" {
		return quizItem{}, false
	}
	return quizItem{kind: QuizYear, fact: f, answer: y,
		qEN: "In which year? " + quote(en),
		qID: "Tahun berapa? " + quote(id)}, true
}

// sessionRef matches "73/27" inside symbols and bare resolution numbers.
var sessionRef = regexp.MustCompile(`\b\d{2}/\d+`)

// yearTitle strips what gives the year away: a trailing date and a leading or
// parenthesised document symbol (its session number tells the year).
func yearTitle(title string) string {
	t := trailingDate.ReplaceAllString(title, "")
	for _, sym := range SymbolsIn(t) {
		t = strings.Replace(t, " ("+sym+")", "", 1)
		if strings.HasPrefix(t, sym+": ") {
			t = upperFirst(strings.TrimPrefix(t, sym+": "))
		}
	}
	return t
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func symbolItem(f *Fact) (quizItem, bool) {
	inEN, inID := SymbolsIn(f.TitleEN), SymbolsIn(f.TitleID)
	if len(inEN) != 1 || len(inID) != 1 || inEN[0] != inID[0] {
		return quizItem{}, false
	}
	sym := inEN[0]
	if !slices.Contains(f.Symbols, sym) || !linksSymbol(f, sym) {
		return quizItem{}, false
	}
	blankEN := strings.Replace(f.TitleEN, sym, "___", 1)
	blankID := strings.Replace(f.TitleID, sym, "___", 1)
	return quizItem{kind: QuizSymbol, fact: f, answer: sym, exclude: f.Symbols,
		qEN: "Which document symbol fills the gap? " + quote(blankEN),
		qID: "Simbol dokumen apa yang tepat untuk bagian kosong? " + quote(blankID)}, true
}

func linksSymbol(f *Fact, sym string) bool {
	for _, s := range f.Sources {
		if s.URL == UNDocURL(sym) {
			return true
		}
	}
	return false
}

// bodyNumbers are the years or numbers that tell one body from another ("2019", "2021").
var bodyNumbers = regexp.MustCompile(`\d+`)

func bodyItem(f *Fact) (quizItem, bool) {
	if f.Body == "" {
		return quizItem{}, false
	}
	if mentionsBody(f.TitleEN, f.Body) || mentionsBody(f.TitleID, f.Body) {
		return quizItem{}, false
	}
	return quizItem{kind: QuizBody, fact: f, answer: f.Body,
		qEN: "Which body is this about? " + quote(f.TitleEN),
		qID: "Badan mana yang dimaksud? " + quote(f.TitleID)}, true
}

// mentionsBody reports whether title gives the body away: its name verbatim, or its
// family and one of its years ("2010 GGE report" gives away "GGE 2009–2010": only one
// GGE has 2010 in its name), or all its years ("Third GGE (2012–2013)").
func mentionsBody(title, body string) bool {
	lt := strings.ToLower(title)
	if strings.Contains(lt, strings.ToLower(body)) {
		return true
	}
	nums := bodyNumbers.FindAllString(body, -1)
	if len(nums) == 0 {
		return false
	}
	hasFamily := strings.Contains(lt, strings.ToLower(family(body)))
	all := true
	for _, n := range nums {
		has := strings.Contains(title, n)
		if has && hasFamily {
			return true
		}
		all = all && has
	}
	return all
}

func quote(s string) string { return "“" + strings.TrimSpace(s) + "”" }

// Eligible reports how many questions the base supports for topic ("" for all).
func (z *Quizzer) Eligible(topic string) int {
	n := 0
	for i := range z.items {
		if z.usable(&z.items[i], topic) {
			n++
		}
	}
	return n
}

func (z *Quizzer) usable(it *quizItem, topic string) bool {
	if topic != "" && !it.fact.HasTopic(topic) {
		return false
	}
	return len(it.pool) >= QuizOptions-1
}

// New draws a question, optionally only from facts filed under topic. The same rng
// state gives the same question. ok is false when no fact can make a question.
func (z *Quizzer) New(rng *rand.Rand, topic string) (q *Quiz, ok bool) {
	var eligible []*quizItem
	for i := range z.items {
		if z.usable(&z.items[i], topic) {
			eligible = append(eligible, &z.items[i])
		}
	}
	if len(eligible) == 0 {
		return nil, false
	}
	it := eligible[rng.IntN(len(eligible))]
	distractors := z.pick(it, rng)
	opts := append([]string{it.answer}, distractors...)
	rng.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
	return &Quiz{Kind: it.kind, Fact: it.fact, QuestionEN: it.qEN, QuestionID: it.qID,
		Options: opts, Correct: slices.Index(opts, it.answer)}, true
}

// candidates returns the distractors of an item, most plausible first: other facts'
// values of the same kind, never the answer or a value excluded for the item.
func (z *Quizzer) candidates(it *quizItem) []string {
	bad := func(v string) bool { return v == it.answer || slices.Contains(it.exclude, v) }
	var out []string
	switch it.kind {
	case QuizYear:
		answer := it.fact.Year()
		ys := slices.Clone(z.years)
		// Nearest years first: a year far from the answer is no test of knowledge.
		sort.SliceStable(ys, func(i, j int) bool { return abs(ys[i]-answer) < abs(ys[j]-answer) })
		for _, y := range ys {
			if v := strconv.Itoa(y); !bad(v) {
				out = append(out, v)
			}
		}
	case QuizChair:
		for _, c := range z.chair {
			if !bad(c) {
				out = append(out, c)
			}
		}
	case QuizBody:
		// Bodies of the same family ("GGE …" for a GGE) first.
		fam := family(it.answer)
		var same, other []string
		for _, b := range z.body {
			if bad(b) {
				continue
			}
			if family(b) == fam {
				same = append(same, b)
			} else {
				other = append(other, b)
			}
		}
		out = append(same, other...)
	case QuizSymbol:
		// Only symbols of the same series (A/RES/… for a resolution, A/… for a report),
		// nearest session first.
		series, session := symbolSeries(it.answer)
		var cands []string
		for _, s := range z.syms {
			if sr, _ := symbolSeries(s); sr == series && !bad(s) {
				cands = append(cands, s)
			}
		}
		sort.SliceStable(cands, func(i, j int) bool {
			_, si := symbolSeries(cands[i])
			_, sj := symbolSeries(cands[j])
			return abs(si-session) < abs(sj-session)
		})
		out = cands
	}
	return out
}

// pick draws 3 distractors among the most plausible candidates, so questions vary
// without offering absurd options.
func (z *Quizzer) pick(it *quizItem, rng *rand.Rand) []string {
	pool := it.pool
	const window = 6
	if len(pool) > window {
		pool = pool[:window]
	}
	pool = slices.Clone(pool)
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return pool[:QuizOptions-1]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func family(body string) string {
	if f := strings.Fields(body); len(f) > 0 {
		return f[0]
	}
	return ""
}

// symbolSeries splits "A/RES/73/27" into its series "A/RES/" and session 73; the series
// is everything before the first all-digit part.
func symbolSeries(sym string) (string, int) {
	parts := strings.Split(sym, "/")
	for i, p := range parts {
		if n, err := strconv.Atoi(p); err == nil {
			return strings.Join(parts[:i], "/") + "/", n
		}
	}
	return sym, 0
}
