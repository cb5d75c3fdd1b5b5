package discord

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
)

// counter reads one counter of the registry by name and labels; missing series read -1.
func counter(t *testing.T, m *metrics.Metrics, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, fam := range families {
		if fam.GetName() != name {
			continue
		}
	series:
		for _, s := range fam.GetMetric() {
			got := map[string]string{}
			for _, l := range s.GetLabel() {
				got[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue series
				}
			}
			return s.GetCounter().GetValue()
		}
	}
	return -1
}

func sendErrors(t *testing.T, m *metrics.Metrics, kind string) float64 {
	t.Helper()
	return counter(t, m, "cyberdiplo_send_errors_total", map[string]string{"platform": "discord", "kind": kind})
}

// TestSendFaults drives the daily-fact path (Send) through REST faults: every message that
// Discord did not take is sent again until it is, one that Discord may have taken is never
// sent twice, and each failure is counted by kind.
func TestSendFaults(t *testing.T) {
	serverError := func(status int) failure {
		return failure{status: status, body: `{"message": "Internal Server Error", "code": 0}`}
	}
	cases := []struct {
		name      string
		failures  []failure
		wantPosts int
		wantErr   bool
		wantKinds map[string]float64
		timeout   time.Duration // the caller's deadline, when set
	}{
		{"500, 502, 503 then success", []failure{serverError(500), serverError(502), serverError(503)}, 4, false,
			map[string]float64{metrics.SendServer: 3}, 0},
		{"429 with retry_after then success", []failure{{status: 429,
			body:   `{"message": "You are being rate limited.", "retry_after": 0.05, "global": false}`,
			header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.05"}}}, 2, false,
			map[string]float64{metrics.SendRateLimited: 1}, 0},
		{"server errors beyond the retries", []failure{serverError(503), serverError(503), serverError(503), serverError(503)}, 4, true,
			map[string]float64{metrics.SendServer: 4}, 0},
		// A 200 with a body that is not JSON: Discord took the message, so no resend.
		{"malformed JSON", []failure{{status: 200, body: `{"id": "92000000`}}, 1, true,
			map[string]float64{metrics.SendOther: 1}, 0},
		{"forbidden", []failure{{status: 403, body: `{"message": "Missing Access", "code": 50001}`}}, 1, true,
			map[string]float64{metrics.SendRejected: 1}, 0},
		// The connection closed before any answer: the message may be posted, so no resend.
		{"connection dropped mid-request", []failure{{status: hangUp}}, 1, true,
			map[string]float64{metrics.SendNetwork: 1}, 0},
		// Discord does not answer before the caller's deadline: given up, not resent.
		{"no answer before the deadline", []failure{{status: stall}}, 1, true,
			map[string]float64{metrics.SendTimeout: 1}, 100 * time.Millisecond},
	}
	b := realBrain(t)
	_, answer := answeredQuestion(t, b)
	for n, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t)
			channel := "43000000000000000" + string(rune('0'+n))
			for _, fl := range c.failures {
				f.failNext("POST /channels/"+channel+"/messages", fl)
			}
			a, logs := newTestAdapter(t, testConfig(), b)
			a.serverRetryWait = time.Millisecond
			m := metrics.New(metrics.Options{NoRuntime: true})
			a.SetMetrics(m)

			ctx := context.Background()
			if c.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, c.timeout)
				defer cancel()
			}
			err := a.Send(ctx, "discord:"+channel, answer)
			if (err != nil) != c.wantErr {
				t.Fatalf("Send = %v, want error: %v", err, c.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), strings.TrimPrefix(testToken, "Bot ")) {
				t.Errorf("the error carries the token: %v", err)
			}
			if got := count(f.recordedRequests(), isChannelPost(channel)); got != c.wantPosts {
				t.Errorf("%d posts, want %d", got, c.wantPosts)
			}
			wantOut := 1.0
			if c.wantErr {
				wantOut = 0
			}
			if got := counter(t, m, "cyberdiplo_messages_out_total", map[string]string{"platform": "discord"}); got != wantOut {
				t.Errorf("messages out = %v, want %v", got, wantOut)
			}
			for kind, want := range c.wantKinds {
				if got := sendErrors(t, m, kind); got != want {
					t.Errorf("send errors of kind %s = %v, want %v", kind, got, want)
				}
			}
			if strings.Contains(logs.String(), strings.TrimPrefix(testToken, "Bot ")) {
				t.Errorf("the token appears in the logs:\n%s", logs)
			}
		})
	}
}

// TestMalformedReplyResponseThenNextMessageAnswered: a garbled REST answer to one reply is
// logged, not retried, and does not stop the next question from being answered.
func TestMalformedReplyResponseThenNextMessageAnswered(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	f.failNext("POST /channels/"+testDM+"/messages", failure{status: 200, body: `<html>proxy error`})
	r := startGateway(t, f, b, nil)
	f.dispatch("MESSAGE_CREATE", message("960000000000000001", testDM, "", testUser, question, false))
	f.waitRequest(t, "the reply with a garbled answer", isChannelPost(testDM))
	f.dispatch("MESSAGE_CREATE", message("960000000000000002", testDM, "", testUser, question, false))
	f.waitRequest(t, "the next reply", isChannelPost(testDM))
	r.stop(t)
	if n := count(f.recordedRequests(), isChannelPost(testDM)); n != 2 {
		t.Errorf("%d posts, want 2 (one per question, no resend)", n)
	}
	if !strings.Contains(r.logs.String(), "sending reply failed") {
		t.Errorf("the garbled answer was not logged:\n%s", r.logs)
	}
}

// refusingDialer refuses the first n connections for real (it dials a closed port), then
// connects normally.
type refusingDialer struct {
	closedAddr string
	left       atomic.Int64
	refused    chan struct{}
}

func (d *refusingDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.left.Add(-1) >= 0 {
		defer func() { d.refused <- struct{}{} }()
		addr = d.closedAddr
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

func TestConnectionRefusedAtStartBacksOffThenConnects(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	d := &refusingDialer{closedAddr: closed, refused: make(chan struct{}, 8)}
	d.left.Store(3)

	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	m := metrics.New(metrics.Options{NoRuntime: true})
	r := startGateway(t, f, b, func(a *Adapter) {
		a.openRetryWait = 5 * time.Millisecond
		a.session.Client = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{DialContext: d.dial}}
		a.SetMetrics(m)
	})
	for range 3 {
		<-d.refused // all three refusals happened before READY
	}
	f.dispatch("MESSAGE_CREATE", message("970000000000000001", testDM, "", testUser, question, false))
	f.waitRequest(t, "the reply after connecting", isChannelPost(testDM))
	h := r.a.Health()
	r.stop(t) // also checks that the token is not in the logs

	logs := r.logs.String()
	if n := strings.Count(logs, "open failed; retrying"); n != 3 {
		t.Errorf("%d open retries logged, want 3:\n%s", n, logs)
	}
	if !strings.Contains(logs, "connection refused") {
		t.Errorf("the refusal is not in the logs:\n%s", logs)
	}
	if !h.Connected {
		t.Errorf("health after connecting = %+v, want connected", h)
	}
	if got := counter(t, m, "cyberdiplo_messages_in_total", map[string]string{"platform": "discord"}); got != 1 {
		t.Errorf("messages in = %v, want 1", got)
	}
}

// TestMetricsCountTraffic: interactions and messages in, replies out, a drop counted.
func TestMetricsCountTraffic(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	m := metrics.New(metrics.Options{NoRuntime: true})
	g := &gateBrain{brain: b, held: make(chan struct{}, 1), release: make(chan struct{})}
	r := startGateway(t, f, g, func(a *Adapter) {
		a.messageSlots = make(chan struct{}, 1)
		a.SetMetrics(m)
	})
	f.dispatch("MESSAGE_CREATE", message("980000000000000001", testDM, "", testUser, "hold", false))
	<-g.held
	f.dispatch("MESSAGE_CREATE", message("980000000000000002", testDM, "", testUser, question, false)) // dropped
	f.dispatch("MESSAGE_CREATE", message("980000000000000003", testChan, testGuild, otherUser, "not for the bot", false))
	f.dispatch("INTERACTION_CREATE", slashCommand("980000000000000004", "help", nil))
	f.waitRequest(t, "the interaction's answer", isCallback("980000000000000004"))
	close(g.release)
	f.waitRequest(t, "the held message's answer", isChannelPost(testDM))
	r.stop(t)

	for name, want := range map[string]float64{
		"cyberdiplo_messages_in_total":  3, // two addressed messages (one dropped) and one interaction
		"cyberdiplo_messages_out_total": 2, // the interaction's answer and the held message's
	} {
		if got := counter(t, m, name, map[string]string{"platform": "discord"}); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if got := sendErrors(t, m, metrics.SendDropped); got != 1 {
		t.Errorf("dropped = %v, want 1", got)
	}
}

// BenchmarkSendDailyFact measures an unprompted post (the daily fact) through Send:
// rendering the embed and one REST call to the fake on loopback, rate-limit bookkeeping
// included.
func BenchmarkSendDailyFact(b *testing.B) {
	f := newFake(b)
	go func() { // the fake records every request on a bounded channel
		for range f.reqs {
		}
	}()
	a, err := newAdapter(testConfig(), realBrain(b), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	_, answer := answeredQuestion(b, realBrain(b))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Send(ctx, "discord:"+testChan, answer); err != nil {
			b.Fatal(err)
		}
	}
}
