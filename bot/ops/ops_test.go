package ops

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

func get(t *testing.T, h http.Handler, method, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec
}

func TestHealthz(t *testing.T) {
	s := New(Options{})
	s.AddCheck("telegram", Condition(func() bool { return false }, "not connected"))
	rec := get(t, s.Handler(), http.MethodGet, "/healthz")
	// The process being up is enough, whatever the readiness.
	if rec.Code != http.StatusOK || rec.Body.String() != "ok\n" {
		t.Fatalf("GET /healthz = %d %q", rec.Code, rec.Body.String())
	}
	if rec := get(t, s.Handler(), http.MethodHead, "/healthz"); rec.Code != http.StatusOK {
		t.Fatalf("HEAD /healthz = %d", rec.Code)
	}
	if rec := get(t, s.Handler(), http.MethodPost, "/healthz"); rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST /healthz = %d", rec.Code)
	}
	if rec := get(t, s.Handler(), http.MethodGet, "/debug/pprof/"); rec.Code != http.StatusNotFound {
		t.Fatalf("unknown path = %d", rec.Code)
	}
}

func readiness(t *testing.T, rec *httptest.ResponseRecorder) Readiness {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("content type %q", ct)
	}
	var r Readiness
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	return r
}

type failures struct {
	mu sync.Mutex
	n  map[string]int
}

func (f *failures) ReadinessFailed(check string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == nil {
		f.n = map[string]int{}
	}
	f.n[check]++
}

func TestReadyz(t *testing.T) {
	var connected, loaded atomic.Bool
	f := &failures{}
	s := New(Options{Failures: f})
	s.AddCheck("facts", Condition(loaded.Load, "fact base not loaded"))
	s.AddCheck("telegram", Condition(connected.Load, "not connected"))
	s.AddCheck("discord", func(context.Context) error { return nil })

	tests := []struct {
		name              string
		facts, telegram   bool
		wantCode          int
		wantFailed        []string
		wantErrorFragment string
	}{
		{"starting", false, false, 503, []string{"facts", "telegram"}, "fact base not loaded"},
		{"facts loaded, telegram connecting", true, false, 503, []string{"telegram"}, "not connected"},
		{"all up", true, true, 200, nil, ""},
		{"telegram lost", true, false, 503, []string{"telegram"}, "not connected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loaded.Store(tt.facts)
			connected.Store(tt.telegram)
			rec := get(t, s.Handler(), http.MethodGet, "/readyz")
			if rec.Code != tt.wantCode {
				t.Fatalf("code %d, want %d: %s", rec.Code, tt.wantCode, rec.Body.String())
			}
			r := readiness(t, rec)
			if r.Ready != (tt.wantCode == 200) {
				t.Fatalf("ready = %v", r.Ready)
			}
			// Checks come in the order they were added, each with its verdict.
			if len(r.Checks) != 3 || r.Checks[0].Name != "facts" || r.Checks[1].Name != "telegram" || r.Checks[2].Name != "discord" {
				t.Fatalf("checks %+v", r.Checks)
			}
			var failed []string
			for _, c := range r.Checks {
				if !c.OK {
					failed = append(failed, c.Name)
					if c.Error == "" {
						t.Errorf("%s failed without a reason", c.Name)
					}
				} else if c.Error != "" {
					t.Errorf("%s passed with error %q", c.Name, c.Error)
				}
			}
			if strings.Join(failed, ",") != strings.Join(tt.wantFailed, ",") {
				t.Fatalf("failed %v, want %v", failed, tt.wantFailed)
			}
			if tt.wantErrorFragment != "" && !strings.Contains(rec.Body.String(), tt.wantErrorFragment) {
				t.Fatalf("body lacks %q: %s", tt.wantErrorFragment, rec.Body.String())
			}
		})
	}
	if f.n["telegram"] != 3 || f.n["facts"] != 1 || f.n["discord"] != 0 {
		t.Errorf("failures counted: %v", f.n)
	}
}

func TestReadyzNoChecks(t *testing.T) {
	rec := get(t, New(Options{}).Handler(), http.MethodGet, "/readyz")
	if r := readiness(t, rec); rec.Code != 200 || !r.Ready || len(r.Checks) != 0 {
		t.Fatalf("%d %+v", rec.Code, r)
	}
}

// A check that hangs, panics or returns a long error fails cleanly and alone.
func TestReadyzMisbehavingChecks(t *testing.T) {
	stuck := make(chan struct{})
	t.Cleanup(func() { close(stuck) })
	s := New(Options{CheckTimeout: 20 * time.Millisecond})
	s.AddCheck("hangs", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	s.AddCheck("ignores context", func(context.Context) error { <-stuck; return nil })
	s.AddCheck("panics", func(context.Context) error { panic("boom") })
	s.AddCheck("verbose", func(context.Context) error { return errors.New(strings.Repeat("é", 500)) })
	s.AddCheck("fine", func(context.Context) error { return nil })
	rec := get(t, s.Handler(), http.MethodGet, "/readyz")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("code %d", rec.Code)
	}
	r := readiness(t, rec)
	byName := map[string]CheckResult{}
	for _, c := range r.Checks {
		byName[c.Name] = c
	}
	for _, n := range []string{"hangs", "ignores context", "panics", "verbose"} {
		if byName[n].OK {
			t.Errorf("%s passed", n)
		}
	}
	if !byName["fine"].OK {
		t.Errorf("a good check failed next to bad ones: %+v", byName["fine"])
	}
	if !strings.Contains(byName["ignores context"].Error, "no answer within") {
		t.Errorf("hanging check: %q", byName["ignores context"].Error)
	}
	if e := byName["panics"].Error; strings.Contains(e, "boom") || strings.Contains(e, "goroutine") {
		t.Errorf("panic details leaked: %q", e)
	}
	if e := byName["verbose"].Error; len(e) > maxErrorBytes+len("…") {
		t.Errorf("long error not capped: %d bytes", len(e))
	}
}

// A later AddCheck under the same name replaces the earlier check.
func TestAddCheckReplaces(t *testing.T) {
	s := New(Options{})
	s.AddCheck("facts", Condition(func() bool { return false }, "empty"))
	s.AddCheck("facts", Condition(func() bool { return true }, "empty"))
	if r := s.Ready(context.Background()); !r.Ready || len(r.Checks) != 1 {
		t.Fatalf("%+v", r)
	}
}

func TestMetricsEndpoint(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "cyberdiplo_test_total", Help: "t"})
	reg.MustRegister(c)
	c.Add(3)
	rec := get(t, New(Options{Metrics: reg}).Handler(), http.MethodGet, "/metrics")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "cyberdiplo_test_total 3") {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
	// Without metrics configured there is no /metrics.
	if rec := get(t, New(Options{}).Handler(), http.MethodGet, "/metrics"); rec.Code != http.StatusNotFound {
		t.Fatalf("no metrics: %d", rec.Code)
	}
}

// Run serves on a real loopback socket and, when ctx ends, lets a request in flight
// finish before returning nil.
func TestRunGracefulShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	s := New(Options{Listen: "127.0.0.1:0", CheckTimeout: time.Minute})
	var once sync.Once
	s.AddCheck("slow", func(ctx context.Context) error {
		once.Do(func() { close(entered) })
		<-release
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	<-s.Listening()
	if local, ok := Loopback(s.Addr()); !ok || !local {
		t.Fatalf("listening on %s", s.Addr())
	}
	resp, err := http.Get("http://" + s.Addr() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz over TCP: %d", resp.StatusCode)
	}

	type result struct {
		code int
		body string
		err  error
	}
	inflight := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + s.Addr() + "/readyz")
		if err != nil {
			inflight <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		inflight <- result{code: resp.StatusCode, body: string(b)}
	}()
	<-entered
	cancel() // stop while /readyz is being answered
	select {
	case err := <-done:
		t.Fatalf("Run returned %v with a request in flight", err)
	default:
	}
	close(release)
	r := <-inflight
	if r.err != nil || r.code != 200 || !strings.Contains(r.body, `"ready": true`) {
		t.Fatalf("in-flight request: %+v", r)
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	// Stopped: nothing listens any more.
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Fatal("still serving after Run returned")
	}
}

func TestRunOffAndBadAddress(t *testing.T) {
	if err := New(Options{}).Run(context.Background()); err != nil {
		t.Fatalf("empty address: %v", err)
	}
	err := New(Options{Listen: "127.0.0.1:notaport"}).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "ops.listen") {
		t.Fatalf("bad address: %v", err)
	}
	// A port already taken is an error naming the key, not a hang.
	s := New(Options{Listen: "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	<-s.Listening()
	if err := New(Options{Listen: s.Addr()}).Run(context.Background()); err == nil {
		t.Fatal("second server on a taken port")
	}
}

func TestLoopback(t *testing.T) {
	for _, tt := range []struct {
		addr      string
		local, ok bool
	}{
		{"127.0.0.1:9090", true, true},
		{"[::1]:9090", true, true},
		{"localhost:9090", true, true},
		{":9090", false, true},
		{"0.0.0.0:9090", false, true},
		{"10.0.0.5:9090", false, true},
		{"ops.example.org:9090", false, true},
		{"9090", false, false},
	} {
		local, ok := Loopback(tt.addr)
		if local != tt.local || ok != tt.ok {
			t.Errorf("%s: local=%v ok=%v", tt.addr, local, ok)
		}
	}
}
