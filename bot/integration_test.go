package bot

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestWithKnowledgeMatcher runs the conversation end to end with the real matcher on
// the test fact set: curated phrasings are answered in their own language with their
// sources, off-topic questions are refused.
func TestWithKnowledgeMatcher(t *testing.T) {
	base, err := knowledge.Load(os.DirFS("testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	tests := []struct {
		text   string
		fact   string // "" = refused
		lang   knowledge.Lang
		source string
	}{
		{"What did the 2015 GGE report say?", "gge-2015-report", knowledge.EN, "https://docs.un.org/en/A/70/174"},
		{"Apa isi laporan GGE 2015?", "gge-2015-report", knowledge.ID, "https://docs.un.org/en/A/70/174"},
		{"What is resolution 70/237?", "res-70-237", knowledge.EN, "https://docs.un.org/en/A/RES/70/237"},
		{"Siapa ketua OEWG pertama?", "oewg-2019-chair", knowledge.ID, "https://www.un.org/disarmament/open-ended-working-group/"},
		{"Kapan konvensi kejahatan siber PBB diadopsi?", "cybercrime-convention-2024", knowledge.ID, "https://docs.un.org/en/A/RES/79/243"},
		{"Who won the 2022 World Cup?", "", knowledge.EN, ""},
		{"Bagaimana cuaca di Jakarta besok?", "", knowledge.ID, ""},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			r := b.Handle(context.Background(), &Message{Platform: "test", ChatID: "it", ChatKind: Private, Addressed: true, Text: tc.text})
			if r == nil {
				t.Fatal("silence")
			}
			out := PlainTextWithButtons(r)
			if tc.fact == "" {
				if r.Kind == KindAnswer || r.Lang != tc.lang {
					t.Errorf("want a refusal in %s, got kind %d in %s:\n%s", tc.lang, r.Kind, r.Lang, out)
				}
				return
			}
			f, _ := base.Get(tc.fact)
			if r.Kind != KindAnswer || r.FactID != tc.fact || r.Lang != tc.lang {
				t.Fatalf("want %s in %s, got kind %d fact %q in %s:\n%s", tc.fact, tc.lang, r.Kind, r.FactID, r.Lang, out)
			}
			if !strings.Contains(out, f.Answer(tc.lang)) || !strings.Contains(out, tc.source) {
				t.Errorf("answer text or source missing:\n%s", out)
			}
		})
	}
}

// BenchmarkHandleEmbedded is one private-chat question through the whole chain with the
// real matcher over the embedded fact base.
func BenchmarkHandleEmbedded(b *testing.B) {
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	bt := New(base, nil, shipped(Options{}))
	ctx := context.Background()
	for _, q := range []string{"What did the 2015 GGE report say?", "Siapa ketua OEWG pertama?", "/timeline 2015"} {
		b.Run(q, func(b *testing.B) {
			m := &Message{Platform: "bench", ChatID: "b", ChatKind: Private, Addressed: true, Text: q}
			b.ReportAllocs()
			for b.Loop() {
				bt.Handle(ctx, m)
			}
		})
	}
}

// BenchmarkAskByKind is one message through Bot.Ask (understanding, premise checks,
// matcher, decision, reply) per kind of message students send.
func BenchmarkAskByKind(b *testing.B) {
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	bt := New(base, nil, shipped(Options{}))
	ctx := context.Background()
	for _, k := range []struct{ kind, q string }{
		{"fact-en", "who chaired the first oewg"},
		{"fact-id", "siapa ketua OEWG pertama?"},
		{"colloquial-typo", "konvensi kejahatn siber pbb itu apa sih"},
		{"symbol", "apa isi A/70/174"},
		{"composed", "kapan OEWG dibentuk?"},
		{"comparison", "Budapest vs UN cybercrime convention"},
		{"nonexistent", "apa isi laporan GGE 2023?"},
		{"opinion", "should Indonesia ratify the cybercrime convention?"},
		{"greeting", "pagi semua"},
		{"offtopic", "resep nasi goreng dong"},
	} {
		b.Run(k.kind, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bt.Ask(ctx, k.q, "")
			}
		})
	}
}
