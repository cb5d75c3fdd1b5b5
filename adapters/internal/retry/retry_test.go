package retry

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoffDoublesUpToMax(t *testing.T) {
	b := Backoff{Base: time.Second, Max: 5 * time.Minute}
	var got []time.Duration
	for range 11 {
		got = append(got, b.Next())
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", got, want)
		}
	}
	b.Reset()
	if w := b.Next(); w != time.Second {
		t.Errorf("after Reset: %v", w)
	}
}

func TestBackoffJitterStaysInTheUpperHalf(t *testing.T) {
	b := Backoff{Base: time.Second, Max: time.Minute, Jitter: true}
	for i := range 20 {
		step := min(time.Second<<min(i, 6), time.Minute)
		if w := b.Next(); w < step/2 || w > step {
			t.Fatalf("wait %d = %v, want within [%v, %v]", i, w, step/2, step)
		}
	}
}

func TestBackoffWithoutCeiling(t *testing.T) {
	b := Backoff{Base: 500 * time.Millisecond}
	for _, want := range []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second} {
		if w := b.Next(); w != want {
			t.Errorf("wait %v, want %v", w, want)
		}
	}
	for range 100 {
		if b.Next() <= 0 {
			t.Fatal("overflowed")
		}
	}
}

// TestSleepEndsWithItsContext: a wait ends early, with the context's error, when the
// adapter stops; otherwise it lasts its duration and succeeds.
func TestSleepEndsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Fatalf("cancelled sleep: %v after %v", err, time.Since(start))
	}
	start = time.Now()
	if err := Sleep(context.Background(), 20*time.Millisecond); err != nil || time.Since(start) < 20*time.Millisecond {
		t.Fatalf("sleep: %v after %v", err, time.Since(start))
	}
}
