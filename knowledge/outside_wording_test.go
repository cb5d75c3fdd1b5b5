package knowledge

import "testing"

// Words that people who never saw the fact base use for things it holds (the
// eleventh pass, outside wording): an "academic handbook" is the experts' manual,
// "ngurusin" is "mengurus", "working group terbuka" is the OEWG (not the Global
// Mechanism that followed it), "yang bentuk" is "yang membentuk", and a region that
// "subscribed" to the norms endorsed them; what a body "produced" is the document
// that closed its work.
func TestOutsideWording(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		q    string
		lang Lang
		want []string // any of these; nil = refused or anything but notWant
		not  string
	}{
		{"which scholarly handbook explains international law for cyber warfare?", EN, []string{"tallinn-manuals", "tallinn-manual-2013", "tallinn-manual-2-0"}, ""},
		{"working group terbuka PBB soal siber kapan mulai kerja?", ID, nil, "global-mechanism-sessions-2026"},
		{"resolusi apa yg bentuk OEWG pertama?", ID, []string{"ares-73-27", "oewg-2019-2021"}, ""},
		{"has ASEAN endorsed the eleven UN cyber norms?", EN, []string{"asean-norms-2018"}, ""},
		// bodyOutcome: a body named whole with an outcome word gets the document that
		// closed its work; asked when it was created, the body's own fact still answers.
		{"what was the result of the OEWG 2021-2025?", EN, []string{"oewg-2021-2025-final-report"}, ""},
		{"apa hasil OEWG 2021-2025?", ID, []string{"oewg-2021-2025-final-report"}, ""},
		{"kapan OEWG 2021-2025 dibentuk?", ID, []string{"oewg-2021-2025"}, ""},
	} {
		res := m.Match(tt.q, tt.lang)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if tt.not != "" && got == tt.not {
			t.Errorf("Match(%q) = %q, which it must not be", tt.q, got)
		}
		if tt.want == nil {
			continue
		}
		ok := false
		for _, w := range tt.want {
			ok = ok || got == w
		}
		if !ok {
			t.Errorf("Match(%q) = %q, want one of %v (candidates %v)", tt.q, got, tt.want, ids(res.Candidates))
		}
	}
}
