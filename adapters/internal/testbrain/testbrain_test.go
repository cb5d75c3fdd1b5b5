package testbrain

import (
	"context"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// TestGetBuildsOneAnsweringBot: the cached bot answers, and a second Get is the same bot.
func TestGetBuildsOneAnsweringBot(t *testing.T) {
	var c Cache
	b := c.Get(t, bot.Options{})
	if c.Get(t, bot.Options{BotName: "@other"}) != b {
		t.Fatal("a second Get built another bot")
	}
	r := b.Handle(context.Background(), &bot.Message{Platform: "test", ChatID: "1", ChatKind: bot.Private, UserID: "u",
		Text: "/help", Addressed: true})
	if r == nil {
		t.Fatal("no reply to /help")
	}
}
