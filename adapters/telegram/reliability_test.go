package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// A busy group, its replies paced at Telegram's 20 a minute, must not keep other chats'
// messages from being read and answered.
func TestBusyGroupDoesNotStallOtherChats(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	for _, tc := range []struct {
		name  string
		group int
	}{
		{"150 group questions", 150},
		{"1000 group questions", 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			// Reading a thousand queued updates under -race on a shared two-core machine
			// has taken over 15 s; what is asserted is the order (the private chats are not
			// kept behind the group), not how long the machine took to get there.
			f.patience = 2 * time.Minute
			cfg := testConfig(f)
			// The shipped pacing: 1 message a second per chat, 20 a minute per group, 30 a
			// second overall, replies dropped after a minute.
			cfg.PerChatPerSecond, cfg.GroupPerMinute, cfg.GlobalPerSecond = 0, 0, 0
			cfg.ShutdownTimeout = time.Millisecond
			start(t, cfg, b)
			group := int64(-1_000_000_002_500)
			var flood []tgbotapi.Update
			for i := range tc.group {
				flood = append(flood, message(group, user(int64(10_000+i), "en"), "/ask "+q))
			}
			f.push(flood...)
			began := time.Now()
			var privates []int64
			var msgs []tgbotapi.Update
			for i := range 20 {
				chat := int64(2_500 + i)
				privates = append(privates, chat)
				msgs = append(msgs, message(chat, user(chat, "en"), q))
			}
			f.push(msgs...)
			for _, chat := range privates {
				assertAnswer(t, waitSent(f, chat, 1)[0], want)
			}
			t.Logf("20 private questions behind %d group ones answered in %s", tc.group, time.Since(began).Round(time.Millisecond))
			if n := len(f.sent(group)); n >= tc.group {
				t.Fatalf("the group got all %d replies first; its pace is 20 a minute", n)
			}
			for _, chat := range privates {
				if n := len(f.sent(chat)); n != 1 {
					t.Errorf("chat %d got %d replies, want 1", chat, n)
				}
			}
		})
	}
}

// An update the webhook acknowledged is answered even when the bot stops before its reply
// went out: it stays in the inbox and the next start answers it, once.
func TestWebhookStopKeepsAcknowledgedUpdates(t *testing.T) {
	b := theBrain(t)
	q, _ := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.Mode, cfg.WebhookURL, cfg.Listen, cfg.Secret = ModeWebhook, "https://bot.example.org/hook", "127.0.0.1:0", "sekret"
	cfg.GroupPerMinute, cfg.Burst = 60, 1 // most group replies still wait at the stop
	cfg.MaxReplyAge = time.Hour
	cfg.ShutdownTimeout = time.Millisecond
	cfg.QueueSize = 200
	r := start(t, cfg, b)
	r.a.mu.Lock()
	endpoint := "http://" + r.a.webhookAddr + "/hook"
	r.a.mu.Unlock()

	const n = 60
	group := int64(-1_000_000_002_600)
	for i := 1; i <= n; i++ {
		u := message(group, user(int64(i), "en"), "/ask "+q)
		u.UpdateID, u.Message.MessageID = i, i
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(string(body)))
		req.Header.Set(secretHeader, cfg.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("update %d: %d", i, resp.StatusCode)
		}
	}
	waitSent(f, group, 1)
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	before := len(f.sent(group))
	t.Logf("%d of %d acknowledged updates answered before the stop", before, n)
	if before == n {
		t.Fatal("every reply went out before the stop; the test needs some left waiting")
	}

	// The next start (any mode) answers the rest.
	start(t, testConfig(f), b)
	f.waitFor("every acknowledged update answered", func() bool {
		for i := 1; i <= n; i++ {
			if !f.inbox.isFinished(i) {
				return false
			}
		}
		return true
	})
	replies := map[string]int{}
	for _, m := range f.sent(group) {
		replies[m.Get("reply_parameters")+m.Get("reply_to_message_id")]++
	}
	for i := 1; i <= n; i++ {
		if k := fmt.Sprint(i); replies[k] != 1 {
			t.Errorf("update %d answered %d times, want once", i, replies[k])
		}
	}
}

// A quiet bot is ready as soon as the Bot API answered getMe and deleteWebhook, not only
// once the first long poll returns (up to poll_timeout later).
func TestPollingReadyBeforeTheFirstLongPollReturns(t *testing.T) {
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.PollTimeout = time.Hour // the first poll would return only after an hour
	r := start(t, cfg, theBrain(t))
	f.waitFor("a long poll under way", func() bool { return len(f.callsOfLocked("getUpdates")) >= 1 })
	if h := r.a.Health(); !h.Connected {
		t.Errorf("not ready while polling a quiet bot: %+v", h)
	}
}

// /report must not thank the user when the report could not be saved (a read-only or
// full database): the user is told it was not saved.
func TestReportNotSavedIsSaid(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every write now fails, as on a full disk
	b := standard.New(base, knowledge.NewMatcher(base), bot.Options{BotName: "@ThisBot", Store: st})
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	for _, tc := range []struct {
		chat  int64
		lang  string
		text  string
		thank string
		want  string
	}{
		{2701, "en", "/report the 2015 date is wrong", "Thank you", "not saved"},
		{2702, "id", "/lapor tanggal 2015 salah", "Terima kasih", "tidak tersimpan"},
	} {
		f.push(message(tc.chat, user(tc.chat, tc.lang), tc.text))
		got := visible(waitSent(f, tc.chat, 1)[0].Get("text"))
		if strings.Contains(got, tc.thank) || !strings.Contains(got, tc.want) {
			t.Errorf("%s: reply %q, want one saying %q and no thanks", tc.text, got, tc.want)
		}
	}
}

// Inline queries count against their user's flood limit like messages do: a user typing
// "@bot …" in a loop must not get unlimited work out of the bot.
func TestInlineQueriesAreFloodLimited(t *testing.T) {
	lim, err := limit.New(limit.Config{UserPerMinute: 1, UserBurst: 3}, limit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := newFakeAPI(t)
	startWith(t, testConfig(f), theBrain(t), func(a *Adapter) { a.SetLimiter(lim) })
	var qs []tgbotapi.Update
	for i := range 10 {
		qs = append(qs, tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: fmt.Sprint("iq", i),
			From: &tgbotapi.User{ID: 2801, FirstName: "A", LanguageCode: "en"}, Query: "oewg"}})
	}
	qs = append(qs, tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "other",
		From: &tgbotapi.User{ID: 2802, FirstName: "B", LanguageCode: "en"}, Query: "oewg"}})
	ids := f.push(qs...)
	handledPast(f, ids[len(ids)-1])
	byUser := map[string]int{}
	for _, c := range f.callsOf("answerInlineQuery") {
		byUser[c.Get("inline_query_id")[:2]]++
	}
	if byUser["iq"] != 3 || byUser["ot"] != 1 {
		t.Errorf("inline answers: %v, want 3 for the flooding user (its burst) and 1 for the other", byUser)
	}
}

// When more replies wait than Telegram's overall 30 a second lets through, the chats
// sending the most wait, not every chat: a newcomer's reply takes one of the next slots
// instead of queueing behind a turn of every flooding chat.
func TestFloodCostsItsSendersNotEveryChat(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.GlobalPerSecond = 20 // 300 flood replies take 15 s
	cfg.ShutdownTimeout = time.Millisecond
	start(t, cfg, b)
	var flood []tgbotapi.Update
	for i := range 300 {
		chat := int64(3_000 + i%30) // 30 chats, 10 questions each
		flood = append(flood, message(chat, user(chat, "en"), q))
	}
	f.push(flood...)
	f.waitFor("the flood under way", func() bool { return len(f.callsOfLocked("sendMessage")) >= 40 })
	newcomer := int64(3_999)
	f.mu.Lock()
	before := len(f.callsOfLocked("sendMessage"))
	f.mu.Unlock()
	f.push(message(newcomer, user(newcomer, "en"), q))
	assertAnswer(t, waitSent(f, newcomer, 1)[0], want)
	calls := f.callsOf("sendMessage")
	at := 0
	for i, c := range calls {
		if c.Get("chat_id") == fmt.Sprint(newcomer) {
			at = i
		}
	}
	// Queued behind the flood, the newcomer would wait for about 260 replies; behind a
	// turn of every flooding chat, 30. A few slots pass while its update is polled and
	// answered (more on a loaded machine: the sender keeps going meanwhile; 7 and 14 were
	// seen under -race with other suites running), so the bound is one turn: fairness, not
	// timing, is what it tells apart from the 260 of a queue.
	if ahead := at - before; ahead > 30 {
		t.Errorf("%d flood replies went out before the newcomer's, want at most 30 (a turn of the flooding chats)", ahead)
	}
}

// After a failed poll, a quiet bot is ready again as soon as the Bot API answers, not when
// the next long poll returns empty (up to poll_timeout later).
func TestPollingReadyAgainRightAfterAFailure(t *testing.T) {
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.PollTimeout = time.Hour
	f.fail("getUpdates", failure{code: 502, description: "Bad Gateway"})
	rec := &sleepRecorder{}
	r := startWith(t, cfg, theBrain(t), func(a *Adapter) { a.sleep = rec.sleep })
	// The failed call, then one that answers at once, then a long poll.
	f.waitFor("polling again after the failure", func() bool { return len(f.callsOfLocked("getUpdates")) >= 3 })
	if h := r.a.Health(); !h.Connected || h.FailedPolls != 0 {
		t.Errorf("not ready again after the Bot API answered: %+v", h)
	}
}
