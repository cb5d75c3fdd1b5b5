package study

import (
	"context"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

func (s *Feature) handleMute(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	if m.ChatKind == bot.Private {
		return bot.InfoReply(lang, bot.Text(lang, "mute.private"))
	}
	if err := s.store.UpdateChat(ctx, m.ChatKey(), func(c *bot.Chat) { c.Muted = true }); err != nil {
		s.log().Warn("muting", "chat", m.ChatKey(), "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	return bot.InfoReply(lang, bot.Text(lang, "mute.done"))
}

func (s *Feature) handleUnmute(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	was := false
	if err := s.store.UpdateChat(ctx, m.ChatKey(), func(c *bot.Chat) { was, c.Muted = c.Muted, false }); err != nil {
		s.log().Warn("unmuting", "chat", m.ChatKey(), "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	if !was {
		return bot.InfoReply(lang, bot.Text(lang, "unmute.notmuted"))
	}
	return bot.InfoReply(lang, bot.Text(lang, "unmute.done"))
}
