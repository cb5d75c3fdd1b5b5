package main

import (
	"log/slog"

	"github.com/cyberdiplo/cyberdiplo/adapters/web"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
)

// newWebServer builds the web companion over the bot, the chats' flood limiter and the
// curators' log (when the chat state is kept in a database that holds one).
func newWebServer(cfg *config.Config, su *prepared, log *slog.Logger) (*web.Server, error) {
	opts := web.Options{Brain: su.brain, Limiter: su.limiter, Logger: log}
	if cl, ok := su.brain.Store().(bot.CuratorLog); ok {
		opts.Log = cl
	}
	return web.New(cfg.Web, opts)
}
