package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/jackc/pgx/v5"

	"github.com/cyberdiplo/cyberdiplo/bot/storage"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
)

// copyOrder lists the tables `storage copy` moves, parents before the rows that refer
// to them (quiz answers and polls name their round). Tables the source has and this list
// lacks (added by a later schema) are copied after these, in name order.
var copyOrder = []string{"chats", "quiz_rounds", "quiz_answers", "quiz_polls", "daily_sent", "curator_log"}

// notCopied are tables `storage copy` leaves behind, and why (printed with the counts).
var notCopied = map[string]string{
	// The inbox holds the updates one process had in hand and the ids it answered in the
	// last minutes; both belong to that process's connection with the platform. Stop the
	// bot cleanly before the copy and it has nothing in hand; the platforms' own
	// redelivery covers the rest.
	"inbox":          "updates in flight and recent update ids of the stopped process",
	"schema_version": "each database records its own schema version",
	"replicas":       "each running replica registers itself",
}

// storageCmd is `cyberdiplo storage copy --from sqlite:PATH --to postgres:DSN`.
func (a *app) storageCmd(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] != "copy" {
		return a.usageError("storage: want copy --from sqlite:PATH --to postgres:DSN")
	}
	fs := flag.NewFlagSet("storage copy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "sqlite:PATH")
	to := fs.String("to", "", "postgres:DSN")
	if err := fs.Parse(args[1:]); err != nil {
		return a.usageError("storage copy: " + err.Error())
	}
	path, okFrom := strings.CutPrefix(*from, "sqlite:")
	dsn, okTo := strings.CutPrefix(*to, "postgres:")
	if strings.HasPrefix(*to, "postgres://") || strings.HasPrefix(*to, "postgresql://") {
		dsn, okTo = *to, true // a bare URL names its engine already
	}
	if fs.NArg() > 0 || !okFrom || !okTo || path == "" || dsn == "" {
		return a.usageError("storage copy: want --from sqlite:PATH --to postgres:DSN")
	}
	counts, err := copyStorage(ctx, path, dsn)
	if err != nil {
		return a.fail("storage copy: %v", err)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TABLE\tIN SQLITE\tCOPIED\tALREADY THERE")
	for _, c := range counts {
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\n", c.table, c.source, c.copied, c.source-c.copied)
	}
	if err := w.Flush(); err != nil {
		return a.fail("writing: %v", err)
	}
	skipped := make([]string, 0, len(notCopied))
	for t, why := range notCopied {
		skipped = append(skipped, fmt.Sprintf("  %s: %s", t, why))
	}
	sort.Strings(skipped)
	fmt.Fprintf(a.stdout, "Not copied:\n%s\n", strings.Join(skipped, "\n"))
	return exitOK
}

// tableCount is one line of the copy's summary.
type tableCount struct {
	table          string
	source, copied int64
}

// copyStorage copies every table but the transient ones from the SQLite database at path
// into the PostgreSQL database at dsn, in one transaction: all or nothing. A row whose
// key the destination already has is left as it is, so running the copy again adds
// nothing; a row with the same id but other contents (the destination was used by a
// bot already) stops the copy, since answers and polls would attach to the wrong round.
func copyStorage(ctx context.Context, path, dsn string) ([]tableCount, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no SQLite database at %s", path)
		}
		return nil, fmt.Errorf("source: %w", err)
	}
	// Read-only: the source may be a running bot's database; the copy changes nothing in it.
	src, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", path, err)
	}
	defer src.Close()
	var version int
	if err := src.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&version); err != nil {
		return nil, fmt.Errorf("source %s is not a cyberdiplo database: %w", path, err)
	}
	if version > storage.SchemaVersion() {
		return nil, fmt.Errorf("source %s has schema version %d, newer than this cyberdiplo knows (%d); upgrade cyberdiplo", path, version, storage.SchemaVersion())
	}
	tables, err := sqliteTables(ctx, src)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", path, err)
	}

	// Opening the store creates or updates the destination's schema; its errors are one
	// line without the password.
	st, err := postgres.Open(ctx, dsn, postgres.Options{MaxConns: 2})
	if err != nil {
		return nil, err
	}
	_ = st.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("destination: %s", postgresWhere(dsn))
	}
	defer conn.Close(context.Background())
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("destination: %w", err)
	}
	defer tx.Rollback(context.Background()) //nolint:errcheck // after Commit it is a no-op

	var counts []tableCount
	for _, table := range tables {
		c, err := copyTable(ctx, src, tx, table)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", table, err)
		}
		counts = append(counts, c)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("destination: committing: %w", err)
	}
	return counts, nil
}

// sqliteTables lists the source's tables to copy, in copyOrder first.
func sqliteTables(ctx context.Context, src *sql.DB) ([]string, error) {
	rows, err := src.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		if _, skip := notCopied[n]; !skip {
			have[n] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []string
	for _, t := range copyOrder {
		if have[t] {
			out = append(out, t)
			delete(have, t)
		}
	}
	rest := make([]string, 0, len(have))
	for t := range have {
		rest = append(rest, t)
	}
	sort.Strings(rest)
	return append(out, rest...), nil
}

// copyTable copies one table's rows, column for column (the two schemas share table and
// column names), then moves the table's id sequence past the ids copied.
func copyTable(ctx context.Context, src *sql.DB, tx pgx.Tx, table string) (tableCount, error) {
	c := tableCount{table: table}
	srcCols, err := sqliteColumns(ctx, src, table)
	if err != nil {
		return c, err
	}
	dstCols, serial, err := postgresColumns(ctx, tx, table)
	if err != nil {
		return c, err
	}
	if len(dstCols) == 0 {
		return c, errors.New("the PostgreSQL schema has no such table; is this cyberdiplo older than the database?")
	}
	for _, col := range srcCols {
		if !dstCols[col] {
			return c, fmt.Errorf("column %s missing in PostgreSQL; is this cyberdiplo older than the database?", col)
		}
	}
	cols := strings.Join(srcCols, ", ")
	marks := make([]string, len(srcCols))
	for i := range marks {
		marks[i] = fmt.Sprintf("$%d", i+1)
	}
	insert := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT DO NOTHING", pgx.Identifier{table}.Sanitize(), cols, strings.Join(marks, ", "))
	rows, err := src.QueryContext(ctx, "SELECT "+cols+" FROM "+table)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	serialAt := -1
	for i, col := range srcCols {
		if col == serial {
			serialAt = i
		}
	}
	for rows.Next() {
		vals := make([]any, len(srcCols))
		ptrs := make([]any, len(srcCols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return c, err
		}
		c.source++
		tag, err := tx.Exec(ctx, insert, vals...)
		if err != nil {
			return c, err
		}
		c.copied += tag.RowsAffected()
		if tag.RowsAffected() == 0 && serialAt >= 0 {
			if err := sameRow(ctx, tx, table, srcCols, serialAt, vals); err != nil {
				return c, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	if serial != "" {
		// Ids copied explicitly leave the sequence behind; the next round must not reuse one.
		q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)",
			pgx.Identifier{serial}.Sanitize(), pgx.Identifier{table}.Sanitize())
		if _, err := tx.Exec(ctx, q, table, serial); err != nil {
			return c, fmt.Errorf("moving the id sequence: %w", err)
		}
	}
	return c, nil
}

// sameRow checks that the destination's row with the id of vals holds vals: a copy run
// again finds its own rows; a destination a bot already wrote to has other rounds under
// the same ids.
func sameRow(ctx context.Context, tx pgx.Tx, table string, cols []string, idAt int, vals []any) error {
	q := fmt.Sprintf("SELECT %s FROM %s WHERE %s = $1", strings.Join(cols, ", "), pgx.Identifier{table}.Sanitize(), pgx.Identifier{cols[idAt]}.Sanitize())
	have := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range have {
		ptrs[i] = &have[i]
	}
	if err := tx.QueryRow(ctx, q, vals[idAt]).Scan(ptrs...); err != nil {
		return err
	}
	for i := range cols {
		if !sameValue(have[i], vals[i]) {
			return fmt.Errorf("PostgreSQL already has another row with %s %v; copy into a database no bot has used yet", cols[idAt], vals[idAt])
		}
	}
	return nil
}

// sameValue compares a PostgreSQL value with a SQLite one across the drivers' types
// (int32 vs int64, []byte vs string).
func sameValue(pg, lite any) bool {
	norm := func(v any) any {
		switch x := v.(type) {
		case int32:
			return int64(x)
		case int16:
			return int64(x)
		case int:
			return int64(x)
		case []byte:
			return string(x)
		}
		return v
	}
	return reflect.DeepEqual(norm(pg), norm(lite))
}

// sqliteColumns lists a source table's columns in order.
func sqliteColumns(ctx context.Context, src *sql.DB, table string) ([]string, error) {
	rows, err := src.QueryContext(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		cols = append(cols, n)
	}
	return cols, rows.Err()
}

// postgresColumns lists a destination table's columns and its serial id column ("" when
// none).
func postgresColumns(ctx context.Context, tx pgx.Tx, table string) (map[string]bool, string, error) {
	rows, err := tx.Query(ctx, `SELECT column_name, COALESCE(column_default, '') FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1`, table)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	cols := map[string]bool{}
	serial := ""
	for rows.Next() {
		var n, def string
		if err := rows.Scan(&n, &def); err != nil {
			return nil, "", err
		}
		cols[n] = true
		if strings.HasPrefix(def, "nextval(") {
			serial = n
		}
	}
	return cols, serial, rows.Err()
}
