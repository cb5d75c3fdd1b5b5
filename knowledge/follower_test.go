package knowledge

import "testing"

// A body, person or document named by what it came after ("who replaced Hinsa
// Siburian", "OEWG yang menggantikan OEWG pertama") is answered from the facts'
// related, kind and date fields, with the question's angle; a chair by the chair of
// the body that followed theirs; a question asking what followed the latest of its
// line is not answered with that line's fact, and a
// passive ("replaced by") or a name that says "successor" is not read as one.
func TestFollower(t *testing.T) {
	m := embeddedMatcher(t)
	checkAnswers(t, m, []answerCase{
		{q: "who replaced Hinsa Siburian as head of BSSN?", want: "nugroho-sulistyo-budi"},
		{q: "OEWG yang menggantikan OEWG pertama diketuai siapa", want: "person-burhan-gafoor", lang: ID},
		{q: "siapa ketua badan baru yang menggantikan OEWG 2021-2025", want: "person-egriselda-lopez", lang: ID},
		{q: "the follow-up to the first Tallinn Manual, how many rules does it have?", want: "tallinn-manual-2-0"},
		{q: "what's the name of the permanent UN body that replaced the OEWG after 2025?", want: "global-mechanism"},
		{q: "badan apa yang menggantikan Global Mechanism?", want: ""},
		{q: "who replaced Burhan Gafoor", want: "person-egriselda-lopez"},
		{q: "who succeeded Egriselda López as chair of the Global Mechanism?", want: ""},
	})
	for _, c := range []struct{ q, follows, nothing string }{
		{"pengganti OEWG 2021-2025 apa", "global-mechanism", ""},
		{"who succeeded Djoko Setiadi at BSSN", "hinsa-siburian", ""},
		{"what replaced the Global Mechanism", "", "global-mechanism"},
		{"the OEWG was replaced by what", "", ""},
		{"OEWG kedua itu penerus dari apa", "", ""},
		{"siapa pengganti Jurg Lauber", "person-burhan-gafoor", ""},
		{"who replaced Nugroho Sulistyo Budi", "", "nugroho-sulistyo-budi"},
	} {
		q := m.Parse(c.q)
		f, _, none := m.followerDescribed(q.raw[:q.said])
		got, gotNone := "", ""
		if f != nil {
			got = f.ID
		}
		if none != nil {
			gotNone = none.ID
		}
		if got != c.follows || gotNone != c.nothing {
			t.Errorf("%q: follower %q, nothing after %q; want %q, %q", c.q, got, gotNone, c.follows, c.nothing)
		}
	}
}
