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
	for _, c := range cases {
		got := ""
		if q := m.Parse(c.q); q.describes != nil {
			got = q.describes.ID
		}
		if got != c.want {
			t.Errorf("%q: described %q, want %q", c.q, got, c.want)
		}
	}
}
