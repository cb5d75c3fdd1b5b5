// Package discord connects cyberdiplo to Discord through its gateway and HTTP interactions.
//
// Gateway mode opens a websocket session (without the privileged Message Content intent):
// slash commands, buttons, DMs and messages that mention the bot. HTTP mode serves
// /interactions (Ed25519-verified) for slash commands and buttons and needs no websocket.
// Both modes register the slash commands with one bulk overwrite when the set changed.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/recent"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxMessagesInFlight bounds concurrent replies to messages (mentions and DMs).
const maxMessagesInFlight = 256

// maxAnswering bounds how many replies the bot composes at once. Composing is CPU and
// database work: beyond a few per core, more at once only makes each slower (and opens
// more database connections). An interaction that waits is deferred within Discord's
// deadline and answered when its turn comes.
const maxAnswering = 16

// brain is what the adapter uses of the bot; *bot.Bot implements it.
type brain interface {
	Handle(ctx context.Context, m *bot.Message) *bot.Reply
	Suggest(query string, lang knowledge.Lang, limit int) []bot.Choice
	Commands() []bot.CommandInfo
}

// Adapter runs the bot on Discord.
type Adapter struct {
	cfg     settings
	brain   brain
	log     *slog.Logger
	session *discordgo.Session

	// deferAfter is how long an interaction may take before it is deferred and answered
	// by a follow-up; well inside Discord's 3-second deadline.
	deferAfter time.Duration
	// reopenAfter is how long the gateway stays closed before the adapter reopens it: long
	// enough for discordgo's stale heartbeat goroutine to finish with the old connection.
	reopenAfter time.Duration
	watchEvery  time.Duration
	// openRetryWait is the first wait after the gateway failed to open (doubling up to
	// five minutes); serverRetryWait the first wait before retrying a 5xx REST call.
	openRetryWait   time.Duration
	serverRetryWait time.Duration
	meter           metrics.Meter // zero: nothing counted (SetMetrics)
	// listening, when set, learns the address of the HTTP listener (tests use port 0).
	listening func(net.Addr)

	work       sync.WaitGroup // in-flight replies
	workCtx    context.Context
	cancelWork context.CancelFunc

	seen         *recent.IDs[string] // interactions and messages already taken, against replays
	inbox        Inbox               // shared by replicas in http mode (SetInbox); nil: seen only
	taken        *takenIDs           // interactions in hand or finished lately, skipped by a sweep
	messageSlots chan struct{}       // bounds message replies in flight
	answering    chan struct{}       // bounds replies being composed (maxAnswering)
	dropped      atomic.Int64        // messages dropped because all slots were busy
	permLogged   sync.Map            // channel id -> struct{}: permission problem already logged
	noEmbeds     sync.Map            // channel id -> time.Time: embeds refused there until then

	selfID         atomic.Value // string: the bot's user id, from READY
	appID          atomic.Value // string: the application id, from config or READY
	connected      atomic.Bool
	connects       atomic.Int64
	disconnectedAt atomic.Int64 // unix nanoseconds
	httpUp         atomic.Bool
	lastAck        atomic.Int64 // unix nanoseconds of the last heartbeat ACK seen by Health
}

// New checks the configuration and prepares the adapter.
func New(cfg Config, brain *bot.Bot, log *slog.Logger) (*Adapter, error) {
	if brain == nil {
		return nil, errors.New("discord: no bot")
	}
	return newAdapter(cfg, brain, log)
}

func newAdapter(cfg Config, b brain, log *slog.Logger) (*Adapter, error) {
	s, err := cfg.check()
	if err != nil {
		return nil, fmt.Errorf("discord config: %w", err)
	}
	if log == nil {
		log = slog.Default()
	}
	if err := useAPIBase(s.apiBase); err != nil {
		return nil, err
	}
	useLogger(log, s.botToken)

	session, err := discordgo.New(s.botToken)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	// Debug logs request headers, Authorization included: never on.
	session.Debug = false
	// Warnings would log whole gateway events (users' messages); the adapter logs the
	// connection's life itself.
	session.LogLevel = discordgo.LogError
	// The adapter reopens the gateway itself (see watch): discordgo v0.29.0's reconnect
	// races a heartbeat goroutine blocked behind Close, which then closes the new
	// connection, again and again ("close sent" loops). Reopening resumes the session.
	session.ShouldReconnectOnError = false
	session.Client = &http.Client{Timeout: 15 * time.Second}
	// Handlers run on the gateway reader: they only filter and hand work to goroutines,
	// which keeps event order (and makes "ignored" decisions happen before later events).
	session.SyncEvents = true
	session.Identify.Intents = gatewayIntents
	// Guild roles and channels let us tell admins in messages; members, presences and
	// the rest are not needed.
	session.StateEnabled = true
	session.State.TrackMembers = false
	session.State.TrackPresences = false
	session.State.TrackVoice = false
	session.State.TrackEmojis = false
	session.State.TrackStickers = false
	session.State.TrackThreadMembers = false
	session.State.MaxMessageCount = 0

	a := &Adapter{
		cfg: s, brain: b, log: log, session: session,
		deferAfter:      1500 * time.Millisecond,
		reopenAfter:     2 * time.Second,
		watchEvery:      500 * time.Millisecond,
		openRetryWait:   time.Second,
		serverRetryWait: 500 * time.Millisecond,
		seen:            recent.New[string](4096),
		taken:           newTakenIDs(),
		messageSlots:    make(chan struct{}, maxMessagesInFlight),
		answering:       make(chan struct{}, maxAnswering),
	}
	a.selfID.Store("")
	a.appID.Store(s.ApplicationID)
	a.workCtx, a.cancelWork = context.WithCancel(context.Background())
	return a, nil
}

// Name is the platform name.
func (a *Adapter) Name() string { return "discord" }

// Run serves until ctx is cancelled, then finishes in-flight replies and returns nil.
// It returns an error only when Discord refuses the configuration (bad token, intents).
func (a *Adapter) Run(ctx context.Context) error {
	var err error
	if a.cfg.Mode == ModeHTTP {
		err = a.runHTTP(ctx)
	} else {
		err = a.runGateway(ctx)
	}
	a.drain()
	return err
}

// drain waits for in-flight replies, then cancels what is left after the grace period.
func (a *Adapter) drain() {
	done := make(chan struct{})
	go func() { a.work.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(a.cfg.ShutdownTimeout):
		a.log.Warn("discord shutdown: cancelling replies still in flight", "after", a.cfg.ShutdownTimeout)
		a.cancelWork()
		<-done
	}
	a.cancelWork()
}

// goWork runs f as tracked in-flight work with the reply context. A panic in one reply
// is logged and contained: the next message is served normally.
func (a *Adapter) goWork(f func(ctx context.Context)) {
	a.work.Add(1)
	go func() {
		defer a.work.Done()
		defer func() {
			if p := recover(); p != nil {
				a.log.Error("discord: internal error while replying", "panic", redactString(fmt.Sprint(p), a.cfg.botToken))
			}
		}()
		f(a.workCtx)
	}()
}

// ask runs the brain, turning a panic into a polite apology instead of a crash. It waits
// for one of maxAnswering turns; nil means ctx ended first.
func (a *Adapter) ask(ctx context.Context, m *bot.Message) (r *bot.Reply) {
	select {
	case a.answering <- struct{}{}:
	case <-ctx.Done():
		return nil
	}
	defer func() { <-a.answering }()
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord: brain panicked", "panic", fmt.Sprint(p), "chat", m.ChatID)
			lang := bot.LangForLocale(m.LocaleHint)
			r = &bot.Reply{Kind: bot.KindError, Lang: lang, Blocks: textBlocks(say(lang, msgInternal))}
		}
	}()
	return a.brain.Handle(ctx, m)
}

// Health reports the state of the connection to Discord.
type Health struct {
	Mode      string
	Connected bool // gateway open, or HTTP endpoint listening
	// LastHeartbeatAck is when the gateway last acknowledged a heartbeat (gateway mode).
	LastHeartbeatAck time.Time
	// HeartbeatAckAge is the age of that acknowledgement; it grows when the link is dead.
	HeartbeatAckAge time.Duration
	Reconnects      int64
}

// Health reports the connection state, for readiness checks.
func (a *Adapter) Health() Health {
	h := Health{Mode: a.cfg.Mode}
	if a.cfg.Mode == ModeHTTP {
		h.Connected = a.httpUp.Load()
		return h
	}
	h.Connected = a.connected.Load()
	// discordgo holds the session lock while it (re)opens, which can take long on a bad
	// network; a health check must not block on it, so it falls back to the last value read.
	if a.session.TryRLock() {
		a.lastAck.Store(a.session.LastHeartbeatAck.UnixNano())
		a.session.RUnlock()
	}
	if ns := a.lastAck.Load(); ns != 0 {
		h.LastHeartbeatAck = time.Unix(0, ns)
	}
	if !h.LastHeartbeatAck.IsZero() {
		h.HeartbeatAckAge = time.Since(h.LastHeartbeatAck)
	}
	h.Reconnects = max(a.connects.Load()-1, 0)
	return h
}

// Ready is the adapter's readiness probe, the one shape every adapter gives cmd: nil while
// connected, else an error naming the state (never a configuration value: /readyz shows it).
func (a *Adapter) Ready(context.Context) error {
	if h := a.Health(); !h.Connected {
		return fmt.Errorf("not connected (%s mode)", h.Mode)
	}
	return nil
}
