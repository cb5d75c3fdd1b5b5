package knowledge

import "testing"

// A subject named only by description is read as that subject; a question that
// names it, or describes nothing the base knows, is left alone.
func TestDescribedSubject(t *testing.T) {
	checkDescribed(t, embeddedMatcher(t), []answerCase{
		{q: "when did the German-chaired expert group end?", want: "gge-2016-2017"},
		{q: "kementerian pengganti Kominfo dipimpin siapa?", want: "komdigi"},
		{q: "which ministry replaced Kominfo?", want: "komdigi"},
		{q: "traktat Dewan Eropa tahun 2001 itu apa?", want: "budapest-convention"},
		{q: "forum permanen berorientasi aksi usulan Prancis itu apa", want: "programme-of-action"},
		{q: "where in Hanoi was the Hanoi Convention signed?"},
		{q: "what is the GGE?"},
		{q: "resep nasi goreng yang enak apa?"},
	})
}

// A question that describes its subject and asks an angle the subject's own fact
// holds (who chaired it, when, how many) is answered from that fact, even when the
// general decision, wary of descriptions, would refuse; without such an angle the
// general decision stands.
func TestDescribedAnswered(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "kak, kelompok kerja PBB yg terbuka utk semua negara, usulan Rusia thn 2018 itu, ketuanya siapa sih?", want: "oewg-2019-2021"},
		{q: "the thing Macron launched at UNESCO in 2018 about trust online, how many principles are in it again?", want: "paris-call"},
		// What it concluded is another fact's angle: refused, with suggestions.
		{q: "the Swiss-chaired working group, what did it conclude?"},
	})
}

// Documents named by what they did or by their place in a series answer with that
// document, not with the report or progress report they are named after.
func TestDescribedDocuments(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct{ q, want string }{
		{"which resolution endorsed the final report of the second OEWG?", "ares-80-16"},
		{"resolusi yg mengesahkan laporan akhir OEWG kedua nomornya apa?", "ares-80-16"},
		{"which resolution endorsed the 2015 GGE report?", "ares-70-237"},
		// The report itself, when the question asks about it and not its resolution.
		{"when did the second OEWG adopt its final report", "oewg-2021-2025-final-report"},
		{"the first annual progress report of the second OEWG, when was it adopted?", "oewg-2021-2025-apr-2022"},
		{"laporan kemajuan tahunan ketiga OEWG kedua isinya apa?", "oewg-2021-2025-apr-2024"},
	}
	for _, c := range cases {
		res := m.Match(c.q, EN)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if got != c.want {
			t.Errorf("%q: answered %q, want %q (candidates %v)", c.q, got, c.want, rankedIDs(res))
		}
	}
}

// "Which resolution created X?" answers with the resolution the body's fact lists
// among its symbols: the resolution's own fact when the base has one, else the
// body's fact, which states it; never the body's later documents.
func TestCreatingDocument(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "which resolution set up the sixth GGE?", want: "ares-73-266"},
		{q: "OEWG 2021-2025 itu dibentuk lewat resolusi apa?", want: "oewg-2021-2025"},
		{q: "OEWG kedua dibikin resolusi apa ya?", want: "oewg-2021-2025"},
		{q: "resolusi apa yang membentuk GGE pertama?", want: "ares-58-32"},
		{q: "who sponsored the resolution that set up the sixth GGE?", want: "ares-73-266"},
		{q: "berapa suara resolusi yang membentuk OEWG pertama?", want: "ares-73-27"},
		// The Assembly endorses a group's report by resolution.
		{q: "kapan Majelis Umum mengesahkan laporan GGE 2015?", want: "ares-70-237"},
		{q: "when did the GA adopt 55/28", want: "yearly-resolutions-1999-2003"},
	})
}

// A body's report asked by the body's name ("the third GGE report") is the report's
// fact, not the body's; a body with several reports, or a question about who or
// about creation, stays with retrieval.
func TestBodyReport(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "what is in the report of the second GGE?", want: "gge-2010-report"},
		{q: "laporan GGE keempat isinya apa", want: "gge-2015-report"},
		{q: "the third GGE's report", want: "gge-2013-report"},
		{q: "when was the sixth GGE's report adopted?", want: "gge-2021-report"},
		{q: "who chaired the third GGE?", want: "gge-2012-2013"},
		// Progress reports and a final report: which one is not said.
		{q: "laporan OEWG kedua isinya apa"},
	})
}
