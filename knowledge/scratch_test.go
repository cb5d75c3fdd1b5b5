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
