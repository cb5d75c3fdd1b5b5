package periodic

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestRunCallsUntilTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(ctx, time.Millisecond, func(context.Context) {
			if calls.Add(1) == 3 {
				cancel()
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if n := calls.Load(); n < 3 {
		t.Errorf("fn called %d times before the context ended, want 3", n)
	}
}

func TestRunOffWithoutAnInterval(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		called := false
		Run(context.Background(), d, func(context.Context) { called = true })
		if called {
			t.Errorf("interval %v: fn was called, want the chore switched off", d)
		}
	}
}
