package bot

import (
	"context"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

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
