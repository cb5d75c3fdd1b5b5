package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
)

const tgToken = "4242:load-test-token"

// fakeBotAPI is a minimal Telegram Bot API on loopback: it hands out a fixed batch of
// private-chat updates through getUpdates (honouring offset and limit like Telegram) and
// records every sendMessage with its arrival time. Each update comes from its own chat, so
// the chat id of a sendMessage names the update it answers.
type fakeBotAPI struct {
	srv *httptest.Server

	mu        sync.Mutex
	updates   []tgbotapi.Update // update i has UpdateID i+1 and chat id i+1
	confirmed int               // offset confirmed by the last getUpdates
	served    []time.Time       // when update i was first handed out (zero: not yet)
	replied   []time.Time       // when the first sendMessage to chat i+1 arrived
	sends     []int             // sendMessage calls per chat
	strays    int               // sendMessage calls to chats that sent nothing
	total     int
	unknown   map[string]int // methods the fake does not model
	allIn     chan struct{}  // closed when every chat has had a reply
	allInOnce sync.Once
}

func newFakeBotAPI(qs []question, n int) *fakeBotAPI {
	f := &fakeBotAPI{
		updates: make([]tgbotapi.Update, n),
		served:  make([]time.Time, n),
		replied: make([]time.Time, n),
		sends:   make([]int, n),
		unknown: map[string]int{},
		allIn:   make(chan struct{}),
	}
	now := int(time.Now().Unix())
	for i := range n {
		q := qs[i%len(qs)]
		id := int64(i + 1)
		lang := q.lang
		if lang == "mixed" {
			lang = "id" // mixed questions come from Indonesian students
		}
		f.updates[i] = tgbotapi.Update{UpdateID: i + 1, Message: &tgbotapi.Message{
			MessageID: 1,
			From:      &tgbotapi.User{ID: 1_000_000 + id, FirstName: "Student" + strconv.Itoa(i+1), LanguageCode: lang},
			Date:      now,
			Chat:      &tgbotapi.Chat{ID: id, Type: "private", FirstName: "Student"},
			Text:      q.text,
		}}
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *fakeBotAPI) endpoint() string { return f.srv.URL + "/bot%s/%s" }

func (f *fakeBotAPI) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+tgToken+"/")
	if !ok {
		reply(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	if err := r.ParseForm(); err != nil {
		reply(w, http.StatusBadRequest, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request"})
		return
	}
	switch method {
	case "getMe":
		ok200(w, tgbotapi.User{ID: 4242, IsBot: true, FirstName: "cyberdiplo", UserName: "cyberdiplo_load_bot"})
	case "getWebhookInfo":
		ok200(w, map[string]any{"url": "", "has_custom_certificate": false, "pending_update_count": 0})
	case "deleteWebhook", "setMyCommands", "deleteMyCommands", "setChatMenuButton":
		ok200(w, true)
	case "getUpdates":
		f.getUpdates(w, r)
	case "sendMessage":
		f.sendMessage(w, r)
	default:
		f.mu.Lock()
		f.unknown[method]++
		f.mu.Unlock()
		reply(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
	}
}

// getUpdates answers at once with up to limit updates at or above offset; when none is
// left it waits (up to the request's timeout) like a long poll with nothing to deliver.
func (f *fakeBotAPI) getUpdates(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.PostForm.Get("offset"))
	limit, _ := strconv.Atoi(r.PostForm.Get("limit"))
	timeout, _ := strconv.Atoi(r.PostForm.Get("timeout"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	f.mu.Lock()
	f.confirmed = max(f.confirmed, offset)
	from := max(offset-1, 0)
	to := min(from+limit, len(f.updates))
	var out []tgbotapi.Update
	if from < to {
		out = f.updates[from:to]
		now := time.Now()
		for i := from; i < to; i++ {
			if f.served[i].IsZero() {
				f.served[i] = now
			}
		}
	}
	f.mu.Unlock()
	if len(out) == 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		out = []tgbotapi.Update{}
	}
	ok200(w, out)
}

func (f *fakeBotAPI) sendMessage(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	chat, _ := strconv.ParseInt(r.PostForm.Get("chat_id"), 10, 64)
	text := r.PostForm.Get("text")
	f.mu.Lock()
	f.total++
	i := int(chat) - 1
	if i >= 0 && i < len(f.sends) && strings.TrimSpace(text) != "" {
		if f.sends[i] == 0 {
			f.replied[i] = now
		}
		f.sends[i]++
		if f.total == len(f.sends) {
			f.allInOnce.Do(func() { close(f.allIn) })
		}
	} else {
		f.strays++
	}
	id := f.total
	f.mu.Unlock()
	ok200(w, tgbotapi.Message{MessageID: id, From: &tgbotapi.User{ID: 4242, IsBot: true, UserName: "cyberdiplo_load_bot"},
		Date: int(now.Unix()), Chat: &tgbotapi.Chat{ID: chat, Type: "private"}, Text: text})
}

func ok200(w http.ResponseWriter, result any) {
	reply(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func reply(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// telegramRun is what one load run measured.
type telegramRun struct {
	elapsed time.Duration // first update served -> last reply received
	lat     latencies     // update served -> its reply received
	wait    latencies     // first update served (the whole burst was waiting) -> reply received
}

// runTelegram starts the real adapter against a fresh fake, waits for every update to be
// answered, stops the adapter and checks that each update got exactly one reply.
func runTelegram(b *testing.B, n int, cfg telegram.Config) telegramRun {
	b.Helper()
	qs := evalQuestions(b)
	f := newFakeBotAPI(qs, n)
	defer f.srv.Close()
	cfg.Token = tgToken
	cfg.APIEndpoint = f.endpoint()
	a, err := telegram.New(cfg, theBrain(b), slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()

	// Generous: with Telegram's own pacing 5,000 replies need about three minutes.
	limit := time.NewTimer(time.Duration(n)*100*time.Millisecond + time.Minute)
	defer limit.Stop()
	select {
	case <-f.allIn:
	case err := <-done:
		cancel()
		b.Fatalf("Run returned early: %v", err)
	case <-limit.C:
		cancel()
		<-done
		f.mu.Lock()
		defer f.mu.Unlock()
		b.Fatalf("only %d of %d updates answered (unknown methods: %v)", f.total, n, f.unknown)
	}
	cancel()
	if err := <-done; err != nil {
		b.Fatalf("Run: %v", err)
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.strays > 0 || len(f.unknown) > 0 {
		b.Fatalf("%d replies to chats that asked nothing; unexpected methods %v", f.strays, f.unknown)
	}
	run := telegramRun{lat: make(latencies, 0, n), wait: make(latencies, 0, n)}
	first, last := f.served[0], f.replied[0]
	for i := range n {
		if f.sends[i] != 1 {
			b.Fatalf("chat %d (%q) got %d replies, want exactly 1", i+1, f.updates[i].Message.Text, f.sends[i])
		}
		if f.served[i].Before(first) {
			first = f.served[i]
		}
		if f.replied[i].After(last) {
			last = f.replied[i]
		}
		run.lat = append(run.lat, f.replied[i].Sub(f.served[i]))
	}
	for i := range n {
		run.wait = append(run.wait, f.replied[i].Sub(first))
	}
	run.elapsed = last.Sub(first)
	return run
}

// BenchmarkTelegramPolling sends thousands of private-chat questions (the evaluation sets'
// EN/ID/mixed mix, each from its own user and chat) through the real Telegram adapter in
// polling mode against a fake Bot API on loopback. All updates wait at the fake from the
// start, like a burst from a big study group. p50/p99 are from the moment getUpdates hands
// an update out to the moment its sendMessage arrives; the adapter fetches only as fast
// as its bounded queues drain, so under pacing the backlog waits at Telegram and
// burst-p50/burst-p99 (from the first update handed out to each reply) are what users of
// the burst wait.
//
//   - pacing=lifted: per-chat, group and global pacing opened up, so the figure is the
//     adapter's (and the bot's) own capacity.
//   - pacing=default: the adapter's real defaults (1 msg/s per chat, 30 msg/s overall,
//     burst 3), which Telegram's limits call for; throughput is then capped near 30/s
//     by design and a burst's latency grows with its position in the queue.
func BenchmarkTelegramPolling(b *testing.B) {
	cases := []struct {
		name    string
		updates int
		cfg     telegram.Config
	}{
		{"pacing=lifted/updates=5000", 5000, telegram.Config{
			PerChatPerSecond: 1e9, GroupPerMinute: 1 << 30, GlobalPerSecond: 1 << 30, Burst: 1 << 20}},
		// Kept to 20 s of Telegram's pacing: max_reply_age (1 minute) would rightly drop
		// the replies of a longer burst.
		{"pacing=default/updates=600", 600, telegram.Config{}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			theBrain(b)
			evalQuestions(b)
			runtime.GC()
			goroutinesBefore := runtime.NumGoroutine()
			var all, waits latencies
			var busy time.Duration
			mem := startMemSampler()
			b.ResetTimer()
			for range b.N {
				run := runTelegram(b, c.updates, c.cfg)
				all = append(all, run.lat...)
				waits = append(waits, run.wait...)
				busy += run.elapsed
			}
			b.StopTimer()
			mem.finish()
			goroutinesAfter := waitGoroutines(b, goroutinesBefore)
			b.ReportMetric(float64(len(all))/busy.Seconds(), "replies/s")
			all.report(b, "", true)
			waits.report(b, "burst-", false)
			mem.report(b, len(all))
			b.ReportMetric(float64(goroutinesAfter-goroutinesBefore), "goroutines-leaked")
			b.Logf("%s: %d updates (%v), goroutines %d before, %d after, heap in use before %.1f MiB",
				c.name, len(all), fmtLangs(evalQuestions(b), c.updates), goroutinesBefore, goroutinesAfter,
				float64(mem.start.HeapInuse)/mib)
		})
	}
}

func fmtLangs(qs []question, n int) string {
	c := langCounts(qs, n)
	return fmt.Sprintf("en %d, id %d, mixed %d", c["en"], c["id"], c["mixed"])
}
