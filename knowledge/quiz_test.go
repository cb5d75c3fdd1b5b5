package knowledge

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// quizFact builds a fact for quiz tests; the loader's validation is not needed here.
func quizFact(id string, kind Kind, date string, topics []string, titleEN, answerEN string, mod func(*Fact)) *Fact {
	f := &Fact{ID: id, Kind: kind, Date: date, Topics: topics, Timeline: date != "",
		TitleEN: titleEN, TitleID: titleEN + " (ID)", AnswerEN: answerEN, AnswerID: answerEN + " (ID)",
		Sources: []Source{{Title: "Source of " + id, URL: "https://example.org/" + id}}}
	if mod != nil {
		mod(f)
	}
	return f
}

func withSymbol(sym string) func(*Fact) {
	return func(f *Fact) {
		f.Symbols = []string{sym}
		f.Sources = append([]Source{{Title: "Document " + sym, URL: UNDocURL(sym), Symbol: sym}}, f.Sources...)
	}
}

func withBody(body, chair string) func(*Fact) {
	return func(f *Fact) { f.Body, f.Chair = body, chair }
}

func quizFixture() *Base {
	return newBase([]*Fact{
		quizFact("ev-1998", "event", "1998-12-04", []string{"origins"}, "Russia tables the first resolution", "In 1998 Russia tabled it.", nil),
		quizFact("ev-2004", "event", "2004", []string{"gge"}, "First expert group meets", "It met in 2004.", nil),
		quizFact("ev-2010", "event", "2010-07", []string{"gge"}, "First consensus report", "Adopted in 2010.", nil),
		quizFact("ev-2013", "event", "2013-06-24", []string{"gge", "law"}, "International law applies", "Agreed in 2013.", nil),
		quizFact("ev-2017", "event", "2017-06-23", []string{"gge"}, "Expert group collapses (23 June 2017)", "It failed in 2017.", nil),
		quizFact("ev-2021-in-title", "event", "2021", []string{"oewg"}, "The 2021 report", "Adopted in 2021.", nil),
		quizFact("res-a", "document", "2018-12-05", []string{"resolutions"}, "A/RES/73/27: creates the OEWG", "A/RES/73/27 created it in 2018.", withSymbol("A/RES/73/27")),
		quizFact("res-b", "document", "2018-12-22", []string{"resolutions"}, "A/RES/73/266: creates the sixth GGE", "A/RES/73/266 did it in 2018.", withSymbol("A/RES/73/266")),
		quizFact("res-c", "document", "2020-12-31", []string{"resolutions", "oewg"}, "A/RES/75/240: creates the second OEWG", "A/RES/75/240 did it in 2020.", withSymbol("A/RES/75/240")),
		quizFact("res-d", "document", "2015-12-23", []string{"resolutions"}, "A/RES/70/237: guided by the 2015 report", "A/RES/70/237 in 2015.", withSymbol("A/RES/70/237")),
		quizFact("rep-a", "document", "2015-07-22", []string{"gge"}, "2015 GGE report (A/70/174)", "The report A/70/174.", func(f *Fact) {
			withSymbol("A/70/174")(f)
			f.Body = "GGE 2014–2015"
		}),
		quizFact("body-a", "body", "", []string{"gge"}, "Third expert group", "Chaired by Deborah Stokes.", withBody("GGE 2012–2013", "Deborah Stokes (Australia)")),
		quizFact("body-b", "body", "", []string{"gge"}, "Fifth expert group", "Chaired by Karsten Geier.", withBody("GGE 2016–2017", "Karsten Geier (Germany)")),
		quizFact("body-c", "body", "", []string{"oewg"}, "First open group", "Chaired by Jürg Lauber.", withBody("OEWG 2019–2021", "Jürg Lauber (Switzerland)")),
		quizFact("body-d", "body", "", []string{"oewg"}, "Second open group", "Chaired by Burhan Gafoor.", withBody("OEWG 2021–2025", "Burhan Gafoor (Singapore)")),
		// The answer does not name the chair: the base does not state it, so no chair question.
		quizFact("body-e", "body", "", []string{"cybercrime"}, "Cybercrime committee", "A committee drafted the treaty.", withBody("Ad Hoc Committee", "Someone (Nowhere)")),
		quizFact("concept", "concept", "", []string{"concepts"}, "Sovereignty", "Sovereignty applies.", nil),
	})
}

// checkQuiz asserts what a player relies on: four distinct options, the marked one
// stated by the fact, the others wrong, and a sourced explanation.
func checkQuiz(t *testing.T, q *Quiz) {
	t.Helper()
	if len(q.Options) != QuizOptions {
		t.Fatalf("%s %s: %d options", q.Kind, q.Fact.ID, len(q.Options))
	}
	seen := map[string]bool{}
	for _, o := range q.Options {
		if o == "" || seen[o] {
			t.Fatalf("%s %s: empty or repeated option in %q", q.Kind, q.Fact.ID, q.Options)
		}
		seen[o] = true
	}
	f, right := q.Fact, q.Options[q.Correct]
	var stated func(string) bool
	switch q.Kind {
	case QuizYear:
		stated = func(o string) bool { return o == strconv.Itoa(f.Year()) }
		if strings.Contains(q.QuestionEN, right) || strings.Contains(q.QuestionID, right) {
			t.Errorf("%s: question gives the year away: %q", f.ID, q.QuestionEN)
		}
	case QuizChair:
		stated = func(o string) bool { return o == f.Chair }
	case QuizBody:
		stated = func(o string) bool { return o == f.Body }
	case QuizSymbol:
		stated = func(o string) bool { return slices.Contains(f.Symbols, o) }
		if strings.Contains(q.QuestionEN, right) || !strings.Contains(q.QuestionEN, "___") {
			t.Errorf("%s: symbol question must blank the symbol: %q", f.ID, q.QuestionEN)
		}
	default:
		t.Fatalf("unknown kind %q", q.Kind)
	}
	for i, o := range q.Options {
		if stated(o) != (i == q.Correct) {
			t.Errorf("%s %s: option %d %q stated=%v, correct=%d (%q)", q.Kind, f.ID, i, o, stated(o), q.Correct, q.Options)
		}
	}
	for _, lang := range []Lang{EN, ID} {
		ex := q.Explanation(lang)
		if !strings.Contains(ex, f.Answer(lang)) || !strings.Contains(ex, f.Sources[0].URL) {
			t.Errorf("%s: explanation %q lacks the answer or the first source", f.ID, ex)
		}
		if strings.TrimSpace(q.Question(lang)) == "" {
			t.Errorf("%s: empty %s question", f.ID, lang)
		}
		if short := q.ShortExplanation(lang, 200); len([]rune(short)) > 200 || !strings.Contains(short, right) {
			t.Errorf("%s: short explanation %q too long or unsourced", f.ID, short)
		}
	}
}

func TestQuizOptionsAreSound(t *testing.T) {
	z := NewQuizzer(quizFixture())
	kinds := map[QuizKind]int{}
	for seed := uint64(0); seed < 300; seed++ {
		q, ok := z.New(rand.New(rand.NewPCG(seed, 7)), "")
		if !ok {
			t.Fatal("no question from a base with eligible facts")
		}
		checkQuiz(t, q)
		kinds[q.Kind]++
	}
	for _, k := range []QuizKind{QuizYear, QuizChair, QuizSymbol, QuizBody} {
		if kinds[k] == 0 {
			t.Errorf("no %s question in 300 draws: %v", k, kinds)
		}
	}
}

func TestQuizNeverAsksUnstatedOrTrivial(t *testing.T) {
	z := NewQuizzer(quizFixture())
	for _, it := range z.items {
		switch {
		case it.fact.ID == "body-e" && it.kind == QuizChair:
			t.Error("chair question for a fact whose answer does not name the chair")
		case it.fact.ID == "ev-2021-in-title" && it.kind == QuizYear:
			t.Error("year question whose title contains the year")
		case it.fact.ID == "rep-a" && it.kind == QuizBody:
			t.Error("body question whose title names the family and a year of the body")
		case it.fact.ID == "concept":
			t.Errorf("question %s from a fact with no quiz field", it.kind)
		}
	}
	// "Expert group collapses (23 June 2017)" is asked without its date.
	for _, it := range z.items {
		if it.fact.ID == "ev-2017" && it.kind == QuizYear && strings.Contains(it.qEN, "June") {
			t.Errorf("date left in question %q", it.qEN)
		}
	}
}

func TestQuizDeterministic(t *testing.T) {
	z := NewQuizzer(quizFixture())
	a, _ := z.New(rand.New(rand.NewPCG(42, 1)), "")
	b, _ := z.New(rand.New(rand.NewPCG(42, 1)), "")
	if a.Fact.ID != b.Fact.ID || a.Kind != b.Kind || !slices.Equal(a.Options, b.Options) || a.Correct != b.Correct {
		t.Fatalf("same seed, different questions: %+v vs %+v", a, b)
	}
	differs := false
	for seed := uint64(0); seed < 20 && !differs; seed++ {
		c, _ := z.New(rand.New(rand.NewPCG(seed, 2)), "")
		differs = c.Fact.ID != a.Fact.ID || c.Kind != a.Kind
	}
	if !differs {
		t.Fatal("20 seeds gave the same question")
	}
}

func TestQuizTopicFilter(t *testing.T) {
	z := NewQuizzer(quizFixture())
	tests := []struct {
		topic string
		want  bool
	}{
		{"oewg", true},
		{"resolutions", true},
		{"law", true},       // ev-2013 only: a year question
		{"concepts", false}, // facts exist, none can make a question
		{"asean", false},    // no facts at all
	}
	for _, tt := range tests {
		t.Run(tt.topic, func(t *testing.T) {
			for seed := uint64(0); seed < 50; seed++ {
				q, ok := z.New(rand.New(rand.NewPCG(seed, 3)), tt.topic)
				if ok != tt.want {
					t.Fatalf("ok = %v, want %v", ok, tt.want)
				}
				if !ok {
					return
				}
				if !q.Fact.HasTopic(tt.topic) {
					t.Fatalf("question from %s, not filed under %s", q.Fact.ID, tt.topic)
				}
				checkQuiz(t, q)
			}
		})
	}
}

func TestQuizNoEligibleFact(t *testing.T) {
	base := newBase([]*Fact{
		quizFact("c1", "concept", "", []string{"concepts"}, "Sovereignty", "Applies.", nil),
		// Two years only: not enough distractors for a fair question.
		quizFact("e1", "event", "2001", []string{"origins"}, "One thing", "In 2001.", nil),
		quizFact("e2", "event", "2002", []string{"origins"}, "Another thing", "In 2002.", nil),
	})
	z := NewQuizzer(base)
	if q, ok := z.New(rand.New(rand.NewPCG(1, 1)), ""); ok {
		t.Fatalf("question %+v from a base without enough distractors", q)
	}
	if n := z.Eligible(""); n != 0 {
		t.Fatalf("Eligible = %d, want 0", n)
	}
}

func TestQuizSymbolDistractorsSameSeries(t *testing.T) {
	z := NewQuizzer(quizFixture())
	for seed := uint64(0); seed < 200; seed++ {
		q, _ := z.New(rand.New(rand.NewPCG(seed, 5)), "resolutions")
		if q.Kind != QuizSymbol {
			continue
		}
		for _, o := range q.Options {
			if !strings.HasPrefix(o, "A/RES/") {
				t.Fatalf("resolution question offers %q", o)
			}
		}
	}
}

// TestQuizEmbeddedBase checks every question the shipped fact base supports.
func TestQuizEmbeddedBase(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	z := NewQuizzer(base)
	if z.Eligible("") == 0 {
		t.Fatal("the embedded base supports no quiz question")
	}
	for seed := uint64(0); seed < 500; seed++ {
		q, ok := z.New(rand.New(rand.NewPCG(seed, 11)), "")
		if !ok {
			t.Fatal("no question")
		}
		checkQuiz(t, q)
	}
}

func BenchmarkQuizNew(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	z := NewQuizzer(base)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := z.New(rng, ""); !ok {
			b.Fatal("no question")
		}
	}
}
