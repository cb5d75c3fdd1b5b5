// Package discord connects cyberdiplo to Discord through its gateway and HTTP interactions.
package discord

import (
	"context"
	"errors"
	"log/slog"

	"github.com/cyberdiplo/cyberdiplo/bot"
)

// Config is the [discord] section of the configuration.
type Config struct {
	// Token is the bot token from the developer portal; the adapter runs when it is set.
	Token string `toml:"token"`
}

// Adapter runs the bot on Discord.
type Adapter struct {
	cfg   Config
	brain *bot.Bot
	log   *slog.Logger
}

// New checks the configuration and prepares the adapter.
func New(cfg Config, brain *bot.Bot, log *slog.Logger) (*Adapter, error) {
	return &Adapter{cfg: cfg, brain: brain, log: log}, nil
}

// Name is the platform name.
func (a *Adapter) Name() string { return "discord" }

// Run serves until ctx is cancelled.
func (a *Adapter) Run(ctx context.Context) error {
	return errors.New("discord adapter: not built yet")
}
