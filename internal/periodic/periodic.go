// Package periodic runs a background chore (an inbox sweep, a heartbeat, a lease check)
// at a fixed interval until its context ends: one loop for the adapters and the stores
// instead of a copy in each.
package periodic

import (
	"context"
	"time"
)

// Run calls fn every interval until ctx ends; it returns at once when interval is not
// positive (the chore is switched off). The first call comes one interval after the
// start: a chore that must also run at start calls fn itself first.
func Run(ctx context.Context, interval time.Duration, fn func(context.Context)) {
	if interval <= 0 {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn(ctx)
		}
	}
}
