package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/internal/secret"
)

// Rate-limit handling outside the interaction path: discordgo's own retry sleeps in the
// calling goroutine without a context and without a cap, so we turn it off per call and
// wait here instead, cancellably.
const (
	maxRateLimitRetries = 5
	maxRateLimitWait    = time.Minute
	// maxServerRetries bounds retries of a 5xx; the waits double from serverRetryWait.
	maxServerRetries = 3
)

// restCall runs one REST call, honouring 429 retry_after a few times and retrying
// Discord's 500/502/503/504 (the request was not carried out) with a short backoff. Other
// failures are returned at once: a malformed response to a send that Discord took must not
// be sent again. Every failed attempt is counted by kind.
func (a *Adapter) restCall(ctx context.Context, call func(opts ...discordgo.RequestOption) error) error {
	serverRetries := 0
	bo := retry.Backoff{Base: a.serverRetryWait}
	for attempt := 0; ; attempt++ {
		// discordgo's own retries (rate limits, 502) sleep without a context: off.
		err := call(discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
		if err == nil {
			return nil
		}
		a.countError(err)
		var wait time.Duration
		var rl *discordgo.RateLimitError
		switch {
		case errors.As(err, &rl) && rl.TooManyRequests != nil && attempt < maxRateLimitRetries:
			wait = min(max(rl.RetryAfter, 10*time.Millisecond), maxRateLimitWait)
			a.log.Info("discord rate limited; waiting", "retry_after", wait, "attempt", attempt+1)
		case retryableStatus(restStatus(err)) && serverRetries < maxServerRetries:
			serverRetries++
			wait = bo.Next()
			a.log.Info("discord server error; retrying", "status", restStatus(err), "in", wait, "attempt", serverRetries)
		default:
			return err
		}
		if err := retry.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("waiting to retry a Discord call: %w", err)
		}
	}
}

// restCode is Discord's JSON error code of a failed REST call, 0 when there is none.
func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}

// Interaction and webhook URLs carry the interaction token in their path.
var urlTokens = regexp.MustCompile(`((?:interactions|webhooks)/\d+/)[A-Za-z0-9._\-]+`)

// newRedactor hides the bot token and every interaction token.
func newRedactor(botToken string) *secret.Redactor {
	r := secret.NewRedactor("[token]").HidePattern(urlTokens, "${1}")
	r.Add(strings.TrimPrefix(botToken, "Bot "))
	return r
}

// redact turns an error into a log-safe string: no bot token, no interaction token.
func redact(err error, botToken string) string {
	if err == nil {
		return ""
	}
	return redactString(err.Error(), botToken)
}

func redactString(s, botToken string) string { return newRedactor(botToken).String(s) }

// discordgo logs through a package-level function (another global the library forces on
// us); it is installed once and forwards to the latest adapter's logger, tokens redacted.
var libLog struct {
	once   sync.Once
	logger atomic.Pointer[slog.Logger]
	token  atomic.Value // string
}

func useLogger(log *slog.Logger, botToken string) {
	libLog.logger.Store(log.With("lib", "discordgo"))
	libLog.token.Store(botToken)
	libLog.once.Do(func() {
		discordgo.Logger = func(level, _ int, format string, args ...any) {
			l := libLog.logger.Load()
			msg := redactString(fmt.Sprintf(format, args...), libLog.token.Load().(string))
			switch level {
			case discordgo.LogError:
				l.Error(msg)
			case discordgo.LogWarning:
				l.Warn(msg)
			case discordgo.LogInformational:
				l.Info(msg)
			default:
				l.Debug(msg)
			}
		}
	})
}

// logPermissionOnce logs a missing permission once per channel: a channel that forbids
// the bot to speak must not fill the log, and must never stop the bot.
func (a *Adapter) logPermissionOnce(channelID string, err error) {
	if _, loaded := a.permLogged.LoadOrStore(channelID, struct{}{}); loaded {
		return
	}
	a.log.Warn("discord: missing permission in channel; not answering there until it is granted",
		"channel", channelID, "code", restCode(err), "err", redact(err, a.cfg.botToken))
}

func isPermissionError(err error) bool {
	c := restCode(err)
	return c == discordgo.ErrCodeMissingPermissions || c == discordgo.ErrCodeMissingAccess
}
