package discord

import (
	"context"
	"testing"
)

// TestReadyNamesTheState: the readiness probe cmd puts on /readyz names the mode while the
// adapter is not connected, and passes once it is.
func TestReadyNamesTheState(t *testing.T) {
	a, _ := newTestAdapter(t, testConfig(), realBrain(t))
	if err := a.Ready(context.Background()); err == nil || err.Error() != "not connected (gateway mode)" {
		t.Errorf("before connecting: %v", err)
	}
	a.connected.Store(true)
	if err := a.Ready(context.Background()); err != nil {
		t.Errorf("connected: %v", err)
	}
}
