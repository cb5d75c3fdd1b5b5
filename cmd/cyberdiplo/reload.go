package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/cmd/cyberdiplo/internal/config"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// openLibrary loads the embedded facts plus the fact packs of knowledge.extra_dirs, all
// validated together; a problem in any file stops the program before it serves.
func openLibrary(extraDirs []string, log *slog.Logger) (*knowledge.Library, error) {
	return knowledge.OpenLibrary(knowledge.LibraryOptions{ExtraDirs: extraDirs, Logger: log})
}

// notifyHangup delivers SIGHUP on the returned channel until stop is called.
func notifyHangup() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGHUP)
	return c, func() { signal.Stop(c) }
}

// reloader keeps the fact packs current while the bot serves: it reloads them when
// their files change (polled every interval; 0 turns polling off) and on every
// SIGHUP. A reload that fails is logged with its problems by the library, which keeps
// answering from the previous base. Without packs (lib nil) it only takes SIGHUP, whose
// default would end the process.
type reloader struct {
	lib      *knowledge.Library
	interval time.Duration
	hangups  <-chan os.Signal
	log      *slog.Logger
}

func (r *reloader) Name() string { return "reload" }

// Run serves until ctx is done.
func (r *reloader) Run(ctx context.Context) error {
	var tick <-chan time.Time
	if r.interval > 0 && r.lib != nil {
		t := time.NewTicker(r.interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case sig := <-r.hangups:
			if r.lib == nil {
				r.log.Info("no fact packs configured (knowledge.extra_dirs); nothing to reload", "signal", sig.String())
				continue
			}
			r.log.Info("reloading fact packs", "signal", sig.String())
			// The outcome (new fact count, or every problem) is logged by the library.
			_, _ = r.lib.Reload()
		case <-tick:
			_, _, _ = r.lib.ReloadIfChanged()
		}
	}
}

// startReloader runs the reloader beside a console session (the platform adapters run
// it among their runners instead); stop ends it and waits for it.
func (a *app) startReloader(ctx context.Context, r *reloader) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = r.Run(ctx) // Run only returns when ctx is done
	}()
	return func() {
		cancel()
		<-done
	}
}

// reloaderFor returns the reloader of the configured fact packs; with none, a reloader
// that only logs SIGHUP, so that the signal never ends the process. release stops SIGHUP
// delivery.
func (a *app) reloaderFor(cfg *config.Config, log *slog.Logger, brain *bot.Bot) (r *reloader, release func()) {
	hangups, release := a.notifyHangup()
	if len(cfg.Knowledge.ExtraDirs) == 0 {
		return &reloader{hangups: hangups, log: log}, release
	}
	log.Info("fact packs loaded", "dirs", strings.Join(cfg.Knowledge.ExtraDirs, ","),
		"facts", brain.Base().Len(), "reload_interval", cfg.Knowledge.ReloadInterval.String())
	return &reloader{lib: brain.Library(), interval: cfg.Knowledge.ReloadInterval, hangups: hangups, log: log}, release
}
