package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/internal/httpserve"
)

// secretHeader carries setWebhook's secret_token on every update Telegram posts.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// runWebhook registers the webhook (with a secret token, through the library's raw Params
// path: v5.5.1's WebhookConfig has no secret field) and serves it until ctx ends. Updates
// are answered 200 as soon as they are queued; the workers do the rest.
func (a *Adapter) runWebhook(ctx, work context.Context, d *dispatcher) error {
	secret := a.cfg.Secret
	if secret == "" {
		// Derived, not random: every replica behind the load balancer must accept what
		// Telegram posts, and each one sets the webhook again at its start.
		secret = derivedSecret(a.cfg.Token)
	}
	a.red.Add(secret)
	ln, err := net.Listen("tcp", a.cfg.Listen)
	if err != nil {
		return fmt.Errorf("telegram: webhook listen: %w", err)
	}
	srv := &http.Server{
		Handler:           a.webhookHandler(secret, d),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	if !a.durable {
		a.log.Warn("chat state is in memory: updates acknowledged but not answered at a stop are lost")
	}
	// What the last run acknowledged but did not answer goes first, to keep each chat in order.
	a.replay(work, d, nil)
	stopSweep := a.startSweep(ctx, d, nil)
	defer stopSweep()
	// The webhook stays set when ctx ends: Telegram keeps updates while the bot restarts.
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpserve.Serve(ctx, srv, ln, a.cfg.ShutdownTimeout) }()
	a.mu.Lock()
	a.webhookAddr = ln.Addr().String()
	a.mu.Unlock()

	if err := a.setWebhook(ctx, secret); err != nil {
		_ = srv.Close()
		<-serveErr
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.log.Info("webhook set", "listen", ln.Addr().String(), "path", a.cfg.Path, "webhook_host", hostOf(a.cfg.WebhookURL))
	a.markReady()
	a.health.connected.Store(true)
	// A stop that could not wait for every request is not a failure: what was held is
	// answered at the next start.
	if err := <-serveErr; err != nil && ctx.Err() == nil {
		return fmt.Errorf("telegram: webhook server: %w", err)
	}
	return nil
}

// setWebhook calls setWebhook with the secret token, retrying transient failures.
func (a *Adapter) setWebhook(ctx context.Context, secret string) error {
	allowed, err := json.Marshal(allowedUpdates)
	if err != nil {
		return err
	}
	params := tgbotapi.Params{
		"url":             a.cfg.WebhookURL,
		"secret_token":    secret,
		"max_connections": strconv.Itoa(a.cfg.MaxConnections),
		"allowed_updates": string(allowed),
	}
	bo := newBackoff()
	for {
		_, err := a.api(ctx).MakeRequest("setWebhook", params)
		if err == nil {
			return nil
		}
		switch classify(err) {
		case classCanceled:
			return err
		case classRetry:
		case classFlood:
			e, _ := apiError(err)
			if err := a.sleep(ctx, time.Duration(max(e.RetryAfter, 1))*time.Second); err != nil {
				return err
			}
			continue
		default:
			return fmt.Errorf("telegram: setWebhook for %s: %w", hostOf(a.cfg.WebhookURL), a.red.Error(err))
		}
		wait := bo.Next()
		a.log.Warn("cannot set the webhook; retrying", "err", a.red.Error(err), "retry_in", wait.Round(time.Millisecond))
		if err := a.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// webhookHandler checks the secret before reading anything else, bounds the body, parses
// the update with the library, keeps it in the inbox and queues it; only then is it
// acknowledged, so a stop leaves it for the next start rather than losing it. A full queue
// answers 503: Telegram then delivers the update again later, so nothing is lost under a
// burst.
func (a *Adapter) webhookHandler(secret string, d *dispatcher) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(a.cfg.Path, func(w http.ResponseWriter, r *http.Request) {
		if !httpserve.AllowPost(w, r) {
			return
		}
		got := r.Header.Get(secretHeader)
		if got == "" {
			http.Error(w, "missing secret token", http.StatusUnauthorized)
			return
		}
		if subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "wrong secret token", http.StatusForbidden)
			return
		}
		body, ok := httpserve.ReadBody(w, r, a.cfg.MaxBodyBytes)
		if !ok {
			return
		}
		upd := new(tgbotapi.Update)
		if err := json.Unmarshal(body, upd); err != nil {
			http.Error(w, "malformed update", http.StatusBadRequest)
			return
		}
		// Not cut short by a client that hangs up: an update held half-way would be
		// answered twice when Telegram delivers it again.
		if !a.hold(context.WithoutCancel(r.Context()), upd, a.now()) {
			w.WriteHeader(http.StatusOK) // a redelivery of an update already taken
			return
		}
		if !d.offer(job{update: *upd, arrived: a.now(), done: a.finished(upd.UpdateID)}) {
			a.release(upd.UpdateID)
			a.meter.Deferred() // not lost: Telegram delivers it again
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	return mux
}

// hostOf is a URL's host, for logs that must not show paths (a webhook path may be secret).
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}
