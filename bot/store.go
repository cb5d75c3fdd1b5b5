package bot

import (
	"context"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Chat is everything the bot remembers about one chat, as one record: a message's
// handling reads it and writes it back in one place, so two copies of one fact cannot
// drift apart.
type Chat struct {
	// Lang is the language chosen with /lang; empty means "follow each question".
	Lang knowledge.Lang
	// Muted keeps the bot quiet in the chat until an admin sends /unmute.
	Muted bool
	// Daily is the daily-fact setting.
	Daily DailySchedule
	// Last is the chat's last answer, for /source, /cite, /report and follow-ups.
	Last LastAnswer
}

// LastAnswer is the fact of the chat's last answer and when it was given.
type LastAnswer struct {
	FactID string
	At     time.Time // zero when unknown: too old for a follow-up
}

// NewChat is the record of a chat never seen: the daily fact off, at its default time.
func NewChat() Chat {
	return Chat{Daily: DailySchedule{Time: DefaultDailyTime, Zone: DefaultDailyZone}}
}

// ChatStore keeps one record per chat. Keys are Message.ChatKey values.
type ChatStore interface {
	// Chat returns the chat's record; a chat never seen has NewChat() and no error.
	Chat(ctx context.Context, chatKey string) (Chat, error)
	// UpdateChat applies fn to the chat's record atomically and saves the result.
	UpdateChat(ctx context.Context, chatKey string, fn func(*Chat)) error
}

// Store is everything the bot keeps between messages: chat records, quizzes, the
// daily-fact schedule and the curators' log. Implementations must be safe for
// concurrent use; bot/storage keeps it in SQLite, MemoryStore in process memory.
type Store interface {
	ChatStore
	QuizStore
	DailyStore
	CuratorLog
}
