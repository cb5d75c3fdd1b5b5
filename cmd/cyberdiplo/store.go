package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/adapters/telegram"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
)

// chatStore is the chat-state database as the commands use it, whichever engine keeps
// it: the bot's state, the adapters' inbox, the polling lease, a readiness probe.
type chatStore interface {
	bot.Store
	telegram.Inbox
	bot.Leader
	Ready(ctx context.Context) error
	Close() error
}

// The two engines keep the shape the commands use; if one changed, this fails to compile.
var (
	_ chatStore = (*storage.Store)(nil)
	_ chatStore = (*postgres.Store)(nil)
)

// openedStore is a chat store and where it is, for the logs and /readyz: the SQLite file,
// or the PostgreSQL server and database (never the password).
type openedStore struct {
	chatStore
	where string
}

// Where names the database without its credentials.
func (s *openedStore) Where() string { return s.where }

// storeOptions are what opening a store needs besides the configuration.
type storeOptions struct {
	log     *slog.Logger
	metrics *metrics.Metrics // database metrics, PostgreSQL only; nil for none
}

// openStore opens the configured chat-state database; nil (and no error) when chat state
// lives in memory. It is the one place that knows which engines exist.
func (a *app) openStore(ctx context.Context, c *config.Config, o storeOptions) (*openedStore, error) {
	switch c.Storage.EffectiveDriver() {
	case config.DriverPostgres:
		popts := postgres.Options{MaxConns: c.Storage.MaxConns, TakeoverAfter: c.Storage.TakeoverAfter, Logger: o.log}
		if o.metrics != nil {
			popts.Observe = o.metrics.ObserveQuery
		}
		st, err := postgres.Open(ctx, c.Storage.DSN, popts)
		if err != nil {
			// postgres.Open's errors are one line without the password.
			return nil, fmt.Errorf("storage: %w", err)
		}
		if o.metrics != nil {
			o.metrics.WatchPool(func() metrics.PoolStats {
				p := st.PoolStats()
				return metrics.PoolStats{Acquired: p.Acquired, Idle: p.Idle, Total: p.Total, Max: p.Max}
			})
		}
		return &openedStore{chatStore: st, where: postgresWhere(c.Storage.DSN)}, nil
	default:
		path, err := a.databasePath(c)
		if err != nil {
			return nil, fmt.Errorf("storage.path: %w", err)
		}
		if path == "" {
			return nil, nil
		}
		st, err := storage.Open(ctx, path, storage.Options{BusyTimeout: a.busyTimeout})
		if err != nil {
			return nil, fmt.Errorf("%w\n(set storage.path to another file, or to %q to keep chat state in memory)", err, memoryStorage)
		}
		return &openedStore{chatStore: st, where: st.Path()}, nil
	}
}

// postgresWhere is "postgres://host:port/database" from a DSN in URL form, without the
// user or password; "postgres" for the key=value form, which is not parsed here.
func postgresWhere(dsn string) string {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "postgres"
	}
	return "postgres://" + u.Host + u.Path
}
