package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestFollowUpsThatGeneralise: a follow-up naming a sibling of the last answer's
// subject only by what tells them apart ("and the UN one?", "the other one?") asks
// the same angle of the sibling; chatter mid-chat gets no fact; a question naming its
// own subject is not read as a follow-up.
func TestFollowUpsThatGeneralise(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"the sibling named by its owner keeps the angle", []dialogStep{
			{msg: "kapan konvensi kejahatan siber PBB berlaku?", act: ActQuestion, fact: "cybercrime-convention-entry-into-force"},
			{msg: "kalau yang Dewan Eropa punya?", act: ActFollowUp, fact: "budapest-convention-entry-into-force"},
		}},
		{"the sibling named by its owner, in English", []dialogStep{
			{msg: "when did the Budapest Convention come into force?", act: ActQuestion, fact: "budapest-convention-entry-into-force"},
			{msg: "and the UN one?", act: ActFollowUp, fact: "cybercrime-convention-entry-into-force"},
		}},
		{"the other of two bodies", []dialogStep{
			{msg: "who chaired the second OEWG?", act: ActQuestion},
			{msg: "when was it set up?", act: ActFollowUp, fact: "oewg-2021-2025"},
			{msg: "and the other one?", act: ActFollowUp, fact: "oewg-2019-2021"},
		}},
		{"which resolution, from the last answer's symbols", []dialogStep{
			{msg: "siapa ketua OEWG kedua?", act: ActQuestion},
			{msg: "dibentuk kapan?", act: ActFollowUp, fact: "oewg-2021-2025"},
			{msg: "resolusinya apa?", act: ActFollowUp, fact: "oewg-2021-2025"},
		}},
		{"the vote is the resolution's, not the body's", []dialogStep{
			{msg: "when was the first OEWG created?", act: ActQuestion, fact: "oewg-2019-2021"},
			{msg: "and the vote?", act: ActFollowUp, fact: "ares-73-27"},
		}},
		{"a glossary term asked to be defined is a new question", []dialogStep{
			{msg: "siapa yang mengusulkan Programme of Action?", act: ActQuestion},
			{msg: "apa maksudnya konsensus?", act: ActQuestion, fact: "term-consensus"},
			{msg: "what does consensus mean here?", act: ActQuestion, fact: "term-consensus"},
		}},
		{"a bare 'and then?' is what came next", []dialogStep{
			{msg: "kapan Majelis Umum mengadopsi konvensi kejahatan siber PBB?", act: ActQuestion, fact: "ares-79-243"},
			{msg: "terus?", act: ActFollowUp, fact: "cybercrime-convention-hanoi-signing"},
			{msg: "lanjut", act: ActLastAnswer},
		}},
		{"he or dia stays on the person, whatever body word follows", []dialogStep{
			{msg: "siapa Karsten Geier?", act: ActQuestion, fact: "person-karsten-geier"},
			{msg: "dia dari negara mana?", act: ActFollowUp, fact: "person-karsten-geier"},
		}},
		{"another year of the same thing keeps the angle", []dialogStep{
			{msg: "siapa ketua GGE 2013?", act: ActQuestion, fact: "person-deborah-stokes"},
			{msg: "kalo yg 2010?", act: ActFollowUp, fact: "gge-2009-2010"},
		}},
		{"the moment asked in chat spellings is chatter", []dialogStep{
			{msg: "siapa ketua Global Mechanism?", act: ActQuestion},
			{msg: "skrg tahun berapa sih", act: ActOffTopic, noFact: true},
			{msg: "hari ini tanggal brp", act: ActOffTopic, noFact: true},
			{msg: "good morning btw", act: ActSmallTalk, noFact: true},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
