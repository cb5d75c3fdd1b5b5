package telegram

import (
	"context"
	"io"
	"log/slog"
	"testing"
)

// TestReadyNamesTheState: the readiness probe cmd puts on /readyz says what is wrong in
// words an operator can act on, and never a configuration value.
func TestReadyNamesTheState(t *testing.T) {
	a, err := New(testConfig(newFakeAPI(t)), theBrain(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := a.Ready(ctx); err == nil || err.Error() != "not connected (polling mode)" {
		t.Errorf("before the first poll: %v", err)
	}
	a.pollFailed()
	a.pollFailed()
	if err := a.Ready(ctx); err == nil || err.Error() != "not connected (polling mode, 2 failed polls)" {
		t.Errorf("after two failed polls: %v", err)
	}
	a.pollWorked()
	if err := a.Ready(ctx); err != nil {
		t.Errorf("after a poll worked: %v", err)
	}
}
