// Package syncbuf is a text buffer that several goroutines may write while another reads
// it: the log sink or console output a test inspects while the code under test runs.
package syncbuf

import (
	"strings"
	"sync"
)

// Buffer collects writes; the zero Buffer is ready to use.
type Buffer struct {
	mu sync.Mutex
	b  strings.Builder
}

// Write appends p; it never fails.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is everything written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
