package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/internal/secret"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// tokenMask stands where a bot token was in a log line or error.
const tokenMask = "<redacted>"

// newRedactor hides the bot token: Telegram puts it in every request URL, and Go's
// *url.Error repeats that URL in its message, so any transport error would print it.
func newRedactor() *secret.Redactor { return secret.NewRedactor(tokenMask) }

// libraryLog is the logger installed into tgbotapi. The library keeps its logger in a
// package-level variable (tgbotapi.SetLogger), so this is global state the library forces on
// us: one redacting logger for the process, which learns every adapter's token.
var libraryLog = struct {
	once sync.Once
	red  *secret.Redactor
	mu   sync.RWMutex
	out  *slog.Logger
}{red: newRedactor()}

// installLibraryLogger routes the library's own log lines through slog with tokens removed.
func installLibraryLogger(token string, log *slog.Logger) {
	libraryLog.red.Add(token)
	libraryLog.mu.Lock()
	libraryLog.out = log
	libraryLog.mu.Unlock()
	libraryLog.once.Do(func() {
		// SetLogger fails only for a nil logger.
		_ = tgbotapi.SetLogger(libraryLogger{})
	})
}

// libraryLogger implements tgbotapi.BotLogger.
type libraryLogger struct{}

func (libraryLogger) Println(v ...any) {
	libraryLogger{}.write(strings.TrimSuffix(fmt.Sprintln(v...), "\n"))
}

func (libraryLogger) Printf(format string, v ...any) {
	libraryLogger{}.write(strings.TrimSuffix(fmt.Sprintf(format, v...), "\n"))
}

func (libraryLogger) write(msg string) {
	libraryLog.mu.RLock()
	out := libraryLog.out
	libraryLog.mu.RUnlock()
	if out == nil {
		return
	}
	out.Warn("telegram library", "msg", libraryLog.red.String(msg))
}

// ctxClient binds one request context to the library's HTTP calls: tgbotapi v5.5.1 builds its
// requests without a context, so cancellation is attached here. It also redacts the token
// from transport errors before the library or anyone else can print them.
type ctxClient struct {
	ctx context.Context
	hc  *http.Client
	red *secret.Redactor
}

func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.hc.Do(req.WithContext(c.ctx))
	if err != nil {
		return nil, c.red.Error(err)
	}
	return resp, nil
}

// apiError is Telegram's answer to a failed call, when there was one.
func apiError(err error) (tgbotapi.Error, bool) {
	var v tgbotapi.Error
	if errors.As(err, &v) {
		return v, true
	}
	var p *tgbotapi.Error
	if errors.As(err, &p) && p != nil {
		return *p, true
	}
	return tgbotapi.Error{}, false
}

// errorClass is what the sender does about a failed call.
type errorClass int

const (
	classRetry        errorClass = iota // network trouble or 5xx: retry with backoff
	classFlood                          // 429: wait retry_after
	classParse                          // 400 can't parse entities: resend as plain text
	classNotModified                    // 400 message is not modified: the edit is already there
	classMigrated                       // 400 group migrated to a supergroup: resend to the new id
	classEditGone                       // 400 the message to edit is gone or too old: send anew
	classForbidden                      // 403 blocked, kicked, no rights: give up on this chat
	classUnauthorized                   // 401/404: the token is wrong or revoked
	classConflict                       // 409: another getUpdates consumer or an active webhook
	classPermanent                      // any other 4xx: this request will never work
	classCanceled                       // our own context ended
)

func classify(err error) errorClass {
	if errors.Is(err, context.Canceled) {
		return classCanceled
	}
	e, ok := apiError(err)
	if !ok {
		return classRetry
	}
	desc := strings.ToLower(e.Message)
	switch {
	case e.Code == http.StatusTooManyRequests || e.RetryAfter > 0:
		return classFlood
	case e.MigrateToChatID != 0:
		return classMigrated
	case e.Code >= 500:
		return classRetry
	case e.Code == http.StatusUnauthorized || e.Code == http.StatusNotFound:
		return classUnauthorized
	case e.Code == http.StatusConflict:
		return classConflict
	case e.Code == http.StatusForbidden:
		return classForbidden
	case strings.Contains(desc, "can't parse entities") || strings.Contains(desc, "can't find end of"):
		return classParse
	case strings.Contains(desc, "message is not modified"):
		return classNotModified
	case strings.Contains(desc, "message to edit not found") || strings.Contains(desc, "message can't be edited") ||
		strings.Contains(desc, "no text in the message to edit"): // a button under a photo (the timeline chart)
		return classEditGone
	case e.Code == 0:
		// An answer without an error code is not something Telegram sends; treat it as transient.
		return classRetry
	}
	return classPermanent
}

// newBackoff is the wait between failed Telegram calls: 1 s, 2 s, 4 s … capped at one
// minute, each drawn from its upper half so retries from many instances spread.
func newBackoff() retry.Backoff {
	return retry.Backoff{Base: time.Second, Max: time.Minute, Jitter: true}
}
