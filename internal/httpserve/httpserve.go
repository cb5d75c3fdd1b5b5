// Package httpserve holds the chores the bot's four HTTP endpoints share (Telegram's
// webhook, Discord's interactions, the ops endpoint and the web companion): serving until
// the context ends and then stopping gracefully, and the checks a POST endpoint makes
// before it trusts a request. Each endpoint keeps its own timeouts, which differ on
// purpose (a webhook waits on Telegram, the ops endpoint on a scraper).
package httpserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Serve serves srv on ln until ctx ends or serving fails. Then it shuts srv down,
// giving requests in flight grace to finish, and closes what is still open after it.
// A server closed by its caller (srv.Close) is not an error; a shutdown that ran out
// of grace is.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		_ = srv.Close()
		<-served
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// AllowPost answers 405 to anything but a POST and reports whether r is one.
func AllowPost(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodPost {
		return true
	}
	w.Header().Set("Allow", http.MethodPost)
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// ReadBody reads at most limit bytes of r's body. A larger body is answered 413 and an
// unreadable one 400; ok is false then and the caller only returns.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, ok bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return nil, false
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	return body, true
}
