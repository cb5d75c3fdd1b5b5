package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The replica tests run the real binary several times on one PostgreSQL database, with
// Telegram in webhook mode against a fake Bot API and Discord in HTTP-interactions mode,
// and send the platforms' requests themselves, round-robin on loopback, as a load
// balancer would.

const (
	replicaTGToken  = "123456:REPLICA-test-token"
	replicaTGSecret = "replica-webhook-secret"
	replicaApp      = "100000000000000001"
	replicaPatience = 2 * time.Minute // how long any wait may take before the test gives up
)

// replicaKey stands in for the Discord application's signing key.
var replicaKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))

// binaryDir holds the binary buildBinary builds; TestMain removes it.
var binaryDir string

// buildBinary builds the command once per test binary run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "cyberdiplo-replicas-")
	if err != nil {
		return "", err
	}
	binaryDir = dir
	bin := filepath.Join(dir, "cyberdiplo")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// fakeTelegram is the Bot API the replicas call: it records every message and quiz poll.
type fakeTelegram struct {
	srv     *httptest.Server
	mu      sync.Mutex
	nextMsg int
	sent    map[int64][]string // chat id → texts sent, in order
	polls   map[string]int     // poll id → correct option
	pollsIn map[int64][]string // chat id → poll ids, in order
}

func newFakeTelegram(t *testing.T) *fakeTelegram {
	f := &fakeTelegram{sent: map[int64][]string{}, polls: map[string]int{}, pollsIn: map[int64][]string{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeTelegram) serve(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	if !strings.HasPrefix(r.URL.Path, "/bot"+replicaTGToken+"/") {
		writeTG(w, 401, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	_ = r.ParseForm()
	chatID, _ := strconv.ParseInt(r.PostForm.Get("chat_id"), 10, 64)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextMsg++
	chat := map[string]any{"id": chatID, "type": "private"}
	if chatID < 0 {
		chat["type"] = "group"
	}
	msg := map[string]any{"message_id": f.nextMsg, "date": time.Now().Unix(), "chat": chat,
		"from": map[string]any{"id": 4242, "is_bot": true, "first_name": "Bot", "username": "cyberdiplo_test_bot"}}
	switch method {
	case "getMe":
		writeTG(w, 200, map[string]any{"ok": true, "result": map[string]any{"id": 4242, "is_bot": true, "first_name": "Bot", "username": "cyberdiplo_test_bot"}})
	case "getWebhookInfo":
		writeTG(w, 200, map[string]any{"ok": true, "result": map[string]any{"url": "https://bot.example/tg", "pending_update_count": 0}})
	case "sendMessage":
		f.sent[chatID] = append(f.sent[chatID], r.PostForm.Get("text"))
		msg["text"] = r.PostForm.Get("text")
		writeTG(w, 200, map[string]any{"ok": true, "result": msg})
	case "sendPoll":
		id := "poll-" + strconv.Itoa(f.nextMsg)
		correct, _ := strconv.Atoi(r.PostForm.Get("correct_option_id"))
		f.polls[id] = correct
		f.pollsIn[chatID] = append(f.pollsIn[chatID], id)
		msg["poll"] = map[string]any{"id": id, "question": r.PostForm.Get("question"), "type": "quiz", "options": []any{}}
		writeTG(w, 200, map[string]any{"ok": true, "result": msg})
	case "sendPhoto", "editMessageText", "editMessageReplyMarkup":
		writeTG(w, 200, map[string]any{"ok": true, "result": msg})
	default: // setWebhook, setMyCommands, sendChatAction, answerCallbackQuery…
		writeTG(w, 200, map[string]any{"ok": true, "result": true})
	}
}

func writeTG(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// sentTo is a copy of what was sent to chat.
func (f *fakeTelegram) sentTo(chat int64) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent[chat]...)
}

// fakeDiscord is the REST API the replicas register their commands with and complete
// deferred answers through.
type fakeDiscord struct {
	srv       *httptest.Server
	mu        sync.Mutex
	followUps map[string]int // interaction token → answers completed through the webhook
	paths     []string
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{followUps: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		f.mu.Lock()
		f.paths = append(f.paths, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		// webhooks/{application}/{token}/messages/@original: a deferred answer completed.
		if parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/"); len(parts) >= 3 && parts[0] == "webhooks" && r.Method != http.MethodGet {
			f.mu.Lock()
			f.followUps[parts[2]]++
			f.mu.Unlock()
			_, _ = io.WriteString(w, `{"id":"1","channel_id":"700000000000000001","content":""}`)
			return
		}
		if r.Method == http.MethodPut {
			_, _ = io.WriteString(w, "[]")
			return
		}
		_, _ = io.WriteString(w, "{}")
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeDiscord) followUpsOf(token string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.followUps[token]
}

// replica is one running bot process.
type replica struct {
	cmd                  *exec.Cmd
	tgURL, dcURL, opsURL string
	log                  *bytes.Buffer
	logMu                *sync.Mutex
	done                 chan error
	dead                 atomic.Bool
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// cluster is the replicas and the fakes they talk to.
type cluster struct {
	t        testing.TB
	dsn      string
	tg       *fakeTelegram
	dc       *fakeDiscord
	replicas []*replica
	next     atomic.Uint64
	client   *http.Client
	updateID atomic.Int64
}

func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startCluster builds the binary and starts n replicas on the PostgreSQL database at dsn,
// or one process on a SQLite file when dsn is "".
func startCluster(t *testing.T, dsn string, n int) *cluster {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	c := &cluster{t: t, dsn: dsn, tg: newFakeTelegram(t), client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	c.dc = newFakeDiscord(t)
	home := t.TempDir()
	for i := range n {
		tg, dcl, ops := freePort(t), freePort(t), freePort(t)
		env := []string{
			"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_DATA_HOME=" + home,
			"CYBERDIPLO_LOG_LEVEL=warn",
			"CYBERDIPLO_OPS_LISTEN=" + ops,
			"CYBERDIPLO_LIMIT_USER_PER_MINUTE=100000", "CYBERDIPLO_LIMIT_USER_BURST=1000",
			"CYBERDIPLO_LIMIT_CHAT_PER_MINUTE=100000", "CYBERDIPLO_LIMIT_CHAT_BURST=1000",
			"CYBERDIPLO_TELEGRAM_TOKEN=" + replicaTGToken, "CYBERDIPLO_TELEGRAM_MODE=webhook",
			"CYBERDIPLO_TELEGRAM_WEBHOOK_URL=https://bot.example/tg", "CYBERDIPLO_TELEGRAM_LISTEN=" + tg,
			"CYBERDIPLO_TELEGRAM_SECRET=" + replicaTGSecret, "CYBERDIPLO_TELEGRAM_API_ENDPOINT=" + c.tg.srv.URL + "/bot%s/%s",
			"CYBERDIPLO_TELEGRAM_GLOBAL_PER_SECOND=100000", "CYBERDIPLO_TELEGRAM_GROUP_PER_MINUTE=100000",
			"CYBERDIPLO_TELEGRAM_PER_CHAT_PER_SECOND=1000", "CYBERDIPLO_TELEGRAM_BURST=1000",
			"CYBERDIPLO_TELEGRAM_QUEUE_SIZE=1024",
			"CYBERDIPLO_DISCORD_TOKEN=replica-discord-token", "CYBERDIPLO_DISCORD_MODE=http",
			"CYBERDIPLO_DISCORD_APPLICATION_ID=" + replicaApp, "CYBERDIPLO_DISCORD_PUBLIC_KEY=" + hex.EncodeToString(replicaKey.Public().(ed25519.PublicKey)),
			"CYBERDIPLO_DISCORD_LISTEN=" + dcl, "CYBERDIPLO_DISCORD_API_URL=" + c.dc.srv.URL + "/",
		}
		if dsn != "" {
			env = append(env, "CYBERDIPLO_STORAGE_DRIVER=postgres", "CYBERDIPLO_STORAGE_DSN="+dsn,
				"CYBERDIPLO_STORAGE_MAX_CONNS=8", "CYBERDIPLO_STORAGE_TAKEOVER_AFTER=2s")
		} else { // one process on SQLite, for comparison
			env = append(env, "CYBERDIPLO_STORAGE_PATH="+filepath.Join(home, "state.db"))
		}
		// Survivors read the shared inbox often for what a dead replica held.
		if _, ok := reflect.TypeOf(telegram.Config{}).FieldByName("InboxSweep"); ok {
			env = append(env, "CYBERDIPLO_TELEGRAM_INBOX_SWEEP=1s")
		}
		if _, ok := reflect.TypeOf(discord.Config{}).FieldByName("InboxSweep"); ok {
			env = append(env, "CYBERDIPLO_DISCORD_INBOX_SWEEP=1s")
		}
		r := &replica{tgURL: "http://" + tg + "/tg", dcURL: "http://" + dcl + "/interactions", opsURL: "http://" + ops,
			log: &bytes.Buffer{}, logMu: &sync.Mutex{}, done: make(chan error, 1)}
		r.cmd = exec.Command(bin)
		r.cmd.Env = env
		r.cmd.Dir = home
		dieWithTest(r.cmd)
		r.cmd.Stdout = lockedWriter{r.logMu, r.log}
		r.cmd.Stderr = lockedWriter{r.logMu, r.log}
		if err := r.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { r.done <- r.cmd.Wait() }()
		c.replicas = append(c.replicas, r)
		t.Cleanup(func() {
			if !r.dead.Load() {
				_ = r.cmd.Process.Kill()
				<-r.done
			}
		})
		_ = i
	}
	for i, r := range c.replicas {
		c.waitReady(i, r)
	}
	return c
}

// waitReady waits until the replica's /readyz passes.
func (c *cluster) waitReady(i int, r *replica) {
	c.t.Helper()
	deadline := time.Now().Add(replicaPatience)
	for time.Now().Before(deadline) {
		select {
		case err := <-r.done:
			r.dead.Store(true)
			c.t.Fatalf("replica %d exited at start: %v\n%s", i, err, r.output())
		default:
		}
		if resp, err := http.Get(r.opsURL + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Fatalf("replica %d never became ready:\n%s", i, r.output())
}

func (r *replica) output() string {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	return r.log.String()
}

// kill ends a replica at once, as a crash would.
func (c *cluster) kill(i int) {
	r := c.replicas[i]
	r.dead.Store(true)
	_ = r.cmd.Process.Signal(syscall.SIGKILL)
	<-r.done
}

// stop ends a replica as its service manager would, and reports how it exited.
func (c *cluster) stop(i int) error {
	r := c.replicas[i]
	r.dead.Store(true)
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-r.done:
		return err
	case <-time.After(replicaPatience):
		_ = r.cmd.Process.Kill()
		return errors.New("did not stop after SIGTERM")
	}
}

// pick returns the next live replica, round-robin, starting from the one after prefer when
// prefer ≥ 0.
func (c *cluster) pick(prefer int) (int, *replica) {
	for range 2 * len(c.replicas) {
		i := int(c.next.Add(1)-1) % len(c.replicas)
		if prefer >= 0 {
			i, prefer = prefer%len(c.replicas), -1
		}
		if r := c.replicas[i]; !r.dead.Load() {
			return i, r
		}
	}
	c.t.Fatal("no replica left")
	return 0, nil
}

// post sends one request to replica i and then, while it fails (connection refused, the
// replica killed mid-request, busy), to the next ones, as a load balancer retries; it
// returns the body of the first 2xx answer and which replica gave it.
func (c *cluster) post(prefer int, build func(r *replica) *http.Request) ([]byte, int, error) {
	var last error
	deadline := time.Now().Add(replicaPatience)
	for time.Now().Before(deadline) {
		i, r := c.pick(prefer)
		prefer = -1
		resp, err := c.client.Do(build(r))
		if err != nil {
			last = err
			continue
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case err != nil:
			last = err
		case resp.StatusCode/100 == 2:
			return body, i, nil
		default:
			last = fmt.Errorf("status %d: %s", resp.StatusCode, body)
			if resp.StatusCode != http.StatusServiceUnavailable && resp.StatusCode != http.StatusBadGateway {
				return nil, i, last
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return nil, -1, last
}

// telegram delivers an update (the same update id on every retry, as Telegram redelivers).
func (c *cluster) telegram(prefer int, update map[string]any) error {
	_, err := c.telegramTo(prefer, update)
	return err
}

// telegramTo is telegram, and says which replica took the update.
func (c *cluster) telegramTo(prefer int, update map[string]any) (int, error) {
	if _, ok := update["update_id"]; !ok {
		update["update_id"] = c.updateID.Add(1)
	}
	body, _ := json.Marshal(update)
	_, took, err := c.post(prefer, func(r *replica) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, r.tgURL, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", replicaTGSecret)
		return req
	})
	return took, err
}

func tgMessage(chat, user int64, text string) map[string]any {
	typ := "private"
	if chat < 0 {
		typ = "group"
	}
	msg := map[string]any{
		"message_id": 1, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chat, "type": typ, "title": "Class"},
		"from": map[string]any{"id": user, "is_bot": false, "first_name": "Student" + strconv.FormatInt(user, 10)},
	}
	if strings.HasPrefix(text, "/") { // Telegram marks a command as such
		cmd, _, _ := strings.Cut(text, " ")
		msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(cmd)}}
	}
	return map[string]any{"message": msg}
}

func tgPollAnswer(poll string, user int64, option int) map[string]any {
	return map[string]any{"poll_answer": map[string]any{"poll_id": poll, "option_ids": []int{option},
		"user": map[string]any{"id": user, "is_bot": false, "first_name": "Student" + strconv.FormatInt(user, 10)}}}
}

// discordAsk sends a signed /ask interaction and returns the answer's type and text.
func (c *cluster) discordAsk(prefer int, id int64, question string) (int, string, error) {
	typ, text, _, err := c.discordAskTo(prefer, id, question)
	return typ, text, err
}

// discordAskTo is discordAsk, and says which replica answered.
func (c *cluster) discordAskTo(prefer int, id int64, question string) (int, string, int, error) {
	body, _ := json.Marshal(map[string]any{
		"id": strconv.FormatInt(id, 10), "application_id": replicaApp, "type": 2, "version": 1, "locale": "en-US",
		"token": "itoken-" + strconv.FormatInt(id, 10), "channel_id": strconv.FormatInt(700000000000000000+id%256, 10),
		"user": map[string]any{"id": strconv.FormatInt(800000000000000000+id, 10), "username": "student"},
		"data": map[string]any{"id": "600000000000000001", "name": "ask", "type": 1,
			"options": []map[string]any{{"name": "question", "type": 3, "value": question}}},
	})
	out, took, err := c.post(prefer, func(r *replica) *http.Request {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, r.dcURL, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(replicaKey, append([]byte(ts), body...))))
		return req
	})
	if err != nil {
		return 0, "", took, err
	}
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Content string `json:"content"`
			Embeds  []struct {
				Title       string `json:"title"`
				Description string `json:"description"`
			} `json:"embeds"`
		} `json:"data"`
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		return 0, "", took, fmt.Errorf("answer %q: %w", out, err)
	}
	text := resp.Data.Content
	for _, e := range resp.Data.Embeds {
		text += e.Title + "\n" + e.Description
	}
	return resp.Type, text, took, nil
}

// waitUntil polls cond until it holds or the patience runs out; explain, when given, says
// what was seen instead.
func waitUntil(t testing.TB, what string, cond func() bool, explain ...func() string) {
	t.Helper()
	deadline := time.Now().Add(replicaPatience)
	for !cond() {
		if time.Now().After(deadline) {
			var seen []string
			for _, e := range explain {
				seen = append(seen, e())
			}
			t.Fatalf("timed out waiting for %s %s", what, strings.Join(seen, "; "))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// curatedQuestions are the fact base's own example questions in English.
func curatedQuestions(t testing.TB) []string {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, f := range base.Facts() {
		qs = append(qs, f.Questions(knowledge.EN)...)
	}
	if len(qs) == 0 {
		t.Fatal("no curated questions")
	}
	return qs
}

// TestReplicas: three processes on one database answer every request once, whichever
// replica receives it, while one of them is killed; quizzes started on one replica and
// answered on others are scored once, and settings hold everywhere.
func TestReplicas(t *testing.T) {
	dsn := pgtest.Database(t)
	// Chats whose daily fact is due: the three replicas start together and each runs the
	// daily round at once, so each chat must get exactly one.
	const dailyChats = 40
	seed, err := postgres.Open(context.Background(), dsn, postgres.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	for k := range dailyChats {
		if err := seed.UpdateChat(context.Background(), "telegram:"+strconv.Itoa(800000+k), func(ch *bot.Chat) {
			ch.Daily = bot.DailySchedule{Enabled: true, Time: "00:00", Zone: "UTC", Lang: knowledge.EN}
		}); err != nil {
			t.Fatal(err)
		}
	}
	seed.Close()
	c := startCluster(t, dsn, 3)
	qs := curatedQuestions(t)
	waitUntil(t, "every due daily fact", func() bool {
		for k := range dailyChats {
			if len(c.tg.sentTo(int64(800000+k))) == 0 {
				return false
			}
		}
		return true
	})

	// /lang set through one replica holds on the others at once.
	const langChat, plainChat = 900001, 900002
	if err := c.telegram(0, tgMessage(langChat, langChat, "/lang id")); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the /lang reply", func() bool { return len(c.tg.sentTo(langChat)) == 1 })
	q := qs[0]
	for i, chat := range []int64{langChat, plainChat, langChat} {
		if err := c.telegram(1+i%2, tgMessage(chat, chat, q)); err != nil {
			t.Fatal(err)
		}
		want := map[int64]int{langChat: 1 + (i+2)/2, plainChat: 1}[chat]
		waitUntil(t, "the answer", func() bool { return len(c.tg.sentTo(chat)) == want })
	}
	lang, plain := c.tg.sentTo(langChat), c.tg.sentTo(plainChat)
	if lang[1] != lang[2] || lang[1] == plain[0] {
		t.Errorf("/lang id set on replica 0 does not hold on replicas 1 and 2:\nreplica 1: %.80q\nreplica 2: %.80q\nno /lang:  %.80q", lang[1], lang[2], plain[0])
	}

	// Quiz rounds crossing replicas, before and after the kill.
	expect := map[int64][2]int{} // user → answered, correct
	const group = -1000001
	rounds := 6
	if testing.Short() {
		rounds = 3
	}
	playRound := func(round int) {
		t.Helper()
		starter, _ := c.pick(-1)
		if err := c.telegram(starter, tgMessage(group, 500, "/quiz")); err != nil {
			t.Fatal(err)
		}
		var poll string
		waitUntil(t, "the quiz poll", func() bool {
			c.tg.mu.Lock()
			defer c.tg.mu.Unlock()
			if ps := c.tg.pollsIn[group]; len(ps) == round+1 {
				poll = ps[round]
				return true
			}
			return false
		})
		c.tg.mu.Lock()
		correct := c.tg.polls[poll]
		c.tg.mu.Unlock()
		for u := int64(501); u <= 503; u++ {
			option := correct
			if (int(u)+round)%3 == 0 {
				option = (correct + 1) % 2
			}
			a := expect[u]
			a[0]++
			if option == correct {
				a[1]++
			}
			expect[u] = a
			up := tgPollAnswer(poll, u, option)
			up["update_id"] = c.updateID.Add(1)
			// Answered on another replica than the one that started the round, and
			// delivered twice (a redelivery reaching a third replica): scored once.
			for k := 1; k <= 2; k++ {
				if err := c.telegram(starter+k, up); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for r := range rounds / 2 {
		playRound(r)
	}

	// Thousands of questions, round-robin, half Telegram, half Discord; replica 2 is
	// killed a third of the way through.
	n := 2000
	if testing.Short() {
		n = 300
	}
	var (
		sent         atomic.Int64
		discordFails atomic.Int64
		deferred     atomic.Int64
		// deferredKilled are answers deferred by the replica killed afterwards.
		deferredKilled atomic.Int64
		// tookByKilled are the Telegram chats whose question the killed replica accepted.
		tookByKilled sync.Map
		deferredMu   sync.Mutex
		// deferredTokens are the interactions answered "thinking…" first.
		deferredTokens []string
		wg             sync.WaitGroup
		errMu          sync.Mutex
		errs           []error
	)
	jobs := make(chan int)
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				q := qs[j%len(qs)]
				var err error
				if j%2 == 0 {
					var took int
					took, err = c.telegramTo(-1, tgMessage(int64(100000+j), int64(100000+j), q))
					if took == 2 {
						tookByKilled.Store(int64(100000+j), true)
					}
				} else {
					var typ, took int
					var text string
					typ, text, took, err = c.discordAskTo(-1, int64(j), q)
					switch {
					case err != nil:
					case typ == 5 && took == 2:
						// Deferred by the replica killed later: its answer may die with it
						// (Discord does not send an interaction twice). Counted below.
						deferredKilled.Add(1)
					case typ == 5: // deferred: the answer follows through the webhook
						deferred.Add(1)
						deferredMu.Lock()
						deferredTokens = append(deferredTokens, "itoken-"+strconv.Itoa(j))
						deferredMu.Unlock()
					case typ != 4 || text == "":
						discordFails.Add(1)
						t.Logf("Discord question %d: response type %d, text %.100q", j, typ, text)
					}
				}
				if err != nil {
					errMu.Lock()
					errs = append(errs, err)
					errMu.Unlock()
				}
				sent.Add(1)
			}
		}()
	}
	for j := range n {
		if j == n/3 {
			c.kill(2)
		}
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("%d requests failed on every replica, first: %v", len(errs), errs[0])
	}
	if f := discordFails.Load(); f > 0 {
		t.Errorf("%d Discord questions got no answer in their response", f)
	}
	unanswered := func() (missing []int64) {
		for j := 0; j < n; j += 2 {
			if len(c.tg.sentTo(int64(100000+j))) == 0 {
				missing = append(missing, int64(100000+j))
			}
		}
		return missing
	}
	waitUntil(t, "a reply to every Telegram question", func() bool { return len(unanswered()) == 0 }, func() string {
		m := unanswered()
		return fmt.Sprintf("%d of %d unanswered, e.g. chats %v", len(m), n/2, m[:min(len(m), 5)])
	})
	missingFollowUps := func() (missing []string) {
		for _, tok := range deferredTokens {
			if c.dc.followUpsOf(tok) == 0 {
				missing = append(missing, tok)
			}
		}
		return missing
	}
	waitUntil(t, "the deferred Discord answers", func() bool { return len(missingFollowUps()) == 0 },
		func() string {
			missing := missingFollowUps()
			c.dc.mu.Lock()
			defer c.dc.mu.Unlock()
			return fmt.Sprintf("%d of %d missing: %v; calls: %v", len(missing), len(deferredTokens), missing, c.dc.paths[:min(len(c.dc.paths), 40)])
		})
	for r := rounds / 2; r < rounds; r++ {
		playRound(r)
	}

	// Scores exact, whichever replica scored them.
	ctx := context.Background()
	pg, err := postgres.Open(ctx, dsn, postgres.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	groupKey := "telegram:" + strconv.Itoa(group)
	waitUntil(t, "every quiz answer scored", func() bool {
		board, err := pg.Leaderboard(ctx, groupKey, 10)
		total := 0
		for _, s := range board {
			total += s.Answered
		}
		return err == nil && total == 3*rounds
	}, func() string {
		board, err := pg.Leaderboard(ctx, groupKey, 10)
		return fmt.Sprintf("(leaderboard %+v, err %v; want %d answers in all)", board, err, 3*rounds)
	})
	board, err := pg.Leaderboard(ctx, groupKey, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range board {
		u, _ := strconv.ParseInt(s.UserID, 10, 64)
		if want := expect[u]; s.Answered != want[0] || s.Correct != want[1] {
			t.Errorf("user %s: %d answered, %d right; want %d and %d", s.UserID, s.Answered, s.Correct, want[0], want[1])
		}
	}
	pg.Close()
	// The same leaderboard from every surviving replica.
	before := len(c.tg.sentTo(group))
	for i := range 2 {
		if err := c.telegram(i, tgMessage(group, 500, "/leaderboard")); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the leaderboard", func() bool { return len(c.tg.sentTo(group)) == before+i+1 })
	}
	if got := c.tg.sentTo(group); got[before] != got[before+1] {
		t.Errorf("the leaderboard differs between replicas:\n%s\n---\n%s", got[before], got[before+1])
	}

	// Every Telegram question answered exactly once, after the sweeps had time to act;
	// except that a reply the killed replica sent in its last instant, before it could
	// record the send, is sent again by the survivor that takes its update over: Telegram
	// has no idempotency key, so a crash between the send and its record is at least once.
	// Those are counted and bounded by what one replica has in hand (its workers).
	time.Sleep(3 * time.Second) // a takeover period: a duplicate would show by now
	var twice []int64
	crashWindow := 0
	for j := 0; j < n; j += 2 {
		chat := int64(100000 + j)
		k := len(c.tg.sentTo(chat))
		if _, killed := tookByKilled.Load(chat); killed && k == 2 {
			crashWindow++
			continue
		}
		if k != 1 {
			twice = append(twice, chat)
		}
	}
	for k := range dailyChats {
		if got := len(c.tg.sentTo(int64(800000 + k))); got != 1 {
			t.Errorf("chat %d got %d daily facts from three replicas, want 1", 800000+k, got)
		}
	}
	if len(twice) > 0 {
		sort.Slice(twice, func(a, b int) bool { return twice[a] < twice[b] })
		t.Errorf("%d Telegram questions answered other than once: %v", len(twice), twice[:min(len(twice), 10)])
	}
	// Replies leave the workers (telegram.workers defaults to 8) for per-chat outbox
	// lines, so a worker may have handed on a few replies whose sends are not yet
	// recorded when the replica dies: on a loaded machine 13 were seen. A takeover
	// that answered recorded questions again would repeat most of the hundred-odd
	// chats the killed replica took, far above this bound.
	if crashWindow > 3*8 {
		t.Errorf("%d questions answered twice around the kill, more than the killed replica's 8 workers and their outbox lines had in hand", crashWindow)
	}

	for _, tok := range deferredTokens {
		if k := c.dc.followUpsOf(tok); k != 1 {
			t.Errorf("deferred interaction %s completed %d times", tok, k)
		}
	}
	t.Logf("%d questions (%d Discord answers deferred by survivors, %d by the killed replica), %d quiz rounds, replica 2 killed after %d; %d Telegram replies sent again after the kill (sent, not recorded)",
		n, deferred.Load(), deferredKilled.Load(), rounds, n/3, crashWindow)

	// The survivors stop cleanly and leave no connection behind.
	for i := range 2 {
		if err := c.stop(i); err != nil {
			t.Errorf("replica %d: %v\n%s", i, err, c.replicas[i].output())
		}
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, has := u.User.Password(); has {
			for i, r := range c.replicas {
				if strings.Contains(r.output(), p) {
					t.Errorf("replica %d logged the database password", i)
				}
			}
		}
	}
	if left := connectionsTo(t, dsn); left != 0 {
		t.Errorf("%d database connections left after every replica stopped", left)
	}
}

// connectionsTo counts the sessions on dsn's database other than the one counting.
func connectionsTo(t testing.TB, dsn string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	// A killed replica's sessions end when the server notices the closed sockets.
	for range 100 {
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return n
}

// scrapeSums adds up, over every live replica's /metrics, the series whose names start
// with each prefix given (all label sets).
func (c *cluster) scrapeSums(t testing.TB, names ...string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, r := range c.replicas {
		if r.dead.Load() {
			continue
		}
		resp, err := http.Get(r.opsURL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, line := range strings.Split(string(body), "\n") {
			for _, n := range names {
				if strings.HasPrefix(line, n+"{") || strings.HasPrefix(line, n+" ") {
					f := strings.Fields(line)
					v, _ := strconv.ParseFloat(f[len(f)-1], 64)
					out[n] += v
					if _, op, ok := strings.Cut(line, `op="`); ok {
						op, _, _ = strings.Cut(op, `"`)
						out[n+"/"+op] += v
					}
				}
			}
		}
	}
	return out
}

// TestReplicasThroughput measures 1 against 3 replicas on one PostgreSQL in Discord HTTP
// interactions mode: /ask from 32 concurrent clients, round-robin. It reports figures
// and asserts only that every question was answered; run it with
// CYBERDIPLO_REPLICAS_THROUGHPUT=1 (and a test database).
func TestReplicasThroughput(t *testing.T) {
	if os.Getenv("CYBERDIPLO_REPLICAS_THROUGHPUT") != "1" {
		t.Skip("throughput figures: set CYBERDIPLO_REPLICAS_THROUGHPUT=1 (and " + pgtest.EnvVar + ")")
	}
	qs := curatedQuestions(t)
	const concurrency, requests, warmup = 32, 4000, 200
	metricNames := []string{"cyberdiplo_db_query_duration_seconds_count", "cyberdiplo_db_query_duration_seconds_sum",
		"cyberdiplo_reply_duration_seconds_sum", "cyberdiplo_match_duration_seconds_sum"}
	for _, setup := range []struct {
		name string
		n    int
		pg   bool
	}{{"sqlite", 1, false}, {"postgres", 1, true}, {"postgres", 3, true}} {
		n := setup.n
		t.Run(fmt.Sprintf("%d %s", n, setup.name), func(t *testing.T) {
			dsn := ""
			if setup.pg {
				dsn = pgtest.Database(t)
			}
			c := startCluster(t, dsn, n)
			var id atomic.Int64
			run := func(count int) []time.Duration {
				lat := make([]time.Duration, count)
				var next atomic.Int64
				var wg sync.WaitGroup
				for range concurrency {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							k := int(next.Add(1) - 1)
							if k >= count {
								return
							}
							j := id.Add(1)
							start := time.Now()
							typ, _, err := c.discordAsk(-1, j, qs[int(j)%len(qs)])
							lat[k] = time.Since(start)
							if err != nil || (typ != 4 && typ != 5) {
								t.Errorf("question %d: type %d, %v", j, typ, err)
							}
						}
					}()
				}
				wg.Wait()
				return lat
			}
			run(warmup)
			before := c.scrapeSums(t, metricNames...)
			start := time.Now()
			lat := run(requests)
			took := time.Since(start)
			after := c.scrapeSums(t, metricNames...)
			sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
			per := func(name string) float64 { return (after[name] - before[name]) / requests }
			report := fmt.Sprintf("%s, %d replica(s): %d /ask, %d concurrent: %.0f req/s, p50 %v, p99 %v; per request: %.2f queries, %.0fµs in the database, %.0fµs composing the reply (%.0fµs matching)",
				setup.name, n, requests, concurrency, requests/took.Seconds(),
				lat[len(lat)/2].Round(10*time.Microsecond), lat[len(lat)*99/100].Round(10*time.Microsecond),
				per("cyberdiplo_db_query_duration_seconds_count"), 1e6*per("cyberdiplo_db_query_duration_seconds_sum"),
				1e6*per("cyberdiplo_reply_duration_seconds_sum"), 1e6*per("cyberdiplo_match_duration_seconds_sum"))
			var ops []string
			for k := range after {
				if op, ok := strings.CutPrefix(k, "cyberdiplo_db_query_duration_seconds_count/"); ok && after[k] > before[k] {
					ops = append(ops, fmt.Sprintf("%s %.2f×%.0fµs", op, per(k), 1e6*(after["cyberdiplo_db_query_duration_seconds_sum/"+op]-before["cyberdiplo_db_query_duration_seconds_sum/"+op])/(after[k]-before[k])))
				}
			}
			sort.Strings(ops)
			report += "; queries: " + strings.Join(ops, ", ")
			t.Log(report)
			fmt.Println(report)
		})
	}
}
