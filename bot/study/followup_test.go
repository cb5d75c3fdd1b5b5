package study

import (
	"context"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

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
	if r := send(t, b, privateMsg("p9", "siapa ketuanya?")); r == nil || r.Kind != bot.KindNotSure {
		t.Fatalf("follow-up leaked into another chat: %#v", r)
	}
	if r := send(t, b, groupMsg("g2", "u1", "/ask who chaired it?")); r == nil || r.Kind != bot.KindNotSure {
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
	if r := send(t, b, privateMsg("p1", "siapa ketuanya?")); r == nil || r.Kind != bot.KindNotSure {
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
