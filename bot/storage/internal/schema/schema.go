// Package schema reads a store's numbered migration files and applies them, so that the
// SQLite and the PostgreSQL stores order, check and record them by one rule. How the
// stores keep two processes from migrating at once differs on purpose (SQLite: the write
// transaction reads the version; PostgreSQL: an advisory lock), so each keeps its loop.
package schema

import (
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered SQL file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Read returns the migrations in dir of fsys in order. File names start with their number
// and '_' ("0003_inbox.sql"), and the numbers run 1, 2, 3… without a gap: a gap would
// leave a database at a version that never existed.
func Read(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("reading migrations: %w", err)
	}
	out := make([]Migration, 0, len(entries))
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration file %s must start with a positive number and '_'", e.Name())
		}
		data, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("reading migration %s: %w", e.Name(), err)
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i, m := range out {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3…: %s is number %d", m.Name, i+1)
		}
	}
	return out, nil
}

// Set is a store's embedded migrations directory.
type Set struct {
	FS  fs.FS
	Dir string
}

// List reads the set (see Read).
func (s Set) List() ([]Migration, error) { return Read(s.FS, s.Dir) }

// Known is the number of the last migration in the set; 0 if it cannot be read.
func (s Set) Known() int {
	ms, err := s.List()
	if err != nil {
		return 0
	}
	return len(ms)
}

// CreateVersionTable creates the one-row table recording the last migration applied.
const CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"

// VersionQuery reads the last migration applied (0 on a new database).
const VersionQuery = "SELECT COALESCE(MAX(version), 0) FROM schema_version"

// CheckVersion refuses a database at version v when this binary knows only the first
// known migrations: an older cyberdiplo must not write a schema it does not understand.
func CheckVersion(v, known int) error {
	if v > known {
		return fmt.Errorf("has schema version %d, newer than this cyberdiplo knows (%d); upgrade cyberdiplo", v, known)
	}
	return nil
}

// Apply runs migration m and records its version, through exec, which the caller runs
// inside one transaction so that a failed migration leaves the version as it was.
func Apply(ctx context.Context, exec func(ctx context.Context, query string) error, m Migration) error {
	for _, q := range []string{m.SQL, "DELETE FROM schema_version",
		fmt.Sprintf("INSERT INTO schema_version (version) VALUES (%d)", m.Version)} {
		if err := exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
