// Package recent remembers the last ids an adapter saw, so that an event a platform
// delivers again (a Telegram redelivery, a replayed Discord interaction) is handled once.
package recent

import "sync"

// IDs is a set of the last n ids added; the oldest is forgotten when a new one comes.
// It is safe for concurrent use.
type IDs[K comparable] struct {
	mu   sync.Mutex
	set  map[K]struct{}
	ring []K // the ids in the order they came; next is the oldest once full
	next int
	full bool
}

// New remembers the last n ids; n must be positive.
func New[K comparable](n int) *IDs[K] {
	return &IDs[K]{set: make(map[K]struct{}, n), ring: make([]K, n)}
}

// Add records id and reports whether it was new.
func (r *IDs[K]) Add(id K) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.set[id]; ok {
		return false
	}
	if r.full {
		delete(r.set, r.ring[r.next])
	}
	r.ring[r.next] = id
	r.next = (r.next + 1) % len(r.ring)
	r.full = r.full || r.next == 0
	r.set[id] = struct{}{}
	return true
}

// Has reports whether id is remembered.
func (r *IDs[K]) Has(id K) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.set[id]
	return ok
}
