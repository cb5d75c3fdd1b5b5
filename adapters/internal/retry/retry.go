// Package retry holds the one exponential backoff the adapters use between attempts at a
// platform call (Telegram's polls and sends, Discord's gateway and REST calls), and the one
// wait between attempts, so that the doubling, the ceiling, the jitter and the cancellable
// sleep are written once.
package retry

import (
	"context"
	"math/rand/v2"
	"time"
)

// Sleep waits d, or less when ctx ends first; then it returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// maxDoublings bounds the doubling so a long outage cannot overflow a Duration.
const maxDoublings = 30

// Backoff produces waits that double from Base up to Max (no ceiling when Max is 0). With
// Jitter each wait is drawn uniformly from the upper half of its step, so retries from many
// instances spread out instead of arriving together. The zero value of n is the first try;
// a Backoff is used by one goroutine at a time.
type Backoff struct {
	Base, Max time.Duration
	Jitter    bool
	n         int
}

// Next is the wait before the next attempt.
func (b *Backoff) Next() time.Duration {
	d := b.Base
	for i := 0; i < min(b.n, maxDoublings) && (b.Max == 0 || d < b.Max); i++ {
		d *= 2
	}
	if b.Max > 0 && d > b.Max {
		d = b.Max
	}
	b.n++
	if b.Jitter {
		return d/2 + rand.N(d/2+1)
	}
	return d
}

// Reset starts the sequence again, after a success.
func (b *Backoff) Reset() { b.n = 0 }
