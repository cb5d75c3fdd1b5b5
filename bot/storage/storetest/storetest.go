// Package storetest is the one conformance suite every chat store passes: the in-memory
// store, SQLite and PostgreSQL run the same checks, so the bot behaves the same on each
// (a chat's settings, quizzes, daily facts and the curators' log), and so do the
// adapters' inbox and the replica semantics where a store has them.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Store is what the suite checks: the bot's store and its leases.
type Store interface {
	bot.Store
	bot.Leader
}

// Inbox is the adapters' inbox, checked when a store has it.
type Inbox interface {
	HoldUpdate(ctx context.Context, platform string, id int64, payload []byte, received time.Time) (bool, error)
	FinishUpdate(ctx context.Context, platform string, id int64) error
	ReleaseUpdate(ctx context.Context, platform string, id int64) error
	PendingUpdates(ctx context.Context, platform string, visit func(id int64, payload []byte, received time.Time) error) error
}

// t0 is a fixed time at millisecond precision, which every store keeps exactly.
var t0 = time.UnixMilli(1_764_000_000_000).UTC()

// Run checks a store; open returns a new, empty store each call (closed by the caller's
// cleanup).
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s Store)
	}{
		{"ChatSettings", testChatSettings},
		{"LastAnswer", testLastAnswer},
		{"QuizRounds", testQuizRounds},
		{"Leaderboard", testLeaderboard},
		{"QuizPolls", testQuizPolls},
		{"DailyClaims", testDailyClaims},
		{"DailyLease", testDailyLease},
		{"CuratorsLog", testCuratorsLog},
		{"Inbox", testInbox},
		{"Lead", testLead},
		{"ConcurrentWriters", testConcurrentWriters},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

// RunReplicas checks several stores on one database, as replicas use it: newDB makes a
// fresh database and returns a function opening one more store on it.
func RunReplicas(t *testing.T, newDB func(t *testing.T) func() Store) {
	t.Run("SharedState", func(t *testing.T) { testSharedState(t, newDB(t)) })
	t.Run("InboxTakeover", func(t *testing.T) { testInboxTakeover(t, newDB(t)) })
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testChatSettings(t *testing.T, s Store) {
	ctx := context.Background()
	if c, err := s.Chat(ctx, "t:1"); err != nil || c != bot.NewChat() {
		t.Fatalf("a chat never seen = %+v %v, want NewChat()", c, err)
	}
	must(t, s.UpdateChat(ctx, "t:1", func(c *bot.Chat) {
		c.Lang, c.Muted = knowledge.ID, true
		c.Daily = bot.DailySchedule{Enabled: true, Time: "07:30", Zone: "Asia/Makassar", Lang: knowledge.EN}
	}))
	// A later update of one field keeps the others.
	must(t, s.UpdateChat(ctx, "t:1", func(c *bot.Chat) { c.Muted = false }))
	want := bot.Chat{Lang: knowledge.ID, Daily: bot.DailySchedule{Enabled: true, Time: "07:30", Zone: "Asia/Makassar", Lang: knowledge.EN}}
	if c, err := s.Chat(ctx, "t:1"); err != nil || c != want {
		t.Fatalf("chat = %+v %v, want %+v", c, err, want)
	}
	if c, _ := s.Chat(ctx, "t:2"); c != bot.NewChat() {
		t.Fatalf("another chat changed: %+v", c)
	}
}

func testLastAnswer(t *testing.T, s Store) {
	ctx := context.Background()
	must(t, s.UpdateChat(ctx, "t:1", func(c *bot.Chat) { c.Last = bot.LastAnswer{FactID: "gge-2015-report", At: t0} }))
	c, err := s.Chat(ctx, "t:1")
	if err != nil || c.Last.FactID != "gge-2015-report" || !c.Last.At.Equal(t0) {
		t.Fatalf("last answer = %+v %v", c.Last, err)
	}
	if c.Daily != bot.NewChat().Daily {
		t.Fatalf("recording an answer changed the daily schedule: %+v", c.Daily)
	}
}

func newRound(chat string, at time.Time) *bot.QuizRound {
	return &bot.QuizRound{ChatKey: chat, Kind: "year", FactID: "oewg-2019-2021", Question: "When?", Lang: knowledge.EN,
		Options: []string{"2017", "2019", "2021", "2023"}, Correct: 1, CreatedAt: at}
}

func testQuizRounds(t *testing.T, s Store) {
	ctx := context.Background()
	if _, err := s.OpenQuizRound(ctx, "t:1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("open round in an empty chat: %v, want ErrNotFound", err)
	}
	r1, r2 := newRound("t:1", t0), newRound("t:1", t0.Add(time.Minute))
	must(t, s.CreateQuizRound(ctx, r1))
	must(t, s.CreateQuizRound(ctx, r2))
	if r1.ID == 0 || r2.ID == r1.ID {
		t.Fatalf("round ids %d, %d", r1.ID, r2.ID)
	}
	got, err := s.QuizRound(ctx, r1.ID)
	if err != nil || got.Question != "When?" || got.Lang != knowledge.EN || !slices.Equal(got.Options, r1.Options) ||
		got.Correct != 1 || !got.CreatedAt.Equal(t0) || got.Closed || got.ChatKey != "t:1" || got.Kind != "year" {
		t.Fatalf("round = %+v %v", got, err)
	}
	if open, err := s.OpenQuizRound(ctx, "t:1"); err != nil || open.ID != r2.ID {
		t.Fatalf("open round = %d %v, want the latest %d", open.ID, err, r2.ID)
	}
	for _, c := range []struct {
		user   string
		option int
		want   bot.AnswerOutcome
	}{{"u1", 1, bot.AnswerRecorded}, {"u2", 0, bot.AnswerRecorded}, {"u1", 0, bot.AnswerDuplicate}} {
		if out, err := s.AnswerQuiz(ctx, r2.ID, bot.QuizAnswer{UserID: c.user, UserName: c.user, Option: c.option, At: t0}); err != nil || out != c.want {
			t.Fatalf("%s answers %d: %v %v, want %v", c.user, c.option, out, err, c.want)
		}
	}
	answers, err := s.QuizAnswers(ctx, r2.ID)
	if err != nil || len(answers) != 2 || answers[0].UserID != "u1" || !answers[0].Correct || answers[1].Correct || !answers[0].At.Equal(t0) {
		t.Fatalf("answers = %+v %v", answers, err)
	}
	if closed, err := s.CloseQuizRound(ctx, r2.ID); err != nil || !closed {
		t.Fatalf("close = %v %v", closed, err)
	}
	if closed, err := s.CloseQuizRound(ctx, r2.ID); err != nil || closed {
		t.Fatalf("second close = %v %v, want false", closed, err)
	}
	if out, err := s.AnswerQuiz(ctx, r2.ID, bot.QuizAnswer{UserID: "u3", Option: 1, At: t0}); err != nil || out != bot.AnswerClosed {
		t.Fatalf("answer after close = %v %v", out, err)
	}
	if open, err := s.OpenQuizRound(ctx, "t:1"); err != nil || open.ID != r1.ID {
		t.Fatalf("open round after closing the latest = %d %v, want %d", open.ID, err, r1.ID)
	}
	const missing = 1 << 40
	if _, err := s.QuizRound(ctx, missing); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("missing round: %v", err)
	}
	if _, err := s.AnswerQuiz(ctx, missing, bot.QuizAnswer{UserID: "u1", At: t0}); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("answer to a missing round: %v", err)
	}
	if _, err := s.CloseQuizRound(ctx, missing); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("closing a missing round: %v", err)
	}
}

func testLeaderboard(t *testing.T, s Store) {
	ctx := context.Background()
	// ana: 2 of 2; budi: 2 of 3; citra: 1 of 1, dewi 1 of 1 but later; eko in another chat.
	answers := map[string][]bool{"ana": {true, true}, "budi": {true, false, true}, "citra": {true}, "dewi": {true}}
	var rounds []int64
	for i := 0; i < 3; i++ {
		r := newRound("t:1", t0)
		must(t, s.CreateQuizRound(ctx, r))
		rounds = append(rounds, r.ID)
	}
	other := newRound("t:2", t0)
	must(t, s.CreateQuizRound(ctx, other))
	_, err := s.AnswerQuiz(ctx, other.ID, bot.QuizAnswer{UserID: "eko", UserName: "Eko", Option: 1, At: t0})
	must(t, err)
	for _, user := range []string{"ana", "budi", "citra", "dewi"} {
		for i, ok := range answers[user] {
			opt := 0
			if ok {
				opt = 1
			}
			at := t0.Add(time.Duration(i) * time.Minute)
			if user == "dewi" {
				at = at.Add(time.Hour)
			}
			_, err := s.AnswerQuiz(ctx, rounds[i], bot.QuizAnswer{UserID: user, UserName: "old " + user, Option: opt, At: at})
			must(t, err)
		}
	}
	// The latest display name is shown.
	r := newRound("t:1", t0)
	must(t, s.CreateQuizRound(ctx, r))
	_, err = s.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: "citra", UserName: "Citra", Option: 0, At: t0.Add(2 * time.Hour)})
	must(t, err)
	board, err := s.Leaderboard(ctx, "t:1", 0)
	must(t, err)
	var got []string
	for _, sc := range board {
		got = append(got, fmt.Sprintf("%d %s %s %d/%d", sc.Rank, sc.UserID, sc.UserName, sc.Correct, sc.Answered))
	}
	want := []string{"1 ana old ana 2/2", "2 budi old budi 2/3", "3 dewi old dewi 1/1", "4 citra Citra 1/2"}
	if !slices.Equal(got, want) {
		t.Fatalf("leaderboard\n got %q\nwant %q", got, want)
	}
	if top, err := s.Leaderboard(ctx, "t:1", 2); err != nil || len(top) != 2 || top[1].UserID != "budi" {
		t.Fatalf("top 2 = %+v %v", top, err)
	}
	if st, ok, err := s.PlayerStats(ctx, "t:1", "dewi"); err != nil || !ok || st.Rank != 3 || st.Correct != 1 {
		t.Fatalf("dewi's stats = %+v %v %v", st, ok, err)
	}
	if _, ok, err := s.PlayerStats(ctx, "t:1", "eko"); err != nil || ok {
		t.Fatalf("a player of another chat has stats here: %v %v", ok, err)
	}
}

func testQuizPolls(t *testing.T, s Store) {
	ctx := context.Background()
	r1, r2 := newRound("t:1", t0), newRound("t:1", t0)
	must(t, s.CreateQuizRound(ctx, r1))
	must(t, s.CreateQuizRound(ctx, r2))
	must(t, s.BindQuizPoll(ctx, "telegram:p1", r1.ID))
	if got, err := s.QuizRoundByPoll(ctx, "telegram:p1"); err != nil || got.ID != r1.ID || !slices.Equal(got.Options, r1.Options) {
		t.Fatalf("round by poll = %+v %v", got, err)
	}
	must(t, s.BindQuizPoll(ctx, "telegram:p1", r2.ID))
	if got, err := s.QuizRoundByPoll(ctx, "telegram:p1"); err != nil || got.ID != r2.ID {
		t.Fatalf("rebound poll = %d %v, want %d", got.ID, err, r2.ID)
	}
	if _, err := s.QuizRoundByPoll(ctx, "telegram:unknown"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("unknown poll: %v", err)
	}
	if err := s.BindQuizPoll(ctx, "telegram:p2", 1<<40); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("poll bound to a missing round: %v", err)
	}
}

func testDailyClaims(t *testing.T, s Store) {
	ctx := context.Background()
	on := func(c *bot.Chat) { c.Daily.Enabled = true }
	must(t, s.UpdateChat(ctx, "a", on))
	must(t, s.UpdateChat(ctx, "b", on))
	must(t, s.UpdateChat(ctx, "b", func(c *bot.Chat) { c.Muted = true }))
	must(t, s.UpdateChat(ctx, "c", func(c *bot.Chat) { c.Lang = knowledge.EN }))
	chats, err := s.DailyChats(ctx)
	if err != nil || len(chats) != 1 || chats[0].ChatKey != "a" || !chats[0].Daily.Enabled || chats[0].Daily.Time != bot.DefaultDailyTime {
		t.Fatalf("daily chats = %+v %v: only unmuted chats with the daily fact on", chats, err)
	}
	claim := func(date, fact string, want bool) {
		t.Helper()
		if ok, err := s.ClaimDaily(ctx, "a", date, fact, time.Hour); err != nil || ok != want {
			t.Fatalf("claim %s %s = %v %v, want %v", date, fact, ok, err, want)
		}
	}
	claim("2026-11-24", "f1", true)
	claim("2026-11-24", "f2", false) // claimed, lease running
	must(t, s.DailySent(ctx, "a", "2026-11-24"))
	claim("2026-11-24", "f2", false) // sent
	claim("2026-11-23", "f0", false) // an earlier day
	claim("2026-11-25", "f3", true)
	must(t, s.DailySent(ctx, "a", "2026-11-25"))
	sent, err := s.DailySentFacts(ctx, "a")
	if err != nil || len(sent) != 2 || !sent["f1"] || !sent["f3"] {
		t.Fatalf("sent facts = %v %v, want f1 and f3", sent, err)
	}
	if c, _ := s.Chat(ctx, "a"); c.Daily.LastSent != "2026-11-25" || !c.Daily.Enabled {
		t.Fatalf("daily after sends = %+v", c.Daily)
	}
	// A chat never seen can be claimed (the record appears), and confirmed.
	if ok, err := s.ClaimDaily(ctx, "new", "2026-11-24", "f1", 0); err != nil || !ok {
		t.Fatalf("claim for a new chat = %v %v", ok, err)
	}
}

func testDailyLease(t *testing.T, s Store) {
	ctx := context.Background()
	const lease = 30 * time.Millisecond
	if ok, err := s.ClaimDaily(ctx, "a", "2026-11-24", "f1", lease); err != nil || !ok {
		t.Fatalf("claim = %v %v", ok, err)
	}
	// The claimer dies without confirming: once the lease runs out, the claim is taken again.
	for {
		ok, err := s.ClaimDaily(ctx, "a", "2026-11-24", "f2", time.Hour)
		must(t, err)
		if ok {
			break
		}
		time.Sleep(lease / 3)
	}
	must(t, s.DailySent(ctx, "a", "2026-11-24"))
	sent, err := s.DailySentFacts(ctx, "a")
	if err != nil || len(sent) != 1 || !sent["f2"] {
		t.Fatalf("sent facts = %v %v, want only f2 (f1's claim lapsed unsent)", sent, err)
	}
	time.Sleep(2 * lease)
	if ok, err := s.ClaimDaily(ctx, "a", "2026-11-24", "f3", lease); err != nil || ok {
		t.Fatalf("a confirmed day was claimed again: %v %v", ok, err)
	}
}

func testCuratorsLog(t *testing.T, s Store) {
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		must(t, s.LogCurator(ctx, bot.CuratorLowConfidence, "kapan oewg dibentuk", "group", t0.Add(time.Duration(i)*time.Minute)))
	}
	must(t, s.LogCurator(ctx, bot.CuratorReport, "wrong date", "private", t0))
	must(t, s.LogCurator(ctx, bot.CuratorRefused, "cuaca", "private", t0.Add(time.Hour)))
	must(t, s.LogCurator(ctx, bot.CuratorRefused, "cuaca", "group", t0))
	all, err := s.Unanswered(ctx, 0)
	must(t, err)
	var got []string
	for _, e := range all {
		got = append(got, fmt.Sprintf("%s|%s|%s|%d", e.Kind, e.Text, e.ChatKind, e.Count))
	}
	want := []string{"low-confidence|kapan oewg dibentuk|group|3", "refused|cuaca|private|1", "refused|cuaca|group|1", "report|wrong date|private|1"}
	if !slices.Equal(got, want) {
		t.Fatalf("log\n got %q\nwant %q", got, want)
	}
	if !all[0].FirstSeen.Equal(t0) || !all[0].LastSeen.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("first/last seen = %v %v", all[0].FirstSeen, all[0].LastSeen)
	}
	if top, err := s.Unanswered(ctx, 2); err != nil || len(top) != 2 {
		t.Fatalf("top 2 = %+v %v", top, err)
	}
}

func pending(t *testing.T, in Inbox) []int64 {
	t.Helper()
	var got []int64
	must(t, in.PendingUpdates(context.Background(), "telegram", func(id int64, payload []byte, _ time.Time) error {
		if string(payload) != fmt.Sprintf(`{"update_id":%d}`, id) {
			t.Errorf("update %d: payload %s", id, payload)
		}
		got = append(got, id)
		return nil
	}))
	return got
}

func hold(t *testing.T, in Inbox, id int64, want bool) {
	t.Helper()
	fresh, err := in.HoldUpdate(context.Background(), "telegram", id, []byte(fmt.Sprintf(`{"update_id":%d}`, id)), t0)
	if err != nil || fresh != want {
		t.Fatalf("hold %d = %v %v, want %v", id, fresh, err, want)
	}
}

func testInbox(t *testing.T, s Store) {
	in, ok := s.(Inbox)
	if !ok {
		t.Skip("this store keeps no inbox")
	}
	ctx := context.Background()
	for id := int64(1); id <= 3; id++ {
		hold(t, in, id, true)
	}
	hold(t, in, 2, false) // a redelivery
	must(t, in.FinishUpdate(ctx, "telegram", 1))
	hold(t, in, 1, false) // finished recently: still a redelivery
	must(t, in.ReleaseUpdate(ctx, "telegram", 3))
	hold(t, in, 3, true) // released: the platform delivers it again
	if fresh, err := in.HoldUpdate(ctx, "discord", 2, []byte("{}"), t0); err != nil || !fresh {
		t.Fatalf("the same id on another platform = %v %v", fresh, err)
	}
	// This store's own in-flight updates are not handed back by a sweep.
	if got := pending(t, in); len(got) != 0 {
		t.Fatalf("a sweep handed back this store's own updates: %v", got)
	}
}

func testLead(t *testing.T, s Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	held, release, err := s.Lead(ctx, "telegram-poll")
	must(t, err)
	if held.Err() != nil {
		t.Fatal("lease lost at once")
	}
	release()
	<-held.Done()
	held, release, err = s.Lead(ctx, "telegram-poll")
	must(t, err)
	defer release()
	cancel()
	<-held.Done() // the lease ends with the caller's context
	if _, _, err := s.Lead(ctx, "telegram-poll"); err == nil {
		t.Fatal("Lead with a cancelled context succeeded")
	}
}

func testConcurrentWriters(t *testing.T, s Store) {
	ctx := context.Background()
	r := newRound("t:1", t0)
	must(t, s.CreateQuizRound(ctx, r))
	const workers, each = 8, 10
	var wg sync.WaitGroup
	var mu sync.Mutex
	claims, recorded := 0, 0
	errs := make(chan error, workers*each*4)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				user := fmt.Sprintf("u%d", i) // every worker answers for the same users
				out, err := s.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: user, UserName: user, Option: 1, At: t0})
				if err != nil {
					errs <- err
				}
				ok, err := s.ClaimDaily(ctx, fmt.Sprintf("d%d", i), "2026-11-24", "f", time.Hour)
				if err != nil {
					errs <- err
				}
				mu.Lock()
				if out == bot.AnswerRecorded {
					recorded++
				}
				if ok {
					claims++
				}
				mu.Unlock()
				if err := s.LogCurator(ctx, bot.CuratorRefused, "cuaca", "group", t0); err != nil {
					errs <- err
				}
				// Each worker sets its own field of one chat: none may undo another's.
				err = s.UpdateChat(ctx, "shared", func(c *bot.Chat) {
					switch w % 3 {
					case 0:
						c.Lang = knowledge.ID
					case 1:
						c.Muted = true
					case 2:
						c.Daily.Enabled = true
					}
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if recorded != each || claims != each {
		t.Fatalf("%d answers recorded and %d daily claims won, want %d each (one per user, one per chat)", recorded, claims, each)
	}
	if log, err := s.Unanswered(ctx, 0); err != nil || len(log) != 1 || log[0].Count != workers*each {
		t.Fatalf("curators' log = %+v %v, want one entry counted %d times", log, err, workers*each)
	}
	if c, err := s.Chat(ctx, "shared"); err != nil || c.Lang != knowledge.ID || !c.Muted || !c.Daily.Enabled {
		t.Fatalf("shared chat = %+v %v: a concurrent update was lost", c, err)
	}
}

func closeStore(t *testing.T, s Store) {
	t.Helper()
	if c, ok := s.(io.Closer); ok {
		must(t, c.Close())
	}
}

func testSharedState(t *testing.T, open func() Store) {
	ctx := context.Background()
	a, b := open(), open()
	// Settings through one replica hold on the other at once.
	must(t, a.UpdateChat(ctx, "t:1", func(c *bot.Chat) { c.Lang, c.Muted = knowledge.ID, true }))
	if c, err := b.Chat(ctx, "t:1"); err != nil || c.Lang != knowledge.ID || !c.Muted {
		t.Fatalf("the other replica reads %+v %v", c, err)
	}
	// A quiz started through one replica and answered through both is scored once.
	r := newRound("t:1", t0)
	must(t, a.CreateQuizRound(ctx, r))
	if out, err := b.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: "u1", UserName: "Ayu", Option: 1, At: t0}); err != nil || out != bot.AnswerRecorded {
		t.Fatalf("answer through b = %v %v", out, err)
	}
	if out, err := a.AnswerQuiz(ctx, r.ID, bot.QuizAnswer{UserID: "u1", UserName: "Ayu", Option: 1, At: t0}); err != nil || out != bot.AnswerDuplicate {
		t.Fatalf("the same answer through a = %v %v, want a duplicate", out, err)
	}
	la, err := a.Leaderboard(ctx, "t:1", 0)
	must(t, err)
	lb, err := b.Leaderboard(ctx, "t:1", 0)
	must(t, err)
	if !slices.Equal(la, lb) || len(la) != 1 || la[0].Correct != 1 {
		t.Fatalf("leaderboards differ: %+v vs %+v", la, lb)
	}
	// One daily claim between them.
	okA, err := a.ClaimDaily(ctx, "t:1", "2026-11-24", "f1", time.Hour)
	must(t, err)
	okB, err := b.ClaimDaily(ctx, "t:1", "2026-11-24", "f2", time.Hour)
	must(t, err)
	if !okA || okB {
		t.Fatalf("claims a=%v b=%v, want a only", okA, okB)
	}
}

func testInboxTakeover(t *testing.T, open func() Store) {
	a := open()
	ia, ok := a.(Inbox)
	if !ok {
		t.Skip("this store keeps no inbox")
	}
	b := open()
	ib := b.(Inbox)
	for id := int64(1); id <= 4; id++ {
		hold(t, ia, id, true)
	}
	hold(t, ib, 2, false) // the same update reaching the second replica
	must(t, ia.FinishUpdate(context.Background(), "telegram", 1))
	closeStore(t, a) // a stops with 2, 3 and 4 unanswered
	if got := pending(t, ib); !slices.Equal(got, []int64{2, 3, 4}) {
		t.Fatalf("taken over by b: %v, want [2 3 4]", got)
	}
	// Taken over, they are b's own: a later sweep does not hand them out again.
	if again := pending(t, ib); len(again) != 0 {
		t.Fatalf("swept again: %v", again)
	}
}
