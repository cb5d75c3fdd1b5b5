package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/fakebotapi"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

var soakFor = flag.Duration("soak", 0, "run TestSoak for this long (e.g. 3m); 0 skips it")

// soakTG is a Bot API fake for the soak: getUpdates with Telegram's offsets, setWebhook,
// and sendMessage counted per chat, with faults on a fixed schedule: 429 with retry_after,
// 502s and slow answers to sendMessage, 502s to getUpdates.
type soakTG struct {
	srv *httptest.Server

	mu      sync.Mutex
	updates fakebotapi.Queue
	nextID  int
	sends   map[int64]int // successful sendMessage calls per chat
	calls   int           // sendMessage calls, faults included
	polls   int
	faults  map[string]int
	changed chan struct{}
}

func newSoakTG(firstID int) *soakTG {
	f := &soakTG{nextID: firstID, sends: map[int64]int{}, faults: map[string]int{}, changed: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

func (f *soakTG) push(u tgbotapi.Update) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u.UpdateID = f.nextID
	f.nextID++
	f.updates.Pending = append(f.updates.Pending, u)
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *soakTG) serve(w http.ResponseWriter, r *http.Request) {
	method, ok := strings.CutPrefix(r.URL.Path, "/bot"+tgToken+"/")
	if !ok || r.ParseForm() != nil {
		reply(w, http.StatusUnauthorized, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	switch method {
	case "getMe":
		ok200(w, tgbotapi.User{ID: 4242, IsBot: true, FirstName: "cyberdiplo", UserName: "cyberdiplo_soak_bot"})
	case "getWebhookInfo":
		ok200(w, map[string]any{"url": "", "has_custom_certificate": false, "pending_update_count": 0})
	case "deleteWebhook", "setWebhook", "setMyCommands":
		ok200(w, true)
	case "getUpdates":
		f.getUpdates(w, r)
	case "sendMessage":
		f.sendMessage(w, r)
	default:
		reply(w, http.StatusNotFound, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
	}
}

func (f *soakTG) fault(kind string) {
	f.faults[kind]++
}

func (f *soakTG) getUpdates(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.Atoi(r.PostForm.Get("offset"))
	timeout, _ := strconv.Atoi(r.PostForm.Get("timeout"))
	f.mu.Lock()
	f.polls++
	if f.polls%17 == 0 {
		f.fault("getUpdates 502")
		f.mu.Unlock()
		reply(w, http.StatusBadGateway, map[string]any{"ok": false, "error_code": 502, "description": "Bad Gateway"})
		return
	}
	f.mu.Unlock()
	out, ok := fakebotapi.LongPoll(r.Context(), time.Duration(timeout)*time.Second, func() ([]tgbotapi.Update, <-chan struct{}) {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.updates.Take(offset, 100), f.changed
	})
	if ok {
		ok200(w, out)
	}
}

func (f *soakTG) sendMessage(w http.ResponseWriter, r *http.Request) {
	chat, _ := strconv.ParseInt(r.PostForm.Get("chat_id"), 10, 64)
	f.mu.Lock()
	f.calls++
	n := f.calls
	switch {
	case n%29 == 0:
		f.fault("sendMessage 429")
		f.mu.Unlock()
		reply(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error_code": 429,
			"description": "Too Many Requests: retry after 1", "parameters": map[string]any{"retry_after": 1}})
		return
	case n%31 == 0:
		f.fault("sendMessage 502")
		f.mu.Unlock()
		reply(w, http.StatusBadGateway, map[string]any{"ok": false, "error_code": 502, "description": "Bad Gateway"})
		return
	case n%37 == 0:
		f.fault("sendMessage slow")
		f.mu.Unlock()
		time.Sleep(300 * time.Millisecond)
		f.mu.Lock()
	}
	f.sends[chat]++
	f.mu.Unlock()
	ok200(w, tgbotapi.Message{MessageID: n, From: &tgbotapi.User{ID: 4242, IsBot: true, UserName: "cyberdiplo_soak_bot"},
		Date: int(time.Now().Unix()), Chat: &tgbotapi.Chat{ID: chat, Type: "private"}, Text: r.PostForm.Get("text")})
}

// answered counts how many of the given chats got exactly one reply, and any got more.
func (f *soakTG) answered(chats []int64) (once, twice int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range chats {
		switch n := f.sends[c]; {
		case n == 1:
			once++
		case n > 1:
			twice++
		}
	}
	return once, twice
}

// soakTelegram runs one Telegram adapter until stop is called.
type soakTelegram struct {
	cancel context.CancelFunc
	done   chan error
}

func startSoakTelegram(t *testing.T, cfg telegram.Config, brain *bot.Bot, st *storage.Store) *soakTelegram {
	t.Helper()
	a, err := telegram.New(cfg, brain, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	a.SetInbox(st)
	ctx, cancel := context.WithCancel(context.Background())
	s := &soakTelegram{cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- a.Run(ctx) }()
	return s
}

func (s *soakTelegram) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	if err := <-s.done; err != nil {
		t.Errorf("telegram Run: %v", err)
	}
}

// TestSoak runs polling, webhook and Discord HTTP interactions together for -soak (a few
// minutes; skipped without it) against loopback fakes that inject 429s, 5xx and slow
// answers, and restarts both Telegram adapters halfway (the SQLite inbox carries what they
// had taken). Every accepted message must be answered exactly once, and the heap and the
// goroutines must come back near their starting level.
//
//	go test -run TestSoak -timeout 10m ./adapters/loadtest -args -soak 3m
func TestSoak(t *testing.T) {
	if *soakFor <= 0 {
		t.Skip("soak not requested (-soak 3m)")
	}
	const maxPerSource = 3000 // bounded in count as well as in time
	qs := evalQuestions(t)
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "cyberdiplo.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	brain := standard.New(base, knowledge.NewMatcher(base), bot.Options{BotName: "@cyberdiplo_soak_bot", Store: st})
	rest := theDiscordREST()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	goroutinesBefore := runtime.NumGoroutine()

	poll := newSoakTG(1)
	hook := newSoakTG(0) // the webhook's update ids are set by the sender below
	defer poll.srv.Close()
	defer hook.srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hookAddr := ln.Addr().String()
	ln.Close()
	pollCfg := telegram.Config{Token: tgToken, APIEndpoint: poll.srv.URL + "/bot%s/%s", PollTimeout: 2 * time.Second,
		MaxReplyAge: 10 * time.Minute, ShutdownTimeout: 2 * time.Second}
	hookCfg := pollCfg
	hookCfg.APIEndpoint = hook.srv.URL + "/bot%s/%s"
	hookCfg.Mode, hookCfg.WebhookURL, hookCfg.Listen, hookCfg.Secret = telegram.ModeWebhook, "https://bot.example.org/hook", hookAddr, "soak-secret"
	pollRun := startSoakTelegram(t, pollCfg, brain, st)
	hookRun := startSoakTelegram(t, hookCfg, brain, st)

	dc, err := discord.New(discord.Config{Token: "soak-token", Mode: discord.ModeHTTP, ApplicationID: discordApp,
		PublicKey: fmt.Sprintf("%x", discordKey.Public()), APIURL: rest.srv.URL + "/"}, brain, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	dcSrv := httptest.NewServer(dc.HTTPHandler())
	defer dcSrv.Close()
	interactions := askInteractions(qs, maxPerSource)

	ctx, stopLoad := context.WithTimeout(context.Background(), *soakFor)
	defer stopLoad()
	var (
		mu                              sync.Mutex
		pollChats, hookChats            []int64
		dcAccepted, dcDeferred, hook503 int
		dcDeferredIDs                   []int
		load                            sync.WaitGroup
	)
	client := &http.Client{Timeout: 30 * time.Second}
	every := func(d time.Duration, n int, f func(i int)) {
		load.Go(func() {
			tick := time.NewTicker(d)
			defer tick.Stop()
			for i := 0; i < n; i++ {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				f(i)
			}
		})
	}
	question := func(i int, chat int64) tgbotapi.Update {
		q := qs[i%len(qs)]
		return tgbotapi.Update{Message: &tgbotapi.Message{MessageID: 1, Date: int(time.Now().Unix()),
			From: &tgbotapi.User{ID: chat, FirstName: "Student", LanguageCode: "en"},
			Chat: &tgbotapi.Chat{ID: chat, Type: "private"}, Text: q.text}}
	}
	// Polling: 20 questions a second, each from its own chat.
	every(50*time.Millisecond, maxPerSource, func(i int) {
		chat := int64(1_000_000 + i)
		poll.push(question(i, chat))
		mu.Lock()
		pollChats = append(pollChats, chat)
		mu.Unlock()
	})
	// Webhook: 20 a second; a 503 or a refused connection (the restart) is retried, as
	// Telegram does, until the update is accepted or the soak ends.
	every(50*time.Millisecond, maxPerSource, func(i int) {
		chat := int64(2_000_000 + i)
		u := question(i, chat)
		u.UpdateID = 1_000_000_000 + i
		body, _ := json.Marshal(u)
		for ctx.Err() == nil {
			req, _ := http.NewRequest(http.MethodPost, "http://"+hookAddr+"/hook", bytes.NewReader(body))
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "soak-secret")
			resp, err := client.Do(req)
			if err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					mu.Lock()
					hookChats = append(hookChats, chat)
					mu.Unlock()
					return
				}
				mu.Lock()
				hook503++
				mu.Unlock()
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
	// Discord HTTP interactions: 10 a second.
	every(100*time.Millisecond, maxPerSource, func(i int) {
		r := postInteraction(client, dcSrv.URL+discord.InteractionsPath, interactions[i])
		if r.err != nil {
			t.Errorf("interaction %d: %v", i, r.err)
			return
		}
		mu.Lock()
		dcAccepted++
		if r.deferred {
			dcDeferred++
			dcDeferredIDs = append(dcDeferredIDs, i)
		}
		mu.Unlock()
	})

	// A restart of both Telegram adapters halfway through.
	select {
	case <-time.After(*soakFor / 2):
		pollRun.stop(t)
		hookRun.stop(t)
		pollRun = startSoakTelegram(t, pollCfg, brain, st)
		hookRun = startSoakTelegram(t, hookCfg, brain, st)
	case <-ctx.Done():
	}
	load.Wait()

	// Every accepted message answered exactly once, within a bounded wait.
	mu.Lock()
	polled, hooked := append([]int64(nil), pollChats...), append([]int64(nil), hookChats...)
	mu.Unlock()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		p1, p2 := poll.answered(polled)
		h1, h2 := hook.answered(hooked)
		if p2+h2 > 0 {
			t.Fatalf("answered twice: %d polled, %d webhook", p2, h2)
		}
		if p1 == len(polled) && h1 == len(hooked) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("unanswered after the load: %d of %d polled, %d of %d webhook", len(polled)-p1, len(polled), len(hooked)-h1, len(hooked))
		}
		time.Sleep(100 * time.Millisecond)
	}
	for _, i := range dcDeferredIDs { // a deferred interaction is completed through REST
		for rest.calls(interactions[i].token) == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("deferred interaction %d never completed", i)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	pollRun.stop(t)
	hookRun.stop(t)
	dcSrv.Close()
	client.CloseIdleConnections()

	goroutinesAfter := waitGoroutines(t, goroutinesBefore)
	runtime.GC()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	poll.mu.Lock()
	pollFaults := fmt.Sprint(poll.faults)
	poll.mu.Unlock()
	hook.mu.Lock()
	hookFaults := fmt.Sprint(hook.faults)
	hook.mu.Unlock()
	t.Logf("soak %s: %d polled, %d webhook (%d answered 503 or refused first), %d Discord interactions (%d deferred); all answered once",
		*soakFor, len(polled), len(hooked), hook503, dcAccepted, dcDeferred)
	t.Logf("faults: polling %s; webhook %s", pollFaults, hookFaults)
	t.Logf("heap in use %.1f MiB before, %.1f MiB after; goroutines %d before, %d after",
		float64(before.HeapInuse)/mib, float64(after.HeapInuse)/mib, goroutinesBefore, goroutinesAfter)
	if after.HeapInuse > before.HeapInuse+16*mib {
		t.Errorf("heap in use grew from %.1f to %.1f MiB", float64(before.HeapInuse)/mib, float64(after.HeapInuse)/mib)
	}
}
