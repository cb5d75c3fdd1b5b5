// Package record holds what the SQLite and the PostgreSQL stores share above their SQL:
// the column lists, how a row becomes a bot record, which columns a chat update
// changes, the time encoding, the quiz ranking's visit and the inbox's replay order.
// Each store keeps its own statements, because the two dialects differ on purpose
// (placeholders, locking, collation, RETURNING), and its own error prefixes.
package record

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Row is one result row: *sql.Row, *sql.Rows, pgx.Row and pgx.Rows all scan.
type Row interface{ Scan(dest ...any) error }

// Rows is a result set: *sql.Rows and pgx.Rows both iterate so.
type Rows interface {
	Row
	Next() bool
	Err() error
}

// ClosingRows is a result set its reader closes: *sql.Rows, or pgx.Rows wrapped so that
// its Close reports the error as database/sql's does.
type ClosingRows interface {
	Rows
	Close() error
}

// Collect scans every row of rows with scan.
func Collect[T any](rows Rows, scan func(Row) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// All runs a query (query opens its result set), scans every row with scan and closes
// the result set: the whole of a store's list reads but the statement.
func All[T any](query func() (ClosingRows, error), scan func(Row) (T, error)) ([]T, error) {
	rows, err := query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return Collect(rows, scan)
}

// Millis encodes a time as the columns hold it: unix milliseconds, 0 for the zero time.
func Millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// FromMillis decodes Millis.
func FromMillis(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// Bool encodes a flag as the INTEGER columns hold it (both schemas use 0 and 1).
func Bool(b bool) int {
	if b {
		return 1
	}
	return 0
}

// NewID is a random process (replica) id: the inbox's rows held by another id are
// another process's, to take over once it is gone.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ChatColumns are the columns of a chat record. last_topic (migration 0001) is no
// longer read or written; it stays so that an older replica on the same database works.
const ChatColumns = "lang, muted, daily_enabled, daily_time, daily_zone, daily_last_sent, daily_lang, last_fact_id, last_at"

// ScanChat reads the ChatColumns of a row.
func ScanChat(r Row) (bot.Chat, error) {
	var c bot.Chat
	var lang, dailyLang string
	var muted, enabled int
	var at int64
	err := r.Scan(&lang, &muted, &enabled, &c.Daily.Time, &c.Daily.Zone, &c.Daily.LastSent, &dailyLang, &c.Last.FactID, &at)
	c.Lang, c.Daily.Lang, c.Last.At = knowledge.Lang(lang), knowledge.Lang(dailyLang), FromMillis(at)
	c.Muted, c.Daily.Enabled = muted != 0, enabled != 0
	return c, err
}

// Change is one column an update writes.
type Change struct {
	Column string
	Value  any
}

// Changes lists the columns whose values differ between before and after, so that an
// update writes only what its caller changed: rewriting a field with the value read
// could undo another process's write (daily_last_sent by DailySent, say).
func Changes(before, after bot.Chat) []Change {
	var out []Change
	add := func(changed bool, col string, v any) {
		if changed {
			out = append(out, Change{col, v})
		}
	}
	add(after.Lang != before.Lang, "lang", string(after.Lang))
	add(after.Muted != before.Muted, "muted", Bool(after.Muted))
	add(after.Daily.Enabled != before.Daily.Enabled, "daily_enabled", Bool(after.Daily.Enabled))
	add(after.Daily.Time != before.Daily.Time, "daily_time", after.Daily.Time)
	add(after.Daily.Zone != before.Daily.Zone, "daily_zone", after.Daily.Zone)
	add(after.Daily.LastSent != before.Daily.LastSent, "daily_last_sent", after.Daily.LastSent)
	add(after.Daily.Lang != before.Daily.Lang, "daily_lang", string(after.Daily.Lang))
	add(after.Last != before.Last, "last_fact_id", after.Last.FactID)
	add(after.Last != before.Last, "last_at", Millis(after.Last.At))
	return out
}

// RoundColumns are the columns of a quiz round.
const RoundColumns = "id, chat_key, kind, fact_id, question, lang, options, correct, created_at, closed"

// Prefixed qualifies a column list with a table alias ("r." + each column).
func Prefixed(alias, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, p := range parts {
		parts[i] = alias + p
	}
	return strings.Join(parts, ", ")
}

// ScanRound reads the RoundColumns of a row.
func ScanRound(r Row) (bot.QuizRound, error) {
	var q bot.QuizRound
	var opts, lang string
	var created int64
	var closed int
	if err := r.Scan(&q.ID, &q.ChatKey, &q.Kind, &q.FactID, &q.Question, &lang, &opts, &q.Correct, &created, &closed); err != nil {
		return bot.QuizRound{}, err
	}
	q.Lang, q.Closed, q.CreatedAt = knowledge.Lang(lang), closed != 0, FromMillis(created)
	if err := json.Unmarshal([]byte(opts), &q.Options); err != nil {
		return bot.QuizRound{}, fmt.Errorf("decoding quiz options: %w", err)
	}
	return q, nil
}

// Round reads the quiz round of a single-row query. noRows is the driver's "no rows"
// error: no round is bot.ErrNotFound, as bot.QuizStore promises.
func Round(r Row, noRows error) (bot.QuizRound, error) {
	q, err := ScanRound(r)
	if errors.Is(err, noRows) {
		return bot.QuizRound{}, bot.ErrNotFound
	}
	if err != nil {
		return bot.QuizRound{}, fmt.Errorf("reading quiz round: %w", err)
	}
	return q, nil
}

// AnswerColumns are the columns of a quiz answer, as ScanAnswer reads them.
const AnswerColumns = "user_id, user_name, choice, correct, answered_at"

// ScanAnswer reads the AnswerColumns of a row.
func ScanAnswer(r Row) (bot.QuizAnswer, error) {
	var a bot.QuizAnswer
	var at int64
	var correct int
	err := r.Scan(&a.UserID, &a.UserName, &a.Option, &correct, &at)
	a.Correct, a.At = correct != 0, FromMillis(at)
	return a, err
}

// Rank visits a chat's players in the order the scores query sorted them, numbering
// them from 1, until visit returns false. The query's columns are user_id, the latest
// user_name, COUNT(*) and SUM(correct).
func Rank(query func() (ClosingRows, error), visit func(bot.QuizScore) bool) error {
	rows, err := query()
	if err != nil {
		return err
	}
	defer rows.Close()
	rank := 0
	for rows.Next() {
		var sc bot.QuizScore
		var answered, correct int64
		if err := rows.Scan(&sc.UserID, &sc.UserName, &answered, &correct); err != nil {
			return err
		}
		rank++
		sc.Answered, sc.Correct, sc.Rank = int(answered), int(correct), rank
		if !visit(sc) {
			return nil
		}
	}
	return rows.Err()
}

// Leaderboard is the first limit players (all when limit <= 0) of scores.
func Leaderboard(scores func(visit func(bot.QuizScore) bool) error, limit int) ([]bot.QuizScore, error) {
	var out []bot.QuizScore
	err := scores(func(sc bot.QuizScore) bool {
		out = append(out, sc)
		return limit <= 0 || len(out) < limit
	})
	return out, err
}

// PlayerStats is userID's line of scores, and whether there is one.
func PlayerStats(scores func(visit func(bot.QuizScore) bool) error, userID string) (bot.QuizScore, bool, error) {
	var found bot.QuizScore
	ok := false
	err := scores(func(sc bot.QuizScore) bool {
		if sc.UserID == userID {
			found, ok = sc, true
			return false
		}
		return true
	})
	return found, ok, err
}

// DailyColumns are the columns of a chat's daily schedule, as ScanDaily reads them.
const DailyColumns = "chat_key, daily_enabled, daily_time, daily_zone, daily_last_sent, daily_lang"

// ScanDaily reads the DailyColumns of a row.
func ScanDaily(r Row) (bot.DailyChat, error) {
	var c bot.DailyChat
	var lang string
	var enabled int
	err := r.Scan(&c.ChatKey, &enabled, &c.Daily.Time, &c.Daily.Zone, &c.Daily.LastSent, &lang)
	c.Daily.Enabled, c.Daily.Lang = enabled != 0, knowledge.Lang(lang)
	return c, err
}

// ScanFactID reads a fact id (daily_sent's fact_id).
func ScanFactID(r Row) (string, error) {
	var id string
	err := r.Scan(&id)
	return id, err
}

// CuratorColumns are the columns of a curators' log entry, as ScanCurator reads them.
const CuratorColumns = "kind, text, chat_kind, count, first_seen, last_seen"

// ScanCurator reads the CuratorColumns of a row.
func ScanCurator(r Row) (bot.CuratorEntry, error) {
	var e bot.CuratorEntry
	var kind string
	var first, last int64
	err := r.Scan(&kind, &e.Text, &e.ChatKind, &e.Count, &first, &last)
	e.Kind, e.FirstSeen, e.LastSeen = bot.CuratorKind(kind), FromMillis(first), FromMillis(last)
	return e, err
}

// InboxKeep is how long a finished update is remembered: Telegram keeps an unconfirmed
// update for 24 hours, so a redelivery can come that late.
const InboxKeep = 48 * time.Hour

// HeldColumns are the inbox columns a take-over returns, as ScanHeld reads them.
const HeldColumns = "update_id, payload, received_at"

// Held is an update taken over from the inbox.
type Held struct {
	ID       int64
	Payload  []byte
	Received int64
}

// ScanHeld reads the HeldColumns of a row.
func ScanHeld(r Row) (Held, error) {
	var h Held
	err := r.Scan(&h.ID, &h.Payload, &h.Received)
	return h, err
}

// Replay visits updates taken over, oldest first. The stores read all of them before
// visiting: visit may write to the database, which a connection still reading the
// rows could not do.
func Replay(all []Held, visit func(id int64, payload []byte, received time.Time) error) error {
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	for _, h := range all {
		if err := visit(h.ID, h.Payload, FromMillis(h.Received)); err != nil {
			return err
		}
	}
	return nil
}
