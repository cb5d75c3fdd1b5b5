package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestRequestsAndChatterAfterAnswer: after an answer, a request about it in words
// ("where did you get that", "bisa dijelasin lebih detail?") is about that answer and
// gets no new fact; asking the time or the date is chatter outside the field, never a
// follow-up and never a fact; a real follow-up still works after either.
func TestRequestsAndChatterAfterAnswer(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"where an answer came from, asked in words", []dialogStep{
			{msg: "what is the Paris Call?", act: ActQuestion, fact: "paris-call"},
			{msg: "where did you get that", act: ActLastAnswer, noFact: true},
			{msg: "where's that from?", act: ActLastAnswer, noFact: true},
			{msg: "got a link?", act: ActLastAnswer, noFact: true},
			{msg: "dapet dari mana kak?", act: ActLastAnswer, noFact: true},
		}},
		{"a one-word request takes the chat's language", []dialogStep{
			// "sumbernya?" alone carries no function word; the words a student asks
			// for sources with are Indonesian markers, so the reply stays Indonesian.
			{msg: "apa itu OEWG?", act: ActQuestion},
			{msg: "sumbernya?", act: ActLastAnswer, noFact: true, text: "Sumber untuk"},
			{msg: "referensinya", act: ActLastAnswer, noFact: true, text: "Sumber untuk"},
		}},
		{"a short Indonesian follow-up is answered in Indonesian", []dialogStep{
			// "indonesia ikut ttd?" holds no function word either; "ikut" is a marker.
			{msg: "konvensi cybercrime PBB ditandatangani di mana?", act: ActQuestion},
			{msg: "indonesia ikut ttd?", act: ActFollowUp, fact: "indonesia-hanoi-signature", text: "Apakah Indonesia menandatangani"},
		}},
		{"a place asked in Indonesian is answered in Indonesian", []dialogStep{
			// The place is rewritten as the thing's Indonesian name ("GGE keenam"),
			// not its English one, so the answer keeps the question's language.
			{msg: "siapa ketua GGE ketiga?", act: ActQuestion},
			{msg: "kalo yg keenam?", act: ActFollowUp, fact: "gge-2019-2021", text: "GGE keenam"},
		}},
		{"more of an answer, asked in words", []dialogStep{
			// Answered since "which resolution created X" is read from X's symbols;
			// "more" then goes on to the answer's related facts, as a request about
			// the last answer, not as a new question.
			{msg: "OEWG pertama dibentuk lewat resolusi apa?", act: ActQuestion, fact: "ares-73-27"},
			{msg: "bisa dijelasin lebih detail?", act: ActLastAnswer},
			{msg: "bisa jelasin lebih lengkap ga", act: ActLastAnswer},
			{msg: "can you expand on that", act: ActLastAnswer},
		}},
		{"the time or the date is not a follow-up", []dialogStep{
			{msg: "what is the Global Mechanism?", act: ActQuestion},
			{msg: "what year is it now?", act: ActOffTopic, noFact: true},
			{msg: "what day is it today?", act: ActOffTopic, noFact: true},
			{msg: "udah jam segini", act: ActOffTopic, noFact: true},
			{msg: "sekarang jam berapa?", act: ActOffTopic, noFact: true},
			{msg: "thanks, what's the date today btw", act: ActOffTopic, noFact: true},
			{msg: "when will it be reviewed?", act: ActFollowUp, fact: "global-mechanism-review-2031"},
		}},
		{"a place in the series of the last answer: next, previous, by ordinal", []dialogStep{
			{msg: "what was the fourth GGE?", act: ActQuestion, fact: "gge-2014-2015"},
			{msg: "and the next one?", act: ActFollowUp, fact: "gge-2016-2017"},
			{msg: "kalau yang sebelumnya?", act: ActFollowUp, fact: "gge-2014-2015"},
			{msg: "and the second?", act: ActFollowUp, fact: "gge-2009-2010"},
		}},
		{"a place in a lettered list", []dialogStep{
			{msg: "apa isi norma 13f?", act: ActQuestion, fact: "norm-13f-critical-infrastructure"},
			{msg: "yang berikutnya?", act: ActFollowUp, fact: "norm-13g-protect-own-infrastructure"},
			{msg: "and the second one?", act: ActFollowUp, fact: "norm-13b-consider-all-information"},
		}},
		{"the other working group by its ordinal", []dialogStep{
			{msg: "siapa ketua OEWG pertama?", act: ActQuestion},
			{msg: "kalau yang kedua?", act: ActFollowUp, fact: "person-burhan-gafoor"},
		}},
		{"what happened next is the next dated fact around the last answer", []dialogStep{
			{msg: "when did the GA adopt the UN cybercrime convention?", act: ActQuestion, fact: "ares-79-243"},
			{msg: "what happened next?", act: ActFollowUp, fact: "cybercrime-convention-hanoi-signing"},
		}},
		{"habis itu gimana, in Indonesian", []dialogStep{
			{msg: "kapan OEWG pertama mengadopsi laporan akhirnya?", act: ActQuestion, fact: "oewg-2019-2021-report"},
			{msg: "habis itu gimana?", act: ActFollowUp, fact: "oewg-2019-2021-ga-endorsement"},
		}},
		{"which document, asked bare, is the last answer's", []dialogStep{
			{msg: "who chaired the first OEWG?", act: ActQuestion, fact: "person-jurg-lauber"},
			{msg: "when was it created?", act: ActFollowUp, fact: "oewg-2019-2021"},
			{msg: "which resolution?", act: ActFollowUp, fact: "ares-73-27"},
			{msg: "what is the Paris Call?", act: ActQuestion, fact: "paris-call"},
		}},
		{"a question with a year is still a question", []dialogStep{
			{msg: "what year did the Budapest Convention enter into force?", act: ActQuestion, fact: "budapest-convention-entry-into-force"},
			{msg: "jelaskan norma 13f", act: ActQuestion, fact: "norm-13f-critical-infrastructure"},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
