package telegram

import (
	"strconv"
	"sync"
	"time"
)

// The adapter's two bounded memories: button commands too long for callback data, and
// who administers which group.

// buttonStore keeps button commands that do not fit in Telegram's 64-byte callback data,
// under short keys. It is bounded: the oldest entries go first, and pressing a button whose
// entry is gone (or was made before a restart) is answered as an expired button.
type buttonStore struct {
	mu    sync.Mutex
	limit int
	seq   uint64
	data  map[string]string
	order []string
}

func newButtonStore(limit int) *buttonStore {
	return &buttonStore{limit: limit, data: map[string]string{}}
}

// callbackPrefix marks callback data that is a key into the store.
const callbackPrefix = "#"

func (s *buttonStore) put(data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	key := callbackPrefix + strconv.FormatUint(s.seq, 36)
	s.data[key] = data
	s.order = append(s.order, key)
	if len(s.order) > s.limit {
		delete(s.data, s.order[0])
		s.order = s.order[1:]
	}
	return key
}

func (s *buttonStore) get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.data[key]
	return v, ok
}

// adminCache remembers who administers which group for a few minutes, so admin-only
// commands cost one getChatMember call per user and chat, not one per command.
type adminCache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[[2]int64]adminEntry
}

type adminEntry struct {
	admin bool
	until time.Time
}

func newAdminCache(ttl time.Duration) *adminCache {
	return &adminCache{ttl: ttl, m: map[[2]int64]adminEntry{}}
}

func (c *adminCache) get(now time.Time, chat, user int64) (admin, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[[2]int64{chat, user}]
	if !ok || now.After(e.until) {
		return false, false
	}
	return e.admin, true
}

func (c *adminCache) put(now time.Time, chat, user int64, admin bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) > 10000 {
		for k, e := range c.m {
			if now.After(e.until) {
				delete(c.m, k)
			}
		}
	}
	c.m[[2]int64{chat, user}] = adminEntry{admin: admin, until: now.Add(c.ttl)}
}
