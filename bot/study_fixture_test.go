package bot

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func studyBase(t testing.TB) *knowledge.Base { return studyfix.Base(t) }

// studyScript is what the scripted matcher answers in the study tests; follow-ups are
// checked by the rewritten question they produce.
var studyScript = map[string]scripted{
	"what was the first oewg?":          {lang: knowledge.EN, answer: "oewg-2019-2021"},
	"apa itu oewg pertama?":             {lang: knowledge.ID, answer: "oewg-2019-2021"},
	"who chaired oewg 2019–2021?":       {lang: knowledge.EN, answer: "oewg-2019-2021"},
	"siapa ketua oewg 2019–2021?":       {lang: knowledge.ID, answer: "oewg-2019-2021"},
	"what did the 2015 gge report say?": {lang: knowledge.EN, answer: "gge-2015-report"},
	"gge consensus report 2021":         {lang: knowledge.EN, answer: "gge-2021-report"},
	"what did the gge say?":             {lang: knowledge.EN, suggest: []string{"gge-2015-report", "gge-2021-report"}},
	"who won the world cup?":            {lang: knowledge.EN},
}

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

// newStudyBot builds a bot over the study fixture with a fake clock and a fixed quiz
// seed; store nil means in memory.
func newStudyBot(t testing.TB, store Store) (*Bot, *fakeClock) {
	t.Helper()
	base := studyBase(t)
	b := newBot(base, scriptMatcher{base: base, script: studyScript}, Options{Store: store})
	clock := &fakeClock{now: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)}
	b.now = clock.Now
	b.study.rng = rand.New(rand.NewPCG(1, 2))
	return b, clock
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
