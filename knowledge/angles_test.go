package knowledge

import "testing"

// A question asking when a treaty enters into force gets the fact holding that
// angle, not a neighbour that shares the treaty's names (its signing), and a
// treaty that does not exist does not borrow a real one's entry into force.
func TestHeldAngleEntryIntoForce(t *testing.T) {
	m := embeddedMatcher(t)
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

// Two facts holding the question's year, one in a body's span ("OEWG 2021–2025")
// and one in its date: the dated one is what "… adopted in 2021" asks about.
func TestDatedYearSettlesTie(t *testing.T) {
	m := embeddedMatcher(t)
	q := "whn was the oewg final report adopted in 2021?"
	res := m.Match(q, EN)
	if res.Answered && res.Best.Fact.ID != "oewg-2019-2021-report" {
		t.Errorf("Match(%q) = %s, want oewg-2019-2021-report or a refusal", q, res.Best.Fact.ID)
	}
	if len(res.Candidates) == 0 || res.Candidates[0].Fact.ID != "oewg-2019-2021-report" {
		t.Errorf("Match(%q) ranks %v, want oewg-2019-2021-report first", q, ids(res.Candidates))
	}
}

// TestPreferSymbol: "which resolution …" wants a document with a resolution's
// symbol over the report it endorsed, when the two score close.
func TestPreferSymbol(t *testing.T) {
	report := &Fact{ID: "report", Kind: KindDocument, Symbols: []string{"A/70/174"}}
	res := &Fact{ID: "resolution", Kind: KindDocument, Symbols: []string{"A/RES/70/237"}}
	tests := []struct {
		name   string
		noun   string
		scores [2]float64
		want   string
	}{
		{"a close resolution leads", "resolution", [2]float64{1, 0.9}, "resolution"},
		{"in Indonesian too", "resolusi", [2]float64{1, 0.85}, "resolution"},
		{"too far behind, the ranking stands", "resolution", [2]float64{1, 0.7}, "report"},
		{"a noun with no symbol changes nothing", "norma", [2]float64{1, 0.95}, "report"},
	}
	for _, tt := range tests {
		ranked := []Scored{{Fact: report, Score: tt.scores[0]}, {Fact: res, Score: tt.scores[1]}}
		if got := preferSymbol(ranked, tt.noun)[0].Fact.ID; got != tt.want {
			t.Errorf("%s: preferSymbol led with %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestAskedNounByNumber: a kind noun beside a word asking for its number
// ("resolution number", "nomor resolusi") asks for a thing of that kind, as
// "which resolution" does; the noun alone does not.
func TestAskedNounByNumber(t *testing.T) {
	for q, want := range map[string]string{
		"what's the resolution number for the Programme of Action": "resolution",
		"nomor resolusi konvensi cybercrime apa":                   "resolusi",
		"resolusinya nomor berapa":                                 "",
		"the resolution on the PoA, when was it adopted":           "",
	} {
		if got := askedNoun(tokenize(normalize(q))); got != want {
			t.Errorf("askedNoun(%q) = %q, want %q", q, got, want)
		}
	}
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	if r := m.Match("What's the resolution number for the Programme of Action?", ""); !r.Answered || r.Best.Fact.ID != "ares-77-37" {
		t.Errorf("resolution number of the PoA: got %v (answered %v), want ares-77-37", rankedIDs(r), r.Answered)
	}
}
