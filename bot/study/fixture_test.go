package study

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func studyBase(t testing.TB) *knowledge.Base { return studyfix.Base(t) }

// fakeClock is the tests' settable clock.
type fakeClock = studyfix.Clock

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
	clock := studyfix.NewClock(time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC))
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
