package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/fakecluster"
	"github.com/cyberdiplo/cyberdiplo/bot"
)

// gatedBrain answers with a reply naming the message, once its gate is open.
type gatedBrain struct {
	*bot.Bot
	gate chan struct{} // closed: answer
}

func (g gatedBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil
	}
	return &bot.Reply{Kind: bot.KindAnswer, Lang: "en", Blocks: []bot.Block{{Spans: []bot.Span{{Text: "re " + m.Text}}}}}
}

func openGate() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}

// pollReplica starts an adapter named name in polling mode on f, sharing c.
func pollReplica(t *testing.T, f *fakeAPI, c *fakecluster.Cluster, name string, b brain, tune func(*Config)) (*running, *fakecluster.KillSwitch) {
	t.Helper()
	cfg := testConfig(f)
	cfg.InboxSweep = 20 * time.Millisecond
	cfg.PollTimeout = time.Second
	cfg.ShutdownTimeout = 2 * time.Second
	if tune != nil {
		tune(&cfg)
	}
	ks := &fakecluster.KillSwitch{}
	r := startWith(t, cfg, b, func(a *Adapter) {
		rep := c.Replica(name)
		a.SetInbox(rep)
		a.SetLeader(rep)
		a.sendHTTP.Transport = ks
		a.pollHTTP.Transport = ks
	})
	return r, ks
}

// answersByText counts the replies sent per question text ("re <text>").
func answersByText(f *fakeAPI) map[string]int {
	out := map[string]int{}
	for _, c := range f.callsOfLocked("sendMessage") {
		if c.Get("failed") == "" {
			out[visible(c.Get("text"))]++
		}
	}
	return out
}

// questions pushes n numbered messages to chats of their own, starting at from.
func questions(f *fakeAPI, from, n int) {
	var us []tgbotapi.Update
	for i := from; i < from+n; i++ {
		chat := int64(40_000 + i%17)
		us = append(us, message(chat, user(chat, "en"), fmt.Sprintf("q%d", i)))
	}
	f.push(us...)
}

// waitAnswered waits until questions 0..n-1 all have a reply, then checks each has exactly one.
func waitAnswered(t *testing.T, f *fakeAPI, n int) {
	t.Helper()
	f.waitFor(fmt.Sprintf("%d questions answered", n), func() bool {
		got := answersByText(f)
		for i := range n {
			if got[fmt.Sprintf("re q%d", i)] == 0 {
				return false
			}
		}
		return true
	})
	f.mu.Lock()
	got := answersByText(f)
	f.mu.Unlock()
	for i := range n {
		if k := got[fmt.Sprintf("re q%d", i)]; k != 1 {
			t.Errorf("q%d answered %d times, want once", i, k)
		}
	}
}

// With three polling replicas on one token, exactly one polls; when it stops, another takes
// over, and when that one dies mid-stream, the third does: every message sent meanwhile is
// answered exactly once.
func TestPollingReplicasHandOver(t *testing.T) {
	f := newFakeAPI(t)
	c := fakecluster.New()
	b := theBrain(t)
	lease := "telegram-poll:4242"

	r1, _ := pollReplica(t, f, c, "r1", gatedBrain{Bot: b, gate: openGate()}, nil)
	f.waitFor("r1 polling", func() bool { return len(f.callsOfLocked("getUpdates")) > 0 })
	gate2 := make(chan struct{})
	r2, kill2 := pollReplica(t, f, c, "r2", gatedBrain{Bot: b, gate: gate2}, nil)
	r3, _ := pollReplica(t, f, c, "r3", gatedBrain{Bot: b, gate: openGate()}, nil)
	if h := c.LeaseHolder(lease); h != "r1" {
		t.Fatalf("lease held by %q, want r1 (started first)", h)
	}
	for _, r := range []*running{r2, r3} {
		if h := r.a.Health(); !h.Standby || r.a.Ready(context.Background()) != nil {
			t.Errorf("a replica waiting for the lease is not a ready standby: %+v", h)
		}
	}

	// Phase 1: r1 answers, then stops gracefully while questions keep coming.
	questions(f, 0, 40)
	waitAnswered(t, f, 40)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 40; i < 120; i += 10 {
			questions(f, i, 10)
			time.Sleep(5 * time.Millisecond)
		}
	}()
	if err := r1.stop(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	// r2 or r3 takes over; r2 holds its answers until the gate opens, so if it leads the
	// messages wait in its hands (in the inbox).
	f.waitFor("another replica leading", func() bool {
		h := c.LeaseHolder(lease)
		return h == "r2" || h == "r3"
	})
	leader := c.LeaseHolder(lease)
	if leader == "r3" {
		// Make r2 the leader for the kill: stop r3 gracefully, as r1.
		if err := r3.stop(); err != nil {
			t.Fatal(err)
		}
		f.waitFor("r2 leading", func() bool { return c.LeaseHolder(lease) == "r2" })
		r3, _ = pollReplica(t, f, c, "r3b", gatedBrain{Bot: b, gate: openGate()}, nil)
	}
	// Phase 2: r2 leads and takes questions it cannot answer yet; then it dies.
	questions(f, 120, 30)
	f.waitFor("r2 took the questions", func() bool { return c.Holds("r2", "telegram") })
	kill2.Kill()
	c.Kill("r2")
	close(gate2) // its replies now fail: the process is gone
	questions(f, 150, 30)
	waitAnswered(t, f, 180)
	if h := c.LeaseHolder(lease); h != "r3" && h != "r3b" {
		t.Errorf("lease held by %q after r2 died, want the third replica", h)
	}
	if h := r3.a.Health(); h.Standby || !h.Connected {
		t.Errorf("the new leader's health: %+v", h)
	}
	_ = r2.stop()
}

// A graceful stop confirms the offset before giving up the lease, so the next leader's
// first getUpdates does not re-read what was answered.
func TestPollingLeaderConfirmsBeforeReleasing(t *testing.T) {
	f := newFakeAPI(t)
	c := fakecluster.New()
	b := gatedBrain{Bot: theBrain(t), gate: openGate()}
	r1, _ := pollReplica(t, f, c, "r1", b, nil)
	questions(f, 0, 5)
	waitAnswered(t, f, 5)
	r2, _ := pollReplica(t, f, c, "r2", b, nil)
	if err := r1.stop(); err != nil {
		t.Fatal(err)
	}
	f.waitFor("r2 polling", func() bool { return c.LeaseHolder("telegram-poll:4242") == "r2" })
	if off := f.confirmedOffset(); off <= 104 {
		t.Errorf("offset confirmed at the hand-over: %d, want past the 5 answered updates (100-104)", off)
	}
	questions(f, 5, 5)
	waitAnswered(t, f, 10)
	_ = r2.stop()
}

// The inbox sweep answers what a dead replica had taken; "only at start" never sweeps again.
func TestInboxSweep(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sweep time.Duration
		want  bool
	}{
		{"periodic", 20 * time.Millisecond, true},
		{"only at start", -1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			c := fakecluster.New()
			// An update the dead replica took and never answered.
			dead := c.Replica("dead")
			u := message(40_001, user(40_001, "en"), "q0")
			u.UpdateID = 7
			payload, _ := json.Marshal(u)
			if _, err := dead.HoldUpdate(context.Background(), "telegram", 7, payload, time.Now()); err != nil {
				t.Fatal(err)
			}
			r, _ := pollReplica(t, f, c, "live", gatedBrain{Bot: theBrain(t), gate: openGate()},
				func(cfg *Config) { cfg.InboxSweep = tc.sweep })
			// The replica started while "dead" was alive; it dies now.
			c.Kill("dead")
			if tc.want {
				waitAnswered(t, f, 1)
				return
			}
			// Sync point: a fresh question is answered, and the dead one's still is not.
			questions(f, 1, 1)
			f.waitFor("q1 answered", func() bool { return answersByText(f)["re q1"] == 1 })
			_ = r.stop()
			f.mu.Lock()
			defer f.mu.Unlock()
			if n := answersByText(f)["re q0"]; n != 0 {
				t.Errorf("swept with inbox_sweep < 0: q0 answered %d times", n)
			}
		})
	}
}

// Webhook mode with several replicas behind a load balancer: without a configured secret
// every replica derives the same one (so Telegram's posts are accepted by any), an update
// delivered to two replicas or twice to one is answered once, and a wrong secret is refused.
func TestWebhookReplicasAnswerOnce(t *testing.T) {
	f := newFakeAPI(t)
	c := fakecluster.New()
	b := gatedBrain{Bot: theBrain(t), gate: openGate()}
	var urls []string
	var reps []*running
	for _, name := range []string{"w1", "w2"} {
		cfg := testConfig(f)
		cfg.Mode, cfg.WebhookURL, cfg.Listen = ModeWebhook, "https://bot.example.org/hook", "127.0.0.1:0"
		r := startWith(t, cfg, b, func(a *Adapter) { a.SetInbox(c.Replica(name)) })
		r.a.mu.Lock()
		urls = append(urls, "http://"+r.a.webhookAddr+"/hook")
		r.a.mu.Unlock()
		reps = append(reps, r)
	}
	hooks := f.callsOf("setWebhook")
	if len(hooks) != 2 || hooks[0].Get("secret_token") == "" || hooks[0].Get("secret_token") != hooks[1].Get("secret_token") {
		t.Fatalf("replicas set different or empty secrets: %d setWebhook calls", len(hooks))
	}
	secret := hooks[0].Get("secret_token")
	post := func(url, sec string, u tgbotapi.Update) int {
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
		req.Header.Set(secretHeader, sec)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const n = 30
	for i := range n {
		u := message(int64(41_000+i), user(int64(41_000+i), "en"), fmt.Sprintf("q%d", i))
		u.UpdateID = 500 + i
		// Round robin, then the redelivery to the other replica and to the same one.
		for _, url := range []string{urls[i%2], urls[(i+1)%2], urls[i%2]} {
			if code := post(url, secret, u); code != http.StatusOK {
				t.Fatalf("update %d: status %d", u.UpdateID, code)
			}
		}
	}
	if code := post(urls[0], "wrong", message(1, user(1, "en"), "x")); code != http.StatusForbidden {
		t.Errorf("wrong secret: status %d, want 403", code)
	}
	waitAnswered(t, f, n)
	for _, r := range reps {
		if err := r.stop(); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(r.logs.String(), secret) {
			t.Error("the derived webhook secret appears in the logs")
		}
	}
	if got := c.FinishedCount("telegram"); got != n {
		t.Errorf("%d updates finished in the shared inbox, want %d", got, n)
	}
}
