package knowledge

import "testing"

// A thing named by its place in a series ("the latest progress report", "sesi
// terakhir", "the last report of the second OEWG") is answered with the earliest
// or latest dated fact of that kind and body; an order word that names the thing
// itself ("their first dialogue") or a body's ordinal is left to retrieval.
func TestSeriesEnd(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "the latest annual progress report of the OEWG", want: "oewg-2021-2025-apr-2024"},
		{q: "what was the last report of the second OEWG?", want: "oewg-2021-2025-final-report"},
		{q: "the last session of the cybercrime ad hoc committee", want: "cybercrime-ahc-concluding-session-2024"},
		{q: "resolusi PBB pertama soal keamanan siber apa", want: "ares-53-70", lang: ID},
		{q: "the first GGE - who chaired it?", want: "gge-2004-2005"},
		// the order word names the thing itself, or the body whose session is asked
		{q: "when did indonesia and the netherlands hold their first cyber policy dialogue", want: "indonesia-netherlands-dialogue-2021"},
		{q: "first substantive session of the first OEWG", want: "oewg-2019-2021-first-session"},
	})
}
