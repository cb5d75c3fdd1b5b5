package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
)

// countingStore counts the chat-record calls a message costs (each is a database round
// trip on SQLite or PostgreSQL).
type countingStore struct {
	Store
	reads, writes atomic.Int64
}

func (c *countingStore) Chat(ctx context.Context, key string) (Chat, error) {
	c.reads.Add(1)
	return c.Store.Chat(ctx, key)
}

func (c *countingStore) UpdateChat(ctx context.Context, key string, fn func(*Chat)) error {
	c.writes.Add(1)
	return c.Store.UpdateChat(ctx, key, fn)
}

// BenchmarkChatStoreCalls reports the chat-record reads and writes per message through
// the whole chain: a message reads its chat once and writes it at most once.
func BenchmarkChatStoreCalls(b *testing.B) {
	for _, tc := range []struct{ name, text string }{
		{"question", "what was the first OEWG?"},
		{"source", "/source"},
		{"help", "/help"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			st := &countingStore{Store: NewMemoryStore()}
			base := studyfix.Base(b)
			bt := newBot(base, studyfix.Script{Base: base, Verdicts: studyfix.StudyScript}, shipped(Options{Store: st}))
			ctx := context.Background()
			bt.Handle(ctx, privateMsg("p", "what was the first OEWG?")) // a last answer for /source
			st.reads.Store(0)
			st.writes.Store(0)
			b.ReportAllocs()
			for b.Loop() {
				if bt.Handle(ctx, privateMsg("p", tc.text)) == nil {
					b.Fatal("no reply")
				}
			}
			b.ReportMetric(float64(st.reads.Load())/float64(b.N), "chat-reads/op")
			b.ReportMetric(float64(st.writes.Load())/float64(b.N), "chat-writes/op")
		})
	}
}

// unreadableStore cannot read a chat's record (a database gone away).
type unreadableStore struct{ Store }

func (unreadableStore) Chat(context.Context, string) (Chat, error) {
	return Chat{}, errors.New("database is locked")
}

// TestUnreadableChatIsLoggedOnce: when the chat's record cannot be read, the question
// is still answered, and the operator sees one log line for the message, not one per
// part of the bot that needs the record.
func TestUnreadableChatIsLoggedOnce(t *testing.T) {
	var logs bytes.Buffer
	base := studyfix.Base(t)
	b := newBot(base, studyfix.Script{Base: base, Verdicts: studyfix.StudyScript}, shipped(Options{
		Store: unreadableStore{NewMemoryStore()}, Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	if r := b.Handle(context.Background(), privateMsg("p", "what was the first OEWG?")); r == nil || r.FactID == "" {
		t.Fatalf("no answer with an unreadable chat record: %#v", r)
	}
	if n := strings.Count(logs.String(), "database is locked"); n != 1 {
		t.Errorf("the read failure is logged %d times, want once:\n%s", n, logs.String())
	}
}
