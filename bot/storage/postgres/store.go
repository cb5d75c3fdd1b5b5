package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/internal/record"
)

// Chat implements bot.ChatStore.
func (s *Store) Chat(ctx context.Context, chatKey string) (c bot.Chat, err error) {
	defer func(start time.Time) { s.done("Chat", start, err) }(time.Now())
	c, err = record.ScanChat(s.pool.QueryRow(ctx, "SELECT "+record.ChatColumns+" FROM chats WHERE chat_key = $1", chatKey))
	if errors.Is(err, pgx.ErrNoRows) {
		return bot.NewChat(), nil
	}
	if err != nil {
		return bot.Chat{}, fmt.Errorf("postgres: reading chat state: %w", err)
	}
	return c, nil
}

// UpdateChat implements bot.ChatStore. The row is locked while fn runs, and only the
// fields fn changed are written, so two replicas changing different settings of one
// chat (or the daily claim) never undo each other. It costs two round trips: BEGIN,
// creating the row and locking it go in one pipeline, the update and COMMIT in another.
func (s *Store) UpdateChat(ctx context.Context, chatKey string, fn func(*bot.Chat)) (err error) {
	defer func(start time.Time) { s.done("UpdateChat", start, err) }(time.Now())
	if err = s.updateChat(ctx, chatKey, fn); err != nil {
		return fmt.Errorf("postgres: saving chat state: %w", err)
	}
	return nil
}

func (s *Store) updateChat(ctx context.Context, chatKey string, fn func(*bot.Chat)) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A connection left inside a transaction (an error below) is not returned to the
	// pool but closed by Release, which ends the transaction.
	defer conn.Release()
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.Queue("INSERT INTO chats (chat_key) VALUES ($1) ON CONFLICT (chat_key) DO NOTHING", chatKey)
	b.Queue("SELECT "+record.ChatColumns+" FROM chats WHERE chat_key = $1 FOR UPDATE", chatKey)
	br := conn.SendBatch(ctx, b)
	_, err = br.Exec()
	if err == nil {
		_, err = br.Exec()
	}
	var before bot.Chat
	if err == nil {
		before, err = record.ScanChat(br.QueryRow())
	}
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	if err == nil && conn.Conn().PgConn().TxStatus() != 'T' {
		err = errors.New("the chat's row is not locked in a transaction")
	}
	if err != nil {
		return err
	}
	c := before
	fn(&c)
	var set []string
	var args []any
	add := func(col string, v any) {
		args = append(args, v)
		set = append(set, col+" = $"+strconv.Itoa(len(args)))
	}
	for _, ch := range record.Changes(before, c) {
		add(ch.Column, ch.Value)
	}
	b = &pgx.Batch{}
	if len(set) > 0 {
		add("updated_at", time.Now().UnixMilli())
		args = append(args, chatKey)
		b.Queue("UPDATE chats SET "+strings.Join(set, ", ")+" WHERE chat_key = $"+strconv.Itoa(len(args)), args...)
	}
	b.Queue("COMMIT")
	return conn.SendBatch(ctx, b).Close()
}

// CreateQuizRound implements bot.QuizStore.
func (s *Store) CreateQuizRound(ctx context.Context, r *bot.QuizRound) (err error) {
	defer func(start time.Time) { s.done("CreateQuizRound", start, err) }(time.Now())
	opts, err := json.Marshal(r.Options)
	if err != nil {
		return fmt.Errorf("postgres: encoding quiz options: %w", err)
	}
	err = s.pool.QueryRow(ctx, `INSERT INTO quiz_rounds (chat_key, kind, fact_id, question, lang, options, correct, created_at, closed)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		r.ChatKey, r.Kind, r.FactID, r.Question, string(r.Lang), string(opts), r.Correct, record.Millis(r.CreatedAt), record.Bool(r.Closed)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("postgres: saving quiz round: %w", err)
	}
	return nil
}

func (s *Store) round(ctx context.Context, op, query string, arg any) (q bot.QuizRound, err error) {
	defer func(start time.Time) { s.done(op, start, err) }(time.Now())
	q, err = record.Round(s.pool.QueryRow(ctx, query, arg), pgx.ErrNoRows)
	if err != nil && !errors.Is(err, bot.ErrNotFound) {
		return q, fmt.Errorf("postgres: %w", err)
	}
	return q, err
}

// QuizRound implements bot.QuizStore.
func (s *Store) QuizRound(ctx context.Context, id int64) (bot.QuizRound, error) {
	return s.round(ctx, "QuizRound", "SELECT "+record.RoundColumns+" FROM quiz_rounds WHERE id = $1", id)
}

// OpenQuizRound implements bot.QuizStore.
func (s *Store) OpenQuizRound(ctx context.Context, chatKey string) (bot.QuizRound, error) {
	return s.round(ctx, "OpenQuizRound", "SELECT "+record.RoundColumns+" FROM quiz_rounds WHERE chat_key = $1 AND closed = 0 ORDER BY id DESC LIMIT 1", chatKey)
}

// QuizRoundByPoll implements bot.QuizStore.
func (s *Store) QuizRoundByPoll(ctx context.Context, pollRef string) (bot.QuizRound, error) {
	return s.round(ctx, "QuizRoundByPoll", "SELECT "+record.Prefixed("r.", record.RoundColumns)+
		" FROM quiz_polls p JOIN quiz_rounds r ON r.id = p.round_id WHERE p.poll_ref = $1", pollRef)
}

// AnswerQuiz implements bot.QuizStore. One statement: the answer is inserted only while
// the round is open, so an answer racing the round's close through another replica is
// either recorded before the close or reported closed.
func (s *Store) AnswerQuiz(ctx context.Context, roundID int64, a bot.QuizAnswer) (out bot.AnswerOutcome, err error) {
	defer func(start time.Time) { s.done("AnswerQuiz", start, err) }(time.Now())
	var found, closed, inserted bool
	err = s.pool.QueryRow(ctx, `
WITH r AS (SELECT chat_key, correct, closed FROM quiz_rounds WHERE id = $1 FOR SHARE),
     ins AS (INSERT INTO quiz_answers (round_id, chat_key, user_id, user_name, choice, correct, answered_at)
             SELECT $1, chat_key, $2, $3, $4, CASE WHEN correct = $4 THEN 1 ELSE 0 END, $5 FROM r WHERE closed = 0
             ON CONFLICT (round_id, user_id) DO NOTHING RETURNING 1)
SELECT EXISTS (SELECT 1 FROM r), COALESCE((SELECT closed <> 0 FROM r), false), EXISTS (SELECT 1 FROM ins)`,
		roundID, a.UserID, a.UserName, a.Option, record.Millis(a.At)).Scan(&found, &closed, &inserted)
	switch {
	case err != nil:
		return 0, fmt.Errorf("postgres: saving quiz answer: %w", err)
	case !found:
		return 0, bot.ErrNotFound
	case closed:
		return bot.AnswerClosed, nil
	case !inserted:
		return bot.AnswerDuplicate, nil
	}
	return bot.AnswerRecorded, nil
}

// QuizAnswers implements bot.QuizStore.
func (s *Store) QuizAnswers(ctx context.Context, roundID int64) (out []bot.QuizAnswer, err error) {
	defer func(start time.Time) { s.done("QuizAnswers", start, err) }(time.Now())
	if out, err = record.All(s.query(ctx, "SELECT "+record.AnswerColumns+` FROM quiz_answers
		WHERE round_id = $1 ORDER BY answered_at, user_id`, roundID), record.ScanAnswer); err != nil {
		return nil, fmt.Errorf("postgres: reading quiz answers: %w", err)
	}
	return out, nil
}

// CloseQuizRound implements bot.QuizStore.
func (s *Store) CloseQuizRound(ctx context.Context, roundID int64) (closed bool, err error) {
	defer func(start time.Time) { s.done("CloseQuizRound", start, err) }(time.Now())
	var found bool
	err = s.pool.QueryRow(ctx, `
WITH u AS (UPDATE quiz_rounds SET closed = 1 WHERE id = $1 AND closed = 0 RETURNING 1)
SELECT EXISTS (SELECT 1 FROM u), EXISTS (SELECT 1 FROM quiz_rounds WHERE id = $1)`, roundID).Scan(&closed, &found)
	if err != nil {
		return false, fmt.Errorf("postgres: closing quiz round: %w", err)
	}
	if !closed && !found {
		return false, bot.ErrNotFound
	}
	return closed, nil
}

// scoresQuery ranks a chat's players as SQLite's does: most correct, then fewest
// answers, then who answered first; the latest display name is shown. It stays a copy
// of SQLite's on purpose: PostgreSQL wants chat_key grouped for the correlated
// subquery, and COLLATE "C" to break ties in SQLite's byte order.
const scoresQuery = `
SELECT user_id,
       (SELECT user_name FROM quiz_answers l WHERE l.chat_key = a.chat_key AND l.user_id = a.user_id
         ORDER BY answered_at DESC LIMIT 1),
       COUNT(*), SUM(correct)
  FROM quiz_answers a
 WHERE chat_key = $1
 GROUP BY chat_key, user_id
 ORDER BY SUM(correct) DESC, COUNT(*) ASC, MIN(answered_at) ASC, user_id COLLATE "C" ASC`

func (s *Store) scores(ctx context.Context, op, chatKey string, visit func(bot.QuizScore) bool) (err error) {
	defer func(start time.Time) { s.done(op, start, err) }(time.Now())
	if err = record.Rank(s.query(ctx, scoresQuery, chatKey), visit); err != nil {
		return fmt.Errorf("postgres: reading scores: %w", err)
	}
	return nil
}

// Leaderboard implements bot.QuizStore.
func (s *Store) Leaderboard(ctx context.Context, chatKey string, limit int) ([]bot.QuizScore, error) {
	return record.Leaderboard(func(visit func(bot.QuizScore) bool) error {
		return s.scores(ctx, "Leaderboard", chatKey, visit)
	}, limit)
}

// PlayerStats implements bot.QuizStore.
func (s *Store) PlayerStats(ctx context.Context, chatKey, userID string) (bot.QuizScore, bool, error) {
	return record.PlayerStats(func(visit func(bot.QuizScore) bool) error {
		return s.scores(ctx, "PlayerStats", chatKey, visit)
	}, userID)
}

// BindQuizPoll implements bot.QuizStore.
func (s *Store) BindQuizPoll(ctx context.Context, pollRef string, roundID int64) (err error) {
	defer func(start time.Time) { s.done("BindQuizPoll", start, err) }(time.Now())
	_, err = s.pool.Exec(ctx, `INSERT INTO quiz_polls (poll_ref, round_id) VALUES ($1, $2)
		ON CONFLICT (poll_ref) DO UPDATE SET round_id = excluded.round_id`, pollRef, roundID)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23503" { // foreign_key_violation: no such round
		return bot.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("postgres: saving quiz poll: %w", err)
	}
	return nil
}

// DailyChats implements bot.DailyStore.
func (s *Store) DailyChats(ctx context.Context) (out []bot.DailyChat, err error) {
	defer func(start time.Time) { s.done("DailyChats", start, err) }(time.Now())
	if out, err = record.All(s.query(ctx, "SELECT "+record.DailyColumns+` FROM chats
		WHERE daily_enabled = 1 AND muted = 0 ORDER BY chat_key COLLATE "C"`), record.ScanDaily); err != nil {
		return nil, fmt.Errorf("postgres: reading daily chats: %w", err)
	}
	return out, nil
}

// ClaimDaily implements bot.DailyStore: one upsert takes the claim when the day's fact
// is neither sent nor claimed under a lease still running, so of replicas racing for a
// chat exactly one wins, and a claim whose holder died runs out after lease.
func (s *Store) ClaimDaily(ctx context.Context, chatKey, localDate, factID string, lease time.Duration) (claimed bool, err error) {
	defer func(start time.Time) { s.done("ClaimDaily", start, err) }(time.Now())
	if lease <= 0 {
		lease = bot.DefaultDailyLease
	}
	tag, err := s.pool.Exec(ctx, `INSERT INTO chats AS c (chat_key, daily_claim_on, daily_claim_fact, daily_claim_until)
		VALUES ($1, $2, $3, `+nowMS+` + $4)
		ON CONFLICT (chat_key) DO UPDATE SET daily_claim_on = excluded.daily_claim_on,
			daily_claim_fact = excluded.daily_claim_fact, daily_claim_until = excluded.daily_claim_until
		WHERE c.daily_last_sent < $2 AND NOT (c.daily_claim_on = $2 AND c.daily_claim_until > `+nowMS+`)`,
		chatKey, localDate, factID, lease.Milliseconds())
	if err != nil {
		return false, fmt.Errorf("postgres: claiming the daily fact: %w", err)
	}
	return tag.RowsAffected() == 1, nil
}

// DailySent implements bot.DailyStore: the day is marked sent, and the claimed fact
// remembered so that it is not picked again.
func (s *Store) DailySent(ctx context.Context, chatKey, localDate string) (err error) {
	defer func(start time.Time) { s.done("DailySent", start, err) }(time.Now())
	_, err = s.pool.Exec(ctx, `
WITH c AS (UPDATE chats SET daily_last_sent = $2 WHERE chat_key = $1 AND daily_last_sent < $2
           RETURNING daily_claim_on, daily_claim_fact)
INSERT INTO daily_sent (chat_key, fact_id, sent_on)
SELECT $1, daily_claim_fact, $2 FROM c WHERE daily_claim_on = $2 AND daily_claim_fact <> ''
ON CONFLICT (chat_key, fact_id) DO UPDATE SET sent_on = excluded.sent_on`, chatKey, localDate)
	if err != nil {
		return fmt.Errorf("postgres: confirming the daily fact: %w", err)
	}
	return nil
}

// DailySentFacts implements bot.DailyStore.
func (s *Store) DailySentFacts(ctx context.Context, chatKey string) (out map[string]bool, err error) {
	defer func(start time.Time) { s.done("DailySentFacts", start, err) }(time.Now())
	ids, err := record.All(s.query(ctx, "SELECT fact_id FROM daily_sent WHERE chat_key = $1", chatKey), record.ScanFactID)
	if err != nil {
		return nil, fmt.Errorf("postgres: reading daily facts: %w", err)
	}
	out = make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// LogCurator implements bot.CuratorLog.
func (s *Store) LogCurator(ctx context.Context, kind bot.CuratorKind, text, chatKind string, at time.Time) (err error) {
	defer func(start time.Time) { s.done("LogCurator", start, err) }(time.Now())
	_, err = s.pool.Exec(ctx, `INSERT INTO curator_log AS l (kind, text, chat_kind, count, first_seen, last_seen) VALUES ($1, $2, $3, 1, $4, $4)
		ON CONFLICT (kind, text, chat_kind) DO UPDATE SET count = l.count + 1, last_seen = excluded.last_seen`,
		string(kind), text, chatKind, record.Millis(at))
	if err != nil {
		return fmt.Errorf("postgres: writing the curators' log: %w", err)
	}
	return nil
}

// Unanswered implements bot.CuratorLog.
func (s *Store) Unanswered(ctx context.Context, top int) (out []bot.CuratorEntry, err error) {
	defer func(start time.Time) { s.done("Unanswered", start, err) }(time.Now())
	var limit any // NULL: no limit
	if top > 0 {
		limit = top
	}
	if out, err = record.All(s.query(ctx, "SELECT "+record.CuratorColumns+` FROM curator_log
		ORDER BY count DESC, last_seen DESC, text COLLATE "C", kind COLLATE "C", chat_kind COLLATE "C" LIMIT $1`, limit),
		record.ScanCurator); err != nil {
		return nil, fmt.Errorf("postgres: reading the curators' log: %w", err)
	}
	return out, nil
}

// pgRows is pgx's result set as record.All closes it: Close reports the error, as
// database/sql's does.
type pgRows struct{ pgx.Rows }

func (r pgRows) Close() error {
	r.Rows.Close()
	return r.Rows.Err()
}

// query opens a read for record.All.
func (s *Store) query(ctx context.Context, query string, args ...any) func() (record.ClosingRows, error) {
	return func() (record.ClosingRows, error) {
		rows, err := s.pool.Query(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		return pgRows{rows}, nil
	}
}
