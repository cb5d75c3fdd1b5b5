package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// BenchQuestion measures one answered question through the bot on s: the inbox keeps
// the update (when s has an inbox), the bot reads the chat's record, answers from the
// embedded facts and records the last answer, and the update is finished. Chats rotate
// over 100 keys, as a busy deployment's would.
func BenchQuestion(b *testing.B, s Store) {
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	brain := standard.New(base, nil, bot.Options{Store: s})
	benchUpdates(b, s, func(ctx context.Context, id int64) {
		m := &bot.Message{Platform: "test", ChatID: fmt.Sprint(id % 100), ChatKind: bot.Group, UserID: "u",
			UserName: "Ayu", Text: "/ask what is the 2015 GGE report?", Addressed: true}
		if brain.Handle(ctx, m) == nil {
			b.Fatal("no reply")
		}
	})
}

// BenchStoreCalls measures only the store calls of one answered question (hold, read
// the chat, record the last answer, finish), without the bot's own work.
func BenchStoreCalls(b *testing.B, s Store) {
	benchUpdates(b, s, func(ctx context.Context, id int64) {
		key := fmt.Sprintf("test:%d", id%100)
		if _, err := s.Chat(ctx, key); err != nil {
			b.Fatal(err)
		}
		if err := s.UpdateChat(ctx, key, func(c *bot.Chat) { c.Last = bot.LastAnswer{FactID: "gge-2015-report", At: time.Now()} }); err != nil {
			b.Fatal(err)
		}
	})
}

// benchUpdates runs handle for one incoming update after another, in parallel, each
// held in s's inbox before and finished after (when s has an inbox), as an adapter does.
func benchUpdates(b *testing.B, s Store, handle func(ctx context.Context, id int64)) {
	in, _ := s.(Inbox)
	ctx := context.Background()
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := next.Add(1)
			if in != nil {
				if _, err := in.HoldUpdate(ctx, "bench", id, []byte(`{}`), time.Now()); err != nil {
					b.Fatal(err)
				}
			}
			handle(ctx, id)
			if in != nil {
				if err := in.FinishUpdate(ctx, "bench", id); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
