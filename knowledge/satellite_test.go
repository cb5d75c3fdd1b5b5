package knowledge

import "testing"

// TestSatelliteAngle: a subject named by description and asked from an angle one
// of its satellites holds is answered from that satellite; an angle the subject's
// own fact holds stays with it. With the rule off the satellite rows are missed.
func TestSatelliteAngle(t *testing.T) {
	m := embeddedMatcher(t)
	tu := defaultTuning()
	tu.off |= ruleSatellite
	off := newTunedMatcher(m.Base(), tu)
	for _, c := range []struct {
		q, want   string
		satellite bool // answered from a satellite of the described subject
	}{
		{"the Council of Europe treaty of 2001 - when did it come into force?", "budapest-convention-entry-into-force", true},
		{"the French idea of a permanent action-oriented forum, how many states backed it in 2021?", "poa-support-2021", true},
		// The subject's other satellites share its names, so the lead is narrow.
		{"the treaty signed in Vietnam, when did the General Assembly adopt it?", "ares-79-243", true},
		{"the Council of Europe treaty of 2001, when was it opened for signature?", "budapest-convention", false},
		{"the French idea of a permanent action-oriented forum, who proposed it?", "programme-of-action", false},
	} {
		res := m.Match(c.q, EN)
		if !res.Answered || res.Best.Fact.ID != c.want {
			t.Errorf("Match(%q) = %v (answered %v), want %s", c.q, top(res), res.Answered, c.want)
		}
		if r := off.Match(c.q, EN); c.satellite && r.Answered && r.Best.Fact.ID == c.want {
			t.Errorf("Match(%q) without the satellite rule already answers %s: the row does not test it", c.q, c.want)
		}
	}
}

func top(r Result) string {
	if len(r.Candidates) == 0 {
		return ""
	}
	return r.Candidates[0].Fact.ID
}
