package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/fakebotapi"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
)

// fakeAPI is an in-process Telegram Bot API: enough of getUpdates (with offsets confirmed
// the way Telegram does), sending, editing, callbacks, inline answers, commands and
// webhooks for the adapter to run against it through the real library.
type fakeAPI struct {
	t     testing.TB
	srv   *httptest.Server
	token string
	me    tgbotapi.User

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change, to wait on conditions
	updates   fakebotapi.Queue
	nextID    int // next update id
	nextMsg   int
	calls     []apiCall
	failures  map[string][]failure
	admins    map[[2]int64]bool
	webhook   url.Values // last setWebhook form; nil when none is set
	polls     int        // getUpdates calls answered
	record    bool       // keep calls (benchmarks turn it off)
	patience  time.Duration
	sentCount int
	// inbox stands for the chat-state database: start gives it to every adapter run
	// against this fake, so a restart finds what the previous run left.
	inbox *memInbox
}

// inboxes maps a fake's endpoint to its inbox, for start to find.
var inboxes sync.Map

type apiCall struct {
	method string
	form   url.Values
}

// failure is a scripted answer to the next call of a method.
type failure struct {
	code        int
	description string
	retryAfter  int
	migrateTo   int64
	dropConn    bool // close the connection instead of answering (a transport error)
	hang        bool // never answer: only the client's own timeout ends the call
}

const testToken = "123456:TEST-token_SECRET"

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{
		t:        t,
		token:    testToken,
		me:       tgbotapi.User{ID: 4242, IsBot: true, FirstName: "Cyber Diplo", UserName: "ThisBot"},
		changed:  make(chan struct{}),
		nextID:   100,
		nextMsg:  1000,
		failures: map[string][]failure{},
		admins:   map[[2]int64]bool{},
		record:   true,
		patience: 15 * time.Second,
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	f.inbox = newMemInbox()
	f.inbox.changed = func() {
		f.mu.Lock()
		f.notify()
		f.mu.Unlock()
	}
	inboxes.Store(f.endpoint(), f.inbox)
	t.Cleanup(func() { inboxes.Delete(f.endpoint()) })
	return f
}

// useFakeInbox gives a the inbox of the fake its configuration points at, if any.
func useFakeInbox(a *Adapter) {
	if in, ok := inboxes.Load(a.cfg.APIEndpoint); ok {
		a.SetInbox(in.(*memInbox))
	}
}

// endpoint is the api_endpoint format pointing at the fake.
func (f *fakeAPI) endpoint() string { return f.srv.URL + "/bot%s/%s" }

func (f *fakeAPI) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// waitFor blocks until cond holds (checked under the lock after every change) or fails the
// test after a generous deadline. It waits on change notifications, never on sleeps.
func (f *fakeAPI) waitFor(what string, cond func() bool) {
	f.t.Helper()
	deadline := time.NewTimer(f.patience)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ok := cond()
		ch := f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			f.t.Fatalf("timed out waiting for %s; calls: %v", what, f.methods())
		}
	}
}

func (f *fakeAPI) methods() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.method)
	}
	return out
}

// push queues updates as Telegram would, numbering them.
func (f *fakeAPI) push(us ...tgbotapi.Update) []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ids []int
	for _, u := range us {
		u.UpdateID = f.nextID
		f.nextID++
		f.updates.Pending = append(f.updates.Pending, u)
		ids = append(ids, u.UpdateID)
	}
	f.notify()
	return ids
}

func (f *fakeAPI) fail(method string, fs ...failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[method] = append(f.failures[method], fs...)
}

// callsOf returns the recorded calls of a method.
func (f *fakeAPI) callsOf(method string) []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.callsOfLocked(method)
}

func (f *fakeAPI) callsOfLocked(method string) []url.Values {
	var out []url.Values
	for _, c := range f.calls {
		if c.method == method {
			out = append(out, c.form)
		}
	}
	return out
}

// sent returns the messages successfully sent to a chat, in order.
func (f *fakeAPI) sent(chatID int64) []url.Values {
	var out []url.Values
	for _, c := range f.callsOf("sendMessage") {
		if c.Get("chat_id") == strconv.FormatInt(chatID, 10) && c.Get("failed") == "" {
			out = append(out, c)
		}
	}
	return out
}

type apiReply struct {
	OK          bool            `json:"ok"`
	Result      any             `json:"result,omitempty"`
	ErrorCode   int             `json:"error_code,omitempty"`
	Description string          `json:"description,omitempty"`
	Parameters  *map[string]any `json:"parameters,omitempty"`
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + f.token + "/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		writeJSON(w, http.StatusUnauthorized, apiReply{ErrorCode: 401, Description: "Unauthorized"})
		return
	}
	method := strings.TrimPrefix(r.URL.Path, prefix)
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, apiReply{ErrorCode: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	form := r.PostForm
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") { // sendPhoto uploads
		if err := r.ParseMultipartForm(16 << 20); err != nil {
			writeJSON(w, http.StatusBadRequest, apiReply{ErrorCode: 400, Description: "Bad Request: " + err.Error()})
			return
		}
		form = multipartFields(r.MultipartForm)
	}

	f.mu.Lock()
	if q := f.failures[method]; len(q) > 0 {
		fl := q[0]
		f.failures[method] = q[1:]
		if f.record {
			failed := cloneForm(form)
			failed.Set("failed", strconv.Itoa(fl.code))
			f.calls = append(f.calls, apiCall{method, failed})
		}
		f.notify()
		f.mu.Unlock()
		if fl.hang {
			<-r.Context().Done()
			return
		}
		if fl.dropConn {
			hj, ok := w.(http.Hijacker)
			if !ok {
				panic("no hijacker")
			}
			conn, _, err := hj.Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		rep := apiReply{ErrorCode: fl.code, Description: fl.description}
		params := map[string]any{}
		if fl.retryAfter > 0 {
			params["retry_after"] = fl.retryAfter
		}
		if fl.migrateTo != 0 {
			params["migrate_to_chat_id"] = fl.migrateTo
		}
		if len(params) > 0 {
			rep.Parameters = &params
		}
		writeJSON(w, fl.code, rep)
		return
	}
	f.mu.Unlock()

	if method == "getUpdates" {
		f.getUpdates(w, r, form)
		return
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.record {
		f.calls = append(f.calls, apiCall{method, cloneForm(form)})
	}
	defer f.notify()
	switch method {
	case "getMe":
		writeJSON(w, 200, apiReply{OK: true, Result: f.me})
	case "getWebhookInfo":
		info := map[string]any{"url": "", "has_custom_certificate": false, "pending_update_count": len(f.updates.Pending)}
		if f.webhook != nil {
			info["url"] = f.webhook.Get("url")
		}
		writeJSON(w, 200, apiReply{OK: true, Result: info})
	case "setWebhook":
		f.webhook = cloneForm(form)
		writeJSON(w, 200, apiReply{OK: true, Result: true})
	case "deleteWebhook":
		f.webhook = nil
		writeJSON(w, 200, apiReply{OK: true, Result: true})
	case "sendMessage":
		f.nextMsg++
		f.sentCount++
		if f.record {
			// Tests read the id Telegram gave the message (to press its buttons).
			f.calls[len(f.calls)-1].form.Set("_message_id", strconv.Itoa(f.nextMsg))
		}
		chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
		writeJSON(w, 200, apiReply{OK: true, Result: tgbotapi.Message{
			MessageID: f.nextMsg, From: &f.me, Date: int(time.Now().Unix()),
			Chat: &tgbotapi.Chat{ID: chatID, Type: chatType(chatID)}, Text: form.Get("text")}})
	case "sendPoll":
		f.nextMsg++
		chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
		pollID := "poll-" + strconv.Itoa(f.nextMsg)
		if f.record {
			f.calls[len(f.calls)-1].form.Set("_poll_id", pollID)
		}
		writeJSON(w, 200, apiReply{OK: true, Result: tgbotapi.Message{
			MessageID: f.nextMsg, From: &f.me, Date: int(time.Now().Unix()),
			Chat: &tgbotapi.Chat{ID: chatID, Type: chatType(chatID)},
			Poll: &tgbotapi.Poll{ID: pollID, Question: form.Get("question"), Type: form.Get("type")}}})
	case "sendPhoto":
		f.nextMsg++
		chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
		writeJSON(w, 200, apiReply{OK: true, Result: tgbotapi.Message{MessageID: f.nextMsg, From: &f.me,
			Chat: &tgbotapi.Chat{ID: chatID, Type: chatType(chatID)}, Caption: form.Get("caption")}})
	case "editMessageText":
		if form.Get("inline_message_id") != "" {
			writeJSON(w, 200, apiReply{OK: true, Result: true})
			return
		}
		chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
		id, _ := strconv.Atoi(form.Get("message_id"))
		writeJSON(w, 200, apiReply{OK: true, Result: tgbotapi.Message{
			MessageID: id, From: &f.me, Chat: &tgbotapi.Chat{ID: chatID, Type: chatType(chatID)}, Text: form.Get("text")}})
	case "answerCallbackQuery", "answerInlineQuery", "setMyCommands":
		writeJSON(w, 200, apiReply{OK: true, Result: true})
	case "getChatMember":
		user, _ := strconv.ParseInt(form.Get("user_id"), 10, 64)
		chat, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
		status := "member"
		if f.admins[[2]int64{chat, user}] {
			status = "administrator"
		}
		writeJSON(w, 200, apiReply{OK: true, Result: map[string]any{"status": status, "user": map[string]any{"id": user, "first_name": "U"}}})
	default:
		writeJSON(w, 404, apiReply{ErrorCode: 404, Description: "Not Found: method " + method})
	}
}

// getUpdates answers like Telegram: the offset confirms (drops) everything below it; the call
// returns pending updates at or above it, waiting up to timeout seconds for one to arrive.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, form url.Values) {
	offset, _ := strconv.Atoi(form.Get("offset"))
	limit, _ := strconv.Atoi(form.Get("limit"))
	timeout, _ := strconv.Atoi(form.Get("timeout"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	// The call is recorded (and its offset takes effect) when it arrives, as on Telegram:
	// the offset confirms updates whether or not new ones are waiting.
	f.mu.Lock()
	f.polls++
	if f.record {
		f.calls = append(f.calls, apiCall{"getUpdates", cloneForm(form)})
	}
	f.notify()
	f.mu.Unlock()
	out, ok := fakebotapi.LongPoll(r.Context(), time.Duration(timeout)*time.Second, func() ([]tgbotapi.Update, <-chan struct{}) {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.updates.Take(offset, limit), f.changed
	})
	if ok {
		writeJSON(w, 200, apiReply{OK: true, Result: out})
	}
}

// confirmedOffset is the offset Telegram holds: the next run starts there.
func (f *fakeAPI) confirmedOffset() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.updates.Confirmed
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func cloneForm(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Chat ids: positive are private chats, below -1e12 supergroups/channels, other negative groups.
func chatType(id int64) string {
	switch {
	case id > 0:
		return "private"
	case id <= -2_000_000_000_000:
		return "channel"
	case id <= -1_000_000_000_000:
		return "supergroup"
	}
	return "group"
}

// entitiesFor marks commands at the start and @mentions the way Telegram does, with offsets
// and lengths in UTF-16 code units (computed here independently of the adapter).
func entitiesFor(text string) []tgbotapi.MessageEntity {
	u := utf16.Encode([]rune(text))
	var out []tgbotapi.MessageEntity
	isWord := func(c uint16) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '@'
	}
	for i := 0; i < len(u); i++ {
		if (u[i] == '/' && i == 0) || (u[i] == '@' && (i == 0 || !isWord(u[i-1]))) {
			j := i + 1
			for j < len(u) && isWord(u[j]) && !(u[i] == '@' && u[j] == '@') {
				j++
			}
			if j-i < 2 {
				continue
			}
			typ := "mention"
			if u[i] == '/' {
				typ = "bot_command"
			}
			out = append(out, tgbotapi.MessageEntity{Type: typ, Offset: i, Length: j - i})
			i = j - 1
		}
	}
	return out
}

// message builds a message update in a chat from a user.
func message(chatID int64, from tgbotapi.User, text string) tgbotapi.Update {
	f := from
	return tgbotapi.Update{Message: &tgbotapi.Message{
		MessageID: int(time.Now().UnixNano() % 1_000_000),
		From:      &f,
		Date:      int(time.Now().Unix()),
		Chat:      &tgbotapi.Chat{ID: chatID, Type: chatType(chatID), Title: "Study group"},
		Text:      text,
		Entities:  entitiesFor(text),
	}}
}

func user(id int64, lang string) tgbotapi.User {
	return tgbotapi.User{ID: id, FirstName: "User" + strconv.FormatInt(id, 10), LanguageCode: lang}
}

// running is an adapter serving against a fake until stop is called.
type running struct {
	a    *Adapter
	logs *syncbuf.Buffer
	stop func() error
}

// testConfig paces fast enough for tests while keeping every mechanism on.
func testConfig(f *fakeAPI) Config {
	return Config{
		Token:            f.token,
		APIEndpoint:      f.endpoint(),
		PollTimeout:      5 * time.Second,
		RequestTimeout:   5 * time.Second,
		PerChatPerSecond: 1000,
		GroupPerMinute:   60000,
		GlobalPerSecond:  1000,
		Workers:          4,
		ShutdownTimeout:  5 * time.Second,
	}
}

func slogTo(w *syncbuf.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func start(t testing.TB, cfg Config, b brain) *running {
	t.Helper()
	logs := &syncbuf.Buffer{}
	a, err := newAdapter(cfg, b, slogTo(logs))
	if err != nil {
		t.Fatalf("newAdapter: %v", err)
	}
	useFakeInbox(a)
	return run(t, a, logs)
}

func run(t testing.TB, a *Adapter, logs *syncbuf.Buffer) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	select {
	case <-a.ready:
	case err := <-errc:
		cancel()
		t.Fatalf("Run returned before serving: %v\nlogs:\n%s", err, logs)
	case <-time.After(15 * time.Second):
		cancel()
		t.Fatalf("adapter not ready; logs:\n%s", logs)
	}
	var once sync.Once
	var runErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			runErr = <-errc
		})
		return runErr
	}
	t.Cleanup(func() { _ = stop() })
	return &running{a: a, logs: logs, stop: stop}
}

func (r *running) String() string { return fmt.Sprintf("logs:\n%s", r.logs) }
