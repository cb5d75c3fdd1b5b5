package storage

import (
	"context"
	"database/sql"
)

// OpenConnections is how many database connections s holds now (tests watch the bound).
func OpenConnections(s *Store) int { return s.db.Stats().OpenConnections }

// CreateAtVersion creates the database at path with the first v migrations only, as an
// older cyberdiplo left it.
func CreateAtVersion(ctx context.Context, path string, v int) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := migrationSet.List()
	if err != nil {
		return err
	}
	s := &Store{db: db, path: path}
	return s.migrateList(ctx, ms[:v])
}
