package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/record"
)

// HoldUpdate stores an incoming update, held by this replica, until FinishUpdate; false
// means it is already held (by any replica) or was finished within record.InboxKeep: a
// redelivery, or the same update reaching a second replica, not to be answered again.
func (s *Store) HoldUpdate(ctx context.Context, platform string, id int64, payload []byte, received time.Time) (fresh bool, err error) {
	defer func(start time.Time) { s.done("HoldUpdate", start, err) }(time.Now())
	if s.holds.Add(1)%4096 == 0 {
		s.pruneInbox(ctx, received)
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO inbox (platform, update_id, payload, received_at, holder) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (platform, update_id) DO NOTHING`, platform, id, payload, record.Millis(received), s.id)
	if err != nil {
		return false, fmt.Errorf("postgres: keeping an update: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// FinishUpdate marks an update answered.
func (s *Store) FinishUpdate(ctx context.Context, platform string, id int64) (err error) {
	defer func(start time.Time) { s.done("FinishUpdate", start, err) }(time.Now())
	if _, err = s.pool.Exec(ctx, "UPDATE inbox SET finished_at = $1 WHERE platform = $2 AND update_id = $3",
		time.Now().UnixMilli(), platform, id); err != nil {
		return fmt.Errorf("postgres: finishing an update: %w", err)
	}
	return nil
}

// ReleaseUpdate forgets an update held but not taken (the platform delivers it again).
func (s *Store) ReleaseUpdate(ctx context.Context, platform string, id int64) (err error) {
	defer func(start time.Time) { s.done("ReleaseUpdate", start, err) }(time.Now())
	if _, err = s.pool.Exec(ctx, "DELETE FROM inbox WHERE platform = $1 AND update_id = $2 AND finished_at = 0",
		platform, id); err != nil {
		return fmt.Errorf("postgres: releasing an update: %w", err)
	}
	return nil
}

// PendingUpdates takes over the unfinished updates held by no live replica (one whose
// heartbeat is older than TakeoverAfter, or gone) and visits them, oldest first. The
// claim is one UPDATE … RETURNING: of several replicas sweeping at once, each row goes
// to exactly one (the others, waiting on its row lock, then see a live holder). This
// replica's own in-flight updates are never visited, so a periodic sweep is safe.
func (s *Store) PendingUpdates(ctx context.Context, platform string, visit func(id int64, payload []byte, received time.Time) error) (err error) {
	start := time.Now()
	s.pruneInbox(ctx, start)
	// All closes the rows before the visits: the connection goes back to the pool for
	// visit's writes.
	all, err := record.All(s.query(ctx, `UPDATE inbox i SET holder = $1
		WHERE platform = $2 AND finished_at = 0 AND holder <> $1
		  AND NOT EXISTS (SELECT 1 FROM replicas r WHERE r.id = i.holder AND r.seen_at > `+nowMS+` - $3)
		RETURNING `+record.HeldColumns, s.id, platform, s.takeover.Milliseconds()), record.ScanHeld)
	s.done("PendingUpdates", start, err)
	if err != nil {
		return fmt.Errorf("postgres: taking over the inbox: %w", err)
	}
	return record.Replay(all, visit)
}

// pruneInbox forgets updates finished longer than record.InboxKeep ago; a failure only delays it.
func (s *Store) pruneInbox(ctx context.Context, now time.Time) {
	_, _ = s.pool.Exec(ctx, "DELETE FROM inbox WHERE finished_at > 0 AND finished_at < $1", now.Add(-record.InboxKeep).UnixMilli())
}
