package knowledge

import (
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Seeds shared by the fuzz targets: real questions in both languages, document symbols,
// norm paragraphs, ranges, chat spellings, and hostile input (invalid UTF-8, control
// and bidi characters, markup, huge and repeated text). The seeds run as ordinary
// tests; testdata/fuzz/<Target> holds inputs the fuzzer found worth keeping.
var fuzzSeeds = []string{
	"",
	" ",
	"What is the OEWG?",
	"apa itu GGE 2015?",
	"Apa bedanya OEWG dan GGE",
	"A/RES/73/27",
	"a/c.1/73/l.27 and a/70/174.",
	"norm 13(f)", "norma 13 (k)", "13f",
	"2014-2015", "2019-21", "negara-negara", "negara2",
	"didn't russia's u.s. e.g. 1.5",
	"@cyberdiplo_bot /ask@cyberdiplo_bot when was the Budapest Convention?",
	"Konvensi PBB tentang kejahatan siber 2024",
	"Jürg Lauber ﬁnal report — “consensus” ‘adopted’",
	"ＯＥＷＧ　２０２１",
	"\xff\xfe\xfd", "a\x00b\x01c\x7f", "\u200b\u202e\ufeff", "\u0301\u0301\u0301e",
	"<b>bold</b> <a href=\"x\">l</a> *_`[]()~ &amp;",
	"🇮🇩🇺🇳 🤖", "İSTANBUL ß ǅ ﬀ",
	strings.Repeat("gge ", 400),
	strings.Repeat("é", 3000),
	strings.Repeat("a/", 500) + "1",
	strings.Repeat("-", 2000),
	// The matcher engineer's first seeds (commit 0a65f61).
	"who chaired the first oewg", "apa itu A/RES/73/27", "ke-6", "中文问题", "A/", "//////", "13(", "norma ", "@",
	"'s", strings.Repeat("a", 5000), strings.Repeat("gge ", 2000), "ＡＢＣ", "negara-negara-negara", "🙂🙂🙂",
}

// FuzzNormalize checks the normaliser and tokeniser on any input: no panic, valid and
// bounded output without control characters or ASCII capitals, and tokens that are
// non-empty and of the kind their text says.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if c := utf8.RuneCountInString(n); c > maxQuestionRunes {
			t.Fatalf("normalize(%q): %d runes, cap %d", s, c, maxQuestionRunes)
		}
		for _, r := range n {
			if unicode.IsControl(r) || r >= 'A' && r <= 'Z' {
				t.Fatalf("normalize(%q) = %q keeps %U", s, n, r)
			}
		}
		for _, tok := range tokenize(n) {
			if tok.text == "" || !utf8.ValidString(tok.text) {
				t.Fatalf("tokenize(%q): bad token %q", n, tok.text)
			}
			if strings.ContainsAny(tok.text, " \t\n") {
				t.Fatalf("tokenize(%q): token %q holds a space", n, tok.text)
			}
			switch tok.kind {
			case tokYear:
				if !isYear(tok.text) {
					t.Fatalf("tokenize(%q): year token %q", n, tok.text)
				}
			case tokNumber, tokSymbol:
				if !hasDigit(tok.text) {
					t.Fatalf("tokenize(%q): %v token %q without a digit", n, tok.kind, tok.text)
				}
			}
		}
	})
}

// fuzzMatcher is built once per fuzzing process: the embedded base and its matcher.
var fuzzMatcher = sync.OnceValues(func() (*Matcher, error) {
	base, err := Embedded()
	if err != nil {
		return nil, err
	}
	return NewMatcher(base), nil
})

// FuzzMatch checks the matcher's contract on any question: no panic, the same verdict
// for the same question, an answer is the best candidate and offers no suggestions, at
// most three suggestions and none when off-topic, candidates best first, completion
// within its limit, and a language always told.
func FuzzMatch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, q string, indonesian bool) {
		m, err := fuzzMatcher()
		if err != nil {
			t.Fatal(err)
		}
		hint := EN
		if indonesian {
			hint = ID
		}
		res := m.Match(q, hint)
		if res.Answered && (res.Best.Fact == nil || len(res.Candidates) == 0 || res.Candidates[0].Fact != res.Best.Fact) {
			t.Fatalf("Match(%q): answered without a consistent best candidate: %s", q, verdictOf(res))
		}
		if len(res.Suggestions) > maxSuggestions || res.Answered && len(res.Suggestions) > 0 {
			t.Fatalf("Match(%q): %d suggestions (answered %v)", q, len(res.Suggestions), res.Answered)
		}
		if res.OffTopic && (res.Answered || len(res.Suggestions) > 0) {
			t.Fatalf("Match(%q): off-topic but answered or suggesting", q)
		}
		for _, s := range res.Suggestions {
			if s == nil {
				t.Fatalf("Match(%q): nil suggestion", q)
			}
		}
		if res.Lang != EN && res.Lang != ID {
			t.Fatalf("Match(%q): language %q", q, res.Lang)
		}
		for i := 1; i < len(res.Candidates); i++ {
			if better(res.Candidates[i], res.Candidates[i-1]) {
				t.Fatalf("Match(%q): candidates out of order at %d", q, i)
			}
		}
		if again := m.Match(q, hint); verdictOf(again) != verdictOf(res) {
			t.Fatalf("Match(%q) not deterministic:\n%s\n%s", q, verdictOf(res), verdictOf(again))
		}
		const limit = 5
		done := m.Complete(q, hint, limit)
		if len(done) > limit {
			t.Fatalf("Complete(%q): %d facts, limit %d", q, len(done), limit)
		}
		for _, f := range done {
			if f == nil {
				t.Fatalf("Complete(%q): nil fact", q)
			}
		}
		if l, _ := DetectLang(q); l != EN && l != ID {
			t.Fatalf("DetectLang(%q) = %q", q, l)
		}
	})
}

// verdictOf summarises a result for comparison.
func verdictOf(r Result) string {
	var b strings.Builder
	b.WriteString(string(r.Lang))
	if r.Answered {
		b.WriteString(" answered ")
	}
	if r.OffTopic {
		b.WriteString(" offtopic ")
	}
	if r.Best.Fact != nil {
		b.WriteString(" best=" + r.Best.Fact.ID)
	}
	for _, c := range r.Candidates {
		b.WriteString(" c=" + c.Fact.ID)
	}
	for _, s := range r.Suggestions {
		b.WriteString(" s=" + s.ID)
	}
	return b.String()
}
