package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// CreateAtVersion applies only the first v migrations to the database at dsn, as an
// older cyberdiplo left it.
func CreateAtVersion(ctx context.Context, dsn string, v int) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	s := &Store{pool: pool}
	return s.migrateTo(ctx, v)
}

// Crash stops s as a killed process would: no more heartbeats, its replicas row left
// behind, its connections cut.
func Crash(s *Store) {
	s.closeOnce.Do(func() {
		s.stop()
		s.beating.Wait()
		s.pool.Close()
	})
}

// SetTakeover changes how long s waits before taking over a silent replica's updates.
func SetTakeover(s *Store, d time.Duration) { s.takeover = d }
