package metrics

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	dto "github.com/prometheus/client_model/go"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// sample reads one series from the registry: a counter's value, or a histogram's
// sample count. It fails the test when the series does not exist.
func sample(t *testing.T, g prometheus.Gatherer, name string, labels ...string) float64 {
	t.Helper()
	v, ok := lookup(t, g, name, labels...)
	if !ok {
		t.Fatalf("no series %s%v", name, labels)
	}
	return v
}

func lookup(t *testing.T, g prometheus.Gatherer, name string, labels ...string) (float64, bool) {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if !labelsMatch(m, want) {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.Counter.GetValue(), true
			case m.Histogram != nil:
				return float64(m.Histogram.GetSampleCount()), true
			case m.Gauge != nil:
				return m.Gauge.GetValue(), true
			}
		}
	}
	return 0, false
}

func labelsMatch(m *dto.Metric, want map[string]string) bool {
	got := map[string]string{}
	for _, lp := range m.GetLabel() {
		got[lp.GetName()] = lp.GetValue()
	}
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// fakeClock advances by step on every reading, so each reply takes exactly step.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time { c.t = c.t.Add(c.step); return c.t }

func TestMiddlewareCountsOutcomes(t *testing.T) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0), step: 3 * time.Millisecond}
	m := New(Options{Now: clock.now, NoRuntime: true})
	replies := map[string]*bot.Reply{
		"answer":   {Kind: bot.KindAnswer, FactID: "gge-2015-report"},
		"notsure":  {Kind: bot.KindNotSure},
		"help":     {Kind: bot.KindInfo},
		"timeline": {Kind: bot.KindTimeline},
		"bad":      {Kind: bot.KindError},
		"chatter":  nil,
	}
	h := bot.Chain(bot.HandlerFunc(func(_ context.Context, msg *bot.Message) *bot.Reply { return replies[msg.Text] }), m.Middleware)
	send := func(platform, text string, n int) {
		for range n {
			h.Handle(context.Background(), &bot.Message{Platform: platform, ChatID: "1", Text: text})
		}
	}
	send("telegram", "answer", 5)
	send("telegram", "notsure", 3)
	send("discord", "answer", 2)
	send("discord", "help", 1)
	send("discord", "timeline", 1)
	send("console", "bad", 4)
	send("telegram", "chatter", 7)

	tests := []struct {
		platform, outcome string
		want              float64
	}{
		{"telegram", OutcomeAnswered, 5},
		{"telegram", OutcomeRefused, 3},
		{"telegram", OutcomeSilent, 7},
		{"telegram", OutcomeInfo, 0},
		{"discord", OutcomeAnswered, 2},
		{"discord", OutcomeInfo, 1},
		{"discord", OutcomeTimeline, 1},
		{"discord", OutcomeRefused, 0},
		{"console", OutcomeError, 4},
	}
	for _, tt := range tests {
		if got := sample(t, m.Gatherer(), "cyberdiplo_replies_total", "platform", tt.platform, "outcome", tt.outcome); got != tt.want {
			t.Errorf("replies{%s,%s} = %v, want %v", tt.platform, tt.outcome, got, tt.want)
		}
	}
	// Silence is not timed: 8 telegram replies, 4 discord.
	if got := sample(t, m.Gatherer(), "cyberdiplo_reply_duration_seconds", "platform", "telegram"); got != 8 {
		t.Errorf("telegram reply timings = %v, want 8", got)
	}
	if got := sample(t, m.Gatherer(), "cyberdiplo_reply_duration_seconds", "platform", "discord"); got != 4 {
		t.Errorf("discord reply timings = %v, want 4", got)
	}
	// Every reply took 3ms on the fake clock: all in the bucket up to 3.2ms, none below 1.6ms.
	h2 := histogram(t, m.Gatherer(), "cyberdiplo_reply_duration_seconds", "platform", "telegram")
	if got := h2.GetSampleSum(); got < 8*0.003-1e-9 || got > 8*0.003+1e-9 {
		t.Errorf("sum of telegram reply times = %v, want 0.024", got)
	}
	for _, b := range h2.GetBucket() {
		ub, n := b.GetUpperBound(), b.GetCumulativeCount()
		if ub < 0.003 && n != 0 || ub >= 0.0032 && n != 8 {
			t.Errorf("bucket le=%v holds %d", ub, n)
		}
	}
}

func histogram(t *testing.T, g prometheus.Gatherer, name string, labels ...string) *dto.Histogram {
	t.Helper()
	mfs, _ := g.Gather()
	want := map[string]string{}
	for i := 0; i+1 < len(labels); i += 2 {
		want[labels[i]] = labels[i+1]
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			for _, m := range mf.GetMetric() {
				if labelsMatch(m, want) && m.Histogram != nil {
					return m.Histogram
				}
			}
		}
	}
	t.Fatalf("no histogram %s%v", name, labels)
	return nil
}

func TestMiddlewarePassesRepliesThrough(t *testing.T) {
	m := New(Options{NoRuntime: true})
	want := &bot.Reply{Kind: bot.KindAnswer, Title: "x"}
	h := m.Middleware(bot.HandlerFunc(func(context.Context, *bot.Message) *bot.Reply { return want }))
	if got := h.Handle(context.Background(), &bot.Message{Platform: "telegram"}); got != want {
		t.Fatalf("reply changed: %+v", got)
	}
	if got := h.Handle(context.Background(), nil); got != want {
		t.Fatalf("nil message: %+v", got)
	}
}

func TestMiddlewareCountsQuizRounds(t *testing.T) {
	m := New(Options{NoRuntime: true})
	buttons := [][]bot.Button{
		{{Label: "A", Data: "/quiz answer 7 0"}}, {{Label: "B", Data: "/quiz answer 7 1"}}, {{Label: "?", Data: "/quiz reveal 7"}},
	}
	// The scripted bot plays /quiz: a new question opens a round, an answer or a reveal
	// shows the same question again without opening one.
	h := m.Middleware(bot.HandlerFunc(func(_ context.Context, msg *bot.Message) *bot.Reply {
		fields := strings.Fields(strings.ToLower(msg.Text))
		if len(fields) == 0 || !strings.HasPrefix(fields[0], "/quiz") && fields[0] != "/kuis" {
			return &bot.Reply{Kind: bot.KindAnswer}
		}
		again := len(fields) > 1 && (fields[1] == "answer" || fields[1] == "jawab" || fields[1] == "reveal")
		return &bot.Reply{Kind: bot.KindInfo, Buttons: buttons, Quiz: &bot.QuizCard{QuizPoll: bot.QuizPoll{RoundID: 7}, Started: !again}}
	}))
	for _, tt := range []struct {
		text  string
		count bool
	}{
		{"/quiz", true},
		{"/quiz oewg", true},
		{"/kuis norms", true},
		{"/QUIZ@cyberdiplo_bot", true},
		{"/quiz answer 7 1", false}, // a group answer redraws the question: no new round
		{"/quiz jawab 7 1", false},
		{"/quiz reveal 7", false},
		{"what is the oewg", false},
	} {
		before := sample(t, m.Gatherer(), "cyberdiplo_quiz_rounds_total", "platform", "telegram")
		h.Handle(context.Background(), &bot.Message{Platform: "telegram", Text: tt.text})
		got := sample(t, m.Gatherer(), "cyberdiplo_quiz_rounds_total", "platform", "telegram") - before
		if want := map[bool]float64{true: 1, false: 0}[tt.count]; got != want {
			t.Errorf("%q counted %v rounds, want %v", tt.text, got, want)
		}
	}
}

func TestObserveMatch(t *testing.T) {
	m := New(Options{NoRuntime: true})
	fact := &knowledge.Fact{ID: "gge-2015-report"}
	m.ObserveMatch(knowledge.Result{Answered: true, Best: knowledge.Scored{Fact: fact}}, 40*time.Microsecond)
	m.ObserveMatch(knowledge.Result{Answered: true, Best: knowledge.Scored{Fact: fact}}, 50*time.Microsecond)
	m.ObserveMatch(knowledge.Result{Suggestions: []*knowledge.Fact{fact}}, 60*time.Microsecond)
	m.ObserveMatch(knowledge.Result{OffTopic: true}, 20*time.Microsecond)
	m.ObserveMatch(knowledge.Result{OffTopic: true}, 20*time.Microsecond)
	m.ObserveMatch(knowledge.Result{OffTopic: true}, 20*time.Microsecond)
	// An answered flag without a fact is not an answer the bot could give.
	m.ObserveMatch(knowledge.Result{Answered: true}, 20*time.Microsecond)
	for verdict, want := range map[string]float64{VerdictAnswered: 2, VerdictRefused: 2, VerdictOffTopic: 3} {
		if got := sample(t, m.Gatherer(), "cyberdiplo_matches_total", "verdict", verdict); got != want {
			t.Errorf("matches{%s} = %v, want %v", verdict, got, want)
		}
	}
	h := histogram(t, m.Gatherer(), "cyberdiplo_match_duration_seconds")
	if h.GetSampleCount() != 7 {
		t.Errorf("match timings = %d, want 7", h.GetSampleCount())
	}
	if sum := h.GetSampleSum(); sum < 0.000229 || sum > 0.000231 {
		t.Errorf("match time sum = %v, want 230µs", sum)
	}
}

func TestAdapterCounters(t *testing.T) {
	m := New(Options{NoRuntime: true})
	for range 3 {
		m.MessageIn("telegram")
	}
	m.MessageIn("discord")
	m.MessageOut("telegram")
	m.MessageOut("telegram")
	m.SendError("telegram", SendRateLimited)
	m.SendError("telegram", "no such kind")
	m.SendError("discord", KindForStatus(503))
	m.RateLimited("discord", ScopeUser)
	m.RateLimited("discord", ScopeChat)
	m.RateLimited("discord", ScopeChat)
	m.QuizRound("telegram")
	m.ReadinessFailed("telegram")
	g := m.Gatherer()
	for _, tt := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"cyberdiplo_messages_in_total", []string{"platform", "telegram"}, 3},
		{"cyberdiplo_messages_in_total", []string{"platform", "discord"}, 1},
		{"cyberdiplo_messages_in_total", []string{"platform", "console"}, 0},
		{"cyberdiplo_messages_out_total", []string{"platform", "telegram"}, 2},
		{"cyberdiplo_send_errors_total", []string{"platform", "telegram", "kind", SendRateLimited}, 1},
		{"cyberdiplo_send_errors_total", []string{"platform", "telegram", "kind", SendOther}, 1},
		{"cyberdiplo_send_errors_total", []string{"platform", "discord", "kind", SendServer}, 1},
		{"cyberdiplo_rate_limited_total", []string{"platform", "discord", "scope", ScopeUser}, 1},
		{"cyberdiplo_rate_limited_total", []string{"platform", "discord", "scope", ScopeChat}, 2},
		{"cyberdiplo_quiz_rounds_total", []string{"platform", "telegram"}, 1},
		{"cyberdiplo_readiness_failures_total", []string{"check", "telegram"}, 1},
	} {
		if got := sample(t, g, tt.name, tt.labels...); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
}

// A stray platform or check name must not create unbounded series.
func TestLabelsBounded(t *testing.T) {
	m := New(Options{NoRuntime: true})
	for i := range 50 {
		m.MessageIn(fmt.Sprintf("chat <%d> with spaces", i))
		m.MessageIn(strings.Repeat("x", 33+i))
	}
	m.MessageIn("")
	if got := sample(t, m.Gatherer(), "cyberdiplo_messages_in_total", "platform", "other"); got != 100 {
		t.Errorf("odd platforms counted as other: %v, want 100", got)
	}
	if got := sample(t, m.Gatherer(), "cyberdiplo_messages_in_total", "platform", "unknown"); got != 1 {
		t.Errorf("empty platform: %v, want 1", got)
	}
	if got := sample(t, m.Gatherer(), "cyberdiplo_messages_in_total", "platform", "telegram"); got != 0 {
		t.Errorf("telegram: %v", got)
	}
}

func TestNilMetricsIsSafe(t *testing.T) {
	var m *Metrics
	m.MessageIn("telegram")
	m.MessageOut("telegram")
	m.SendError("telegram", SendServer)
	m.RateLimited("telegram", ScopeUser)
	m.QuizRound("telegram")
	m.ReadinessFailed("x")
	m.ObserveMatch(knowledge.Result{}, time.Millisecond)
	if m.Registry() != nil || m.Gatherer() != nil {
		t.Fatal("a nil Metrics has a registry")
	}
	next := bot.HandlerFunc(func(context.Context, *bot.Message) *bot.Reply { return &bot.Reply{Kind: bot.KindAnswer} })
	if r := m.Middleware(next).Handle(context.Background(), &bot.Message{}); r == nil || r.Kind != bot.KindAnswer {
		t.Fatalf("nil metrics middleware changed the reply: %+v", r)
	}
}

// Two Metrics never share counters: there is no global registry.
func TestIndependentRegistries(t *testing.T) {
	a, b := New(Options{NoRuntime: true}), New(Options{NoRuntime: true})
	a.MessageIn("telegram")
	if got := sample(t, b.Gatherer(), "cyberdiplo_messages_in_total", "platform", "telegram"); got != 0 {
		t.Fatalf("b saw a's message: %v", got)
	}
	if _, found := lookup(t, prometheus.DefaultGatherer, "cyberdiplo_messages_in_total", "platform", "telegram"); found {
		t.Fatalf("the default registry has our series")
	}
}

func TestKindForError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"deadline", fmt.Errorf("send: %w", context.DeadlineExceeded), SendTimeout},
		{"net timeout", &net.OpError{Op: "read", Err: timeoutErr{}}, SendTimeout},
		{"refused", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, SendNetwork},
		{"reset", fmt.Errorf("post: %w", syscall.ECONNRESET), SendNetwork},
		{"dns", &net.DNSError{Err: "no such host", Name: "api.telegram.org"}, SendNetwork},
		{"other", errors.New("bad json"), SendOther},
		{"nil", nil, SendOther},
	}
	for _, tt := range tests {
		if got := KindForError(tt.err); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	for status, want := range map[int]string{429: SendRateLimited, 500: SendServer, 502: SendServer, 400: SendRejected, 403: SendRejected, 200: SendOther} {
		if got := KindForStatus(status); got != want {
			t.Errorf("status %d: %q, want %q", status, got, want)
		}
	}
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// The registry serves the Prometheus text format with the runtime collectors.
func TestExposition(t *testing.T) {
	m := New(Options{})
	m.MessageIn("telegram")
	srv := httptest.NewServer(promhttp.HandlerFor(m.Gatherer(), promhttp.HandlerOpts{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`cyberdiplo_messages_in_total{platform="telegram"} 1`,
		`cyberdiplo_replies_total{outcome="answered",platform="discord"} 0`,
		"# TYPE cyberdiplo_match_duration_seconds histogram",
		"go_goroutines ",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("exposition lacks %q", want)
		}
	}
}

func BenchmarkMiddleware(b *testing.B) {
	m := New(Options{NoRuntime: true})
	reply := &bot.Reply{Kind: bot.KindAnswer}
	h := m.Middleware(bot.HandlerFunc(func(context.Context, *bot.Message) *bot.Reply { return reply }))
	msg := &bot.Message{Platform: "telegram", Text: "what is the oewg"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		h.Handle(ctx, msg)
	}
}

// A token passed where a label belongs by mistake never reaches the exposition.
func TestNoSecretsInExposition(t *testing.T) {
	secrets := []string{
		"123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",                         // Telegram bot token shape
		"MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.MnOpQrStUvWxYzAbCdEfGhIjKlMnOpQrStUv", // Discord bot token shape
		"Bot MTA5ODc2NTQzMjEwOTg3NjU0",
	}
	m := New(Options{NoRuntime: true})
	for _, s := range secrets {
		m.MessageIn(s)
		m.SendError(s, s)
		m.RateLimited(s, s)
		m.ReadinessFailed(s)
		m.Middleware(bot.HandlerFunc(func(context.Context, *bot.Message) *bot.Reply { return nil })).
			Handle(context.Background(), &bot.Message{Platform: s, Text: s})
	}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(m.Gatherer(), promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, s := range secrets {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '.' || r == ' ' }) {
			if len(part) >= 8 && strings.Contains(body, part) {
				t.Errorf("exposition contains %q", part)
			}
		}
	}
	if !strings.Contains(body, `cyberdiplo_messages_in_total{platform="other"} 3`) {
		t.Errorf("token-shaped platforms not counted as other")
	}
}
