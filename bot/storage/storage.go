// Package storage persists cyberdiplo's chat state in an embedded SQLite database
// through the pure-Go driver modernc.org/sqlite (no cgo): chat settings (language,
// mute, daily-fact schedule), the last answer per chat, quiz rounds and scores, the
// facts already sent daily, and the curators' log. A Store implements bot.Store (one
// record per chat, quizzes, daily facts, the log); the bot defines that interface and
// never sees SQL.
//
// The schema is versioned: the numbered files in migrations/ are embedded and applied
// in order at Open inside one transaction each, and schema_version records the last
// one applied, so opening an up-to-date database changes nothing. The database runs in
// WAL mode with a busy timeout; a file that is not a SQLite database, is damaged, is
// locked by another process past the timeout, or was written by a newer cyberdiplo is
// a clear error from Open rather than a failure later.
//
// Several replicas: SQLite serves one process (WAL lets other processes read, but
// writers queue on one file lock, and a network file system breaks its locking). Several
// bot replicas share bot/storage/postgres instead, with the same tables and columns.
// The inbox records which process holds each update, and the daily fact is claimed
// with a lease and confirmed once sent, with the same semantics as there.
package storage

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/record"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/schema"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrationSet = schema.Set{FS: migrationFiles, Dir: "migrations"}

// DefaultBusyTimeout is how long a write waits for another connection's lock.
const DefaultBusyTimeout = 5 * time.Second

// Options tune Open. The zero value is ready to use.
type Options struct {
	// BusyTimeout is how long to wait for a lock held by another connection or process;
	// 0 means DefaultBusyTimeout.
	BusyTimeout time.Duration
}

// MaxConnections bounds the database connections a Store opens. SQLite runs one writer at a
// time, and each connection holds file descriptors (the database, its WAL and shared
// memory): unbounded, a burst of 1,500 interactions exhausted the descriptors and made
// every connection slower. Callers beyond the bound wait their turn.
const MaxConnections = 8

// Store is the SQLite store. It is safe for concurrent use.
type Store struct {
	db    *sql.DB
	path  string
	holds atomic.Uint64 // updates held, to prune the inbox every few thousand
	id    string        // this process, as the inbox's holder of the updates it took
	file  os.FileInfo   // the file opened, to notice it deleted or replaced (Ready)
	// writing lets one of this process's connections write at a time. SQLite has one
	// writer anyway; without it, the others wait in SQLite's busy handler, which polls
	// with sleeps, and a burst's writes spend most of their time asleep.
	writing sync.Mutex
}

var _ bot.Store = (*Store)(nil)

// DefaultPath is cyberdiplo.db under the user's data directory: $XDG_DATA_HOME or
// ~/.local/share on Unix-like systems, the user configuration directory elsewhere
// (%AppData% on Windows, ~/Library/Application Support on macOS).
func DefaultPath() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		switch runtime.GOOS {
		case "windows", "darwin", "ios", "plan9":
			d, err := os.UserConfigDir()
			if err != nil {
				return "", fmt.Errorf("storage: no user data directory: %w", err)
			}
			dir = d
		default:
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("storage: no user data directory: %w", err)
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	return filepath.Join(dir, "cyberdiplo", "cyberdiplo.db"), nil
}

// Open opens (creating if needed) the database at path and brings its schema up to date.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("storage: empty database path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("storage: database path %q must not contain '?' or '#'", path)
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = DefaultBusyTimeout
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("storage: creating %s: %w", dir, err)
		}
	}
	// _txlock=immediate takes the write lock at BEGIN, so concurrent writers wait on
	// the busy timeout instead of failing when a read transaction upgrades.
	dsn := "file:" + path + "?_pragma=" + fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds()) +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("storage: opening %s: %w", path, err)
	}
	db.SetMaxOpenConns(MaxConnections)
	db.SetMaxIdleConns(MaxConnections) // reopening a connection costs a file open and pragmas
	s := &Store{db: db, path: path, id: record.NewID()}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil {
		s.file = fi
	}
	return s, nil
}

// init checks the file, switches to WAL and applies the migrations.
func (s *Store) init(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return s.explain("switching to WAL mode", err)
	}
	var check string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return s.explain("checking the database", err)
	}
	if check != "ok" {
		return fmt.Errorf("storage: %s is damaged (quick_check: %s); restore a backup or move it away to start afresh", s.path, check)
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	return s.checkWritable(ctx)
}

// checkWritable makes a write and rolls it back: an up-to-date database is only read at
// start, so a read-only file (in a writable folder) would otherwise pass, and the bot would
// then fail every message.
func (s *Store) checkWritable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.explain("checking the database can be written", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE schema_version SET version = version"); err != nil {
		return s.explain("checking the database can be written", err)
	}
	return nil
}

// lowDiskSpace is the free space below which an I/O error is taken for a full disk.
const lowDiskSpace = 1 << 20

// explain turns SQLite's codes into errors an operator can act on.
func (s *Store) explain(doing string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		// A full disk surfaces as SQLITE_FULL, or as an I/O error when the WAL's shared
		// memory cannot grow ("disk I/O error (4874)"), which names no cause.
		if c := se.Code() & 0xff; c == sqlite3.SQLITE_FULL || c == sqlite3.SQLITE_IOERR {
			free, ok := freeBytes(filepath.Dir(s.path))
			if ok && free < lowDiskSpace {
				return fmt.Errorf("storage: the disk holding %s is full (%d bytes free); free some space: %w", s.path, free, err)
			}
			if c == sqlite3.SQLITE_FULL {
				return fmt.Errorf("storage: the disk holding %s is full; free some space: %w", s.path, err)
			}
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("storage: %s is not a valid cyberdiplo database (corrupt or another kind of file): %w", s.path, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("storage: %s is locked by another process (is another cyberdiplo running?): %w", s.path, err)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY:
			return fmt.Errorf("storage: cannot open %s for writing: %w", s.path, err)
		}
	}
	return fmt.Errorf("storage: %s: %s: %w", s.path, doing, err)
}

// SchemaVersion is the number of the last migration this binary knows.
func SchemaVersion() int { return migrationSet.Known() }

func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrationSet.List()
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	return s.migrateList(ctx, ms)
}

// migrateList applies the pending ones of ms; tests build older schemas with a prefix.
func (s *Store) migrateList(ctx context.Context, ms []schema.Migration) error {
	if _, err := s.db.ExecContext(ctx, schema.CreateVersionTable); err != nil {
		return s.explain("creating schema_version", err)
	}
	for {
		done, err := s.migrateOne(ctx, ms)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateOne applies the next pending migration in its own transaction; done is true
// when none is left. Reading the version inside the write transaction makes two
// processes starting together apply each migration once.
func (s *Store) migrateOne(ctx context.Context, ms []schema.Migration) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, s.explain("starting a migration", err)
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, schema.VersionQuery).Scan(&v); err != nil {
		return false, s.explain("reading the schema version", err)
	}
	if err := schema.CheckVersion(v, len(ms)); err != nil {
		return false, fmt.Errorf("storage: %s %w", s.path, err)
	}
	if v == len(ms) {
		return true, nil
	}
	m := ms[v]
	err = schema.Apply(ctx, func(ctx context.Context, q string) error {
		_, err := tx.ExecContext(ctx, q)
		return err
	}, m)
	if err != nil {
		return false, s.explain("applying migration "+m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, s.explain("committing migration "+m.Name, err)
	}
	return false, nil
}

// Version returns the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, schema.VersionQuery).Scan(&v)
	return v, err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// ensureChat creates the chat's row with defaults inside tx.
func ensureChat(ctx context.Context, tx *sql.Tx, chatKey string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO chats (chat_key) VALUES (?) ON CONFLICT (chat_key) DO NOTHING", chatKey)
	return err
}

// query opens a read for record.All.
func (s *Store) query(ctx context.Context, query string, args ...any) func() (record.ClosingRows, error) {
	return func() (record.ClosingRows, error) { return s.db.QueryContext(ctx, query, args...) }
}

// exec runs one write statement.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	return s.db.ExecContext(ctx, query, args...)
}

// withTx runs fn in a write transaction.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Chat implements bot.ChatStore.
func (s *Store) Chat(ctx context.Context, chatKey string) (bot.Chat, error) {
	c, err := record.ScanChat(s.db.QueryRowContext(ctx, "SELECT "+record.ChatColumns+" FROM chats WHERE chat_key = ?", chatKey))
	if errors.Is(err, sql.ErrNoRows) {
		return bot.NewChat(), nil
	}
	if err != nil {
		return bot.Chat{}, fmt.Errorf("storage: reading chat state: %w", err)
	}
	return c, nil
}

// UpdateChat implements bot.ChatStore. Only the parts fn changed are written, so that
// an update of the last answer never rewrites the daily schedule another process may
// be claiming.
func (s *Store) UpdateChat(ctx context.Context, chatKey string, fn func(*bot.Chat)) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		if err := ensureChat(ctx, tx, chatKey); err != nil {
			return err
		}
		before, err := record.ScanChat(tx.QueryRowContext(ctx, "SELECT "+record.ChatColumns+" FROM chats WHERE chat_key = ?", chatKey))
		if err != nil {
			return err
		}
		c := before
		fn(&c)
		var set []string
		var args []any
		for _, ch := range record.Changes(before, c) {
			set, args = append(set, ch.Column+" = ?"), append(args, ch.Value)
		}
		if len(set) == 0 {
			return nil
		}
		args = append(args, time.Now().UnixMilli(), chatKey)
		_, err = tx.ExecContext(ctx, "UPDATE chats SET "+strings.Join(set, ", ")+", updated_at = ? WHERE chat_key = ?", args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: saving chat state: %w", err)
	}
	return nil
}

// CreateQuizRound implements bot.QuizStore.
func (s *Store) CreateQuizRound(ctx context.Context, r *bot.QuizRound) error {
	opts, err := json.Marshal(r.Options)
	if err != nil {
		return fmt.Errorf("storage: encoding quiz options: %w", err)
	}
	res, err := s.exec(ctx, `INSERT INTO quiz_rounds (chat_key, kind, fact_id, question, lang, options, correct, created_at, closed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ChatKey, r.Kind, r.FactID, r.Question, string(r.Lang), string(opts), r.Correct, record.Millis(r.CreatedAt), record.Bool(r.Closed))
	if err != nil {
		return fmt.Errorf("storage: saving quiz round: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("storage: saving quiz round: %w", err)
	}
	r.ID = id
	return nil
}

// round reads the one quiz round query selects; bot.ErrNotFound when there is none.
func (s *Store) round(ctx context.Context, query string, arg any) (bot.QuizRound, error) {
	q, err := record.Round(s.db.QueryRowContext(ctx, query, arg), sql.ErrNoRows)
	if err != nil && !errors.Is(err, bot.ErrNotFound) {
		return q, fmt.Errorf("storage: %w", err)
	}
	return q, err
}

// QuizRound implements bot.QuizStore.
func (s *Store) QuizRound(ctx context.Context, id int64) (bot.QuizRound, error) {
	return s.round(ctx, "SELECT "+record.RoundColumns+" FROM quiz_rounds WHERE id = ?", id)
}

// OpenQuizRound implements bot.QuizStore.
func (s *Store) OpenQuizRound(ctx context.Context, chatKey string) (bot.QuizRound, error) {
	return s.round(ctx, "SELECT "+record.RoundColumns+" FROM quiz_rounds WHERE chat_key = ? AND closed = 0 ORDER BY id DESC LIMIT 1", chatKey)
}

// AnswerQuiz implements bot.QuizStore.
func (s *Store) AnswerQuiz(ctx context.Context, roundID int64, a bot.QuizAnswer) (bot.AnswerOutcome, error) {
	var out bot.AnswerOutcome
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var chatKey string
		var correct int
		var closed bool
		err := tx.QueryRowContext(ctx, "SELECT chat_key, correct, closed FROM quiz_rounds WHERE id = ?", roundID).Scan(&chatKey, &correct, &closed)
		if errors.Is(err, sql.ErrNoRows) {
			return bot.ErrNotFound
		}
		if err != nil {
			return err
		}
		if closed {
			out = bot.AnswerClosed
			return nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO quiz_answers (round_id, chat_key, user_id, user_name, choice, correct, answered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id, user_id) DO NOTHING`,
			roundID, chatKey, a.UserID, a.UserName, a.Option, record.Bool(a.Option == correct), record.Millis(a.At))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			out = bot.AnswerDuplicate
			return nil
		}
		out = bot.AnswerRecorded
		return nil
	})
	if errors.Is(err, bot.ErrNotFound) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("storage: saving quiz answer: %w", err)
	}
	return out, nil
}

// QuizAnswers implements bot.QuizStore.
func (s *Store) QuizAnswers(ctx context.Context, roundID int64) ([]bot.QuizAnswer, error) {
	out, err := record.All(s.query(ctx, "SELECT "+record.AnswerColumns+` FROM quiz_answers
		WHERE round_id = ? ORDER BY answered_at, user_id`, roundID), record.ScanAnswer)
	if err != nil {
		return nil, fmt.Errorf("storage: reading quiz answers: %w", err)
	}
	return out, nil
}

// CloseQuizRound implements bot.QuizStore.
func (s *Store) CloseQuizRound(ctx context.Context, roundID int64) (bool, error) {
	res, err := s.exec(ctx, "UPDATE quiz_rounds SET closed = 1 WHERE id = ? AND closed = 0", roundID)
	if err != nil {
		return false, fmt.Errorf("storage: closing quiz round: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	if _, err := s.QuizRound(ctx, roundID); err != nil {
		return false, err
	}
	return false, nil
}

// scoresQuery ranks a chat's players: most correct, then fewest answers, then who
// answered first. The latest display name is shown.
const scoresQuery = `
SELECT user_id,
       (SELECT user_name FROM quiz_answers l WHERE l.chat_key = a.chat_key AND l.user_id = a.user_id
         ORDER BY answered_at DESC LIMIT 1),
       COUNT(*), SUM(correct)
  FROM quiz_answers a
 WHERE chat_key = ?
 GROUP BY user_id
 ORDER BY SUM(correct) DESC, COUNT(*) ASC, MIN(answered_at) ASC, user_id ASC`

func (s *Store) scores(ctx context.Context, chatKey string, visit func(bot.QuizScore) bool) error {
	if err := record.Rank(s.query(ctx, scoresQuery, chatKey), visit); err != nil {
		return fmt.Errorf("storage: reading scores: %w", err)
	}
	return nil
}

// Leaderboard implements bot.QuizStore.
func (s *Store) Leaderboard(ctx context.Context, chatKey string, limit int) ([]bot.QuizScore, error) {
	return record.Leaderboard(func(visit func(bot.QuizScore) bool) error { return s.scores(ctx, chatKey, visit) }, limit)
}

// PlayerStats implements bot.QuizStore.
func (s *Store) PlayerStats(ctx context.Context, chatKey, userID string) (bot.QuizScore, bool, error) {
	return record.PlayerStats(func(visit func(bot.QuizScore) bool) error { return s.scores(ctx, chatKey, visit) }, userID)
}

// BindQuizPoll implements bot.QuizStore.
func (s *Store) BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error {
	_, err := s.exec(ctx, `INSERT INTO quiz_polls (poll_ref, round_id) VALUES (?, ?)
		ON CONFLICT (poll_ref) DO UPDATE SET round_id = excluded.round_id`, pollRef, roundID)
	if err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
			return bot.ErrNotFound
		}
		return fmt.Errorf("storage: saving quiz poll: %w", err)
	}
	return nil
}

// QuizRoundByPoll implements bot.QuizStore.
func (s *Store) QuizRoundByPoll(ctx context.Context, pollRef string) (bot.QuizRound, error) {
	return s.round(ctx, "SELECT "+record.Prefixed("r.", record.RoundColumns)+
		" FROM quiz_polls p JOIN quiz_rounds r ON r.id = p.round_id WHERE p.poll_ref = ?", pollRef)
}

// DailyChats implements bot.DailyStore.
func (s *Store) DailyChats(ctx context.Context) ([]bot.DailyChat, error) {
	out, err := record.All(s.query(ctx, "SELECT "+record.DailyColumns+` FROM chats
		WHERE daily_enabled = 1 AND muted = 0 ORDER BY chat_key`), record.ScanDaily)
	if err != nil {
		return nil, fmt.Errorf("storage: reading daily chats: %w", err)
	}
	return out, nil
}

// ClaimDaily implements bot.DailyStore. The conditional upsert is the claim: of two
// processes racing for the same chat and day, exactly one changes the row; a claim not
// confirmed by DailySent within lease can be taken again.
func (s *Store) ClaimDaily(ctx context.Context, chatKey, localDate, factID string, lease time.Duration) (bool, error) {
	if lease <= 0 {
		lease = bot.DefaultDailyLease
	}
	now := time.Now().UnixMilli()
	res, err := s.exec(ctx, `INSERT INTO chats AS c (chat_key, daily_claim_on, daily_claim_fact, daily_claim_until) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (chat_key) DO UPDATE SET daily_claim_on = excluded.daily_claim_on,
			daily_claim_fact = excluded.daily_claim_fact, daily_claim_until = excluded.daily_claim_until
		WHERE c.daily_last_sent < ?2 AND NOT (c.daily_claim_on = ?2 AND c.daily_claim_until > ?5)`,
		chatKey, localDate, factID, now+lease.Milliseconds(), now)
	if err != nil {
		return false, fmt.Errorf("storage: claiming the daily fact: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: claiming the daily fact: %w", err)
	}
	return n == 1, nil
}

// DailySent implements bot.DailyStore: the day is marked sent, and the claimed fact
// remembered so that it is not picked again.
func (s *Store) DailySent(ctx context.Context, chatKey, localDate string) error {
	err := s.withTx(ctx, func(tx *sql.Tx) error {
		var on, fact string
		err := tx.QueryRowContext(ctx, `UPDATE chats SET daily_last_sent = ?2 WHERE chat_key = ?1 AND daily_last_sent < ?2
			RETURNING daily_claim_on, daily_claim_fact`, chatKey, localDate).Scan(&on, &fact)
		if errors.Is(err, sql.ErrNoRows) || err == nil && (on != localDate || fact == "") {
			return nil
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO daily_sent (chat_key, fact_id, sent_on) VALUES (?, ?, ?)
			ON CONFLICT (chat_key, fact_id) DO UPDATE SET sent_on = excluded.sent_on`, chatKey, fact, localDate)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: confirming the daily fact: %w", err)
	}
	return nil
}

// Lead implements bot.Leader. SQLite serves one process, which holds every lease at
// once; held ends with ctx.
func (s *Store) Lead(ctx context.Context, _ string) (context.Context, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	held, cancel := context.WithCancel(ctx)
	return held, cancel, nil
}

// DailySentFacts implements bot.DailyStore.
func (s *Store) DailySentFacts(ctx context.Context, chatKey string) (map[string]bool, error) {
	ids, err := record.All(s.query(ctx, "SELECT fact_id FROM daily_sent WHERE chat_key = ?", chatKey), record.ScanFactID)
	if err != nil {
		return nil, fmt.Errorf("storage: reading daily facts: %w", err)
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// LogCurator implements bot.CuratorLog.
func (s *Store) LogCurator(ctx context.Context, kind bot.CuratorKind, text, chatKind string, at time.Time) error {
	_, err := s.exec(ctx, `INSERT INTO curator_log (kind, text, chat_kind, count, first_seen, last_seen) VALUES (?, ?, ?, 1, ?, ?)
		ON CONFLICT (kind, text, chat_kind) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen`,
		string(kind), text, chatKind, record.Millis(at), record.Millis(at))
	if err != nil {
		return fmt.Errorf("storage: writing the curators' log: %w", err)
	}
	return nil
}

// Unanswered implements bot.CuratorLog.
func (s *Store) Unanswered(ctx context.Context, top int) ([]bot.CuratorEntry, error) {
	if top <= 0 {
		top = -1 // SQLite: no limit
	}
	out, err := record.All(s.query(ctx, "SELECT "+record.CuratorColumns+` FROM curator_log
		ORDER BY count DESC, last_seen DESC, text, kind, chat_kind LIMIT ?`, top), record.ScanCurator)
	if err != nil {
		return nil, fmt.Errorf("storage: reading the curators' log: %w", err)
	}
	return out, nil
}
