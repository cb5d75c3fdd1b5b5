package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// A fake Discord on loopback: the REST API the adapter uses and a gateway websocket that
// does Hello → Identify → Ready (or Resume → Resumed) and dispatches events. One server
// serves the whole package, because discordgo's endpoints are process-wide; each test
// installs its own fakeDiscord state behind it.

const (
	testToken = "test-token-Zm9vYmFy.c2VjcmV0"
	testApp   = "100000000000000001"
	testBot   = "200000000000000002"
	testGuild = "300000000000000003"
	testChan  = "400000000000000004"
	testDM    = "400000000000000005"
	testUser  = "500000000000000006"
	otherUser = "500000000000000007"
)

var (
	fakeServer  *httptest.Server
	fakeBase    string // http://127.0.0.1:port/
	currentFake atomic.Pointer[fakeDiscord]
)

// waitLimit only guards against a hung test; synchronisation is by channels.
const waitLimit = 15 * time.Second

func TestMain(m *testing.M) {
	fakeServer = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := currentFake.Load()
		if f == nil {
			http.Error(w, "no fake installed", http.StatusServiceUnavailable)
			return
		}
		f.ServeHTTP(w, r)
	}))
	fakeBase = fakeServer.URL + "/"
	// The adapter points discordgo's global endpoints at this base, once per process.
	if err := useAPIBase(fakeBase); err != nil {
		panic(err)
	}
	code := m.Run()
	fakeServer.Close()
	os.Exit(code)
}

// recorded is one REST request the fake received.
type recorded struct {
	Method, Path, Auth string
	Body               []byte
	At                 time.Time
}

func (r recorded) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.Body, &v); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %v (%s)", r.Method, r.Path, err, r.Body)
	}
	return v
}

type sentEvent struct {
	seq int64
	raw []byte
}

// Failure statuses that are not HTTP statuses: hangUp closes the connection without a
// response; stall answers nothing until the client gives up on the request.
const (
	hangUp = -1
	stall  = -2
)

type failure struct {
	status int
	body   string
	header map[string]string
}

type fakeDiscord struct {
	t        testing.TB
	upgrader websocket.Upgrader

	mu         sync.Mutex
	requests   []recorded
	commands   map[string]json.RawMessage // scope path -> registered commands
	failures   map[string][]failure       // "METHOD /path-prefix" -> queued failures
	conn       *websocket.Conn
	seq        int64
	identifies []map[string]any
	heartbeat  int         // ms
	events     []sentEvent // dispatched events, for replay on resume
	// refuseIdentify closes the gateway with 4004 (authentication failed) on Identify.
	refuseIdentify bool

	reqs chan recorded // every REST request, in order
	gw   chan string   // "ready" after READY was sent, "resumed" after RESUMED
	msgN atomic.Int64
}

func newFake(t testing.TB) *fakeDiscord {
	f := &fakeDiscord{
		t:         t,
		commands:  map[string]json.RawMessage{},
		failures:  map[string][]failure{},
		heartbeat: 45000,
		reqs:      make(chan recorded, 1024),
		gw:        make(chan string, 16),
	}
	currentFake.Store(f)
	t.Cleanup(func() {
		currentFake.CompareAndSwap(f, nil)
		f.mu.Lock()
		if f.conn != nil {
			f.conn.Close()
		}
		f.mu.Unlock()
	})
	return f
}

// failNext makes the next request matching "METHOD /path-prefix" fail once.
func (f *fakeDiscord) failNext(route string, fl failure) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures[route] = append(f.failures[route], fl)
}

func (f *fakeDiscord) takeFailure(method, path string) *failure {
	f.mu.Lock()
	defer f.mu.Unlock()
	for route, fls := range f.failures {
		m, prefix, _ := strings.Cut(route, " ")
		if m == method && strings.HasPrefix(path, prefix) && len(fls) > 0 {
			f.failures[route] = fls[1:]
			return &fls[0]
		}
	}
	return nil
}

func (f *fakeDiscord) recordedRequests() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

const apiPrefix = "/api/v9"

func (f *fakeDiscord) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gw/" || r.URL.Path == "/gw" {
		f.serveGateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, apiPrefix)
	rec := recorded{Method: r.Method, Path: path, Auth: r.Header.Get("Authorization"), Body: body, At: time.Now()}
	f.mu.Lock()
	f.requests = append(f.requests, rec)
	f.mu.Unlock()
	f.reqs <- rec

	// Interaction callbacks and webhooks authenticate by their token; the rest by the bot token.
	tokenAuth := strings.HasPrefix(path, "/interactions/") || strings.HasPrefix(path, "/webhooks/")
	if !tokenAuth && path != "/gateway" && rec.Auth != "Bot "+testToken {
		writeJSON(w, http.StatusUnauthorized, `{"message": "401: Unauthorized", "code": 0}`)
		return
	}
	if fl := f.takeFailure(r.Method, path); fl != nil {
		if fl.status == stall {
			<-r.Context().Done()
			return
		}
		if fl.status == hangUp {
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		for k, v := range fl.header {
			w.Header().Set(k, v)
		}
		writeJSON(w, fl.status, fl.body)
		return
	}

	switch {
	case r.Method == http.MethodGet && path == "/gateway":
		host := strings.TrimPrefix(fakeServer.URL, "http://")
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"url": "ws://%s/gw"}`, host))
	case strings.HasPrefix(path, "/applications/") && strings.HasSuffix(path, "/commands"):
		f.serveCommands(w, r.Method, path, body)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/interactions/") && strings.HasSuffix(path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && strings.HasPrefix(path, "/webhooks/"):
		writeJSON(w, http.StatusOK, `{"id": "900000000000000001", "channel_id": "`+testChan+`"}`)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/webhooks/"):
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"id": "9100000000000%05d", "channel_id": "%s"}`, f.msgN.Add(1), testChan))
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages"):
		ch := strings.TrimSuffix(strings.TrimPrefix(path, "/channels/"), "/messages")
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"id": "9200000000000%05d", "channel_id": "%s"}`, f.msgN.Add(1), ch))
	default:
		writeJSON(w, http.StatusNotFound, `{"message": "404: Not Found", "code": 0}`)
	}
}

func (f *fakeDiscord) serveCommands(w http.ResponseWriter, method, path string, body []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch method {
	case http.MethodGet:
		cmds, ok := f.commands[path]
		if !ok {
			cmds = json.RawMessage(`[]`)
		}
		writeJSON(w, http.StatusOK, string(cmds))
	case http.MethodPut:
		// Echo what was registered with the fields Discord adds.
		var cmds []map[string]any
		if err := json.Unmarshal(body, &cmds); err != nil {
			writeJSON(w, http.StatusBadRequest, `{"message": "Invalid Form Body", "code": 50035}`)
			return
		}
		for n, c := range cmds {
			c["id"] = fmt.Sprintf("7000000000000%05d", n)
			c["application_id"] = testApp
			c["version"] = "1"
			c["dm_permission"] = true
			c["nsfw"] = false
		}
		out, _ := json.Marshal(cmds)
		f.commands[path] = out
		writeJSON(w, http.StatusOK, string(out))
	default:
		writeJSON(w, http.StatusMethodNotAllowed, `{"message": "405", "code": 0}`)
	}
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// serveGateway runs one websocket connection of the fake gateway.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	conn, err := f.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.mu.Lock()
	if f.conn != nil {
		f.conn.Close()
	}
	f.conn = conn
	hb := f.heartbeat
	f.mu.Unlock()
	defer conn.Close()

	if err := f.write(conn, map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": hb}}); err != nil {
		return
	}
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(data, &p) != nil {
			continue
		}
		switch p.Op {
		case 1: // heartbeat
			_ = f.write(conn, map[string]any{"op": 11})
		case 2: // identify
			if f.refuseIdentify {
				f.mu.Lock()
				_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."))
				f.mu.Unlock()
				return
			}
			var id map[string]any
			_ = json.Unmarshal(p.D, &id)
			f.mu.Lock()
			f.identifies = append(f.identifies, id)
			f.mu.Unlock()
			_ = f.dispatchOn(conn, "READY", map[string]any{
				"v": 9, "session_id": "session-1",
				"user":        map[string]any{"id": testBot, "username": "cyberdiplo", "bot": true},
				"application": map[string]any{"id": testApp},
				"guilds":      []any{},
			})
			f.gw <- "ready"
		case 6: // resume: replay what the client missed, then RESUMED, as Discord does
			var rs struct {
				Seq int64 `json:"seq"`
			}
			_ = json.Unmarshal(p.D, &rs)
			f.mu.Lock()
			for _, ev := range f.events {
				if ev.seq > rs.Seq {
					_ = conn.WriteMessage(websocket.TextMessage, ev.raw)
				}
			}
			f.mu.Unlock()
			_ = f.dispatchOn(conn, "RESUMED", map[string]any{})
			f.gw <- "resumed"
		}
	}
}

func (f *fakeDiscord) write(conn *websocket.Conn, v any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return conn.WriteJSON(v)
}

// dispatchOn sends an event and keeps it for replay after a resume.
func (f *fakeDiscord) dispatchOn(conn *websocket.Conn, event string, d any) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	raw, err := json.Marshal(map[string]any{"op": 0, "t": event, "s": f.seq, "d": d})
	if err != nil {
		return err
	}
	if event != "READY" && event != "RESUMED" {
		f.events = append(f.events, sentEvent{seq: f.seq, raw: raw})
	}
	return conn.WriteMessage(websocket.TextMessage, raw)
}

// dispatch sends an event on the current gateway connection. If that connection is dying,
// the client gets the event when it resumes, as with Discord.
func (f *fakeDiscord) dispatch(event string, d any) {
	f.t.Helper()
	f.mu.Lock()
	conn := f.conn
	f.mu.Unlock()
	if conn == nil {
		f.t.Fatal("dispatch: no gateway connection")
	}
	_ = f.dispatchOn(conn, event, d)
}

// dropConnection breaks the websocket without a close frame, like a network failure.
func (f *fakeDiscord) dropConnection() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.conn != nil {
		f.conn.UnderlyingConn().Close()
	}
}

// waitGateway waits for a gateway milestone ("ready", "resumed").
func (f *fakeDiscord) waitGateway(t *testing.T, want string) {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		select {
		case got := <-f.gw:
			if got == want {
				return
			}
		case <-deadline:
			t.Fatalf("gateway never reached %q", want)
		}
	}
}

// waitRequest returns the next REST request that matches.
func (f *fakeDiscord) waitRequest(t *testing.T, what string, match func(recorded) bool) recorded {
	t.Helper()
	deadline := time.After(waitLimit)
	for {
		select {
		case r := <-f.reqs:
			if match(r) {
				return r
			}
		case <-deadline:
			t.Fatalf("no request: %s", what)
		}
	}
}

func isCallback(id string) func(recorded) bool {
	return func(r recorded) bool {
		return r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/interactions/"+id+"/") && strings.HasSuffix(r.Path, "/callback")
	}
}

func isChannelPost(ch string) func(recorded) bool {
	return func(r recorded) bool { return r.Method == http.MethodPost && r.Path == "/channels/"+ch+"/messages" }
}
