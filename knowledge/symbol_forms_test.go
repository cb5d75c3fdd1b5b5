package knowledge

import "testing"

// TestDocumentAskedLoosely: students ask for UN documents by the short
// "session/number" form, by "res"/"resolusi"/"laporan" plus a number, and in chat
// Indonesian; each must reach the fact about that document, not be refused.
func TestDocumentAskedLoosely(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct{ q, want string }{
		{"res 75/240 bikin apa", "oewg-2021-2025"},
		{"what did A/RES/75/240 do", "oewg-2021-2025"},
		{"A/AC.292/2025/CRP.1 itu apa ya", "oewg-2021-2025-final-report"},
		{"kerja sama siber indonesia dan the netherlands 2018", "indonesia-netherlands-loi-2018"},
	} {
		res := m.Match(tt.q, ID)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			got := "refused"
			if res.Answered {
				got = res.Best.Fact.ID
			}
			t.Errorf("Match(%q) = %s, want %s (candidates %v)", tt.q, got, tt.want, ids(res.Candidates))
		}
	}
}
