package knowledge

import "testing"

// answerCase is a question and the fact it must be answered with ("" = refused);
// lang is the hint when the question itself does not tell (EN when unset).
type answerCase struct {
	q, want string
	lang    Lang
}

// embeddedMatcher is the matcher over the embedded base.
func embeddedMatcher(t *testing.T) *Matcher {
	t.Helper()
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return NewMatcher(base)
}

// answeredID is the fact q is answered with, "" when it is refused.
func answeredID(m *Matcher, q string, lang Lang) (string, Result) {
	if lang == "" {
		lang = EN
	}
	res := m.Match(q, lang)
	if !res.Answered {
		return "", res
	}
	return res.Best.Fact.ID, res
}

// checkAnswers asserts that each question is answered with its fact, or refused.
func checkAnswers(t *testing.T, m *Matcher, cases []answerCase) {
	t.Helper()
	for _, c := range cases {
		if got, res := answeredID(m, c.q, c.lang); got != c.want {
			t.Errorf("%q: answered %q, want %q (candidates %v)", c.q, got, c.want, rankedIDs(res))
		}
	}
}

// checkDescribed asserts that each question names by description the subject of
// its fact ("" = describes nothing the base knows).
func checkDescribed(t *testing.T, m *Matcher, cases []answerCase) {
	t.Helper()
	checkSubject(t, m, cases, "described", func(q *Question) *Fact { return q.describes })
}

// checkSubject asserts that the subject subject reads from each parsed question is
// its case's fact ("" = none); how names the reading in failures.
func checkSubject(t *testing.T, m *Matcher, cases []answerCase, how string, subject func(*Question) *Fact) {
	t.Helper()
	for _, c := range cases {
		got := ""
		if f := subject(m.Parse(c.q)); f != nil {
			got = f.ID
		}
		if got != c.want {
			t.Errorf("%q: %s %q, want %q", c.q, how, got, c.want)
		}
	}
}

// TestNormByPosition: a norm named by its place among the eleven of A/70/174,
// paragraph 13, is that paragraph's letter: Indonesian puts the ordinal after the
// noun, English before it. "Pertama kali" (for the first time) and "the first norms
// report" name no one norm.
func TestNormByPosition(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "norma ketiga isinya apa", want: "norm-13c-territory-misuse", lang: ID},
		{q: "norma yg ke-7 apa", want: "norm-13g-protect-own-infrastructure", lang: ID},
		{q: "norma ke 11", want: "norm-13k-emergency-response-teams", lang: ID},
		{q: "explain the 8th norm", want: "norm-13h-requests-for-assistance"},
		{q: "the fifth of the 11 norms is about what", want: "norm-13e-human-rights"},
		{q: "what is the first norm", want: "norm-13a-cooperation"},
		{q: "the first norms report", want: ""},
	})
}
