package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/cyberdiplo/cyberdiplo/adapters/discord"
	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/ops"
)

// metered is an adapter that counts its traffic; both adapters take a metrics.Sink.
type metered interface{ SetMetrics(metrics.Sink) }

// meter gives r the metrics when it can count its traffic; it reports whether it could.
func meter(r runner, m *metrics.Metrics) bool {
	a, ok := r.(metered)
	if ok {
		a.SetMetrics(m)
	}
	return ok
}

// Adapters that report whether they are connected, each in its own shape.
type (
	telegramHealth interface{ Health() telegram.Health }
	discordHealth  interface{ Health() discord.Health }
	// readyReporter is any other runner with a readiness probe.
	readyReporter interface{ Ready(context.Context) error }
)

// readiness is r's readiness check, if r can tell. The errors name the state, never a
// configuration value: /readyz shows them.
func readiness(r runner) (ops.Check, bool) {
	switch a := r.(type) {
	case telegramHealth:
		return func(context.Context) error {
			h := a.Health()
			if h.Connected {
				return nil
			}
			if h.FailedPolls > 0 {
				return fmt.Errorf("not connected (%s mode, %d failed polls)", h.Mode, h.FailedPolls)
			}
			return fmt.Errorf("not connected (%s mode)", h.Mode)
		}, true
	case discordHealth:
		return func(context.Context) error {
			h := a.Health()
			if h.Connected {
				return nil
			}
			return fmt.Errorf("not connected (%s mode)", h.Mode)
		}, true
	case readyReporter:
		return a.Ready, true
	}
	return nil, false
}

// factsReady fails while the bot has no facts to answer from.
func factsReady(brain *bot.Bot) ops.Check {
	return func(context.Context) error {
		base := brain.Base()
		if base == nil || base.Len() == 0 {
			return errors.New("no facts loaded")
		}
		return nil
	}
}

// newOpsServer builds the ops endpoint over the adapters: /readyz checks the fact base
// and every adapter that reports its connection. Run warns in the log when the address
// is not a loopback one (ops.Loopback): metrics describe the deployment.
func newOpsServer(listen string, m *metrics.Metrics, brain *bot.Bot, adapters []runner, log *slog.Logger) *ops.Server {
	srv := ops.New(ops.Options{Listen: listen, Metrics: m.Gatherer(), Failures: m, Logger: log.With("runner", "ops")})
	srv.AddCheck("facts", factsReady(brain))
	for _, r := range adapters {
		if check, ok := readiness(r); ok {
			srv.AddCheck(r.Name(), check)
		}
	}
	return srv
}
