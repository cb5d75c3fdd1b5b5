package bot

import (
	"context"
	"errors"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/daily"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// This file is the persistence contract of the study features (bot/study): what they
// need stored, as small interfaces. It stays in the core, part of Store, so that one
// backend implements the whole store and the storage packages need no feature:
// MemoryStore (memstore.go) keeps it in memory when no database is configured;
// bot/storage implements it on SQLite, bot/storage/postgres on PostgreSQL.

// ErrNotFound is returned for a quiz round that does not exist.
var ErrNotFound = errors.New("not found")

// The daily-fact schedule is the daily package's; these names keep the bot's API.
const (
	DefaultDailyTime = daily.DefaultTime
	DefaultDailyZone = daily.DefaultZone
)

// DailySchedule is a chat's daily-fact setting (daily.Schedule).
type DailySchedule = daily.Schedule

// QuizRound is one quiz question asked in a chat.
type QuizRound struct {
	ID        int64
	ChatKey   string
	Kind      string
	FactID    string
	Question  string         // as asked
	Lang      knowledge.Lang // the language it was asked in; its reveal uses it too
	Options   []string
	Correct   int
	CreatedAt time.Time
	Closed    bool
}

// QuizAnswer is one player's answer to a round.
type QuizAnswer struct {
	UserID   string
	UserName string
	Option   int
	Correct  bool
	At       time.Time
}

// AnswerOutcome is what happened to a quiz answer.
type AnswerOutcome int

// Outcomes of AnswerQuiz.
const (
	AnswerRecorded  AnswerOutcome = iota // first answer of this user: it counts
	AnswerDuplicate                      // the user had already answered: ignored
	AnswerClosed                         // the round was closed: ignored
)

// QuizScore is one player's record in a chat.
type QuizScore struct {
	UserID   string
	UserName string
	Answered int
	Correct  int
	Rank     int // 1-based position on the chat's leaderboard
}

// CuratorKind says why a question went to the curators' log.
type CuratorKind string

// Curator log kinds.
const (
	CuratorRefused       CuratorKind = "refused"        // nothing relevant found
	CuratorLowConfidence CuratorKind = "low-confidence" // candidates, but not sure enough to answer
	CuratorReport        CuratorKind = "report"         // a user flagged a wrong answer with /report
)

// CuratorEntry is one line of the curators' log: a normalised question (never a user id)
// and how often it came.
type CuratorEntry struct {
	Kind      CuratorKind
	Text      string
	ChatKind  string // "private", "group", "channel"
	Count     int
	FirstSeen time.Time
	LastSeen  time.Time
}

// DailyChat is a chat with the daily fact switched on.
type DailyChat struct {
	ChatKey string
	Daily   DailySchedule
}

// QuizStore keeps quiz rounds, answers and scores.
type QuizStore interface {
	// CreateQuizRound saves a new round and sets its ID.
	CreateQuizRound(ctx context.Context, r *QuizRound) error
	QuizRound(ctx context.Context, id int64) (QuizRound, error)
	// OpenQuizRound is the chat's latest round that is still open; ErrNotFound when
	// none is (a letter typed in the chat then answers nothing).
	OpenQuizRound(ctx context.Context, chatKey string) (QuizRound, error)
	// AnswerQuiz records a user's first answer to an open round; later answers are ignored.
	AnswerQuiz(ctx context.Context, roundID int64, a QuizAnswer) (AnswerOutcome, error)
	QuizAnswers(ctx context.Context, roundID int64) ([]QuizAnswer, error)
	// CloseQuizRound closes a round; closed is false when it was already closed.
	CloseQuizRound(ctx context.Context, roundID int64) (closed bool, err error)
	Leaderboard(ctx context.Context, chatKey string, limit int) ([]QuizScore, error)
	// BindQuizPoll links a platform poll ("telegram:<poll id>") to a round.
	BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error
	// QuizRoundByPoll finds the round of a poll; ErrNotFound when unknown.
	QuizRoundByPoll(ctx context.Context, pollRef string) (QuizRound, error)
	// PlayerStats is the user's record and rank; ok is false before a first answer.
	PlayerStats(ctx context.Context, chatKey, userID string) (s QuizScore, ok bool, err error)
}

// DailyStore keeps what the daily-fact scheduler needs.
type DailyStore interface {
	DailyChats(ctx context.Context) ([]DailyChat, error)
	// ClaimDaily claims the chat's fact for localDate for lease (0: DefaultDailyLease),
	// atomically: claimed is false when that day's fact was already sent (DailySent), or
	// is claimed by another replica under a lease still running. A claim not confirmed
	// within its lease (the claimer died before sending) can be claimed again.
	ClaimDaily(ctx context.Context, chatKey, localDate, factID string, lease time.Duration) (claimed bool, err error)
	// DailySent confirms the claim of localDate: the day's fact went out, and is never
	// claimed again; the claimed fact joins DailySentFacts.
	DailySent(ctx context.Context, chatKey, localDate string) error
	DailySentFacts(ctx context.Context, chatKey string) (map[string]bool, error)
}

// DefaultDailyLease is how long a daily-fact claim stands before another replica may
// take it over: long enough for a send, short enough that a dead claimer's chat still
// gets its fact within minutes.
const DefaultDailyLease = 2 * time.Minute

// Leader is a named lease at most one process holds at a time (Telegram long polling):
// Lead blocks until this process holds it or ctx ends; held is cancelled when the lease
// is lost, and release gives it up. Stores for one process grant it at once.
type Leader interface {
	Lead(ctx context.Context, name string) (held context.Context, release func(), err error)
}

// CuratorLog collects questions the bot could not answer, and user reports.
type CuratorLog interface {
	LogCurator(ctx context.Context, kind CuratorKind, text, chatKind string, at time.Time) error
	// Unanswered lists the most frequent entries, most frequent first.
	Unanswered(ctx context.Context, top int) ([]CuratorEntry, error)
}
