// Package fakebotapi holds what the tests' fake Telegram Bot APIs share: getUpdates with
// Telegram's offsets and long polling. The adapter tests' fake and the soak's fake differ
// in everything else (recorded calls, scripted failures, faults on a schedule).
package fakebotapi

import (
	"context"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Queue holds a fake's updates. It has no lock: the fake guards it with its own.
type Queue struct {
	Pending   []tgbotapi.Update
	Confirmed int // Telegram's offset: updates below it are gone
}

// Take answers one getUpdates as Telegram does: offset confirms (drops) every update
// below it, and up to limit updates at or above it are returned.
func (q *Queue) Take(offset, limit int) []tgbotapi.Update {
	if offset > q.Confirmed {
		q.Confirmed = offset
		kept := q.Pending[:0]
		for _, u := range q.Pending {
			if u.UpdateID >= offset {
				kept = append(kept, u)
			}
		}
		q.Pending = kept
	}
	out := []tgbotapi.Update{}
	for _, u := range q.Pending {
		if u.UpdateID >= offset && len(out) < limit {
			out = append(out, u)
		}
	}
	return out
}

// LongPoll waits, like a getUpdates with a timeout, until take returns updates or the
// timeout passes (then it returns take's last, empty, answer). take runs under the fake's
// lock and also returns the fake's change channel, closed when updates may have come.
// ok is false when ctx (the request) ended first.
func LongPoll(ctx context.Context, timeout time.Duration, take func() ([]tgbotapi.Update, <-chan struct{})) (out []tgbotapi.Update, ok bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	last := false
	for {
		out, changed := take()
		if len(out) > 0 || last || timeout <= 0 {
			return out, true
		}
		select {
		case <-changed:
		case <-deadline.C:
			last = true
		case <-ctx.Done():
			return nil, false
		}
	}
}
