package telegram

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"sync"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/recent"
	"github.com/cyberdiplo/cyberdiplo/internal/periodic"
)

// Several replicas of the bot may run on one token with one shared inbox (a PostgreSQL
// store). Webhook mode needs nothing more: the inbox recognises an update delivered twice.
// Long polling cannot be shared (Telegram answers a second getUpdates with 409 Conflict),
// so one replica polls, the one holding a lease; the others stand by and answer, through
// their inbox sweep, what a replica that died had taken.

// Leader grants a named lease held by one process at a time; the chat-state stores
// implement it (a PostgreSQL advisory lock; SQLite and memory grant it at once).
type Leader interface {
	// Lead blocks until this process holds the lease called name, or ctx ends. held is
	// cancelled when the lease is lost; release gives it up.
	Lead(ctx context.Context, name string) (held context.Context, release func(), err error)
}

// SetLeader makes polling mode poll only while this replica holds the lease
// "telegram-poll:<bot id>"; without it the adapter polls at once, as the only replica.
// Call it before Run.
func (a *Adapter) SetLeader(l Leader) { a.leader = l }

// pollLease names the polling lease of this bot (one per token, not per deployment).
func (a *Adapter) pollLease() string { return "telegram-poll:" + strconv.FormatInt(a.me.ID, 10) }

// derivedSecret is the webhook secret used when none is configured: every replica derives
// the same one from the token, so any of them accepts what Telegram posts, with nothing
// more to configure. It is as secret as the token and never logged.
func derivedSecret(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("cyberdiplo telegram webhook secret v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// sweepInbox replays, every inbox_sweep, the updates the inbox yields as pending: with a
// shared inbox, those a dead replica had taken. It returns when ctx ends.
func (a *Adapter) sweepInbox(ctx context.Context, d *dispatcher, tr *tracker) {
	if !a.durable {
		return
	}
	periodic.Run(ctx, a.cfg.InboxSweep, func(ctx context.Context) { a.replay(ctx, d, tr) })
}

// startSweep runs sweepInbox in the background; the returned stop waits for it to end.
func (a *Adapter) startSweep(ctx context.Context, d *dispatcher, tr *tracker) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.sweepInbox(ctx, d, tr)
	}()
	return func() {
		cancel()
		wg.Wait()
	}
}

// takenIDs are the updates this process has in hand or finished lately. A sweep skips
// them: an inbox that yields every unfinished update (SQLite, memory) would otherwise hand
// back an update still being answered, or one finished since the inbox was read.
type takenIDs struct {
	mu       sync.Mutex
	inFlight map[int64]struct{}
	finished *recent.IDs[int]
}

func newTakenIDs() *takenIDs {
	return &takenIDs{inFlight: map[int64]struct{}{}, finished: recent.New[int](4096)}
}

// take records id as in hand; false means it already is, or was finished lately.
func (t *takenIDs) take(id int64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.inFlight[id]; ok || t.finished.Has(int(id)) {
		return false
	}
	t.inFlight[id] = struct{}{}
	return true
}

// done forgets id as in hand, remembering it as finished when it was handled.
func (t *takenIDs) done(id int64, handled bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.inFlight, id)
	if handled {
		t.finished.Add(int(id))
	}
}
