package telegram

import (
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
)

// Metrics receives the adapter's traffic counts; *metrics.Metrics (bot/metrics) implements it.
type Metrics = metrics.Sink

// SetMetrics makes the adapter count updates accepted, messages sent and failed sends. Call
// it before Run; without it nothing is counted.
func (a *Adapter) SetMetrics(m Metrics) { a.meter = metrics.NewMeter(m, a.Name()) }

// countError counts a failed call by what failed: Telegram's status, or the transport.
func (a *Adapter) countError(err error) {
	if !a.meter.Enabled() {
		return
	}
	kind := metrics.KindForError(err)
	if e, ok := apiError(err); ok && e.Code != 0 {
		kind = metrics.KindForStatus(e.Code)
	}
	a.meter.Error(kind)
}
