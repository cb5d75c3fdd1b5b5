package knowledge

import (
	"reflect"
	"testing"
)

// TestMatchIndependentOfPreviousQuestion guards against per-query scratch state leaking
// between questions (found by FuzzMatch): a user's answer must not depend on what
// someone else asked before.
func TestMatchIndependentOfPreviousQuestion(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{
		{"chair", "0 7"},
		{"siapa ketua oewg", "0\x06\x06\x06\x06\x06\x067"},
		{"what is the gge", "kapan"},
		{"norms", "2015"},
		// The description tally and the phrase pass are cleared for the next
		// question, whatever the first one touched.
		{"the Swiss-chaired working group", "the group every UN member could join, who chaired it"},
		{"pengganti OEWG 2021-2025", "konvensi yang diteken di Hanoi kapan berlaku"},
	}
	for _, p := range pairs {
		fresh := NewMatcher(base).Match(p[1], EN)
		used := NewMatcher(base)
		used.Match(p[0], EN)
		after := used.Match(p[1], EN)
		if !reflect.DeepEqual(rankedIDs(fresh), rankedIDs(after)) || fresh.Answered != after.Answered {
			t.Errorf("Match(%q) after Match(%q) = %v (answered %v), fresh matcher gives %v (answered %v)",
				p[1], p[0], rankedIDs(after), after.Answered, rankedIDs(fresh), fresh.Answered)
		}
	}
}

func rankedIDs(r Result) []string {
	var out []string
	for _, c := range r.Candidates {
		out = append(out, c.Fact.ID)
	}
	for _, f := range r.Suggestions {
		out = append(out, "s:"+f.ID)
	}
	return out
}

// TestMatchLanguageAsDetected: the language a question is answered in is the one
// DetectLang tells from the text as written (the hint when it cannot tell), also
// when Parse marked a country code ("AS", "US") in it.
func TestMatchLanguageAsDetected(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		q    string
		hint Lang
		want Lang
	}{
		{"Apa posisi AS soal norma siber?", EN, ID},
		{"What did the US propose at the OEWG?", ID, EN},
		{"siapa ketua OEWG pertama?", EN, ID},
		{"who chaired the first OEWG", ID, EN},
		{"GGE 2015", ID, ID},
		{"GGE 2015", EN, EN},
	} {
		if got := m.Match(tt.q, tt.hint).Lang; got != tt.want {
			t.Errorf("Match(%q, %s).Lang = %s, want %s", tt.q, tt.hint, got, tt.want)
		}
	}
}
