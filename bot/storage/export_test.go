package storage

// OpenConnections is how many database connections s holds now (tests watch the bound).
func OpenConnections(s *Store) int { return s.db.Stats().OpenConnections }
