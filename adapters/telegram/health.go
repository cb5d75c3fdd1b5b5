package telegram

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"
)

// Health is the adapter's receiving state, for readiness checks.
type Health struct {
	Mode string
	// Connected is true while updates arrive: the last getUpdates call worked (polling), or the
	// webhook is set and its server listens (webhook).
	Connected bool
	// LastPoll is when getUpdates last answered (polling); zero before the first answer.
	LastPoll time.Time
	// FailedPolls counts getUpdates failures since the last success.
	FailedPolls int64
	// Standby is true in polling mode with a leader (several replicas) while another
	// replica holds the polling lease: this one is ready, answers what its inbox sweep
	// finds, and takes over polling when the lease comes free.
	Standby bool
}

// health holds what Health reports; the polling loop and Run update it.
type health struct {
	connected   atomic.Bool
	lastPoll    atomic.Int64 // unix nanoseconds
	failedPolls atomic.Int64
	standby     atomic.Bool
}

// Health reports the receiving state without blocking.
func (a *Adapter) Health() Health {
	h := Health{Mode: a.cfg.Mode, Connected: a.health.connected.Load(), FailedPolls: a.health.failedPolls.Load(),
		Standby: a.health.standby.Load()}
	if ns := a.health.lastPoll.Load(); ns != 0 {
		h.LastPoll = time.Unix(0, ns)
	}
	return h
}

func (a *Adapter) pollWorked() {
	a.health.lastPoll.Store(a.now().UnixNano())
	a.health.failedPolls.Store(0)
	a.health.connected.Store(true)
}

func (a *Adapter) pollFailed() {
	a.health.failedPolls.Add(1)
	a.health.connected.Store(false)
}

// Ready is the adapter's readiness probe, the one shape every adapter gives cmd: nil while
// updates arrive (or, as a polling standby, while another replica receives them), else an error naming the state (never a configuration value: /readyz
// shows it).
func (a *Adapter) Ready(context.Context) error {
	h := a.Health()
	switch {
	case h.Connected, h.Standby:
		return nil
	case h.FailedPolls > 0:
		return fmt.Errorf("not connected (%s mode, %d failed polls)", h.Mode, h.FailedPolls)
	}
	return fmt.Errorf("not connected (%s mode)", h.Mode)
}
