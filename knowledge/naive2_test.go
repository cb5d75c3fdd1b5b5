package knowledge

import "testing"

// Wording an exam-eve study group uses (train36, eleventh pass): the latest
// group of a name called "terakhir"/"terbaru" (aliases of the 2019–2021 GGE and
// the 2021–2025 OEWG), a request for an example or a duty ("contohnya", "harus")
// that adds nothing to find the subject by, and "bentuk" as the colloquial verb
// "membentuk" ("resolusi yg bentuk OEWG").
func TestStudyGroupWording(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		// "terakhir" after a body's name is its latest group, not a "final" report
		{q: "OEWG terakhir berakhir kapan", want: "oewg-2021-2025-final-report", lang: ID},
		{q: "mandat OEWG terakhir apa", want: "oewg-2021-2025", lang: ID},
		{q: "mandat OEWG terbaru apa", want: "oewg-2021-2025", lang: ID},
		// elsewhere "terakhir" still orders a series or says "final"
		{q: "laporan GGE terakhir apa", want: "gge-2021-report", lang: ID},
		{q: "what was the last report of the second OEWG?", want: "oewg-2021-2025-final-report"},
		// words that ask for an example or a duty
		{q: "contohnya CBM siber tuh apa aja", want: "cbm-concept", lang: ID},
		{q: "apakah semua negara harus ikut OEWG?", want: "oewg-overview", lang: ID},
		// "bentuk" as a verb
		{q: "resolusi yg bentuk GGE keenam apa", want: "ares-73-266", lang: ID},
	})
}
