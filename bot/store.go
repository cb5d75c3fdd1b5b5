package bot

import (
	"context"
	"sync"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// ChatState is what the bot remembers about one chat.
type ChatState struct {
	// Lang is the language chosen with /lang; empty means "follow each question".
	Lang knowledge.Lang
	// LastFactID is the fact of the chat's last answer (for /source).
	LastFactID string
	// LastTopic is the topic of the chat's last answer or /timeline filter.
	LastTopic string
}

// Store keeps chat state between messages. Keys are Message.ChatKey values.
// Implementations must be safe for concurrent use; a persistent one (SQLite) can
// replace the in-memory store without touching the bot.
type Store interface {
	// Get returns the chat's state; a chat never seen has the zero state and no error.
	Get(ctx context.Context, chatKey string) (ChatState, error)
	// Update applies fn to the chat's state atomically and saves the result.
	Update(ctx context.Context, chatKey string, fn func(*ChatState)) error
}

// MemoryStore is a Store in process memory; state is lost on restart.
type MemoryStore struct {
	mu    sync.RWMutex
	chats map[string]ChatState
}

// NewMemoryStore returns an empty in-memory store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{chats: map[string]ChatState{}}
}

// Get implements Store.
func (s *MemoryStore) Get(ctx context.Context, chatKey string) (ChatState, error) {
	if err := ctx.Err(); err != nil {
		return ChatState{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.chats[chatKey], nil
}

// Update implements Store.
func (s *MemoryStore) Update(ctx context.Context, chatKey string, fn func(*ChatState)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.chats[chatKey]
	fn(&st)
	s.chats[chatKey] = st
	return nil
}
