package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestFollowUpsAroundLastAnswer: a follow-up is about the last answer's subject, and
// its angle picks the fact around that answer that holds it (the treaty's entry into
// force after its signing, the GA's endorsement after a report, a body's chair after
// the resolution that created it); "before/after him" walks to the previous or next
// holder of the role; a year-only follow-up is short, and a question with a year and
// content of its own is not one.
func TestFollowUpsAroundLastAnswer(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"angles of one treaty: where it was signed, then whether it is in force", []dialogStep{
			{msg: "konvensi hanoi itu apa?", act: ActQuestion},
			{msg: "kapan diadopsi PBB?", act: ActFollowUp, fact: "ares-79-243"},
			{msg: "ditandatangani di mana?", act: ActFollowUp, fact: "cybercrime-convention-hanoi-signing"},
			{msg: "udh berlaku belum?", act: ActFollowUp, fact: "cybercrime-convention-entry-into-force"},
		}},
		{"before him, and before that, then after him", []dialogStep{
			{msg: "who heads BSSN?", act: ActQuestion, fact: "nugroho-sulistyo-budi"},
			{msg: "who was before him?", act: ActFollowUp, fact: "hinsa-siburian"},
			{msg: "and before that?", act: ActFollowUp, fact: "djoko-setiadi"},
			{msg: "penggantinya siapa?", act: ActFollowUp, fact: "hinsa-siburian"},
		}},
		{"when a body started and ended its work, asked after what it is", []dialogStep{
			{msg: "Global Mechanism itu apa?", act: ActQuestion, fact: "global-mechanism"},
			{msg: "udah mulai kerja belum?", act: ActFollowUp, fact: "global-mechanism-sessions-2026"},
			{msg: "OEWG kedua itu apa?", act: ActQuestion, fact: "oewg-2021-2025"},
			{msg: "kapan berakhirnya?", act: ActFollowUp, fact: "oewg-2021-2025-final-report"},
			{msg: "what is the PoC directory?", act: ActQuestion, fact: "poc-directory"},
			{msg: "when did it become operational?", act: ActFollowUp, fact: "poc-directory-launch"},
		}},
		{"the GA's endorsement after the report's adoption", []dialogStep{
			{msg: "kapan OEWG pertama mengadopsi laporan akhirnya?", act: ActQuestion, fact: "oewg-2019-2021-report"},
			{msg: "disahkan MU kapan?", act: ActFollowUp, fact: "oewg-2019-2021-ga-endorsement"},
		}},
		{"the chair of the committee a resolution created", []dialogStep{
			{msg: "resolusi 74/247 isinya apa?", act: ActQuestion, fact: "ares-74-247"},
			{msg: "komitenya siapa ketuanya?", act: ActFollowUp, fact: "faouzia-boumaiza-mebarki"},
		}},
		{"the report of the group whose members were asked about", []dialogStep{
			{msg: "GGE keenam siapa ketuanya?", act: ActQuestion},
			{msg: "anggotanya brp negara?", act: ActFollowUp, fact: "gge-2019-2021-members"},
			{msg: "laporannya kapan diadopsi?", act: ActFollowUp, fact: "gge-2021-report"},
		}},
		{"a year-only follow-up after a chair is that year's group", []dialogStep{
			{msg: "laporan GGE 2013 isinya apa?", act: ActQuestion, fact: "gge-2013-report"},
			{msg: "ketuanya siapa?", act: ActFollowUp, text: "Deborah Stokes"},
			{msg: "kalau tahun 2010?", act: ActFollowUp, fact: "gge-2009-2010"},
			{msg: "btw presiden indonesia tahun 2004 siapa ya?", act: refusedAny},
		}},
		{"a question with a year and its own content is not a year-only follow-up", []dialogStep{
			{msg: "when was the second OEWG established?", act: ActQuestion, fact: "oewg-2021-2025"},
			{msg: "who chaired it?", act: ActFollowUp, fact: "person-burhan-gafoor"},
			{msg: "Who won the 2022 World Cup?", act: ActOffTopic},
			{msg: "skor persib vs persija 2023 brp?", act: refusedAny},
		}},
		{"a follow-up that the last answer itself holds keeps it", []dialogStep{
			{msg: "what is resolution 73/27?", act: ActQuestion, fact: "ares-73-27"},
			{msg: "who proposed it?", act: ActFollowUp, fact: "ares-73-27"},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
