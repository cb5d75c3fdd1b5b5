package discord

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/testbrain"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

var brainCache testbrain.Cache

// realBrain is the real bot over the embedded fact base (shared: tests use distinct chats).
func realBrain(t testing.TB) *bot.Bot { return brainCache.Get(t, bot.Options{}) }

// running is an adapter serving in the background.
type running struct {
	a      *Adapter
	logs   *syncbuf.Buffer
	cancel context.CancelFunc
	done   chan error
}

// stop cancels Run and waits for it: in-flight replies are finished when it returns.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("Run returned %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Run did not return after cancellation")
	}
	if strings.Contains(r.logs.String(), strings.TrimPrefix(testToken, "Bot ")) {
		t.Fatalf("the token appears in the logs:\n%s", r.logs)
	}
}

func testConfig() Config {
	return Config{Token: testToken, APIURL: fakeBase, GuildIDs: []string{testGuild}, ShutdownTimeout: 5 * time.Second}
}

// newTestAdapter builds an adapter over b with logs captured.
func newTestAdapter(t *testing.T, cfg Config, b brain) (*Adapter, *syncbuf.Buffer) {
	t.Helper()
	logs := &syncbuf.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	a, err := newAdapter(cfg, b, log)
	if err != nil {
		t.Fatal(err)
	}
	return a, logs
}

// startGateway runs an adapter in gateway mode against f and waits for READY.
func startGateway(t *testing.T, f *fakeDiscord, b brain, tune func(*Adapter)) *running {
	t.Helper()
	a, logs := newTestAdapter(t, testConfig(), b)
	if tune != nil {
		tune(a)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{a: a, logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- a.Run(ctx) }()
	t.Cleanup(cancel)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("adapter logs:\n%s", logs)
		}
	})
	f.waitGateway(t, "ready")
	return r
}

// slashCommand is an INTERACTION_CREATE payload for a slash command used in the guild.
func slashCommand(id, name string, options []map[string]any) map[string]any {
	return interaction(id, 2, map[string]any{"id": "600000000000000001", "name": name, "type": 1, "options": options}, true)
}

func interaction(id string, typ int, data map[string]any, guild bool) map[string]any {
	i := map[string]any{
		"id": id, "application_id": testApp, "type": typ, "data": data,
		"channel_id": testChan, "token": "itoken-" + id, "version": 1, "locale": "en-US",
	}
	user := map[string]any{"id": testUser, "username": "student", "global_name": "Student"}
	if guild {
		i["guild_id"] = testGuild
		i["member"] = map[string]any{"user": user, "nick": "", "roles": []string{}, "permissions": "0"}
	} else {
		i["user"] = user
		i["channel_id"] = testDM
	}
	return i
}

func option(name string, typ int, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// message is a MESSAGE_CREATE payload.
func message(id, channel, guild, author, content string, authorIsBot bool, mentions ...string) map[string]any {
	m := map[string]any{
		"id": id, "channel_id": channel, "content": content, "type": 0,
		"author":   map[string]any{"id": author, "username": "someone", "bot": authorIsBot},
		"mentions": []any{},
	}
	var ms []any
	for _, u := range mentions {
		ms = append(ms, map[string]any{"id": u, "username": "cyberdiplo", "bot": true})
	}
	if ms != nil {
		m["mentions"] = ms
	}
	if guild != "" {
		m["guild_id"] = guild
		m["member"] = map[string]any{"roles": []string{}}
	}
	return m
}

// answeredQuestion finds a curated question the brain answers with sources, so tests do
// not depend on wording the matcher may change.
func answeredQuestion(t testing.TB, b *bot.Bot) (string, *bot.Reply) {
	t.Helper()
	for _, f := range b.Base().Facts() {
		for _, q := range f.Questions(knowledge.EN) {
			r := b.Handle(context.Background(), &bot.Message{Platform: "probe", ChatID: "probe", ChatKind: bot.Private,
				UserID: "probe", Text: "/ask " + q, Addressed: true, LocaleHint: "en-US"})
			if r != nil && r.Kind == bot.KindAnswer && len(r.Sources) > 0 && r.FactID == f.ID {
				return q, r
			}
		}
	}
	t.Fatal("the brain answers none of the curated questions")
	return "", nil
}

// slowBrain holds every Handle until released.
type slowBrain struct {
	brain
	entered chan struct{}
	release chan struct{}
}

func (s *slowBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	s.entered <- struct{}{}
	<-s.release
	return s.brain.Handle(ctx, m)
}
