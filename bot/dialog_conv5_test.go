package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestFollowUpsOnTheConversationSubject: a follow-up is answered on what the
// conversation is about (the body a resolution created, the GGE a report came from),
// not on whatever the last answer was; ordinals written with their number ("ke3",
// "ke-2", "yg ke4?") name a place; a question that names its own subject with "itu"
// right after an answer is answered on that subject.
func TestFollowUpsOnTheConversationSubject(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"members after the resolution that created the body are the body's", []dialogStep{
			{msg: "resolusi apa yg bikin OEWG pertama?", act: ActQuestion, fact: "ares-73-27"},
			{msg: "anggotanya brp?", act: ActFollowUp, fact: "oewg-2019-2021"},
			{msg: "kapan dibentuk?", act: ActFollowUp, fact: "oewg-2019-2021"},
		}},
		{"an ordinal glued to its number, then a place in the series", []dialogStep{
			{msg: "OEWG ke2 ketuanya siapa?", act: ActQuestion, fact: "person-burhan-gafoor"},
			{msg: "laporan akhirnya kapan diadopsi?", act: ActFollowUp, fact: "oewg-2021-2025-final-report"},
		}},
		{"a report by its ordinal, the chair of its group", []dialogStep{
			{msg: "laporan GGE ke3 isinya apa?", act: ActQuestion, fact: "gge-2013-report"},
			{msg: "ketuanya siapa?", act: ActFollowUp, fact: "gge-2012-2013"},
		}},
		{"a place after a report is that place's report, after a chair its chair", []dialogStep{
			{msg: "laporan GGE ke3 isinya apa?", act: ActQuestion, fact: "gge-2013-report"},
			{msg: "yg ke4?", act: ActFollowUp, fact: "gge-2015-report"},
			{msg: "siapa ketua GGE 2013?", act: ActQuestion, fact: "person-deborah-stokes"},
			{msg: "and the sixth?", act: ActFollowUp, fact: "person-guilherme-patriota"},
		}},
		{"'that GGE' is the GGE the conversation is about", []dialogStep{
			{msg: "what did the 2013 GGE report say?", act: ActQuestion, fact: "gge-2013-report"},
			{msg: "who chaired that GGE?", act: ActFollowUp, fact: "gge-2012-2013"},
			{msg: "GGE itu apa?", act: ActQuestion, fact: "gge-overview"},
		}},
		{"after the chair, 'kapan dibentuk?' is the body's, not its sibling's", []dialogStep{
			{msg: "siapa ketua OEWG pertama?", act: ActQuestion, fact: "person-jurg-lauber"},
			{msg: "kapan dibentuk?", act: ActFollowUp, fact: "oewg-2019-2021"},
		}},
		{"a country asked of the conversation's subject when alone it is only a likely reading", []dialogStep{
			{msg: "konvensi PBB soal kejahatan siber ditandatangani di mana?", act: ActQuestion},
			{msg: "indonesia ikut ga?", act: ActFollowUp, fact: "indonesia-hanoi-signature"},
		}},
		{"a term named with itu after an answer is answered on the term", []dialogStep{
			{msg: "kapan GGE pertama dibentuk?", act: ActQuestion},
			{msg: "norma itu apa?", act: ActQuestion, fact: "term-norm"},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
