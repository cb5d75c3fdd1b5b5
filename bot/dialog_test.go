package bot

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// dialogCase is one conversation, replayed on a fresh bot.
type dialogCase struct {
	name  string
	steps []dialogStep
}

// refusedAny marks a step that must be refused, whatever act it is read as.
const refusedAny Act = "refused"

// dialogStep is one message of a conversation and what the user must see back.
type dialogStep struct {
	msg     string
	group   bool          // sent in the group chat (addressed to the bot), else private
	advance time.Duration // clock moves before the message (0: the table's default gap)
	act     Act           // "" means no reply (silence)
	fact    string        // the answer rests on this fact ("" = no fact check)
	facts   []string      // a composed answer rests on all of these
	text    string        // the reply's text contains this (case-insensitive)
	notText string        // the reply's text does not contain this
	noFact  bool          // the reply answers from no fact
}

// TestDialogs runs conversations the way students hold them, through the whole brain
// on the embedded facts: follow-ups that lean on the last answer, new questions that
// merely carry "itu"/"it", small talk with vocatives, sources asked for in words, a
// quiz answered with a letter, ambiguous and nonexistent things, and opinions.
func TestDialogs(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs := []dialogCase{
		{"a true follow-up in Indonesian resolves the body, not its chair", []dialogStep{
			{msg: "siapa ketua OEWG pertama?", act: ActQuestion, fact: "person-jurg-lauber"},
			{msg: "kapan dibentuk?", advance: time.Minute, act: ActFollowUp, fact: "oewg-2019-2021", text: "A/RES/73/27"},
		}},
		{"a true follow-up in English", []dialogStep{
			{msg: "What was the second OEWG?", act: ActQuestion, fact: "oewg-2021-2025"},
			{msg: "who chaired it?", advance: time.Minute, act: ActFollowUp, text: "Gafoor"},
		}},
		{"a question naming its subject with itu or it is new, whatever came before", []dialogStep{
			{msg: "siapa ketua OEWG pertama?", act: ActQuestion, fact: "person-jurg-lauber"},
			{msg: "GGE itu apa?", advance: time.Minute, act: ActQuestion, fact: "gge-overview"},
			{msg: "what is the Budapest Convention? is it a UN treaty?", advance: time.Minute, act: ActQuestion, text: "Council of Europe"},
		}},
		{"greetings, thanks and laughter with vocatives get small talk, never a fact", []dialogStep{
			{msg: "pagi semua", act: ActSmallTalk, notText: "docs.un.org"},
			{msg: "halo kak bot 👋", act: ActSmallTalk, notText: "docs.un.org"},
			{msg: "makasih banyak min 🙏", act: ActSmallTalk, text: "sama-sama"},
			{msg: "thanks guys", act: ActSmallTalk, text: "welcome"},
			{msg: "wkwkwk", group: true, act: ""}, // laughter in a group: silence
			{msg: "ok siap", act: ActSmallTalk},
		}},
		{"sources, a citation and more asked for in words", []dialogStep{
			{msg: "apa isi laporan GGE 2015?", act: ActQuestion, fact: "gge-2015-report"},
			{msg: "sumbernya apa?", advance: time.Minute, act: ActLastAnswer, text: "docs.un.org/en/A/70/174"},
			{msg: "linknya dong kak", act: ActLastAnswer, text: "Sumber untuk"}, // in the request's language
			{msg: "cite in APA please", act: ActLastAnswer, text: "APA 7"},
			{msg: "jelasin lagi", act: ActLastAnswer},
		}},
		{"sources in words before any answer say how to get them", []dialogStep{
			{msg: "sumbernya apa?", act: ActLastAnswer, text: "pertanyaan dulu"},
		}},
		{"a quiz answered with a letter in a group", []dialogStep{
			{msg: "/quiz", group: true, act: ActCommand, text: "A"},
			{msg: "yang B kayaknya", group: true, act: ActQuizAnswer},
		}},
		{"a comparison wrapped in chat gets the fact that compares, not the two sides", []dialogStep{
			{msg: "mau nanya dong, perbedaan OEWG dengan GGE itu apa ya, soalnya mirip banget", act: ActQuestion, fact: "oewg-vs-gge"},
			{msg: "so for my essay, GGE vs OEWG: how are they different, I keep mixing them up", act: ActQuestion, fact: "oewg-vs-gge"},
		}},
		{"after an answer, the student's own life and praise are not follow-ups", []dialogStep{
			{msg: "siapa ketua OEWG pertama?", act: ActQuestion, fact: "person-jurg-lauber"},
			{msg: "kapan UAS?", advance: time.Minute, act: ActQuestion, noFact: true},
			{msg: "gimana kabarnya kak?", act: ActSmallTalk, notText: "A/RES/73/27"},
			{msg: "bagus bgt jawabannya", act: ActSmallTalk, notText: "A/RES/73/27"},
			{msg: "lagi ngerjain tugas nih, kapan dibentuk?", act: ActFollowUp, fact: "oewg-2019-2021"},
		}},
		{"two sides that a fact links: the link leads, each side follows", []dialogStep{
			{msg: "how do A/RES/73/27 and A/RES/73/266 differ?", act: ActQuestion, facts: []string{"dual-track", "ares-73-27", "ares-73-266"}},
			{msg: "OEWG 2019-2021 sama OEWG 2021-2025 bedanya apa kak", act: ActQuestion, facts: []string{"oewg-overview", "oewg-2019-2021", "oewg-2021-2025"}},
		}},
		{"the two OEWGs: each with its own source", []dialogStep{
			{msg: "kapan OEWG dibentuk?", act: ActQuestion, facts: []string{"oewg-2019-2021", "oewg-2021-2025"}, text: "A/RES/75/240"},
			{msg: "who chaired the OEWG?", act: ActQuestion, facts: []string{"oewg-2019-2021", "oewg-2021-2025"}, text: "Lauber"},
			{msg: "kapan OEWG pertama dibentuk?", act: ActQuestion, fact: "oewg-2019-2021", text: "5 Desember 2018"},
		}},
		{"the two OEWGs asked when they ended: each report with its date and source; one named gets its own", []dialogStep{
			{msg: "kapan OEWG berakhir?", act: ActQuestion, facts: []string{"oewg-2019-2021-report", "oewg-2021-2025-final-report"}, text: "11 Juli 2025"},
			{msg: "when did the OEWG start?", act: ActQuestion, facts: []string{"oewg-2019-2021-organizational-session", "oewg-2021-2025"}, text: "3–4 June 2019"},
			{msg: "kapan OEWG pertama berakhir?", act: ActQuestion, fact: "oewg-2019-2021-report", notText: "11 Juli 2025"},
			{msg: "when did the third OEWG end?", act: refusedAny},
		}},
		{"a GGE in a year when none met, a symbol that never was, an invented convention", []dialogStep{
			{msg: "apa isi laporan GGE 2023?", act: ActUnknownThing, text: "2019–2021", notText: "A/76/135 (22"},
			{msg: "Siapa ketua GGE ke-7?", act: ActUnknownThing},
			{msg: "A/RES/99/999 isinya apa", act: ActUnknownThing, text: "A/RES/99/999"},
			{msg: "kapan Jakarta Cyber Convention ditandatangani?", act: ActUnknownThing, text: "Jakarta Cyber Convention"},
		}},
		{"the story asked for in words is the timeline, filtered by what it names", []dialogStep{
			{msg: "kronologi GGE dong kak", act: ActCommand, text: "A/RES/58/32", notText: "BSSN"},
			{msg: "show me the timeline", act: ActCommand, text: "A/RES/53/70"},
			{msg: "apa sejarah BSSN", act: ActQuestion, fact: "bssn-history-persandian"},
		}},
		{"opinions and essays get a note and the facts that bear on them", []dialogStep{
			{msg: "should Indonesia ratify the UN cybercrime convention?", act: ActOpinion, text: "facts"},
			{msg: "menurutmu OEWG efektif gak?", act: ActOpinion, text: "fakta"},
			{msg: "buatin esai tentang norma siber dong", act: ActOpinion, text: "esai"},
			{msg: "konvensi hanoi bakal berlaku kapan?", act: ActQuestion, fact: "cybercrime-convention-entry-into-force"},
			{msg: "kapan Indonesia bakal tanda tangan konvensi Hanoi?", act: ActOpinion, text: "fakta"},
			// Whether a past body succeeded is a fact; whether one will is a prediction.
			{msg: "GGE 2017 dulu berhasil nggak?", act: ActQuestion},
			{msg: "Global Mechanism bakal berhasil nggak?", act: ActOpinion, text: "fakta"},
		}},
	}
	runDialogs(t, base, dialogs, 0)
}

// runDialogs replays each conversation on a fresh bot over the embedded facts, moving a
// fake clock before every step by the step's advance or, when it sets none, by gap, and
// checks what the user would see: the act, the facts the answer rests on, the text, and
// that chatter, opinions and corrections are never rendered as an answer.
func runDialogs(t *testing.T, base *knowledge.Base, dialogs []dialogCase, gap time.Duration) {
	t.Helper()
	for _, d := range dialogs {
		t.Run(d.name, func(t *testing.T) {
			b := New(base, nil, Options{Features: StandardFeatures(rand.New(rand.NewPCG(3, 4)))})
			clock := studyfix.NewClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
			b.now = clock.Now
			for i, s := range d.steps {
				checkDialogStep(t, b, clock, i+1, s, gap)
			}
		})
	}
}

func checkDialogStep(t *testing.T, b *Bot, clock *studyfix.Clock, n int, s dialogStep, gap time.Duration) {
	t.Helper()
	advance := s.advance
	if advance == 0 {
		advance = gap
	}
	clock.Advance(advance)
	m := privateMsg("p1", s.msg)
	if s.group {
		m = groupMsg("g1", "u"+string(rune('0'+n)), s.msg)
	}
	r := send(t, b, m)
	if s.act == "" {
		if r != nil {
			t.Errorf("step %d %q: want silence, got %q", n, s.msg, PlainText(r))
		}
		return
	}
	if r == nil {
		t.Errorf("step %d %q: no reply", n, s.msg)
		return
	}
	body := PlainText(r)
	answeredFromFacts := r.Kind == KindAnswer || len(r.Outcome.FactIDs) > 0
	if s.act == refusedAny {
		if answeredFromFacts {
			t.Errorf("step %d %q: answered from %v, want a refusal\n%s", n, s.msg, r.Outcome.FactIDs, body)
		}
		return
	}
	if r.Outcome.Act != s.act {
		t.Errorf("step %d %q: act %q from %v, want %q\n%s", n, s.msg, r.Outcome.Act, r.Outcome.FactIDs, s.act, body)
	}
	if s.fact != "" && !slices.Contains(r.Outcome.FactIDs, s.fact) {
		t.Errorf("step %d %q: answered from %v, want %s\n%s", n, s.msg, r.Outcome.FactIDs, s.fact, body)
	}
	for _, f := range s.facts {
		if !slices.Contains(r.Outcome.FactIDs, f) {
			t.Errorf("step %d %q: composed from %v, want %s among them", n, s.msg, r.Outcome.FactIDs, f)
		}
	}
	if s.noFact && answeredFromFacts {
		t.Errorf("step %d %q: answered from %v, want no fact\n%s", n, s.msg, r.Outcome.FactIDs, body)
	}
	if s.text != "" && !containsFold(body, s.text) {
		t.Errorf("step %d %q: reply lacks %q:\n%s", n, s.msg, s.text, body)
	}
	if s.notText != "" && containsFold(body, s.notText) {
		t.Errorf("step %d %q: reply has %q:\n%s", n, s.msg, s.notText, body)
	}
	if (s.act == ActSmallTalk || s.act == ActOpinion || s.act == ActUnknownThing) && r.Kind == KindAnswer {
		t.Errorf("step %d %q: %s rendered as an answer\n%s", n, s.msg, s.act, body)
	}
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
