package bot

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/followup"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestResolveFollowUp(t *testing.T) {
	base := studyBase(t)
	r, m := followup.New(base), knowledge.NewMatcher(base)
	oewg, report := "oewg-2019-2021", "gge-2015-report"
	tests := []struct {
		name string
		q    string
		last string
		want string // "" = not a follow-up
	}{
		{"EN who chaired it", "who chaired it?", oewg, "who chaired OEWG 2019–2021?"},
		{"ID siapa ketuanya", "siapa ketuanya?", oewg, "siapa ketua OEWG 2019–2021?"},
		{"EN when was that", "when was that?", report, "when was 2015 GGE report?"},
		{"ID kapan itu", "kapan itu?", report, "kapan 2015 GGE report?"},
		{"ID berapa anggotanya", "berapa anggotanya?", oewg, "berapa anggota OEWG 2019–2021?"},
		{"EN its members", "how many were its members?", oewg, "how many were OEWG 2019–2021's members?"},
		{"EN and the 2021 one", "and the 2021 one?", report, "GGE consensus report 2021"},
		{"ID yang 2021", "yang 2021?", report, "GGE consensus report 2021"},
		{"EN what about the vote", "and what about the vote?", oewg, "and what about the vote OEWG 2019–2021?"},
		{"a question naming its subject stands alone", "who chaired the GGE in 2017?", oewg, ""},
		{"a symbol names its subject", "what is A/76/135 about?", oewg, ""},
		{"a lower-case acronym names its subject", "when was it adopted by the gge?", oewg, ""},
		{"the UN in general is not a subject", "kapan PBB mengesahkannya?", report, "kapan PBB mengesahkan 2015 GGE report?"},
		{"shouting is still a follow-up", "WHO CHAIRED IT?", oewg, "WHO CHAIRED OEWG 2019–2021?"},
		{"long questions stand alone", "can you tell me more about how the working group reached consensus in the end?", oewg, ""},
		{"no back-reference", "what are the 11 norms?", oewg, ""},
		{"plain Indonesian -nya words are not references", "sebenarnya apa norma siber?", oewg, ""},
		{"a subject named with itu is a new question", "GGE itu apa?", oewg, ""},
		{"a kind of thing asked about is a new question", "norma itu apa?", oewg, ""},
		{"a bare angle leans on the last answer", "kapan dibentuk?", oewg, "kapan dibentuk OEWG 2019–2021?"},
		{"no previous answer", "who chaired it?", "", ""},
		{"previous fact no longer in the base", "who chaired it?", "gone", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := r.Resolve(tt.q, m.Read(m.Parse(tt.q)), tt.last)
			if ok != (tt.want != "") || got != tt.want {
				t.Fatalf("Resolve(%q) = %q %v, want %q", tt.q, got, ok, tt.want)
			}
		})
	}
}

// TestFollowUpAfterAPerson: after an answer about a person, "he" and "-nya" mean the
// person, while "it", "that" and "itu" mean the body they chaired.
func TestFollowUpAfterAPerson(t *testing.T) {
	facts := append([]studyFact{}, studyFacts...)
	facts = append(facts, studyFact{id: "person-jurg-lauber", kind: "person", topics: []string{"oewg", "people"}, body: "OEWG 2019–2021",
		aliases: []string{"Jürg Lauber", "Lauber"},
		title:   "Jürg Lauber (Switzerland), chair of the first OEWG", answer: "Jürg Lauber of Switzerland chaired the first OEWG (2019–2021)."})
	base, err := knowledge.Load(fstest.MapFS{"study.toml": {Data: []byte(fixtureTOML(facts))}})
	if err != nil {
		t.Fatal(err)
	}
	r, m := followup.New(base), knowledge.NewMatcher(base)
	lauber := "person-jurg-lauber"
	tests := []struct{ q, want string }{
		{"when was that?", "when was OEWG 2019–2021?"},
		{"kapan itu dibentuk?", "kapan OEWG 2019–2021 dibentuk?"},
		{"when did it end?", "when did OEWG 2019–2021 end?"},
		{"where is he from?", "where is Jürg Lauber from?"},
		{"apa jabatannya?", "apa jabatan Jürg Lauber?"},
		{"siapa ketuanya?", "siapa ketua OEWG 2019–2021?"},
		{"kapan dibentuk?", "kapan dibentuk OEWG 2019–2021?"},
	}
	for _, tt := range tests {
		if got, ok := r.Resolve(tt.q, m.Read(m.Parse(tt.q)), lauber); !ok || got != tt.want {
			t.Errorf("Resolve(%q) = %q %v, want %q", tt.q, got, ok, tt.want)
		}
	}
}

// TestFollowUpInConversation checks the follow-up end to end: it is answered from the
// chat's last answer, never from another chat's, and not after the window.
func TestFollowUpInConversation(t *testing.T) {
	b, clock := newStudyBot(t, nil)
	r := send(t, b, groupMsg("g1", "u1", "/ask what was the first OEWG?"))
	if r == nil || r.FactID != "oewg-2019-2021" {
		t.Fatalf("first question: %#v", r)
	}
	clock.Advance(3 * time.Minute)
	if r := send(t, b, groupMsg("g1", "u2", "/ask who chaired it?")); r == nil || r.FactID != "oewg-2019-2021" {
		t.Fatalf("follow-up in the same chat: %#v", r)
	}
	if r := send(t, b, privateMsg("p9", "siapa ketuanya?")); r == nil || r.Kind != KindNotSure {
		t.Fatalf("follow-up leaked into another chat: %#v", r)
	}
	if r := send(t, b, groupMsg("g2", "u1", "/ask who chaired it?")); r == nil || r.Kind != KindNotSure {
		t.Fatalf("follow-up leaked into another group: %#v", r)
	}
	// Indonesian, in a private chat with its own history.
	if r := send(t, b, privateMsg("p1", "apa itu oewg pertama?")); r == nil || r.FactID != "oewg-2019-2021" {
		t.Fatalf("ID question: %#v", r)
	}
	clock.Advance(time.Minute)
	if r := send(t, b, privateMsg("p1", "siapa ketuanya?")); r == nil || r.FactID != "oewg-2019-2021" {
		t.Fatalf("ID follow-up: %#v", r)
	}
	// Each answer restarts the window; past it the follow-up is not understood.
	clock.Advance(FollowUpWindow + time.Minute)
	if r := send(t, b, privateMsg("p1", "siapa ketuanya?")); r == nil || r.Kind != KindNotSure {
		t.Fatalf("follow-up after expiry: %#v", r)
	}
	c, _ := b.store.Chat(context.Background(), "test:p1")
	la := c.Last
	if la.FactID != "oewg-2019-2021" {
		t.Fatalf("last answer %+v", la)
	}
}

// BenchmarkStudyMiddlewareQuestion measures a question through the whole chain with
// the study rules (settings read, follow-up check, last-answer write) on the memory store.
func BenchmarkStudyMiddlewareQuestion(b *testing.B) {
	bt, _ := newStudyBot(b, nil)
	m := privateMsg("p", "what was the first OEWG?")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := bt.Handle(ctx, m); r == nil || r.FactID == "" {
			b.Fatal("no answer")
		}
	}
}

// BenchmarkFollowUpResolution measures Resolve on a follow-up question.
func BenchmarkFollowUpResolution(b *testing.B) {
	base := studyBase(b)
	r, m := followup.New(base), knowledge.NewMatcher(base)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := r.Resolve("siapa ketuanya?", m.Read(m.Parse("siapa ketuanya?")), "oewg-2019-2021"); !ok {
			b.Fatal("not resolved")
		}
	}
}
