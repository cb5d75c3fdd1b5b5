package main

import (
	"context"
	"log/slog"
	"time"
)

// readyStore is the chat-state database as the watcher sees it; *openedStore.
type readyStore interface {
	Ready(ctx context.Context) error
	Where() string
}

// storageWatch checks the database while the bot serves, so that a database file deleted
// or replaced under the running bot (SQLite keeps writing to the old one, lost at exit), or
// a PostgreSQL server gone, is an error in the log and on /readyz, not a silent loss of
// every chat's state.
type storageWatch struct {
	st       readyStore
	interval time.Duration
	log      *slog.Logger
}

// storageWatchInterval is how often the database is checked: a stat and a ping for a
// file, a ping for a server.
const storageWatchInterval = 10 * time.Second

func (w *storageWatch) Name() string { return "storage" }

// Ready is the /readyz check.
func (w *storageWatch) Ready(ctx context.Context) error { return w.st.Ready(ctx) }

// Run logs each change between usable and not until ctx ends.
func (w *storageWatch) Run(ctx context.Context) error {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	var failing bool
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		checkCtx, cancel := context.WithTimeout(ctx, w.interval)
		err := w.st.Ready(checkCtx)
		cancel()
		switch {
		case err != nil && !failing && ctx.Err() == nil:
			w.log.Error("chat-state database unusable", "err", err)
		case err == nil && failing:
			w.log.Info("chat-state database usable again", "where", w.st.Where())
		}
		failing = err != nil
	}
}
