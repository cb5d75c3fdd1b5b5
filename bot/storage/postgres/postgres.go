// Package postgres keeps cyberdiplo's chat state in PostgreSQL, so several bot replicas
// behind a load balancer share one state: chat settings, last answers, quizzes and
// scores, the daily facts, the curators' log and the adapters' inbox. A Store implements
// bot.Store and the adapters' inbox, as bot/storage does on SQLite, with the same tables
// and column names (so `cyberdiplo storage copy` moves rows column for column).
//
// Why pgx (github.com/jackc/pgx/v5): it is the maintained pure-Go PostgreSQL driver
// (no cgo, like modernc.org/sqlite), and its native interface with pgxpool gives the
// pool statistics the metrics need, a dedicated connection for the advisory lock behind
// Lead, and errors carrying PostgreSQL's SQLSTATE codes, which Open turns into one clear
// line (wrong password, unknown database, unreachable server) without database/sql's
// extra layer.
//
// Replicas: each Store has a random replica id and heartbeats a row in replicas. Inbox
// rows record their holder; PendingUpdates claims, in one UPDATE … RETURNING, the
// unfinished rows whose holder has not beaten within TakeoverAfter, so a survivor
// answers what a dead replica held, and only one survivor does. Daily facts are claimed
// with a lease and confirmed once sent (ClaimDaily, DailySent). Migrations run under an
// advisory lock, so replicas starting together apply each one once.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/record"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/schema"
	"github.com/cyberdiplo/cyberdiplo/internal/periodic"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrationSet = schema.Set{FS: migrationFiles, Dir: "migrations"}

// DefaultTakeoverAfter is how long a replica may go without a heartbeat before the
// others take over the updates it held.
const DefaultTakeoverAfter = 30 * time.Second

// DefaultMaxConns bounds the pool when Options.MaxConns is 0.
const DefaultMaxConns = 10

// Options tune Open. The zero value is ready to use.
type Options struct {
	// MaxConns bounds the connection pool; 0 means DefaultMaxConns.
	MaxConns int32
	// TakeoverAfter is how long without a heartbeat makes a replica dead; 0 means
	// DefaultTakeoverAfter. It heartbeats every TakeoverAfter/3.
	TakeoverAfter time.Duration
	// Observe, when set, is called after every store operation with its name (the method,
	// such as "Chat" or "HoldUpdate"), how long it took and its error, for metrics.
	Observe func(op string, d time.Duration, err error)
	// Logger receives the heartbeat's and Lead's warnings; nil means slog.Default().
	Logger *slog.Logger
}

// PoolStats is a snapshot of the connection pool.
type PoolStats struct {
	Acquired, Idle, Total, Max int32
	EmptyAcquireCount          int64 // acquisitions that had to wait for a connection
	AcquireDuration            time.Duration
}

// Store is the PostgreSQL store. It is safe for concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	id       string // this replica
	takeover time.Duration
	observe  func(string, time.Duration, error)
	log      *slog.Logger
	holds    atomic.Uint64

	stop      context.CancelFunc
	beating   sync.WaitGroup
	closeOnce sync.Once
}

var _ bot.Store = (*Store)(nil)

// Open connects to the database at dsn (a postgres:// URL or key=value string), checks
// it answers and brings its schema up to date. Its errors are one line naming the
// problem, never containing the password.
func Open(ctx context.Context, dsn string, opts Options) (*Store, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New("postgres: empty DSN (set storage.dsn or CYBERDIPLO_STORAGE_DSN)")
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: the DSN is not valid: %s", scrub(describeParse(err), dsn, ""))
	}
	password := cfg.ConnConfig.Password
	if opts.MaxConns <= 0 {
		opts.MaxConns = DefaultMaxConns
	}
	cfg.MaxConns = opts.MaxConns
	if opts.TakeoverAfter <= 0 {
		opts.TakeoverAfter = DefaultTakeoverAfter
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s", scrub(err.Error(), dsn, password))
	}
	s := &Store{pool: pool, id: record.NewID(), takeover: opts.TakeoverAfter, observe: opts.Observe, log: opts.Logger}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, errors.New(scrub(explainConnect(cfg.ConnConfig, err), dsn, password))
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, errors.New(scrub(err.Error(), dsn, password))
	}
	if err := s.beat(ctx); err != nil {
		pool.Close()
		return nil, errors.New(scrub("postgres: registering this replica: "+err.Error(), dsn, password))
	}
	hctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	s.beating.Add(1)
	go s.heartbeat(hctx)
	return s, nil
}

// describeParse is the parse error's message without the connection string pgx quotes.
func describeParse(err error) string {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return pe.Unwrap().Error()
	}
	if errors.As(err, &pe) {
		return "cannot parse it"
	}
	return err.Error()
}

// explainConnect names why the first connection failed.
func explainConnect(cfg *pgx.ConnConfig, err error) string {
	where := net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01":
			return fmt.Sprintf("postgres: wrong password for user %q at %s", cfg.User, where)
		case "28000":
			return fmt.Sprintf("postgres: user %q may not connect to database %q at %s (pg_hba.conf): %s", cfg.User, cfg.Database, where, pe.Message)
		case "3D000":
			return fmt.Sprintf("postgres: database %q does not exist at %s; create it first", cfg.Database, where)
		case "53300":
			return fmt.Sprintf("postgres: %s has too many connections; lower storage pool sizes or raise max_connections", where)
		}
		return fmt.Sprintf("postgres: %s refused the connection: %s (SQLSTATE %s)", where, pe.Message, pe.Code)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("postgres: the server at %s did not answer in time", where)
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return fmt.Sprintf("postgres: cannot reach the server at %s: %v", where, oe.Err)
	}
	return fmt.Sprintf("postgres: cannot connect to %s: %v", where, err)
}

// scrub removes the password from a message, however the driver quoted it.
func scrub(msg, dsn, password string) string {
	var pws []string
	if password != "" {
		pws = append(pws, password)
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			pws = append(pws, p, url.QueryEscape(p), url.PathEscape(p))
		}
	}
	for _, f := range strings.Fields(dsn) { // key=value form
		if v, ok := strings.CutPrefix(f, "password="); ok && v != "" {
			pws = append(pws, strings.Trim(v, "'"))
		}
	}
	for _, p := range pws {
		if p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	return strings.ReplaceAll(msg, "\n", " ")
}

// ReplicaID is this Store's replica id, as recorded in the inbox's holder column.
func (s *Store) ReplicaID() string { return s.id }

// Close stops the heartbeat, removes this replica's row (so the others take over what
// it held at once) and closes the pool.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.stop()
		s.beating.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, _ = s.pool.Exec(ctx, "DELETE FROM replicas WHERE id = $1", s.id)
		s.pool.Close()
	})
	return nil
}

// Pool is the connection pool, for tools that move rows in bulk (storage copy).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// SyncSequences moves the id sequence of quiz_rounds past the largest id, after rows were
// copied in with their ids (storage copy), so new rounds do not collide with them.
func (s *Store) SyncSequences(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `SELECT setval(pg_get_serial_sequence('quiz_rounds', 'id'),
		GREATEST((SELECT COALESCE(MAX(id), 0) FROM quiz_rounds), 1), (SELECT COUNT(*) > 0 FROM quiz_rounds))`)
	if err != nil {
		return fmt.Errorf("postgres: moving the quiz round ids on: %w", err)
	}
	return nil
}

// Ready reports whether the database answers (for /readyz).
func (s *Store) Ready(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: the database does not answer: %w", err)
	}
	return nil
}

// PoolStats is a snapshot of the connection pool, for metrics.
func (s *Store) PoolStats() PoolStats {
	st := s.pool.Stat()
	return PoolStats{Acquired: st.AcquiredConns(), Idle: st.IdleConns(), Total: st.TotalConns(), Max: st.MaxConns(),
		EmptyAcquireCount: st.EmptyAcquireCount(), AcquireDuration: st.AcquireDuration()}
}

// done reports one operation to Observe.
func (s *Store) done(op string, start time.Time, err error) {
	if s.observe != nil {
		s.observe(op, time.Since(start), err)
	}
}

// nowMS is the server's clock in unix milliseconds: leases and heartbeats compare times
// written by different replicas, so they use one clock.
const nowMS = "(extract(epoch from clock_timestamp()) * 1000)::bigint"

// beat records this replica's heartbeat.
func (s *Store) beat(ctx context.Context) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO replicas (id, started, seen_at) VALUES ($1, `+nowMS+`, `+nowMS+`)
		ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`, s.id)
	return err
}

func (s *Store) heartbeat(ctx context.Context) {
	defer s.beating.Done()
	periodic.Run(ctx, s.takeover/3, func(ctx context.Context) {
		bctx, cancel := context.WithTimeout(ctx, s.takeover/3)
		err := s.beat(bctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			s.log.Warn("postgres: replica heartbeat failed; others may take over this replica's updates", "err", err)
		}
		// Forget replicas long gone, so the table stays small; a failure only delays it.
		_, _ = s.pool.Exec(ctx, "DELETE FROM replicas WHERE seen_at < "+nowMS+" - $1", (24 * time.Hour).Milliseconds())
	})
}

// leaseCheck is how often Lead checks its connection is alive.
const leaseCheck = 2 * time.Second

// leaseRetry is how often Lead tries again for a lease another process holds.
const leaseRetry = time.Second

// Lead blocks until this process holds the named lease, or ctx ends. The lease is a
// session advisory lock on a dedicated connection: held ends when the lease is lost
// (the connection dies, or ctx ends), and release gives it up. Use it for work only
// one replica may do, such as Telegram long polling.
func (s *Store) Lead(ctx context.Context, name string) (context.Context, func(), error) {
	for {
		conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
		if err == nil {
			var got bool
			err = conn.QueryRow(ctx, "SELECT pg_try_advisory_lock(hashtextextended($1, 0))", "cyberdiplo:lead:"+name).Scan(&got)
			if err == nil && got {
				return s.hold(ctx, conn, name)
			}
			conn.Close(context.Background())
		}
		if err != nil && ctx.Err() == nil {
			s.log.Warn("postgres: trying for a lease", "lease", name, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(leaseRetry):
		}
	}
}

// hold watches a held lease's connection until it dies, ctx ends or release is called;
// then it closes the connection, which frees the lock on the server.
func (s *Store) hold(ctx context.Context, conn *pgx.Conn, name string) (context.Context, func(), error) {
	held, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			cancel()
			c, cc := context.WithTimeout(context.Background(), 5*time.Second)
			defer cc()
			conn.Close(c)
		}()
		// A failed ping cancels held, which ends the loop.
		periodic.Run(held, leaseCheck, func(ctx context.Context) {
			pctx, pcancel := context.WithTimeout(ctx, leaseCheck)
			err := conn.Ping(pctx)
			pcancel()
			if err != nil && ctx.Err() == nil {
				s.log.Warn("postgres: lease lost", "lease", name, "err", err)
				cancel()
			}
		})
	}()
	release := func() {
		cancel()
		<-done
	}
	return held, release, nil
}

// migrationLock is the advisory lock key serialising migrations across replicas.
const migrationLock = "cyberdiplo:migrate"

// SchemaVersion is the number of the last migration this binary knows.
func SchemaVersion() int { return migrationSet.Known() }

// migrate applies the pending migrations, each in its own transaction, holding an
// advisory lock so that replicas starting together apply each once.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, -1)
}

// migrateTo applies migrations up to version upTo (-1: all); tests build older schemas with it.
func (s *Store) migrateTo(ctx context.Context, upTo int) error {
	ms, err := migrationSet.List()
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if upTo >= 0 && upTo < len(ms) {
		ms = ms[:upTo]
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrating the schema: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtextextended($1, 0))", migrationLock); err != nil {
		return fmt.Errorf("postgres: waiting for the migration lock: %w", err)
	}
	defer func() {
		_, _ = conn.Exec(context.Background(), "SELECT pg_advisory_unlock(hashtextextended($1, 0))", migrationLock)
	}()
	if _, err := conn.Exec(ctx, schema.CreateVersionTable); err != nil {
		return fmt.Errorf("postgres: creating schema_version: %w", err)
	}
	var v int
	if err := conn.QueryRow(ctx, schema.VersionQuery).Scan(&v); err != nil {
		return fmt.Errorf("postgres: reading the schema version: %w", err)
	}
	if err := schema.CheckVersion(v, SchemaVersion()); err != nil {
		return fmt.Errorf("postgres: the database %w", err)
	}
	for _, m := range ms[min(v, len(ms)):] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			return schema.Apply(ctx, func(ctx context.Context, q string) error {
				_, err := tx.Exec(ctx, q)
				return err
			}, m)
		})
		if err != nil {
			return fmt.Errorf("postgres: applying migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// Version returns the schema version of the database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.pool.QueryRow(ctx, schema.VersionQuery).Scan(&v)
	return v, err
}
