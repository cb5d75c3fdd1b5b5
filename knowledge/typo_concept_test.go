package knowledge

import "testing"

// A near miss of a concept word ("prtama", "dibntuk") is a sure guess: the
// question is answered as its correct spelling would be, not refused.
func TestConceptTyposAnswered(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, tt := range []struct{ typo, clean string }{
		{"kpn oewg prtama dibntuk?", "kapan oewg pertama dibentuk?"},
	} {
		got, want := m.Match(tt.typo, ID), m.Match(tt.clean, ID)
		if !want.Answered {
			t.Fatalf("Match(%q) refused; the test needs a question the base answers", tt.clean)
		}
		if !got.Answered || got.Best.Fact.ID != want.Best.Fact.ID {
			t.Errorf("Match(%q) = answered %v %v, want %s as for %q", tt.typo, got.Answered, ids(got.Candidates), want.Best.Fact.ID, tt.clean)
		}
	}
}
