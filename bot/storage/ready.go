package storage

import (
	"context"
	"fmt"
	"os"
)

// Ready reports whether the database is usable: the file at the path is still the one
// opened, and it answers. SQLite keeps writing to a file deleted (or replaced) while it is
// open, so without this check all chat state written since would vanish at exit, silently.
func (s *Store) Ready(ctx context.Context) error {
	fi, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("storage: %s is gone (deleted while the bot runs?): chat state written since is lost at exit; restart to recreate it: %w", s.path, err)
	}
	if s.file != nil && !os.SameFile(fi, s.file) {
		return fmt.Errorf("storage: %s was replaced while the bot runs: the bot still writes to the old file, lost at exit; restart to use the new one", s.path)
	}
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("storage: %s does not answer: %w", s.path, err)
	}
	return nil
}
