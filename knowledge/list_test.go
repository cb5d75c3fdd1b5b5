package knowledge

import "testing"

// A question that asks for every instance leads with the fact gathering them; the
// same subject asked without a list word keeps its ranking.
func TestPreferGatherer(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, c := range []struct {
		q, want string
	}{
		{"sebutin semua OEWG yang pernah ada", "oewg-overview"},
		{"list all the OEWGs", "oewg-overview"},
	} {
		res := m.Match(c.q, ID)
		if len(res.Candidates) == 0 || res.Candidates[0].Fact.ID != c.want {
			t.Errorf("Match(%q) leads with %v, want %s", c.q, rankedIDs(res), c.want)
		}
	}
	tune := defaultTuning()
	tune.off = ruleList
	plain := newTunedMatcher(base, tune)
	for _, q := range []string{"OEWG 2021-2025 sesinya berapa kali?", "isinya apa aja laporan final OEWG 2021-2025?"} {
		if got, want := rankedIDs(m.Match(q, ID)), rankedIDs(plain.Match(q, ID)); len(got) > 0 && len(want) > 0 && got[0] != want[0] {
			t.Errorf("Match(%q) leads with %s, without the list rule %s: no list word, no change", q, got[0], want[0])
		}
	}
}
