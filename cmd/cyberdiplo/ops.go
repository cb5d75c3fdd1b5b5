package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/ops"
)

// checker is anything /readyz checks besides the facts: the adapters and the storage.
type checker interface {
	Name() string
	Ready(context.Context) error
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
func newOpsServer(listen string, m *metrics.Metrics, brain *bot.Bot, checked []checker, log *slog.Logger) *ops.Server {
	srv := ops.New(ops.Options{Listen: listen, Metrics: m.Gatherer(), Failures: m, Logger: log.With("runner", "ops")})
	srv.AddCheck("facts", factsReady(brain))
	for _, c := range checked {
		srv.AddCheck(c.Name(), c.Ready)
	}
	return srv
}
