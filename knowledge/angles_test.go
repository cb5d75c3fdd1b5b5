package knowledge

import "testing"

// A question asking when a treaty enters into force gets the fact holding that
// angle, not a neighbour that shares the treaty's names (its signing), and a
// treaty that does not exist does not borrow a real one's entry into force.
func TestHeldAngleEntryIntoForce(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, tt := range []struct {
		q, want string // want "" = refused
	}{
		{"konvensi yg diteken di hanoi itu kapan berlaku?", "cybercrime-convention-entry-into-force"},
		{"when did the budapest convention enter into force?", "budapest-convention-entry-into-force"},
		{"when did the ASEAN Cyber Treaty enter into force?", ""},
	} {
		res := m.Match(tt.q, ID)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if got != tt.want {
			t.Errorf("Match(%q) = %q, want %q (candidates %v)", tt.q, got, tt.want, ids(res.Candidates))
		}
	}
}
