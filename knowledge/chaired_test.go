package knowledge

import "testing"

// A body named by its chair's nationality is read from the facts' chair fields,
// without a curated description that matches word for word; a claim about a
// chair, a sponsor ("Russian-led") or a body named by another name or year is
// left alone, and "who chaired" it is answered with the chair.
func TestChairDescribed(t *testing.T) {
	checkDescribed(t, embeddedMatcher(t), []answerCase{
		{q: "grup yg dipimpin orang australia itu yg mana", want: "gge-2012-2013"},
		{q: "kelompok yg dipimpin diplomat singapura itu selesai kapan", want: "oewg-2021-2025"},
		{q: "orang rusia yg mimpin GGE dulu itu siapa", want: "person-andrey-krutskikh"},
		{q: "OEWG pertama diketuai Rusia kan?"},
		{q: "the Russian-led treaty on cyber weapons"},
		{q: "GGE 2016-2017 ketuanya orang brazil ya"},
		{q: "which GGE was chaired by an Indonesian?"},
	})
}

// A described subject is answered when the question asks which thing it is, or
// who chaired the described body; a description with no such angle is not.
func TestDescribedIdentity(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "grup yg dipimpin orang australia itu yg mana", want: "gge-2012-2013", lang: ID},
		{q: "siapa diplomat rusia yang dulu jadi ketua GGE", want: "person-andrey-krutskikh", lang: ID},
		{q: "which GGE was chaired by a Japanese diplomat?", lang: ID},
	})
}

// A description headed by a kind noun ("resolusi yg …", "the resolution that …")
// asks for a thing of that kind, as "which resolution" does: the resolution is
// answered, not the report or body it names.
func TestHeadNounAsksKind(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "resolusi yang mengesahkan laporan final OEWG 2021-2025", want: "ares-80-16", lang: ID},
		{q: "the resolution that the secretary-general used to set up the first GGE", want: "ares-58-32", lang: ID},
	})
}
