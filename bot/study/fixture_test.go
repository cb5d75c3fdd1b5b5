package study

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func studyBase(t testing.TB) *knowledge.Base { return studyfix.Base(t) }

// fakeClock is a settable clock for the study features.
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

// studyBot is a bot with the study feature, and the feature, as the tests drive them.
type studyBot struct {
	*bot.Bot
	*Feature
	clock *fakeClock // the bot's clock; a test may give it another's
}

// newStudyBot builds a bot over the study fixture with a fake clock and a fixed quiz
// seed; store nil means in memory.
func newStudyBot(t testing.TB, store bot.Store) (*studyBot, *fakeClock) {
	t.Helper()
	base := studyBase(t)
	clock := &fakeClock{now: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)}
	sb := &studyBot{Feature: New(Options{Rand: rand.New(rand.NewPCG(1, 2))}), clock: clock}
	sb.Bot = bot.New(base, nil, bot.Options{Store: store, Matcher: studyfix.Script{Base: base, Verdicts: studyfix.StudyScript},
		Clock: func() time.Time { return sb.clock.Now() }, Features: []bot.Feature{sb.Feature}})
	return sb, clock
}

func groupMsg(chat, user, text string) *bot.Message {
	return &bot.Message{Platform: "test", ChatID: chat, ChatKind: bot.Group, UserID: user, UserName: "name-" + user, Text: text, Addressed: true}
}

func privateMsg(chat, text string) *bot.Message {
	return &bot.Message{Platform: "test", ChatID: chat, ChatKind: bot.Private, UserID: "u-" + chat, UserName: "Ayu", Text: text, Addressed: true, IsAdmin: true}
}

func send(t *testing.T, b *studyBot, m *bot.Message) *bot.Reply {
	t.Helper()
	return b.Handle(context.Background(), m)
}

func buttonData(r *bot.Reply) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, b.Data)
		}
	}
	return out
}
