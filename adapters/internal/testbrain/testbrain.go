// Package testbrain gives adapter tests the real bot over the embedded fact base, built
// once per test binary: building it indexes every fact, and the bot is safe for
// concurrent use by tests that keep to their own chats.
package testbrain

import (
	"sync"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Cache holds the one bot of a test binary; the zero Cache is ready to use.
type Cache struct {
	once sync.Once
	b    *bot.Bot
	err  error
}

// Get returns the bot over the embedded fact base. The first call builds it with opts;
// later calls return that same bot, so a package passes the same opts every time.
func (c *Cache) Get(tb testing.TB, opts bot.Options) *bot.Bot {
	tb.Helper()
	c.once.Do(func() {
		base, err := knowledge.Embedded()
		if err != nil {
			c.err = err
			return
		}
		c.b = standard.New(base, knowledge.NewMatcher(base), opts)
	})
	if c.err != nil {
		tb.Fatalf("fact base: %v", c.err)
	}
	return c.b
}
