package bot

import (
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestDialogsInContext: what the chat's last answer adds to reading a message. A
// follow-up the matcher alone would refuse is answered from its suggestion on the last
// answer's subject; a short question that names something is read about the last
// answer when it is refused alone; what an opinion was asked about is what the next
// message leans on; a reaction is small talk; another letter of the norms is its
// sibling; and a question on nothing the base knows stays refused whatever came before.
func TestDialogsInContext(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"a refused follow-up answers from the suggestion on the subject, saying how it read it", []dialogStep{
			{msg: "GGE itu apa sih?", act: ActQuestion, fact: "gge-overview"},
			{msg: "trus capaiannya apa?", act: ActFollowUp, fact: "gge-reports-overview", text: "Saya membaca pertanyaan Anda sebagai"},
		}},
		{"an opening 'trus' weighs nothing: the follow-up is answered as without it", []dialogStep{
			{msg: "GGE itu apa sih?", act: ActQuestion, fact: "gge-overview"},
			{msg: "trus hasilnya apa?", act: ActFollowUp, fact: "gge-reports-overview", notText: "Saya membaca pertanyaan Anda sebagai"},
		}},
		{"a reaction after a quiz is small talk, not a follow-up", []dialogStep{
			{msg: "/quiz", act: ActCommand},
			{msg: "B", act: ActQuizAnswer},
			{msg: "haha susah juga", act: ActSmallTalk, notText: "docs.un.org"},
			{msg: "wkwk salah", act: ActSmallTalk, notText: "docs.un.org"},
		}},
		{"after an opinion, 'it' is what the opinion was asked about", []dialogStep{
			{msg: "do you think the UN cybercrime convention is good for human rights?", act: ActOpinion},
			{msg: "who criticised it?", act: ActFollowUp, fact: "cybercrime-convention-criticism"},
		}},
		{"a short question naming a country, refused alone, is about the last answer", []dialogStep{
			{msg: "siapa ketua ad hoc committee cybercrime?", act: ActQuestion, fact: "faouzia-boumaiza-mebarki"},
			{msg: "indonesia jadi apa di situ?", act: ActFollowUp, fact: "indonesia-rapporteur-cybercrime"},
		}},
		{"a thing a body made is followed up by its own name", []dialogStep{
			{msg: "what is the PoC directory?", act: ActQuestion, fact: "poc-directory"},
			{msg: "when did it launch?", act: ActFollowUp, fact: "poc-directory-launch"},
		}},
		{"another letter of the norms", []dialogStep{
			{msg: "norma 13(f) isinya apa?", act: ActQuestion, fact: "norm-13f-critical-infrastructure"},
			{msg: "yang (k)?", act: ActFollowUp, fact: "norm-13k-emergency-response-teams"},
		}},
		{"nothing the base knows stays refused after an answer", []dialogStep{
			{msg: "kapan UN convention against cybercrime diadopsi?", act: ActQuestion},
			{msg: "Who won the 2022 World Cup?", act: refusedAny},
			{msg: "siapa presiden brazil sekarang?", act: refusedAny},
		}},
	}
	runDialogs(t, base, dialogs, time.Minute)
}
