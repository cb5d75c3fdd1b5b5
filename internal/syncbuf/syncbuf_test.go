package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

// TestConcurrentWritesAllArrive: lines written from many goroutines are all kept whole.
func TestConcurrentWritesAllArrive(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = b.Write([]byte("line\n"))
			_ = b.String()
		}()
	}
	wg.Wait()
	if got := strings.Count(b.String(), "line\n"); got != 50 {
		t.Fatalf("%d whole lines, want 50", got)
	}
}
