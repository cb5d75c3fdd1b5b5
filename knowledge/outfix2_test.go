package knowledge

import "testing"

// Wording from questions written outside the fact base (train34, eleventh pass,
// outfix2): "semacam"/"sejenis" (a sort of) frame a comparison like "kind" and
// "sort" and name nothing; left as content words they lowered the share of the
// question the fact holds below the answer line.
func TestOutsideSortOfWording(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "BSSN itu semacam national CERT-nya Indonesia bukan?", want: "indonesia-bssn", lang: ID},
		{q: "OEWG itu sejenis GGE bukan?", want: "oewg-vs-gge", lang: ID},
	})
}
