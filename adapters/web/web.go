// Package web is cyberdiplo's read-only web companion: a page for every fact at a
// stable address (/fact/{id}) with its sources and citations, the timeline with its
// chart as inline SVG, topics, the glossary, and a question box that answers through
// the same brain as the chats. Pages are rendered on the server with html/template and
// work without JavaScript; every value is escaped, a strict Content-Security-Policy
// allows nothing from elsewhere, and the curators' page needs web.admin_token.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/chart"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/internal/httpserve"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Platform is the web's platform name in bot messages (limiter keys, curators' log).
const Platform = "web"

// Limits of the server: small pages, small requests, no slow clients held for long.
const (
	maxQueryBytes     = 2048    // a longer query string is refused with 414
	maxBodyBytes      = 4 << 10 // only the curators' token form has a body
	maxHeaderBytes    = 16 << 10
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 20 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 5 * time.Second
	curatorsTop       = 100
)

// Brain is what the companion needs of the bot.
type Brain interface {
	Ask(ctx context.Context, question string, lang knowledge.Lang) bot.Answer
	Base() *knowledge.Base
	Charts() *chart.Renderer
}

// Limiter is the chats' flood limiter; the question box is behind it too.
type Limiter interface {
	Check(m *bot.Message) limit.Decision
}

// Options are the companion's collaborators; only Brain is required.
type Options struct {
	Brain   Brain
	Limiter Limiter        // nil: no limit
	Log     bot.CuratorLog // the curators' log: /curators reads it, unanswered questions go to it; nil: none kept
	Logger  *slog.Logger   // nil discards
	Now     func() time.Time
}

//go:embed templates/*.html templates/*.css
var assets embed.FS

// Server is the web companion.
type Server struct {
	cfg   Config
	opts  Options
	log   *slog.Logger
	pages *template.Template
	css   []byte
	mux   *http.ServeMux

	bound atomic.Bool // the listener is open: Ready reports it
}

// New builds the companion; cfg.Check must pass.
func New(cfg Config, opts Options) (*Server, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if opts.Brain == nil {
		return nil, errors.New("web: no brain")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	t, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	css, err := assets.ReadFile("templates/style.css")
	if err != nil {
		return nil, fmt.Errorf("web: stylesheet: %w", err)
	}
	s := &Server{cfg: cfg, opts: opts, log: opts.Logger, pages: t, css: css}
	s.routes()
	return s, nil
}

// Name is the runner's name.
func (s *Server) Name() string { return Platform }

// Handler serves the companion (tests use it with httptest).
func (s *Server) Handler() http.Handler { return s.guard(s.mux) }

// Ready fails until the listener is open (/readyz).
func (s *Server) Ready(context.Context) error {
	if !s.bound.Load() {
		return errors.New("not listening")
	}
	return nil
}

// Run serves on cfg.Listen until ctx ends, then shuts down gracefully.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	s.log.Info("web companion listening", "addr", ln.Addr().String())
	s.bound.Store(true)
	defer s.bound.Store(false)
	if err := httpserve.Serve(ctx, srv, ln, shutdownTimeout); err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return nil
}

// contentSecurityPolicy allows only this origin's stylesheet and fonts, images drawn
// inline, and forms sent back here: no script at all, no third-party request.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// guard sets the security headers and refuses methods and sizes the companion never
// needs, before any page is built.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		switch r.Method {
		case http.MethodGet, http.MethodHead:
		case http.MethodPost:
			if r.URL.Path != "/curators" {
				w.Header().Set("Allow", "GET, HEAD")
				http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		default:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if len(r.URL.RawQuery) > maxQueryBytes {
			http.Error(w, "query too long", http.StatusRequestURITooLong)
			return
		}
		next.ServeHTTP(w, r)
	})
}
