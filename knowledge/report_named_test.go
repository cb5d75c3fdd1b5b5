package knowledge

import "testing"

// A report named whole ("the 2021 GGE report") and ranked first beside a
// neighbour of the same body (its compendium, the group itself) is answered
// with the report, whatever angle is asked; a neighbour of another subject (the
// norm the report spells out) still decides on its own.
func TestNamedReport(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "the 2021 GGE report: which document number does it have?", want: "gge-2021-report"},
		{q: "document number of the 2021 GGE report", want: "gge-2021-report"},
		{q: "nomor dokumen laporan GGE 2021 berapa", want: "gge-2021-report", lang: ID},
		// another subject ranked beside the report is left to retrieval
		{q: "what does the 2015 GGE report say about supply chain integrity", want: "norm-13i-supply-chain"},
	})
}
