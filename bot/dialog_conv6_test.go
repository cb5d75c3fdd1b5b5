package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestFollowUpsAskingAStatesPart: a short follow-up naming a state and nothing else
// of its own asks that state's part in the conversation's subject, answered from the
// fact around it that names the state, not from the state's best-known fact; one
// that also names another subject of its own is a new question.
func TestFollowUpsAskingAStatesPart(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"Indonesia's part in the Budapest Convention, then another state's", []dialogStep{
			{msg: "apa itu konvensi budapest?", act: ActQuestion, fact: "budapest-convention"},
			{msg: "indonesia udah jadi pihak belum?", act: ActFollowUp, fact: "indonesia-not-budapest-party"},
			{msg: "kalo filipina?", act: ActFollowUp, fact: "philippines-budapest"},
		}},
		{"Indonesia's part in a GGE, in English", []dialogStep{
			{msg: "who chaired the GGE 2012-2013?", act: ActQuestion},
			{msg: "did Indonesia take part?", act: ActFollowUp, fact: "indonesia-in-gges"},
		}},
		{"what a state said of the subject, asked below the usual follow-up score", []dialogStep{
			{msg: "kapan Majelis Umum mengesahkan laporan OEWG pertama?", act: ActQuestion, fact: "oewg-2019-2021-ga-endorsement"},
			{msg: "terus rusia bilang apa?", act: ActFollowUp, fact: "oewg-2019-2021-russia-reaction"},
		}},
		{"a state named alone after the Hanoi convention", []dialogStep{
			{msg: "konvensi kejahatan siber PBB diteken di kota mana?", act: ActQuestion},
			{msg: "trus AS gimana?", act: ActFollowUp, fact: "cybercrime-convention-who-signed"},
		}},
		{"a state with a subject of its own is a new question", []dialogStep{
			{msg: "apa itu konvensi budapest?", act: ActQuestion, fact: "budapest-convention"},
			{msg: "indonesia ikut GGE ga?", act: ActQuestion, fact: "indonesia-in-gges"},
		}},
		{"a follow-up rewritten around the last answer keeps the language it was asked in", []dialogStep{
			{msg: "apa itu konvensi hanoi?", act: ActQuestion, fact: "cybercrime-convention"},
			// Rewritten with the convention's name, the question read as English.
			{msg: "kapan diadopsi?", act: ActFollowUp, fact: "ares-79-243", text: "Pada 24 Desember 2024", notText: "On 24 December"},
			{msg: "udah berlaku belum?", act: ActFollowUp, text: "berlaku"},
		}},
		{"an office named alone is a new question, answered in the question's language", []dialogStep{
			{msg: "apa itu konvensi hanoi?", act: ActQuestion, fact: "cybercrime-convention"},
			// The base holds no fact on who the Secretary-General is: refused, not the
			// Hanoi convention's adopting resolution read as a follow-up, and in Indonesian.
			{msg: "siapa sekjen PBB?", act: ActQuestion, noFact: true, text: "tidak yakin"},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
