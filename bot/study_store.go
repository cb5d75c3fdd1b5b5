package bot

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/daily"
	"github.com/cyberdiplo/cyberdiplo/bot/followup"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// This file is the persistence contract of the study-group features: what they need
// stored, as small interfaces, and the in-memory Store used when no database is
// configured. bot/storage implements the same interfaces on SQLite.

// ErrNotFound is returned for a quiz round that does not exist.
var ErrNotFound = errors.New("not found")

// The daily-fact schedule is the daily package's; these names keep the bot's API.
const (
	DefaultDailyTime = daily.DefaultTime
	DefaultDailyZone = daily.DefaultZone
)

// FollowUpWindow is how long after an answer a short follow-up ("who chaired it?")
// is read as being about that answer.
const FollowUpWindow = followup.Window

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
	// ClaimDaily marks the chat's fact for localDate as sent, atomically: claimed is
	// false when a fact was already sent that day (another replica, or before a restart).
	ClaimDaily(ctx context.Context, chatKey, localDate, factID string) (claimed bool, err error)
	DailySentFacts(ctx context.Context, chatKey string) (map[string]bool, error)
}

// CuratorLog collects questions the bot could not answer, and user reports.
type CuratorLog interface {
	LogCurator(ctx context.Context, kind CuratorKind, text, chatKind string, at time.Time) error
	// Unanswered lists the most frequent entries, most frequent first.
	Unanswered(ctx context.Context, top int) ([]CuratorEntry, error)
}

// MemoryStore is a Store in process memory (console without a database, tests). It is
// safe for concurrent use; everything is lost on restart.
type MemoryStore struct {
	mu      sync.Mutex
	chats   map[string]Chat
	rounds  []QuizRound // index = ID-1
	answers map[int64][]QuizAnswer
	sent    map[string]map[string]bool
	polls   map[string]int64
	log     map[curatorKey]*CuratorEntry
}

type curatorKey struct {
	kind           CuratorKind
	text, chatKind string
}

// NewMemoryStore returns an empty in-memory store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{chats: map[string]Chat{},
		answers: map[int64][]QuizAnswer{}, sent: map[string]map[string]bool{}, log: map[curatorKey]*CuratorEntry{},
		polls: map[string]int64{}}
}

// Chat implements ChatStore.
func (s *MemoryStore) Chat(ctx context.Context, chatKey string) (Chat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.chats[chatKey]; ok {
		return c, ctx.Err()
	}
	return NewChat(), ctx.Err()
}

// UpdateChat implements ChatStore.
func (s *MemoryStore) UpdateChat(ctx context.Context, chatKey string, fn func(*Chat)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatKey]
	if !ok {
		c = NewChat()
	}
	fn(&c)
	s.chats[chatKey] = c
	return nil
}

// CreateQuizRound implements QuizStore.
func (s *MemoryStore) CreateQuizRound(ctx context.Context, r *QuizRound) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r.ID = int64(len(s.rounds) + 1)
	cp := *r
	cp.Options = slices.Clone(r.Options)
	s.rounds = append(s.rounds, cp)
	return nil
}

func (s *MemoryStore) round(id int64) (*QuizRound, error) {
	if id < 1 || id > int64(len(s.rounds)) {
		return nil, ErrNotFound
	}
	return &s.rounds[id-1], nil
}

// QuizRound implements QuizStore.
func (s *MemoryStore) QuizRound(ctx context.Context, id int64) (QuizRound, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.round(id)
	if err != nil {
		return QuizRound{}, err
	}
	cp := *r
	cp.Options = slices.Clone(r.Options)
	return cp, ctx.Err()
}

// OpenQuizRound implements QuizStore.
func (s *MemoryStore) OpenQuizRound(ctx context.Context, chatKey string) (QuizRound, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.rounds) - 1; i >= 0; i-- {
		if r := s.rounds[i]; r.ChatKey == chatKey && !r.Closed {
			r.Options = slices.Clone(r.Options)
			return r, ctx.Err()
		}
	}
	return QuizRound{}, ErrNotFound
}

// AnswerQuiz implements QuizStore.
func (s *MemoryStore) AnswerQuiz(ctx context.Context, roundID int64, a QuizAnswer) (AnswerOutcome, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.round(roundID)
	if err != nil {
		return 0, err
	}
	if r.Closed {
		return AnswerClosed, nil
	}
	for _, prev := range s.answers[roundID] {
		if prev.UserID == a.UserID {
			return AnswerDuplicate, nil
		}
	}
	a.Correct = a.Option == r.Correct
	s.answers[roundID] = append(s.answers[roundID], a)
	return AnswerRecorded, nil
}

// QuizAnswers implements QuizStore.
func (s *MemoryStore) QuizAnswers(ctx context.Context, roundID int64) ([]QuizAnswer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers[roundID]), ctx.Err()
}

// CloseQuizRound implements QuizStore.
func (s *MemoryStore) CloseQuizRound(ctx context.Context, roundID int64) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.round(roundID)
	if err != nil {
		return false, err
	}
	was := r.Closed
	r.Closed = true
	return !was, nil
}

// scores computes the chat's leaderboard, best first: most correct, then fewest
// answers, then who got there first.
func (s *MemoryStore) scores(chatKey string) []QuizScore {
	by := map[string]*QuizScore{}
	first := map[string]time.Time{}
	for i := range s.rounds {
		r := &s.rounds[i]
		if r.ChatKey != chatKey {
			continue
		}
		for _, a := range s.answers[r.ID] {
			sc := by[a.UserID]
			if sc == nil {
				sc = &QuizScore{UserID: a.UserID}
				by[a.UserID] = sc
			}
			sc.UserName = a.UserName
			sc.Answered++
			if a.Correct {
				sc.Correct++
			}
			if t, ok := first[a.UserID]; !ok || a.At.Before(t) {
				first[a.UserID] = a.At
			}
		}
	}
	out := make([]QuizScore, 0, len(by))
	for _, sc := range by {
		out = append(out, *sc)
	}
	slices.SortFunc(out, func(a, b QuizScore) int {
		return cmp.Or(cmp.Compare(b.Correct, a.Correct), cmp.Compare(a.Answered, b.Answered),
			first[a.UserID].Compare(first[b.UserID]), cmp.Compare(a.UserID, b.UserID))
	})
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// Leaderboard implements QuizStore.
func (s *MemoryStore) Leaderboard(ctx context.Context, chatKey string, limit int) ([]QuizScore, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.scores(chatKey)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, ctx.Err()
}

// PlayerStats implements QuizStore.
func (s *MemoryStore) PlayerStats(ctx context.Context, chatKey, userID string) (QuizScore, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sc := range s.scores(chatKey) {
		if sc.UserID == userID {
			return sc, true, ctx.Err()
		}
	}
	return QuizScore{}, false, ctx.Err()
}

// BindQuizPoll implements QuizStore.
func (s *MemoryStore) BindQuizPoll(ctx context.Context, pollRef string, roundID int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.round(roundID); err != nil {
		return err
	}
	s.polls[pollRef] = roundID
	return nil
}

// QuizRoundByPoll implements QuizStore.
func (s *MemoryStore) QuizRoundByPoll(ctx context.Context, pollRef string) (QuizRound, error) {
	s.mu.Lock()
	id, ok := s.polls[pollRef]
	s.mu.Unlock()
	if !ok {
		return QuizRound{}, ErrNotFound
	}
	return s.QuizRound(ctx, id)
}

// DailyChats implements DailyStore.
func (s *MemoryStore) DailyChats(ctx context.Context) ([]DailyChat, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []DailyChat
	for k, cs := range s.chats {
		if cs.Daily.Enabled && !cs.Muted {
			out = append(out, DailyChat{ChatKey: k, Daily: cs.Daily})
		}
	}
	slices.SortFunc(out, func(a, b DailyChat) int { return cmp.Compare(a.ChatKey, b.ChatKey) })
	return out, ctx.Err()
}

// ClaimDaily implements DailyStore.
func (s *MemoryStore) ClaimDaily(ctx context.Context, chatKey, localDate, factID string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatKey]
	if !ok {
		cs = NewChat()
	}
	if cs.Daily.LastSent >= localDate {
		return false, nil
	}
	cs.Daily.LastSent = localDate
	s.chats[chatKey] = cs
	if s.sent[chatKey] == nil {
		s.sent[chatKey] = map[string]bool{}
	}
	s.sent[chatKey][factID] = true
	return true, nil
}

// DailySentFacts implements DailyStore.
func (s *MemoryStore) DailySentFacts(ctx context.Context, chatKey string) (map[string]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]bool{}
	for k := range s.sent[chatKey] {
		out[k] = true
	}
	return out, ctx.Err()
}

// LogCurator implements CuratorLog.
func (s *MemoryStore) LogCurator(ctx context.Context, kind CuratorKind, text, chatKind string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := curatorKey{kind, text, chatKind}
	e := s.log[k]
	if e == nil {
		e = &CuratorEntry{Kind: kind, Text: text, ChatKind: chatKind, FirstSeen: at}
		s.log[k] = e
	}
	e.Count++
	e.LastSeen = at
	return nil
}

// Unanswered implements CuratorLog.
func (s *MemoryStore) Unanswered(ctx context.Context, top int) ([]CuratorEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CuratorEntry, 0, len(s.log))
	for _, e := range s.log {
		out = append(out, *e)
	}
	slices.SortFunc(out, compareCurator)
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	return out, ctx.Err()
}

// compareCurator orders the curators' log: most frequent first, then most recent.
func compareCurator(a, b CuratorEntry) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), b.LastSeen.Compare(a.LastSeen),
		cmp.Compare(a.Text, b.Text), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ChatKind, b.ChatKind))
}
