package telegram

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/recent"
)

// Inbox keeps every update from the moment it is taken from Telegram (polled, or
// acknowledged to the webhook) until its reply is delivered. Telegram forgets an update
// once it is confirmed, so the inbox is what lets the adapter confirm at once, keep reading
// while replies wait for their pace, and still answer after a stop what it had taken.
// *storage.Store implements it in the chat-state database; without one the adapter keeps
// its inbox in memory, which survives nothing.
type Inbox interface {
	// HoldUpdate stores an update; it reports false when the update is already held or was
	// finished recently (a redelivery), which must not be answered again.
	HoldUpdate(ctx context.Context, platform string, id int64, payload []byte, received time.Time) (bool, error)
	// FinishUpdate marks an update answered (or deliberately skipped).
	FinishUpdate(ctx context.Context, platform string, id int64) error
	// ReleaseUpdate forgets an update that was held but not taken after all (the webhook
	// answered "busy", so Telegram delivers it again).
	ReleaseUpdate(ctx context.Context, platform string, id int64) error
	// PendingUpdates visits the updates held and not finished, oldest first.
	PendingUpdates(ctx context.Context, platform string, visit func(id int64, payload []byte, received time.Time) error) error
}

// SetInbox makes the adapter keep its updates in inbox across stops. Call it before Run.
func (a *Adapter) SetInbox(inbox Inbox) {
	if inbox != nil {
		a.inbox, a.durable = inbox, true
	}
}

// hold records an update in the inbox before it is acknowledged; false means it was taken
// before. When the inbox fails (a full disk), the update is answered all the same: losing it
// at a stop is better than not answering at all.
func (a *Adapter) hold(ctx context.Context, u *tgbotapi.Update, at time.Time) bool {
	payload, err := json.Marshal(u)
	if err == nil {
		var fresh bool
		fresh, err = a.inbox.HoldUpdate(ctx, a.Name(), int64(u.UpdateID), payload, at)
		if err == nil {
			if fresh {
				a.taken.take(int64(u.UpdateID))
			}
			return fresh
		}
	}
	a.log.Error("cannot keep an update in the inbox; answering it without surviving a restart",
		"update_id", u.UpdateID, "err", err)
	return a.taken.take(int64(u.UpdateID))
}

// finished is a job's done callback: a handled update leaves the inbox; one cut short by a
// stop stays for the next start.
func (a *Adapter) finished(id int) func(bool) {
	return func(handled bool) {
		a.taken.done(int64(id), handled)
		if !handled {
			return
		}
		// The reply is out; this must be recorded even when the stop cancelled the work.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := a.inbox.FinishUpdate(ctx, a.Name(), int64(id)); err != nil {
			a.log.Warn("cannot mark an update answered; it may be answered again after a restart",
				"update_id", id, "err", err)
		}
	}
}

// release forgets an update held but refused (the webhook answered 503).
func (a *Adapter) release(id int) {
	a.taken.done(int64(id), false)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.inbox.ReleaseUpdate(ctx, a.Name(), int64(id)); err != nil {
		a.log.Warn("cannot release a refused update from the inbox", "update_id", id, "err", err)
	}
}

// replay hands the updates left in the inbox by the previous run (or, with a shared inbox,
// by a replica that died) to the workers, before any new one, so each chat's messages stay
// in order. Updates this process has in hand are skipped. It returns how many it queued.
func (a *Adapter) replay(ctx context.Context, d *dispatcher, tr *tracker) int {
	var jobs []job
	err := a.inbox.PendingUpdates(ctx, a.Name(), func(id int64, payload []byte, received time.Time) error {
		if !a.taken.take(id) {
			return nil
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(payload, &u); err != nil {
			a.log.Warn("unreadable update in the inbox; skipped", "update_id", id, "err", err)
			a.finished(int(id))(true)
			return nil
		}
		jobs = append(jobs, job{update: u, arrived: received})
		return nil
	})
	if err != nil && ctx.Err() == nil {
		a.log.Error("cannot read the inbox; updates taken before the stop are not answered", "err", err)
	}
	n := 0
	for _, j := range jobs {
		fin := a.finished(j.update.UpdateID)
		j.done = fin
		if tr != nil {
			tr.take()
			j.done = func(handled bool) {
				fin(handled)
				tr.finish(handled)
			}
		}
		if !d.submit(ctx, j) {
			j.finish(false)
			continue
		}
		n++
	}
	if n > 0 {
		a.log.Info("answering updates taken before a stop (this replica's or another's)", "count", n)
	}
	return n
}

// memInbox is the inbox kept in memory when no database is configured. It remembers the
// last finished ids, to recognise Telegram's redeliveries.
type memInbox struct {
	mu       sync.Mutex
	held     map[int64]memHeld
	finished *recent.IDs[int]
	changed  func() // tests observe progress through it
}

type memHeld struct {
	payload  []byte
	received time.Time
}

func newMemInbox() *memInbox {
	return &memInbox{held: map[int64]memHeld{}, finished: recent.New[int](4096)}
}

func (m *memInbox) notify() {
	if m.changed != nil {
		m.changed()
	}
}

func (m *memInbox) HoldUpdate(_ context.Context, _ string, id int64, payload []byte, received time.Time) (bool, error) {
	m.mu.Lock()
	_, held := m.held[id]
	fresh := !held && !m.finished.Has(int(id))
	if fresh {
		m.held[id] = memHeld{payload: payload, received: received}
	}
	m.mu.Unlock()
	return fresh, nil
}

func (m *memInbox) FinishUpdate(_ context.Context, _ string, id int64) error {
	m.mu.Lock()
	delete(m.held, id)
	m.finished.Add(int(id))
	m.mu.Unlock()
	m.notify()
	return nil
}

func (m *memInbox) ReleaseUpdate(_ context.Context, _ string, id int64) error {
	m.mu.Lock()
	delete(m.held, id)
	m.mu.Unlock()
	return nil
}

func (m *memInbox) PendingUpdates(_ context.Context, _ string, visit func(int64, []byte, time.Time) error) error {
	m.mu.Lock()
	ids := make([]int64, 0, len(m.held))
	for id := range m.held {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	items := make([]memHeld, len(ids))
	for i, id := range ids {
		items[i] = m.held[id]
	}
	m.mu.Unlock()
	for i, id := range ids {
		if err := visit(id, items[i].payload, items[i].received); err != nil {
			return err
		}
	}
	return nil
}

// isFinished reports whether id was finished (recently).
func (m *memInbox) isFinished(id int) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.finished.Has(id)
}
