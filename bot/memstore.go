package bot

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"time"
)

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
	claims  map[string]dailyClaim // by chat
	now     func() time.Time      // the clock of daily leases
}

// dailyClaim is a chat's daily fact claimed but not yet confirmed sent.
type dailyClaim struct {
	date, fact string
	until      time.Time
}

type curatorKey struct {
	kind           CuratorKind
	text, chatKind string
}

// NewMemoryStore returns an empty in-memory store.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{chats: map[string]Chat{},
		answers: map[int64][]QuizAnswer{}, sent: map[string]map[string]bool{}, log: map[curatorKey]*CuratorEntry{},
		polls: map[string]int64{}, claims: map[string]dailyClaim{}, now: time.Now}
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
func (s *MemoryStore) ClaimDaily(ctx context.Context, chatKey, localDate, factID string, lease time.Duration) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if lease <= 0 {
		lease = DefaultDailyLease
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatKey]
	if !ok {
		cs = NewChat()
	}
	now := s.now()
	if cl := s.claims[chatKey]; cs.Daily.LastSent >= localDate || cl.date == localDate && now.Before(cl.until) {
		return false, nil
	}
	s.chats[chatKey] = cs
	s.claims[chatKey] = dailyClaim{date: localDate, fact: factID, until: now.Add(lease)}
	return true, nil
}

// DailySent implements DailyStore.
func (s *MemoryStore) DailySent(ctx context.Context, chatKey, localDate string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.chats[chatKey]
	if !ok || cs.Daily.LastSent >= localDate {
		return nil
	}
	cs.Daily.LastSent = localDate
	s.chats[chatKey] = cs
	if cl := s.claims[chatKey]; cl.date == localDate && cl.fact != "" {
		if s.sent[chatKey] == nil {
			s.sent[chatKey] = map[string]bool{}
		}
		s.sent[chatKey][cl.fact] = true
	}
	return nil
}

// Lead implements Leader: one process holds every lease at once; held ends with ctx.
func (s *MemoryStore) Lead(ctx context.Context, _ string) (context.Context, func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	held, cancel := context.WithCancel(ctx)
	return held, cancel, nil
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
