package telegram

import (
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
)

// Metrics receives the adapter's traffic counts; *metrics.Metrics (bot/metrics) implements it.
type Metrics interface {
	MessageIn(platform string)
	MessageOut(platform string)
	SendError(platform, kind string)
}

var _ Metrics = (*metrics.Metrics)(nil)

// SetMetrics makes the adapter count updates accepted, messages sent and failed sends. Call
// it before Run; without it nothing is counted.
func (a *Adapter) SetMetrics(m Metrics) { a.metrics = m }

func (a *Adapter) countIn() {
	if a.metrics != nil {
		a.metrics.MessageIn(a.Name())
	}
}

func (a *Adapter) countOut() {
	if a.metrics != nil {
		a.metrics.MessageOut(a.Name())
	}
}

// countError counts a failed call by what failed: Telegram's status, or the transport.
func (a *Adapter) countError(err error) {
	if a.metrics == nil {
		return
	}
	kind := metrics.KindForError(err)
	if e, ok := apiError(err); ok && e.Code != 0 {
		kind = metrics.KindForStatus(e.Code)
	}
	a.metrics.SendError(a.Name(), kind)
}

// countDropped counts a reply given up on purpose (too old, retries exhausted, shutdown,
// a full webhook queue).
func (a *Adapter) countDropped() {
	if a.metrics != nil {
		a.metrics.SendError(a.Name(), metrics.SendDropped)
	}
}
