package knowledge

import "testing"

// Chat spellings that drop vowels ("sp" for siapa, "prtama" for pertama) carry the
// angle or the ordinal of a question: without them "ketua OEWG prtama sp?" asks
// neither who nor which OEWG, and is refused.
func TestChatAbbreviationsCarryTheQuestion(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, tt := range []struct{ q, want string }{
		{"sp ketua global mechanism?", "person-egriselda-lopez"},
		{"ketua bssn skrg sp", "nugroho-sulistyo-budi"},
		{"OEWG prtama diketuai sp", "person-jurg-lauber"},
		{"sp ketua ad hoc committee cybercrime", "faouzia-boumaiza-mebarki"},
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

// A three-letter word one letter short of a four-letter name is that name ("paris
// cal", "pall mal"); other short words are left alone.
func TestShortNameTypos(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, tt := range []struct{ q, want string }{
		{"paris cal itu apa", "paris-call"},
		{"what is the pall mal process?", "pall-mall-process"},
		{"apa itu GGE?", "gge-overview"},
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
	for _, w := range []string{"dgn", "sih", "xyz"} {
		if got, _ := m.correct(w); got != "" && len(got) != 3 {
			t.Errorf("correct(%q) = %q: a short word that is not a dropped-letter name must stay", w, got)
		}
	}
}

// A question opened with a connective ("trus", "lalu", "terus") that names its own
// subject is answered as it would be without it: the connective only says the chat
// goes on, and weighs nothing as content.
func TestOpenerDoesNotDilute(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, q := range []string{
		"GGE 2013 hasilnya apa?",
		"OEWG kedua ketuanya siapa?",
		"paris call kapan diluncurkan",
		"konvensi hanoi udah berlaku belum?",
	} {
		alone := m.Match(q, ID)
		for _, opener := range []string{"trus", "lalu", "terus"} {
			got := m.Match(opener+" "+q, ID)
			if got.Answered != alone.Answered || len(got.Candidates) == 0 || len(alone.Candidates) == 0 ||
				got.Candidates[0].Fact.ID != alone.Candidates[0].Fact.ID || got.Candidates[0].Score < alone.Candidates[0].Score-1e-9 {
				t.Errorf("%q: answered %v top %v, want as %q alone: answered %v top %v", opener+" "+q, got.Answered,
					ids(got.Candidates), q, alone.Answered, ids(alone.Candidates))
			}
		}
	}
}
