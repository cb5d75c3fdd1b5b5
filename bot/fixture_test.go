package bot

import (
	"context"
	"testing"
)

func groupMsg(chat, user, text string) *Message {
	return &Message{Platform: "test", ChatID: chat, ChatKind: Group, UserID: user, UserName: "name-" + user, Text: text, Addressed: true}
}

func privateMsg(chat, text string) *Message {
	return &Message{Platform: "test", ChatID: chat, ChatKind: Private, UserID: "u-" + chat, UserName: "Ayu", Text: text, Addressed: true, IsAdmin: true}
}

func send(t *testing.T, b *Bot, m *Message) *Reply {
	t.Helper()
	return b.Handle(context.Background(), m)
}
