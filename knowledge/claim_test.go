package knowledge

import "testing"

// A claim to be checked ("… since 2024, right?") is answered by the fact that
// settles it, although that fact does not hold the claim's (wrong) year.
func TestClaimYearDoesNotDecide(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, tt := range []struct{ q, want string }{
		{"hanoi convention in force since 2025 right?", "cybercrime-convention-entry-into-force"},
	} {
		res := m.Match(tt.q, EN)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
		}
	}
}
