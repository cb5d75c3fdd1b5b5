package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/record"
)

// HoldUpdate stores an incoming update until FinishUpdate; false means the update is
// already held or was finished within record.InboxKeep (a redelivery, not to be answered again).
func (s *Store) HoldUpdate(ctx context.Context, platform string, id int64, payload []byte, received time.Time) (bool, error) {
	if s.holds.Add(1)%4096 == 0 {
		s.pruneInbox(ctx, received)
	}
	res, err := s.exec(ctx, `INSERT INTO inbox (platform, update_id, payload, received_at, holder) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (platform, update_id) DO NOTHING`, platform, id, payload, record.Millis(received), s.id)
	if err != nil {
		return false, fmt.Errorf("storage: keeping an update: %w", s.explain("writing the inbox", err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: keeping an update: %w", err)
	}
	return n == 1, nil
}

// FinishUpdate marks an update answered.
func (s *Store) FinishUpdate(ctx context.Context, platform string, id int64) error {
	if _, err := s.exec(ctx, "UPDATE inbox SET finished_at = ? WHERE platform = ? AND update_id = ?",
		time.Now().UnixMilli(), platform, id); err != nil {
		return fmt.Errorf("storage: finishing an update: %w", s.explain("writing the inbox", err))
	}
	return nil
}

// ReleaseUpdate forgets an update held but not taken (the platform delivers it again).
func (s *Store) ReleaseUpdate(ctx context.Context, platform string, id int64) error {
	if _, err := s.exec(ctx, "DELETE FROM inbox WHERE platform = ? AND update_id = ? AND finished_at = 0",
		platform, id); err != nil {
		return fmt.Errorf("storage: releasing an update: %w", s.explain("writing the inbox", err))
	}
	return nil
}

// PendingUpdates takes over the held updates not finished that another process held
// (a previous run: this process's own in-flight updates are never visited, so a
// periodic sweep is safe) and visits them, oldest first.
func (s *Store) PendingUpdates(ctx context.Context, platform string, visit func(id int64, payload []byte, received time.Time) error) error {
	s.pruneInbox(ctx, time.Now())
	var all []record.Held
	err := func() error {
		s.writing.Lock()
		defer s.writing.Unlock()
		var err error
		all, err = record.All(s.query(ctx, `UPDATE inbox SET holder = ?1
			WHERE platform = ?2 AND finished_at = 0 AND holder <> ?1
			RETURNING `+record.HeldColumns, s.id, platform), record.ScanHeld)
		return err
	}()
	if err != nil {
		return fmt.Errorf("storage: reading the inbox: %w", err)
	}
	return record.Replay(all, visit)
}

// pruneInbox forgets updates finished longer than record.InboxKeep ago; a failure only delays it.
func (s *Store) pruneInbox(ctx context.Context, now time.Time) {
	_, _ = s.exec(ctx, "DELETE FROM inbox WHERE finished_at > 0 AND finished_at < ?", now.Add(-record.InboxKeep).UnixMilli())
}
