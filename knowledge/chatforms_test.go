package knowledge

import (
	"strings"
	"testing"
)

// Chat spellings that drop vowels ("sp" for siapa, "prtama" for pertama) carry the
// angle or the ordinal of a question: without them "ketua OEWG prtama sp?" asks
// neither who nor which OEWG, and is refused.
func TestChatAbbreviationsCarryTheQuestion(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "sp ketua global mechanism?", want: "person-egriselda-lopez", lang: ID},
		{q: "ketua bssn skrg sp", want: "nugroho-sulistyo-budi", lang: ID},
		{q: "OEWG prtama diketuai sp", want: "person-jurg-lauber", lang: ID},
		{q: "sp ketua ad hoc committee cybercrime", want: "faouzia-boumaiza-mebarki", lang: ID},
	})
}

// Night-time group-chat spellings: a stretched chat abbreviation ("kpnnnn" is
// "kpn", so "kapan"), a vowel-dropped word ("trbit"), a word typed against the
// number it names ("perpres47/2023"), slang for adopting ("diketok palu") and the
// Indonesian word for a plenary ("sidang pleno") each carry their question.
func TestNightChatForms(t *testing.T) {
	m := embeddedMatcher(t)
	checkAnswers(t, m, []answerCase{
		{q: "GGE 2015 laporannya diadopsi kpnnnn", want: "gge-2015-report", lang: ID},
		{q: "tallinn manual yg 2.0 trbit thn brp", want: "tallinn-manual-2-0", lang: ID},
		{q: "perpres47/2023 isinya apa aja", want: "perpres-47-2023", lang: ID},
		{q: "laporan akhir OEWG 2021-2025 diketok palu kpn", want: "oewg-2021-2025-final-report", lang: ID},
		{q: "sidang pleno pertama global mechanism kpn", want: "global-mechanism-sessions-2026", lang: ID},
		// a chat spelling with a doubled last letter, -nya, or the i of di- dropped
		{q: "konvensi hanoi udh berlaku blmm", want: "cybercrime-convention-entry-into-force", lang: ID},
		{q: "oewg kedua kelarnya kpn", want: "oewg-2021-2025-final-report", lang: ID},
		{q: "paris call dluncurin kpn", want: "paris-call", lang: ID},
		{q: "knpa GGE 2017 gagal", want: "gge-2017-failure", lang: ID},
	})
	for w, want := range map[string]string{"kpnnnn": "kapan", "brpp": "berapa", "kelarnya": "selesai", "dluncurin": "diluncurkan"} {
		if got, _ := m.correct(w); got != want {
			t.Errorf("correct(%q) = %q, want %q", w, got, want)
		}
	}
}

// Two words typed without the space between them are split when the glued word is
// unknown and both halves are known words or a body's short name; a known word and
// an unknown word without two known halves stay whole.
func TestGluedWordsSplit(t *testing.T) {
	m := embeddedMatcher(t)
	for in, want := range map[string]string{
		"konvensibudapest kpn berlaku": "konvensi budapest kpn berlaku",
		"globalmechanism tuh apa":      "global mechanism tuh apa",
		"ggekeenam ketuanya":           "gge keenam ketuanya",
		"konvensi budapest":            "konvensi budapest",
		"ditandatanganin kapan":        "ditandatanganin kapan",
		"xyzqwertyu":                   "xyzqwertyu",
	} {
		var got []string
		for _, tok := range m.splitGlued(tokenize(normalize(in))) {
			got = append(got, tok.text)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("splitGlued(%q) = %q, want %q", in, strings.Join(got, " "), want)
		}
	}
	checkAnswers(t, m, []answerCase{
		{q: "konvensibudapest kpn berlaku", want: "budapest-convention-entry-into-force", lang: ID},
		{q: "globalmechanism tuh apa", want: "global-mechanism", lang: ID},
	})
}

// A three-letter word one letter short of a four-letter name is that name ("paris
// cal", "pall mal"); other short words are left alone.
func TestShortNameTypos(t *testing.T) {
	m := embeddedMatcher(t)
	checkAnswers(t, m, []answerCase{
		{q: "paris cal itu apa", want: "paris-call", lang: ID},
		{q: "what is the pall mal process?", want: "pall-mall-process", lang: ID},
		{q: "apa itu GGE?", want: "gge-overview", lang: ID},
	})
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
	m := embeddedMatcher(t)
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

// A question with a tail that only says why the student asks ("lupa nih", "ga inget",
// "gak ngerti", "plis") is answered as it would be without it, and a chat verb
// ("kelar") reads as its formal form: left unknown, such words halved the score of
// the fact asked and the question was refused.
func TestWhyIAskTailDoesNotDilute(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tc := range []struct{ q, same string }{
		{"OEWG kedua ketuanya siapa? lupa nih", "OEWG kedua ketuanya siapa?"},
		{"paris call kapan diluncurkan, aku kelupaan", "paris call kapan diluncurkan"},
		{"ketua bssn skrg sp? ga inget", "ketua bssn skrg sp?"},
		{"konvensi hanoi udah berlaku belum? gak ngerti", "konvensi hanoi udah berlaku belum?"},
		{"OEWG kedua ketuanya siapa plis", "OEWG kedua ketuanya siapa"},
		{"abis OEWG kelar, lanjutannya apa", "abis OEWG selesai, lanjutannya apa"},
	} {
		got, alone := m.Match(tc.q, ID), m.Match(tc.same, ID)
		if !alone.Answered {
			t.Fatalf("%q is not answered: the case tests nothing", tc.same)
		}
		if !got.Answered || got.Candidates[0].Fact.ID != alone.Candidates[0].Fact.ID {
			t.Errorf("%q: answered %v top %v, want as %q: top %v", tc.q, got.Answered, ids(got.Candidates),
				tc.same, ids(alone.Candidates))
		}
	}
}
