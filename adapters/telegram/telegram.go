// Package telegram connects cyberdiplo to Telegram through the Bot API, using
// go-telegram-bot-api v5.5.1 for requests and types. The library has no context, no
// timeouts, no rate limiting and a demo-grade update loop, so this package brings its own:
// a context-aware long-polling loop and webhook server, a paced sender with retries, and a
// redacting transport. Nothing of the library leaks out of this package.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/retry"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/internal/secret"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Config is the [telegram] section of the configuration. Every key can also be set with
// CYBERDIPLO_TELEGRAM_<KEY>.
type Config struct {
	// Token is the bot token from BotFather; the adapter runs when it is set.
	Token string `toml:"token"`
	// Mode is "polling" (default) or "webhook".
	Mode string `toml:"mode"`
	// APIEndpoint is the Bot API URL format, with the token and the method as %s
	// (default https://api.telegram.org/bot%s/%s); point it at a self-hosted Bot API server.
	APIEndpoint string `toml:"api_endpoint"`

	// PollTimeout is how long one getUpdates call waits for updates (whole seconds).
	PollTimeout time.Duration `toml:"poll_timeout"`
	// RequestTimeout bounds every other Bot API call.
	RequestTimeout time.Duration `toml:"request_timeout"`

	// WebhookURL is the public https URL Telegram posts updates to (webhook mode).
	WebhookURL string `toml:"webhook_url"`
	// Listen is the address the webhook server listens on, usually behind a reverse proxy.
	Listen string `toml:"listen"`
	// Path is the HTTP path the webhook server answers; default: the path of WebhookURL.
	Path string `toml:"path"`
	// Secret is the webhook secret token Telegram sends in X-Telegram-Bot-Api-Secret-Token
	// (1-256 characters of A-Z a-z 0-9 _ -); empty means one derived from the token (an
	// HMAC), the same on every replica.
	Secret string `toml:"secret"`
	// MaxConnections is setWebhook's max_connections (1-100).
	MaxConnections int `toml:"max_connections"`
	// MaxBodyBytes bounds one webhook request body.
	MaxBodyBytes int64 `toml:"max_body_bytes"`

	// Workers is how many updates are handled at once (per chat, updates stay in order).
	Workers int `toml:"workers"`
	// QueueSize is how many updates may wait per worker; a full queue answers the webhook
	// with 503 so Telegram delivers the update again later.
	QueueSize int `toml:"queue_size"`

	// PerChatPerSecond, GroupPerMinute and GlobalPerSecond pace outgoing messages; Burst is
	// how many may go back to back before the pacing applies.
	PerChatPerSecond float64 `toml:"per_chat_per_second"`
	GroupPerMinute   int     `toml:"group_per_minute"`
	GlobalPerSecond  int     `toml:"global_per_second"`
	Burst            int     `toml:"burst"`
	// MaxReplyAge caps how long a reply may wait (pacing, 429 retry_after, retries); an older
	// reply is dropped with a log line instead of arriving out of context.
	MaxReplyAge time.Duration `toml:"max_reply_age"`
	// MaxRetries bounds retries of a message after network errors or 5xx answers.
	MaxRetries int `toml:"max_retries"`

	// InlineResults is how many facts an inline query offers.
	InlineResults int `toml:"inline_results"`
	// InlineCacheTime is how long Telegram may cache an inline answer.
	InlineCacheTime time.Duration `toml:"inline_cache_time"`
	// ShutdownTimeout is how long in-flight replies may take to finish after a stop signal.
	ShutdownTimeout time.Duration `toml:"shutdown_timeout"`
	// InboxSweep is how often the inbox is read again for updates held and not answered:
	// with several replicas on one database, those a replica that died had taken. Default
	// 10s; a negative value reads it only at start. It applies only with a durable inbox.
	InboxSweep time.Duration `toml:"inbox_sweep"`
}

// Modes.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// withDefaults fills unset fields and rejects values that cannot work, in the order an
// operator would fix them: token, mode, endpoint, then the webhook's settings.
func (c Config) withDefaults() (Config, error) {
	if strings.TrimSpace(c.Token) == "" {
		return c, errors.New("telegram: token is empty")
	}
	c.Mode = strings.ToLower(strings.TrimSpace(c.Mode))
	if c.Mode == "" {
		c.Mode = ModePolling
	}
	if c.Mode != ModePolling && c.Mode != ModeWebhook {
		return c, fmt.Errorf("telegram: mode %s: want %q or %q", secret.Quote(c.Mode, c.Token), ModePolling, ModeWebhook)
	}
	if c.APIEndpoint == "" {
		c.APIEndpoint = tgbotapi.APIEndpoint
	}
	if err := c.checkAPIEndpoint(); err != nil {
		return c, err
	}
	c.fillLimits()
	if c.Mode == ModeWebhook {
		return c.withWebhook()
	}
	return c, nil
}

// checkAPIEndpoint accepts only a format with the token and the method in it that yields
// an http(s) URL.
func (c Config) checkAPIEndpoint() error {
	if strings.Count(c.APIEndpoint, "%s") != 2 || strings.Count(c.APIEndpoint, "%") != 2 {
		return fmt.Errorf("telegram: api_endpoint %s: want a format with two %%s (token, method), like %s",
			secret.Quote(c.APIEndpoint, c.Token), tgbotapi.APIEndpoint)
	}
	if u, err := url.Parse(fmt.Sprintf(c.APIEndpoint, "TOKEN", "getMe")); err != nil || u.Host == "" ||
		(u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("telegram: api_endpoint %s is not an http(s) URL format", secret.Quote(c.APIEndpoint, c.Token))
	}
	return nil
}

// fillLimits gives every unset timeout, size and rate its default, and clamps the values
// Telegram bounds.
func (c *Config) fillLimits() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	def(&c.PollTimeout, 50*time.Second)
	c.PollTimeout = max(c.PollTimeout, time.Second)
	def(&c.RequestTimeout, 30*time.Second)
	def(&c.MaxReplyAge, time.Minute)
	def(&c.InlineCacheTime, 5*time.Minute)
	def(&c.ShutdownTimeout, 10*time.Second)
	if c.InboxSweep == 0 {
		c.InboxSweep = 10 * time.Second
	}
	defInt(&c.Workers, 8)
	defInt(&c.QueueSize, 64)
	defInt(&c.MaxConnections, 40)
	defInt(&c.GroupPerMinute, 20)
	defInt(&c.GlobalPerSecond, 30)
	defInt(&c.Burst, 3)
	defInt(&c.MaxRetries, 5)
	defInt(&c.InlineResults, 5)
	c.InlineResults = min(c.InlineResults, 50) // Telegram's limit per answer
	c.MaxConnections = min(c.MaxConnections, 100)
	if c.PerChatPerSecond <= 0 {
		c.PerChatPerSecond = 1
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.Listen == "" {
		c.Listen = "127.0.0.1:8443"
	}
}

// withWebhook checks webhook mode's settings: an https URL Telegram can post to, the path
// served (by default the URL's), and a secret Telegram accepts.
func (c Config) withWebhook() (Config, error) {
	u, err := url.Parse(c.WebhookURL)
	if c.WebhookURL == "" || err != nil || u.Scheme != "https" || u.Host == "" {
		return c, fmt.Errorf("telegram: webhook mode needs webhook_url, an https URL (got %s)", secret.Quote(c.WebhookURL, c.Token))
	}
	if c.Path == "" {
		c.Path = u.Path
	}
	if c.Path == "" {
		c.Path = "/"
	}
	if !strings.HasPrefix(c.Path, "/") {
		return c, fmt.Errorf("telegram: path %s must start with /", secret.Quote(c.Path, c.Token))
	}
	if c.Secret != "" && !validSecret(c.Secret) {
		return c, errors.New("telegram: secret must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return c, nil
}

func validSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// brain is what the adapter uses of the bot; *bot.Bot implements it.
type brain interface {
	Handle(ctx context.Context, m *bot.Message) *bot.Reply
	FactReply(id string, lang knowledge.Lang) *bot.Reply
	Suggest(query string, lang knowledge.Lang, limit int) []bot.Choice
	Commands() []bot.CommandInfo
}

// The main program hands the adapter to the bot's daily-fact sender through this interface.
var _ bot.Sender = (*Adapter)(nil)

// Adapter runs the bot on Telegram.
type Adapter struct {
	cfg   Config
	brain brain
	quiz  quizBrain // the bot's quiz feature; nil: quizzes are sent as buttons
	log   *slog.Logger
	red   *secret.Redactor

	pollHTTP *http.Client // timeout above the long-poll timeout
	sendHTTP *http.Client

	tg *tgbotapi.BotAPI // set once connected; use api(ctx) to call it
	me tgbotapi.User

	pacer *pacer
	gate  *fairGate // Telegram's overall rate, shared fairly between chats
	// inbox keeps updates from receipt to reply; durable when it survives a restart.
	inbox   Inbox
	durable bool
	// taken are the updates in hand or finished lately, which an inbox sweep skips.
	taken *takenIDs
	// leader, when set, grants the polling lease (several replicas on one token).
	leader  Leader
	outbox  *outbox
	meter   metrics.Meter // zero: nothing counted (SetMetrics)
	limiter Limiter       // nil: inline queries not limited (SetLimiter)
	health  health
	buttons *buttonStore
	admins  *adminCache
	now     func() time.Time
	sleep   func(ctx context.Context, d time.Duration) error

	mu        sync.Mutex
	migrated  map[int64]int64 // group id -> supergroup id it became
	forbidden map[int64]bool  // chats that blocked or removed the bot (logged once)

	// ready is closed once the adapter is connected and serving (tests wait on it).
	ready     chan struct{}
	readyOnce sync.Once
	// webhookAddr is the address the webhook server listens on, once it does.
	webhookAddr string
}

// New checks the configuration and prepares the adapter; it does not touch the network.
func New(cfg Config, brain *bot.Bot, log *slog.Logger) (*Adapter, error) {
	if brain == nil {
		return nil, errors.New("telegram: no bot")
	}
	return newAdapter(cfg, brain, log)
}

func newAdapter(cfg Config, b brain, log *slog.Logger) (*Adapter, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	red := newRedactor()
	red.Add(cfg.Token)
	a := &Adapter{
		cfg:       cfg,
		brain:     b,
		quiz:      quizFeature(b),
		log:       log,
		red:       red,
		pollHTTP:  &http.Client{Timeout: cfg.PollTimeout + 10*time.Second},
		sendHTTP:  &http.Client{Timeout: cfg.RequestTimeout},
		pacer:     newPacer(cfg.PerChatPerSecond, cfg.GroupPerMinute, cfg.Burst),
		gate:      newFairGate(cfg.GlobalPerSecond),
		buttons:   newButtonStore(4096),
		admins:    newAdminCache(5 * time.Minute),
		now:       time.Now,
		sleep:     retry.Sleep,
		migrated:  map[int64]int64{},
		forbidden: map[int64]bool{},
		ready:     make(chan struct{}),
		inbox:     newMemInbox(),
		taken:     newTakenIDs(),
	}
	installLibraryLogger(cfg.Token, a.log)
	return a, nil
}

// Name is the platform name.
func (a *Adapter) Name() string { return "telegram" }

// Run connects, registers the command menus and serves updates until ctx is cancelled; it
// then finishes in-flight replies (for at most shutdown_timeout) and returns nil. It returns
// an error only when serving cannot work: a rejected token, a webhook that cannot be set.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.connect(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.log.Info("connected", "bot", "@"+a.me.UserName, "mode", a.cfg.Mode,
		"privacy_mode", !a.me.CanReadAllGroupMessages, "inline", a.me.SupportsInlineQueries)

	// Replies run on their own context: a stop signal ends receiving at once, while replies
	// already under way get shutdown_timeout to finish.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	finished := make(chan struct{})
	var watch sync.WaitGroup
	watch.Add(1)
	go func() {
		defer watch.Done()
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		t := time.NewTimer(a.cfg.ShutdownTimeout)
		defer t.Stop()
		select {
		case <-finished:
		case <-t.C:
			a.log.Warn("shutdown timeout: abandoning replies still in flight", "timeout", a.cfg.ShutdownTimeout)
			stopWork()
		}
	}()
	defer func() {
		close(finished)
		stopWork() // every reply is done by now; this ends a command-menu call still waiting
		watch.Wait()
	}()

	// The menus are a nicety: publishing them must not hold up answering.
	watch.Add(1)
	go func() {
		defer watch.Done()
		a.setCommands(work)
	}()

	a.outbox = newOutbox(a.deliver)
	d := newDispatcher(work, a.cfg.Workers, a.cfg.QueueSize, a.process)
	var err error
	if a.cfg.Mode == ModeWebhook {
		err = a.runWebhook(ctx, work, d)
	} else {
		err = a.runPolling(ctx, work, d)
	}
	a.health.connected.Store(false)
	d.closeAndWait()
	a.outbox.wait()
	if err != nil {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// connect calls getMe (through the library's constructor) until it works, the token is
// rejected or ctx ends.
func (a *Adapter) connect(ctx context.Context) error {
	bo := newBackoff()
	for {
		tg, err := tgbotapi.NewBotAPIWithClient(a.cfg.Token, a.cfg.APIEndpoint, a.client(ctx, a.sendHTTP))
		if err == nil {
			a.tg, a.me = tg, tg.Self
			if a.me.UserName == "" {
				return errors.New("telegram: getMe returned no username")
			}
			return nil
		}
		switch classify(err) {
		case classUnauthorized:
			return fmt.Errorf("telegram: token rejected by %s: %w", a.endpointHost(), a.red.Error(err))
		case classCanceled:
			return err
		case classFlood:
			e, _ := apiError(err)
			if err := a.sleep(ctx, time.Duration(e.RetryAfter)*time.Second); err != nil {
				return err
			}
			continue
		}
		wait := bo.Next()
		a.log.Warn("cannot reach the Bot API, retrying", "err", a.red.Error(err), "retry_in", wait.Round(time.Millisecond))
		if err := a.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

func (a *Adapter) endpointHost() string {
	u, err := url.Parse(fmt.Sprintf(a.cfg.APIEndpoint, "x", "x"))
	if err != nil {
		return "the Bot API"
	}
	return u.Host
}

func (a *Adapter) client(ctx context.Context, hc *http.Client) ctxClient {
	return ctxClient{ctx: ctx, hc: hc, red: a.red}
}

// api returns the library bound to ctx: a shallow copy of the connected BotAPI whose HTTP
// client carries ctx. The copy is cheap (a few words) and keeps calls independent.
func (a *Adapter) api(ctx context.Context) *tgbotapi.BotAPI {
	return a.apiWith(ctx, a.sendHTTP)
}

func (a *Adapter) apiWith(ctx context.Context, hc *http.Client) *tgbotapi.BotAPI {
	api := *a.tg
	api.Client = a.client(ctx, hc)
	return &api
}

func (a *Adapter) markReady() { a.readyOnce.Do(func() { close(a.ready) }) }
