// Package ops serves cyberdiplo's operations endpoint: GET /healthz (the process is up),
// GET /readyz (every readiness check passes: adapters connected, fact base loaded) and
// GET /metrics (Prometheus). It listens on the ops.listen address
// (CYBERDIPLO_OPS_LISTEN); an empty address means no endpoint.
//
// The address decides who can reach it: "127.0.0.1:9090" keeps it on this machine
// (scrape through an SSH tunnel or a local agent), ":9090" opens it to the network.
// The endpoint shows no secrets, but metrics and check names describe the deployment,
// so keep it local or behind a firewall.
package ops

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cyberdiplo/cyberdiplo/internal/httpserve"
)

// Check tells whether one part of the program is ready; a nil error means ready. Its
// error text is shown on /readyz, so it must not carry a token or other secret.
type Check func(ctx context.Context) error

// FailureCounter is told about failed checks; *metrics.Metrics is one.
type FailureCounter interface {
	ReadinessFailed(check string)
}

// Options configure a Server.
type Options struct {
	// Listen is the address, e.g. "127.0.0.1:9090"; empty means Run returns at once.
	Listen string
	// Metrics is served at /metrics; nil means /metrics answers 404.
	Metrics prometheus.Gatherer
	// Failures, when set, counts failed readiness checks.
	Failures FailureCounter
	// Logger receives the endpoint's logs; nil discards them.
	Logger *slog.Logger
	// CheckTimeout bounds each readiness check; 0 means 2 seconds.
	CheckTimeout time.Duration
	// ShutdownTimeout bounds the graceful stop; 0 means 5 seconds.
	ShutdownTimeout time.Duration
}

// Server is the ops endpoint. Checks may be added before or while it runs.
type Server struct {
	opts Options
	log  *slog.Logger

	mu        sync.Mutex
	checks    []namedCheck
	addr      string        // the address listened on, once Run listens
	listening chan struct{} // closed once Run listens
}

type namedCheck struct {
	name  string
	check Check
}

// New builds a server; it does not listen until Run.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.CheckTimeout <= 0 {
		opts.CheckTimeout = 2 * time.Second
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = 5 * time.Second
	}
	return &Server{opts: opts, log: opts.Logger, listening: make(chan struct{})}
}

// Listening is closed once Run has started listening (then Addr is known).
func (s *Server) Listening() <-chan struct{} { return s.listening }

// AddCheck registers a readiness check under name ("telegram", "facts"). Checks run
// in the order added; a name used twice replaces the earlier check.
func (s *Server) AddCheck(name string, c Check) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.checks {
		if s.checks[i].name == name {
			s.checks[i].check = c
			return
		}
	}
	s.checks = append(s.checks, namedCheck{name: name, check: c})
}

// Condition turns a yes/no probe into a Check failing with reason ("not connected").
func Condition(ok func() bool, reason string) Check {
	return func(context.Context) error {
		if ok() {
			return nil
		}
		return errors.New(reason)
	}
}

// Name names the server among the program's runners.
func (s *Server) Name() string { return "ops" }

// Addr is the address the server listens on ("127.0.0.1:40123" for Listen
// "127.0.0.1:0"); empty before Run has started listening.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Handler serves /healthz, /readyz and /metrics; Run serves it, tests call it directly.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	// GET patterns also answer HEAD; other methods get 405.
	mux.HandleFunc("GET /healthz", s.serveHealth)
	mux.HandleFunc("GET /readyz", s.serveReady)
	if s.opts.Metrics != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(s.opts.Metrics, promhttp.HandlerOpts{
			ErrorLog:      slogPrinter{s.log},
			ErrorHandling: promhttp.ContinueOnError, // a broken collector must not hide the others
			// A scrape is cheap; a flood of them should not queue up.
			MaxRequestsInFlight: 4,
			Timeout:             10 * time.Second,
		}))
	}
	return mux
}

func (s *Server) serveHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "ok\n")
}

// CheckResult is one check's outcome in the /readyz body.
type CheckResult struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

// Readiness is the /readyz body.
type Readiness struct {
	Ready  bool          `json:"ready"`
	Checks []CheckResult `json:"checks"`
}

// maxErrorBytes caps a check's error text in the /readyz body.
const maxErrorBytes = 200

// Ready runs every check at once, each bounded by CheckTimeout, and reports them in
// the order they were added. With no check registered it is ready.
func (s *Server) Ready(ctx context.Context) Readiness {
	s.mu.Lock()
	checks := append([]namedCheck(nil), s.checks...)
	s.mu.Unlock()
	res := Readiness{Ready: true, Checks: make([]CheckResult, len(checks))}
	var wg sync.WaitGroup
	for i, c := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.Checks[i] = s.run(ctx, c)
		}()
	}
	wg.Wait()
	for _, r := range res.Checks {
		if !r.OK {
			res.Ready = false
			if s.opts.Failures != nil {
				s.opts.Failures.ReadinessFailed(r.Name)
			}
		}
	}
	return res
}

// run runs one check; a check that panics or outlives its timeout has failed. A check
// that ignores its context is abandoned (its goroutine ends when the check does).
func (s *Server) run(ctx context.Context, c namedCheck) CheckResult {
	ctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("readiness check panicked", "check", c.name, "panic", fmt.Sprint(v))
				done <- errors.New("check failed")
			}
		}()
		done <- c.check(ctx)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = fmt.Errorf("no answer within %s", s.opts.CheckTimeout)
	}
	if err == nil {
		return CheckResult{Name: c.name, OK: true}
	}
	return CheckResult{Name: c.name, Error: truncate(err.Error(), maxErrorBytes)}
}

func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	res := s.Ready(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !res.Ready {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		s.log.Debug("writing /readyz", "err", err)
	}
}

// Run listens on Options.Listen and serves until ctx ends, then stops gracefully
// (requests in flight get ShutdownTimeout). With an empty address it returns nil at
// once. It fails only when the address cannot be listened on.
func (s *Server) Run(ctx context.Context) error {
	if s.opts.Listen == "" {
		return nil
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opts.Listen)
	if err != nil {
		return fmt.Errorf("ops.listen %s: %w", s.opts.Listen, err)
	}
	s.mu.Lock()
	s.addr = ln.Addr().String()
	s.mu.Unlock()
	close(s.listening)
	if local, ok := Loopback(s.opts.Listen); ok && local {
		s.log.Info("ops endpoint listening", "addr", s.addr, "paths", "/healthz /readyz /metrics")
	} else {
		s.log.Warn("ops endpoint listening beyond this machine; set ops.listen to 127.0.0.1:9090 to keep it local",
			"addr", s.addr)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if err := httpserve.Serve(ctx, srv, ln, s.opts.ShutdownTimeout); err != nil {
		return fmt.Errorf("ops endpoint: %w", err)
	}
	return nil
}

// Loopback reports whether a listen address only accepts connections from this
// machine; ok is false when the address cannot be parsed. A host name other than
// "localhost" counts as not local: it may resolve to any interface.
func Loopback(listen string) (local, ok bool) {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return false, false
	}
	if host == "localhost" {
		return true, true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}

// slogPrinter lets promhttp report scrape errors through slog.
type slogPrinter struct{ log *slog.Logger }

func (p slogPrinter) Println(v ...any) { p.log.Warn("metrics scrape", "err", fmt.Sprint(v...)) }
