package knowledge

import "testing"

// A thing named by its place in a series ("the latest progress report", "sesi
// terakhir", "the last report of the second OEWG") is answered with the earliest
// or latest dated fact of that kind and body; an order word that names the thing
// itself ("their first dialogue") or a body's ordinal is left to retrieval.
func TestSeriesEnd(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct {
		q    string
		lang Lang
		want string // fact answered, "" for a refusal
	}{
		{"the latest annual progress report of the OEWG", EN, "oewg-2021-2025-apr-2024"},
		{"what was the last report of the second OEWG?", EN, "oewg-2021-2025-final-report"},
		{"the last session of the cybercrime ad hoc committee", EN, "cybercrime-ahc-concluding-session-2024"},
		{"resolusi PBB pertama soal keamanan siber apa", ID, "ares-53-70"},
		{"the first GGE - who chaired it?", EN, "gge-2004-2005"},
		// the order word names the thing itself, or the body whose session is asked
		{"when did indonesia and the netherlands hold their first cyber policy dialogue", EN, "indonesia-netherlands-dialogue-2021"},
		{"first substantive session of the first OEWG", EN, "oewg-2019-2021-first-session"},
	}
	for _, c := range cases {
		res := m.Match(c.q, c.lang)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if got != c.want {
			t.Errorf("%q: answered %q, want %q", c.q, got, c.want)
		}
	}
}
