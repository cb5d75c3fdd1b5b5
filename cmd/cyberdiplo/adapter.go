package main

import (
	"context"
	"log/slog"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/adapters/web"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
)

// Adapter is a platform connection as serve runs it: a name for the logs and /readyz, a run
// loop, and a readiness probe whose error names the state (never a configuration value:
// /readyz shows it). Telegram, Discord and the web companion implement it alike, so serve
// needs no type switch to run them or to check them. bot.Sender is the one optional extra:
// an adapter that can post without being asked carries the daily facts.
type Adapter interface {
	runner
	Ready(ctx context.Context) error
}

// The real adapters keep the shape serve runs; if one changed, this fails to compile.
var (
	_ Adapter    = (*telegram.Adapter)(nil)
	_ Adapter    = (*discord.Adapter)(nil)
	_ Adapter    = (*web.Server)(nil)
	_ bot.Sender = (*telegram.Adapter)(nil)
	_ bot.Sender = (*discord.Adapter)(nil)
)

// adapterKit is what serve hands every platform adapter it builds, besides the adapter's
// own configuration section.
type adapterKit struct {
	brain   *bot.Bot
	log     *slog.Logger
	metrics metrics.Sink
	// inbox keeps updates and interactions taken but not yet answered across a stop, and
	// shared by replicas; nil when chat state is in memory (nothing would survive anyway).
	inbox telegram.Inbox
	// leader grants the polling lease: with several replicas on one PostgreSQL database
	// only its holder polls Telegram. nil when chat state is in memory (one process).
	leader bot.Leader
	// limiter counts what bypasses the bot's handler (Telegram's inline queries).
	limiter telegram.Limiter
}

// named is the kit for one adapter: its log lines say which.
func (k adapterKit) named(name string) adapterKit {
	k.log = k.log.With("adapter", name)
	return k
}

func newTelegramAdapter(c telegram.Config, k adapterKit) (Adapter, error) {
	a, err := telegram.New(c, k.brain, k.log)
	if err != nil {
		return nil, err
	}
	a.SetMetrics(k.metrics)
	if k.inbox != nil {
		a.SetInbox(k.inbox)
	}
	if k.leader != nil {
		a.SetLeader(k.leader)
	}
	a.SetLimiter(k.limiter)
	return a, nil
}

func newDiscordAdapter(c discord.Config, k adapterKit) (Adapter, error) {
	a, err := discord.New(c, k.brain, k.log)
	if err != nil {
		return nil, err
	}
	a.SetMetrics(k.metrics)
	if k.inbox != nil {
		// http mode: an interaction retried or received twice is answered once, and a
		// reply deferred by a replica that died is sent by another.
		a.SetInbox(k.inbox)
	}
	return a, nil
}
