package telegram

import (
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// BenchmarkUpdatesThroughAdapter measures whole round trips: private questions fetched with
// getUpdates from the fake Bot API, answered by the real bot, rendered and sent back with
// sendMessage, all over loopback HTTP through the real library. Pacing is opened up so the
// figure is the adapter's own capacity, not Telegram's 30 messages per second.
func BenchmarkUpdatesThroughAdapter(b *testing.B) {
	f := newFakeAPI(b)
	f.mu.Lock()
	f.record = false
	f.patience = 10 * time.Minute
	f.mu.Unlock()
	brain := theBrain(b)
	q, _ := answerable(b, brain, knowledge.EN)
	cfg := testConfig(f)
	cfg.PerChatPerSecond = 1e9
	cfg.GroupPerMinute = 1 << 30
	cfg.GlobalPerSecond = 1 << 30
	cfg.Workers = 8
	start(b, cfg, brain)

	updates := make([]tgbotapi.Update, b.N)
	for i := range updates {
		chat := int64(i%256 + 1)
		updates[i] = message(chat, user(chat, "en"), q)
	}
	b.ReportAllocs()
	b.ResetTimer()
	f.push(updates...)
	f.waitFor("all answers", func() bool { return f.sentCount >= b.N })
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkRenderAnswer measures the rendering edge alone: one real answer to HTML, split.
func BenchmarkRenderAnswer(b *testing.B) {
	brain := theBrain(b)
	_, reply := answerable(b, brain, knowledge.EN)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range renderDoc(reply).split(maxMessageUnits) {
			_ = p.html()
		}
	}
}

// BenchmarkAddressing measures turning a group message with an emoji and a mention into
// the bot's message.
func BenchmarkAddressing(b *testing.B) {
	a := &Adapter{me: tgbotapi.User{ID: 4242, UserName: "ThisBot"}, migrated: map[int64]int64{}}
	text := "🇮🇩👋 @ThisBot siapa ketua OEWG 2019-2021?"
	m := &tgbotapi.Message{MessageID: 1, From: &tgbotapi.User{ID: 1, FirstName: "A", LanguageCode: "id"},
		Chat: &tgbotapi.Chat{ID: -100, Type: "supergroup"}, Text: text, Entities: entitiesFor(text)}
	b.ReportAllocs()
	for b.Loop() {
		if in, _ := a.toIncoming(m); in == nil || in.msg.ChatKind != bot.Group {
			b.Fatal("not addressed")
		}
	}
}
