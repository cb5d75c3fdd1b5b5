package metrics

// Sink receives an adapter's traffic counts; *Metrics implements it. Adapters take a Sink
// rather than *Metrics so that tests can observe what they count.
type Sink interface {
	MessageIn(platform string)
	MessageOut(platform string)
	SendError(platform, kind string)
}

var _ Sink = (*Metrics)(nil)

// Meter counts one platform's traffic into a Sink. The zero Meter counts nothing, so an
// adapter whose metrics were never set needs no nil checks.
type Meter struct {
	sink     Sink
	platform string
}

// NewMeter counts traffic for platform into sink; a nil sink counts nothing.
func NewMeter(sink Sink, platform string) Meter { return Meter{sink: sink, platform: platform} }

// In counts an update, interaction or message accepted from the platform.
func (m Meter) In() {
	if m.sink != nil {
		m.sink.MessageIn(m.platform)
	}
}

// Out counts a message sent or edited.
func (m Meter) Out() {
	if m.sink != nil {
		m.sink.MessageOut(m.platform)
	}
}

// Error counts a failed send of the given kind (see the Send* constants).
func (m Meter) Error(kind string) {
	if m.sink != nil {
		m.sink.SendError(m.platform, kind)
	}
}

// Dropped counts a reply given up on purpose (too old, retries exhausted, a full queue).
func (m Meter) Dropped() { m.Error(SendDropped) }

// DeferSink is a Sink that also counts updates refused while busy; *Metrics implements it.
type DeferSink interface {
	UpdateDeferred(platform string)
}

var _ DeferSink = (*Metrics)(nil)

// Deferred counts an incoming update refused while busy that the platform delivers again:
// nothing is lost, so it is not a dropped send.
func (m Meter) Deferred() {
	if d, ok := m.sink.(DeferSink); ok {
		d.UpdateDeferred(m.platform)
	}
}

// Enabled reports whether anything is counted, so callers can skip classifying an error.
func (m Meter) Enabled() bool { return m.sink != nil }
