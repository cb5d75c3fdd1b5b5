package knowledge

import "testing"

func TestHoldsReason(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The COVID-19 pandemic forced a postponement.", true},
		{"the experts could not agree on how ICTs affect security", true},
		{"Sidang ditunda karena pandemi.", true},
		{"It was adopted on 12 March 2021 by consensus.", false},
		// whole words only: "reasonable" is not "reason".
		{"States take reasonable steps.", false},
	} {
		if got := holdsReason(c.text); got != c.want {
			t.Errorf("holdsReason(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// A "why" question fits a fact whose answer gives a reason; other questions and
// other facts keep their angle fit.
func TestWhyFit(t *testing.T) {
	m := embeddedMatcher(t)
	doc := func(id string) int {
		for i, f := range m.facts {
			if f.ID == id {
				return i
			}
		}
		t.Fatalf("no fact %s", id)
		return -1
	}
	failure, body := doc("gge-2017-failure"), doc("person-jurg-lauber")
	if !m.reason[failure] {
		t.Fatalf("gge-2017-failure should hold a reason")
	}
	for _, c := range []struct {
		q    string
		doc  int
		want float64
	}{
		{"kenapa GGE 2017 gagal?", failure, 1},
		{"why did the 2017 GGE fail?", failure, 1},
		{"when did the 2017 GGE end?", failure, 0.5},
	} {
		if got := m.whyFit(m.Parse(c.q), c.doc, 0.5); got != c.want {
			t.Errorf("whyFit(%q, %s) = %v, want %v", c.q, m.facts[c.doc].ID, got, c.want)
		}
	}
	if m.reason[body] {
		if got := m.whyFit(m.Parse("why Lauber?"), body, 0.5); got != 1 {
			t.Errorf("a reason-holding fact fits why")
		}
	} else if got := m.whyFit(m.Parse("why Lauber?"), body, 0.5); got != 0.5 {
		t.Errorf("whyFit on a fact without a reason = %v, want the fit unchanged (0.5)", got)
	}
}

// For a "why" question a close neighbour giving the reason leads over the fact that
// only shares the subject; other questions keep the scores' order.
func TestPreferReason(t *testing.T) {
	m := embeddedMatcher(t)
	byID := map[string]*Fact{}
	for _, f := range m.facts {
		byID[f.ID] = f
	}
	body, failure := byID["gge-2016-2017"], byID["gge-2017-failure"]
	if m.reason[m.docIndex(body)] || !m.reason[m.docIndex(failure)] {
		t.Fatalf("fixture: gge-2016-2017 should give no reason, gge-2017-failure one")
	}
	ranked := []Scored{{Fact: body, Score: 1}, {Fact: failure, Score: 0.9}}
	for _, c := range []struct {
		q, want string
	}{
		{"kenapa GGE 2016-2017 gagal?", "gge-2017-failure"},
		{"why did the fifth GGE end without a report?", "gge-2017-failure"},
		{"kapan GGE 2016-2017 dibentuk?", "gge-2016-2017"},
	} {
		if got := m.preferReason(ranked, m.Parse(c.q))[0].Fact.ID; got != c.want {
			t.Errorf("preferReason(%q) leads with %s, want %s", c.q, got, c.want)
		}
	}
	far := []Scored{{Fact: body, Score: 1}, {Fact: failure, Score: 0.5}}
	if got := m.preferReason(far, m.Parse("kenapa GGE 2016-2017 gagal?"))[0].Fact.ID; got != "gge-2016-2017" {
		t.Errorf("a far neighbour moved ahead: %s", got)
	}
}
