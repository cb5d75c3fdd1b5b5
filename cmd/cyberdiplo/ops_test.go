package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/ops"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
)

// observedAdapter is a fake Telegram adapter with a readiness probe and the metrics
// hook; it hands the test the bot it was given.
type observedAdapter struct {
	fakeRunner
	brain   *bot.Bot
	ready   atomic.Bool
	metrics telegram.Metrics
}

func (o *observedAdapter) Ready(context.Context) error {
	if o.ready.Load() {
		return nil
	}
	return io.ErrUnexpectedEOF // any error: the adapter is not connected
}

// running is a program started in-process by startServe.
type running struct {
	adapter *observedAdapter
	stderr  *syncbuf.Buffer
	cancel  context.CancelFunc
	done    chan int
}

// startServe runs the program with a fake Telegram adapter and the given environment,
// and waits until the adapter runs.
func startServe(t *testing.T, env ...string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	created := make(chan *observedAdapter, 1)
	a := &app{environ: append([]string{"CYBERDIPLO_TELEGRAM_TOKEN=1:x", "CYBERDIPLO_STORAGE_PATH=:memory:"}, env...),
		newTelegram: func(_ telegram.Config, k adapterKit) (Adapter, error) {
			r := &observedAdapter{fakeRunner: fakeRunner{name: "telegram", started: make(chan struct{})}, brain: k.brain, metrics: k.metrics}
			created <- r
			return r, nil
		}}
	isolate(t, a)
	t.Chdir(t.TempDir())
	stderr := &syncbuf.Buffer{}
	a.stdin, a.stdout, a.stderr = strings.NewReader(""), io.Discard, stderr
	r := &running{stderr: stderr, cancel: cancel, done: make(chan int, 1)}
	go func() { r.done <- a.run(ctx, nil) }()
	select {
	case r.adapter = <-created:
		<-r.adapter.started
	case code := <-r.done:
		t.Fatalf("exit %d before the adapter ran: %s", code, stderr.String())
	}
	return r
}

// stop shuts the program down as SIGTERM would and checks that it exits cleanly.
func (r *running) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	if code := <-r.done; code != exitOK {
		t.Errorf("exit %d: %s", code, r.stderr.String())
	}
}

var opsAddr = regexp.MustCompile(`msg="ops endpoint listening".*? addr=(\S+)`)

// opsURL waits for the ops endpoint's log line and returns its base URL.
func opsURL(t *testing.T, log *syncbuf.Buffer) string {
	t.Helper()
	for range 500 {
		if m := opsAddr.FindStringSubmatch(log.String()); m != nil {
			return "http://" + m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the ops endpoint did not start:\n%s", log.String())
	return ""
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

func privateMessage(user, text string) *bot.Message {
	return &bot.Message{Platform: "telegram", ChatID: user, ChatKind: bot.Private, UserID: user, Text: text}
}

func TestServeOpsEndpoint(t *testing.T) {
	r := startServe(t, "CYBERDIPLO_OPS_LISTEN=127.0.0.1:0")
	base := opsURL(t, r.stderr)

	if code, body := get(t, base+"/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("/healthz = %d %q, want 200 ok", code, body)
	}

	// Not connected yet: 503, and the body names the failing check.
	code, body := get(t, base+"/readyz")
	var rd ops.Readiness
	if err := json.Unmarshal([]byte(body), &rd); err != nil {
		t.Fatalf("/readyz body %q: %v", body, err)
	}
	if code != http.StatusServiceUnavailable || rd.Ready {
		t.Errorf("/readyz with the adapter down = %d %s, want 503", code, body)
	}
	states := map[string]bool{}
	for _, c := range rd.Checks {
		states[c.Name] = c.OK
	}
	if ok, found := states["telegram"]; !found || ok {
		t.Errorf("/readyz does not report the telegram check failing: %s", body)
	}
	if !states["facts"] {
		t.Errorf("/readyz: the facts check fails with the embedded base: %s", body)
	}

	r.adapter.ready.Store(true)
	if code, body := get(t, base+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz with the adapter up = %d %s, want 200", code, body)
	}

	// A question through the brain, as the adapter would pass it.
	if r.adapter.metrics == nil {
		t.Fatal("the adapter was not given the metrics")
	}
	r.adapter.metrics.MessageIn("telegram")
	reply := r.adapter.brain.Handle(context.Background(), privateMessage("42", "What is the OEWG?"))
	if reply == nil || reply.Kind != bot.KindAnswer {
		t.Fatalf("the question was not answered: %+v", reply)
	}
	_, metricsText := get(t, base+"/metrics")
	for _, want := range []string{
		`cyberdiplo_messages_in_total{platform="telegram"} 1`,
		`cyberdiplo_replies_total{outcome="answered",platform="telegram"} 1`,
		`cyberdiplo_matches_total{verdict="answered"} 1`,
		`cyberdiplo_match_duration_seconds_count 1`,
		`cyberdiplo_readiness_failures_total{check="telegram"} 1`,
	} {
		if !strings.Contains(metricsText, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	r.stop(t)
}

func TestServeLimitsFloods(t *testing.T) {
	r := startServe(t, "CYBERDIPLO_OPS_LISTEN=127.0.0.1:0")
	base := opsURL(t, r.stderr)
	const burst = 6 // limit.DefaultUserBurst: the default configuration is what is tested
	var replies []*bot.Reply
	for range 30 {
		replies = append(replies, r.adapter.brain.Handle(context.Background(), privateMessage("7", "What is the OEWG?")))
	}
	notices := 0
	for i, rep := range replies {
		switch {
		case i < burst && (rep == nil || rep.Kind != bot.KindAnswer):
			t.Errorf("message %d within the burst: %+v, want an answer", i+1, rep)
		case rep != nil && strings.Contains(bot.PlainText(rep), "Slow down"):
			notices++
		}
	}
	if notices != 1 {
		t.Errorf("%d flood notices, want exactly 1", notices)
	}
	if rep := replies[burst]; rep == nil || !strings.Contains(bot.PlainText(rep), "Pelan-pelan") {
		t.Errorf("message %d: %+v, want the bilingual notice", burst+1, rep)
	}
	if replies[len(replies)-1] != nil {
		t.Errorf("the flood's last message got a reply, want silence")
	}
	// Another user is not affected by the flooder.
	if rep := r.adapter.brain.Handle(context.Background(), privateMessage("8", "What is the OEWG?")); rep == nil || rep.Kind != bot.KindAnswer {
		t.Errorf("another user's question: %+v, want an answer", rep)
	}
	_, metricsText := get(t, base+"/metrics")
	if !regexp.MustCompile(`cyberdiplo_rate_limited_total\{platform="telegram",scope="user"\} (1[0-9]|2[0-9])\n`).MatchString(metricsText) {
		t.Errorf("/metrics does not count the refused messages:\n%s", grepLines(metricsText, "rate_limited"))
	}
	r.stop(t)
}

func grepLines(text, word string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, word) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestConsoleIsNotLimited pipes more questions than a user's burst into the console:
// its one local user is never throttled.
func TestConsoleIsNotLimited(t *testing.T) {
	res := cli(t, strings.Repeat("What is the OEWG?\n", 12), "console")
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if strings.Contains(res.stdout, "Slow down") || strings.Contains(res.stdout, "Pelan-pelan") {
		t.Errorf("the console was flood-limited:\n%s", res.stdout)
	}
}

// TestLogOutput checks the [log] section: JSON lines at the chosen level, text otherwise.
func TestLogOutput(t *testing.T) {
	tests := []struct {
		name      string
		env       []string
		json      bool
		wantStart bool // the info-level "starting" line
	}{
		{name: "text at info", env: []string{"CYBERDIPLO_LOG_FORMAT=text"}, wantStart: true},
		{name: "json at info", env: []string{"CYBERDIPLO_LOG_FORMAT=json"}, json: true, wantStart: true},
		{name: "json at warn", env: []string{"CYBERDIPLO_LOG_FORMAT=json", "CYBERDIPLO_LOG_LEVEL=warn"}, json: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := startServe(t, tc.env...)
			r.stop(t)
			out := r.stderr.String()
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if out == "" {
				lines = nil
			}
			started := false
			for _, l := range lines {
				var rec map[string]any
				isJSON := json.Unmarshal([]byte(l), &rec) == nil
				if isJSON != tc.json {
					t.Errorf("line %q: JSON = %v, want %v", l, isJSON, tc.json)
				}
				if strings.Contains(l, "starting") {
					started = true
				}
			}
			if started != tc.wantStart {
				t.Errorf("startup line logged = %v, want %v:\n%s", started, tc.wantStart, out)
			}
		})
	}
}

// closedPort is a loopback address nothing listens on: connecting is refused. It is
// chosen once per test binary because discordgo's endpoints are process-wide and the
// Discord adapter refuses a second api_url in one process.
var closedPort = sync.OnceValues(func() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
})

// TestTokensNeverLeak runs the real adapters with marker tokens against a port that
// refuses connections, then searches everything the program showed for the markers.
func TestTokensNeverLeak(t *testing.T) {
	const (
		tgSecret = "TGMARKERx7Qz"
		dcSecret = "DCMARKERk9Wv"
	)
	dead, err := closedPort()
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			a := &app{environ: []string{
				"CYBERDIPLO_TELEGRAM_TOKEN=123456789:" + tgSecret,
				"CYBERDIPLO_TELEGRAM_API_ENDPOINT=http://" + dead + "/bot%s/%s",
				"CYBERDIPLO_DISCORD_TOKEN=" + dcSecret + ".discord.token",
				"CYBERDIPLO_DISCORD_API_URL=http://" + dead + "/",
				"CYBERDIPLO_OPS_LISTEN=127.0.0.1:0",
				"CYBERDIPLO_STORAGE_PATH=:memory:",
				"CYBERDIPLO_LOG_LEVEL=debug",
				"CYBERDIPLO_LOG_FORMAT=" + format,
			}}
			isolate(t, a)
			t.Chdir(t.TempDir())
			stderr, stdout := &syncbuf.Buffer{}, &syncbuf.Buffer{}
			a.stdin, a.stdout, a.stderr = strings.NewReader(""), stdout, stderr
			done := make(chan int, 1)
			go func() { done <- a.run(ctx, nil) }()

			var shown []string
			addr := regexp.MustCompile(`"?msg"?[=:]"ops endpoint listening".*?"?addr"?[=:]"?([0-9.:]+)`)
			exited := false
			for range 500 {
				if m := addr.FindStringSubmatch(stderr.String()); m != nil {
					base := "http://" + m[1]
					// Let the adapters fail to connect a few times first.
					waitForLog(stderr, func(s string) bool { return strings.Count(s, "refused") >= 2 })
					for _, p := range []string{"/readyz", "/metrics", "/healthz"} {
						code, body := get(t, base+p)
						shown = append(shown, body)
						if p == "/readyz" && (code != http.StatusServiceUnavailable ||
							!strings.Contains(body, `"name": "telegram"`) || !strings.Contains(body, `"name": "discord"`)) {
							t.Errorf("/readyz with both adapters unreachable = %d %s, want 503 naming both", code, body)
						}
					}
					break
				}
				select {
				case <-done:
					exited = true
				case <-time.After(10 * time.Millisecond):
				}
				if exited {
					break
				}
			}
			cancel()
			if !exited {
				<-done
			}
			shown = append(shown, stderr.String(), stdout.String())
			all := strings.Join(shown, "\n")
			if !strings.Contains(all, "refused") {
				t.Errorf("no connection failure was logged, so no failure path ran:\n%s", stderr.String())
			}
			for _, secret := range []string{tgSecret, dcSecret} {
				if strings.Contains(all, secret) {
					t.Errorf("token marker %s appears in the output:\n%s", secret, grepLines(all, secret))
				}
			}
		})
	}
}

// waitForLog polls the log until cond holds or a few seconds pass.
func waitForLog(log *syncbuf.Buffer, cond func(string) bool) {
	for range 300 {
		if cond(log.String()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestLimitConfiguration checks that the [limit] keys reach the limiter: a burst from
// the environment, a per-chat limit across users of one group, and the limits off.
func TestLimitConfiguration(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		// group sends the flood from different users of one group chat.
		group bool
		// answered is how many messages are answered before the notice; -1: all, no notice.
		answered int
	}{
		{name: "user burst", env: []string{"CYBERDIPLO_LIMIT_USER_BURST=2"}, answered: 2},
		{name: "chat burst across users", env: []string{"CYBERDIPLO_LIMIT_USER_PER_MINUTE=-1", "CYBERDIPLO_LIMIT_CHAT_BURST=3"}, group: true, answered: 3},
		{name: "limits off", env: []string{"CYBERDIPLO_LIMIT_USER_PER_MINUTE=-1", "CYBERDIPLO_LIMIT_CHAT_PER_MINUTE=-1"}, answered: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := startServe(t, tc.env...)
			defer r.stop(t)
			for i := range 20 {
				m := privateMessage("9", "What is the OEWG?")
				if tc.group {
					m = &bot.Message{Platform: "telegram", ChatID: "-100", ChatKind: bot.Group, UserID: fmt.Sprint(i), Addressed: true, Text: "What is the OEWG?"}
				}
				rep := r.adapter.brain.Handle(context.Background(), m)
				answered := rep != nil && rep.Kind == bot.KindAnswer
				notice := rep != nil && strings.Contains(bot.PlainText(rep), "Slow down")
				switch {
				case tc.answered < 0 || i < tc.answered:
					if !answered {
						t.Fatalf("message %d: %+v, want an answer", i+1, rep)
					}
				case i == tc.answered:
					if !notice {
						t.Fatalf("message %d: %+v, want the flood notice", i+1, rep)
					}
				case rep != nil && !answered:
					t.Fatalf("message %d after the notice: %+v, want silence", i+1, rep)
				}
			}
		})
	}
}

// TestBadLimitStopsTheStart: a [limit] value that cannot work is named at start.
func TestBadLimitStopsTheStart(t *testing.T) {
	res := runCLI(t, &app{environ: []string{"CYBERDIPLO_LIMIT_USER_BURST=-3", "CYBERDIPLO_STORAGE_PATH=:memory:"}}, "", "console")
	if res.code != exitFail || !strings.Contains(res.stderr, "limit.user_burst -3") {
		t.Errorf("exit %d, stderr %q; want 1 naming limit.user_burst", res.code, res.stderr)
	}
}
