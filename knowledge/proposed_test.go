package knowledge

import "testing"

// A thing named by the state that proposed it is read from the facts'
// proposed_by fields; the year and the rest of the question tell apart the
// several things one state proposed, a state that proposed nothing names
// nothing, and a question that names its subject needs no description.
func TestProposerDescribed(t *testing.T) {
	checkNamed(t, embeddedMatcher(t), []answerCase{
		{q: "the code of conduct proposed by China and Russia in 2011", want: "sco-code-of-conduct"},
		{q: "the text sponsored by both the US and Russia in 2021", want: "ares-76-19"},
		{q: "resolusi usulan Indonesia tahun 2018 itu apa"},
		{q: "when did the Third Committee approve the Russian draft in 2019?"},
		{q: "nama Global Mechanism itu usulan siapa? prancis?"},
	})
}

// A body named by who may sit on it is read from the facts' members fields:
// every member state, a count of experts, or a small group; a count no body
// has names nothing.
func TestMembersDescribed(t *testing.T) {
	checkNamed(t, embeddedMatcher(t), []answerCase{
		{q: "the working group that all member states may join, what is it?", want: "oewg-overview"},
		{q: "kelompok 15 negara tahun 2009 itu apa", want: "gge-2009-2010"},
		{q: "grup 25 ahli tahun 2017 itu ketuanya siapa", want: "gge-2016-2017"},
		{q: "the 50-member cyber group at the UN"},
		{q: "forum 10 negara soal siber itu apa"},
	})
}

// checkNamed checks the subject a proposer or membership reading names.
func checkNamed(t *testing.T, m *Matcher, cases []answerCase) {
	t.Helper()
	checkSubject(t, m, cases, "named", func(q *Question) *Fact { return q.named })
}

// A membership reading, which also weighs the question's other words, outranks a
// curated description of another body.
func TestStructuredOverridesDescription(t *testing.T) {
	checkNamed(t, embeddedMatcher(t), []answerCase{
		{q: "kelompok ahli yang diketuai orang Brazil dengan 25 negara anggota itu yang mana", want: "gge-2019-2021"},
	})
}

// A question that names a resolution outright is about it, whatever a curated
// description of another resolution by the same proposer shares with it.
func TestNamedOutranksDescription(t *testing.T) {
	checkAnswers(t, embeddedMatcher(t), []answerCase{
		{q: "resolusi usulan Rusia tahun 2019 pembentukan komite ad hoc itu apa", want: "ares-74-247", lang: ID},
	})
}
